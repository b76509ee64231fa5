"""Write N realistic plans for the benchmarks, the same bytes every time.

The plans are assembled from the pieces of the real plans in plans/: their
activity titles, "När" texts (years moved into the new plan's period), repeat
rhythms, parties, goals, causes, indicators and log notes. Each generated plan
has about 100 activities (``--activities``) in 5-8 areas, a status history up
to the as-of date, indicators with targets and measurements, follow-up items,
and now and then an action plan that points at the agreement before it
(``parent``), so the corpus rules have work to do too.

The text is written the way coordinators write it (flow mappings for log
entries, folded blocks for long texts, comments), not by a YAML dumper.

    python bench/generate.py 290 bench/corpus/plans-290
    python bench/generate.py 1 bench/corpus/big --activities 1000
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import re
import shutil
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
REAL_PLANS = ROOT / "plans"
AS_OF = dt.date(2026, 11, 22)  # the runner passes the same date as --as-of
ASSESSMENTS = ["green", "green", "yellow", "red"]

# Real kommuner; a corpus larger than this list numbers the plans apart.
MUNICIPALITIES = (
    "Ale",
    "Alingsås",
    "Arvika",
    "Avesta",
    "Bollnäs",
    "Borlänge",
    "Borås",
    "Botkyrka",
    "Eskilstuna",
    "Falun",
    "Gävle",
    "Gotland",
    "Halmstad",
    "Haninge",
    "Helsingborg",
    "Hudiksvall",
    "Härnösand",
    "Jönköping",
    "Kalmar",
    "Karlskrona",
    "Karlstad",
    "Kiruna",
    "Kristianstad",
    "Kungsbacka",
    "Landskrona",
    "Lidköping",
    "Linköping",
    "Ljusdal",
    "Luleå",
    "Lund",
    "Malmö",
    "Mora",
    "Motala",
    "Norrköping",
    "Nyköping",
    "Nässjö",
    "Piteå",
    "Sandviken",
    "Skellefteå",
    "Skövde",
    "Sollentuna",
    "Sundsvall",
    "Södertälje",
    "Trelleborg",
    "Trollhättan",
    "Uddevalla",
    "Umeå",
    "Uppsala",
    "Varberg",
    "Visby",
    "Värnamo",
    "Västervik",
    "Västerås",
    "Växjö",
    "Ystad",
    "Örebro",
    "Örnsköldsvik",
    "Östersund",
)


def slug(text: str) -> str:
    table = str.maketrans("åäöÅÄÖéÉ", "aaoaaoee")
    words = re.findall(r"[a-z0-9]+", text.lower().translate(table))
    return "-".join(words[:5]) or "x"


# --- the pieces, from the real plans ----------------------------------------------


@dataclass
class Pieces:
    """Everything the generator draws from, harvested from plans/*.yaml."""

    titles: list[str] = field(default_factory=list)
    one_off_whens: list[tuple[str, int]] = field(default_factory=list)  # (text, years after start)
    rhythms: list[tuple[str | None, Any]] = field(default_factory=list)  # (when, repeat)
    methods: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    area_titles: list[str] = field(default_factory=list)
    backgrounds: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    causes: list[str] = field(default_factory=list)
    units: list[tuple[str, str, str]] = field(default_factory=list)  # (key, name, type)
    indicators: list[tuple[str, str | None]] = field(default_factory=list)  # (name, source)
    follow_ups: list[tuple[str, Any]] = field(default_factory=list)  # (title, schedule)
    bodies: list[tuple[str, str]] = field(default_factory=list)  # (name, type)


_YEAR = re.compile(r"\b(20\d\d)(/\d\d)?\b")


def _harvest() -> Pieces:
    pieces = Pieces()
    for path in sorted(REAL_PLANS.glob("*.yaml")):
        plan = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        start = int(plan["period"]["start"][:4])
        for key, party in plan.get("parties", {}).items():
            if party.get("type") not in ("municipality", "police"):
                pieces.units.append((key, party["name"], party["type"]))
        for body in plan.get("bodies", []):
            pieces.bodies.append((body["name"], body["type"]))
        for item in plan.get("follow_up", []):
            pieces.follow_ups.append((" ".join(item["title"].split()), _typed(item["schedule"])))
        situation = plan.get("situation") or {}
        pieces.problems += [s["text"] for s in situation.get("problems", [])]
        pieces.causes += [s["text"] for s in situation.get("causes", [])]
        goals = plan.get("goals", []) + [g for a in plan["areas"] for g in a.get("goals", [])]
        pieces.goals += [" ".join(g["text"].split()) for g in goals]
        indicators = plan.get("indicators", [])
        indicators += [i for a in plan["areas"] for i in a.get("indicators", [])]
        pieces.indicators += [(i["name"], i.get("source")) for i in indicators]
        for area in plan["areas"]:
            pieces.area_titles.append(area["title"])
            if area.get("background"):
                pieces.backgrounds.append(" ".join(area["background"].split()))
            for act in area["activities"]:
                pieces.titles.append(" ".join(act["title"].split()))
                if act.get("method"):
                    pieces.methods.append(" ".join(act["method"].split()))
                pieces.notes += [e["note"] for e in act.get("log", []) if e.get("note")]
                when = act.get("when")
                if act.get("repeat") is not None:
                    pieces.rhythms.append((when, _typed(act["repeat"])))
                elif when:
                    pieces.one_off_whens.append(_relative_when(when, start))
    for name in ("titles", "area_titles", "goals", "problems", "causes", "notes"):
        values = getattr(pieces, name)
        if not values:
            raise SystemExit(f"bench/generate.py: the real plans in {REAL_PLANS} have no {name}")
        setattr(pieces, name, sorted(set(values)))
    return pieces


def _typed(value: Any) -> Any:
    """BaseLoader reads every scalar as text; numbers in a rhythm are written as numbers."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return int(value) if isinstance(value, str) and value.isdigit() else value


def _relative_when(when: str, start: int) -> tuple[str, int]:
    """`Under hösten 2012` in a 2012 plan -> (`Under hösten {0}`, 0): a year offset."""
    offsets: list[int] = []

    def mark(match: re.Match[str]) -> str:
        offsets.append(int(match.group(1)) - start)
        slot = f"{{{len(offsets) - 1}}}"
        return slot + ("/{next}" if match.group(2) else "")

    return _YEAR.sub(mark, when), max(offsets, default=0)


# --- writing YAML by hand ----------------------------------------------------------

_NOT_TEXT = re.compile(
    r"^(?:[-+]?[0-9][0-9_.:eE+-]*|~|null|true|false|yes|no|on|off|y|n|\.inf|\.nan)$", re.I
)
_PLAIN_START = re.compile(r"^[^-?:,\[\]{}#&*!|>'\"%@`\s]")


def q(text: str, *, flow: bool = False) -> str:
    """A scalar as a coordinator would write it: plain when YAML keeps it text."""
    plain = (
        _PLAIN_START.match(text)
        and not _NOT_TEXT.match(text)
        and ": " not in text
        and " #" not in text
        and not text.endswith((":", " "))
        and not (flow and any(c in text for c in ",[]{}"))
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def flow_map(items: dict[str, Any]) -> str:
    parts = []
    for key, value in items.items():
        if isinstance(value, list):
            shown = "[" + ", ".join(str(v) for v in value) + "]"
        elif isinstance(value, dt.date):
            shown = value.isoformat()  # unquoted, as people write dates
        elif isinstance(value, str):
            shown = q(value, flow=True)
        else:
            shown = str(value)
        parts.append(f"{key}: {shown}")
    return "{" + ", ".join(parts) + "}"


def folded(key: str, text: str, indent: int) -> list[str]:
    pad = " " * indent
    body = textwrap.wrap(text, width=max(40, 88 - indent))
    return [f"{pad}{key}: >-", *(f"{pad}  {line}" for line in body)]


# --- one plan -------------------------------------------------------------------


@dataclass
class Context:
    rng: random.Random
    pieces: Pieces
    start: dt.date
    end: dt.date
    party_keys: list[str]


def _date_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    if last <= first:
        return first
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _entry(ctx: Context, day: dt.date, status: str, indent: int) -> str:
    rng = ctx.rng
    entry: dict[str, Any] = {"date": day, "status": status}
    if rng.random() < 0.4:
        entry["by"] = rng.choice(ctx.party_keys)
    if status == "cancelled" or rng.random() < 0.4:
        entry["note"] = rng.choice(ctx.pieces.notes)
    if rng.random() < 0.2:
        entry["assessment"] = rng.choice(ASSESSMENTS)
    return f"{' ' * indent}- {flow_map(entry)}"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _windows(ctx: Context, repeat: dict[str, Any]) -> list[tuple[dt.date, dt.date]]:
    """The windows of a rhythm in the plan period that closed by the as-of date."""
    windows: list[tuple[int, int, int, int]] = []  # (year, first month, year, last month)
    years = range(ctx.start.year, ctx.end.year + 1)
    if "per_year" in repeat:
        n = repeat["per_year"]
        for y in years:
            cuts = [round(12 * k / n) for k in range(n + 1)]
            windows += [(y, a + 1, y, max(a + 1, b)) for a, b in itertools.pairwise(cuts)]
    elif "months" in repeat:
        windows = [(y, m, y, m) for y in years for m in repeat["months"]]
    elif "every_months" in repeat:
        n, month = repeat["every_months"], ctx.start.month - 1 + ctx.start.year * 12
        while month // 12 <= ctx.end.year:
            last = month + n - 1
            windows.append((month // 12, month % 12 + 1, last // 12, last % 12 + 1))
            month += n
    elif "every_years" in repeat:
        windows = [
            (y, 1, y, 12) for y in range(repeat["from"], ctx.end.year + 1, repeat["every_years"])
        ]
    skip = set(repeat.get("except_months", []))
    closed = min(AS_OF, ctx.end)
    return [
        (dt.date(y1, m1, 1), _month_end(y2, m2))
        for y1, m1, y2, m2 in windows
        if m2 not in skip and ctx.start <= dt.date(y1, m1, 1) and _month_end(y2, m2) <= closed
    ]


def _recurring_log(ctx: Context, repeat: Any, indent: int) -> list[str]:
    """Mostly kept up: a `done` entry in about nine windows out of ten."""
    rng = ctx.rng
    if repeat == "continuous" or "weekdays" in repeat:
        last = min(AS_OF, ctx.end)
        days = sorted(
            {_date_between(rng, ctx.start, last) for _ in range(rng.choice([0, 1, 2, 3]))}
        )
        return [_entry(ctx, day, "ongoing", indent) for day in days if ctx.start <= last]
    lines = []
    for first, last in _windows(ctx, repeat):
        if rng.random() < 0.9:
            lines.append(_entry(ctx, _date_between(rng, first, last), "done", indent))
    if lines and rng.random() < 0.04:
        lines.append(_entry(ctx, min(AS_OF, ctx.end), "paused", indent))
    return lines


def _one_off_log(ctx: Context, due: dt.date | None, indent: int) -> list[str]:
    """Started some months before the due date; most are done in time, some late."""
    rng = ctx.rng
    if due is None:
        return []
    begun = max(ctx.start, due - dt.timedelta(days=rng.randint(60, 300)))
    if begun > AS_OF or rng.random() < 0.2:
        return []
    lines = [_entry(ctx, begun, "ongoing", indent)]
    if due >= AS_OF:
        return lines
    outcome = rng.random()
    finished = _date_between(rng, max(begun, due - dt.timedelta(days=45)), due)
    if outcome < 0.78:
        lines.append(_entry(ctx, finished, "done", indent))
    elif outcome < 0.86:
        lines.append(_entry(ctx, finished, "cancelled", indent))
    return lines


def _timing(ctx: Context) -> tuple[list[str], Any, dt.date | None]:
    """The `when`/`due`/`repeat` lines of an activity, its rhythm and (about) its due date."""
    rng = ctx.rng
    years = ctx.end.year - ctx.start.year
    pick = rng.random()
    if pick < 0.30 and ctx.pieces.rhythms:
        when, repeat = rng.choice(ctx.pieces.rhythms)
        lines = [f"        when: {q(when)}"] if when else []
        shown = repeat if isinstance(repeat, str) else flow_map(repeat)
        lines.append(f"        repeat: {shown}")
        return lines, repeat, None
    if pick < 0.55:
        due = _date_between(rng, ctx.start + dt.timedelta(days=60), ctx.end)
        lines = [f"        due: {due.isoformat()}"]
        if rng.random() < 0.3:
            first = max(ctx.start, due - dt.timedelta(days=240))
            lines.insert(0, f"        start: {first.isoformat()}")
        return lines, None, due
    pattern, span = rng.choice(ctx.pieces.one_off_whens)
    offset = rng.randint(0, max(0, years - span))
    year = ctx.start.year + offset
    text = pattern.format(*(year + k for k in range(span + 1)), next=f"{(year + 1) % 100:02d}")
    dated = text != pattern or "{next}" in pattern
    return [f"        when: {q(text)}"], None, dt.date(year + span, 12, 31) if dated else None


def _activity(ctx: Context, ident: str, goals: list[str], causes: list[str]) -> list[str]:
    rng = ctx.rng
    title = rng.choice(ctx.pieces.titles)
    responsible = rng.sample(ctx.party_keys, k=rng.choice([1, 1, 1, 2]))
    others = [k for k in ctx.party_keys if k not in responsible]
    partners = rng.sample(others, k=min(len(others), rng.choice([0, 1, 2, 3])))
    lines = [f"      - id: {ident}", f"        title: {q(title)}"]
    if goals and rng.random() < 0.8:
        lines.append(f"        goals: [{', '.join(rng.sample(goals, k=min(2, len(goals))))}]")
    if causes and rng.random() < 0.5:
        lines.append(f"        causes: [{rng.choice(causes)}]")
    lines.append(f"        responsible: [{', '.join(responsible)}]")
    if partners:
        lines.append(f"        partners: [{', '.join(partners)}]")
    timing, repeat, due = _timing(ctx)
    lines += timing
    if ctx.pieces.methods and rng.random() < 0.25:
        lines.append(f"        method: {q(rng.choice(ctx.pieces.methods))}")
    if rng.random() < 0.1:
        lines.append("        citizen_promise: true")
    if repeat is not None:
        log = _recurring_log(ctx, repeat, indent=10)
    else:
        log = _one_off_log(ctx, due, indent=10)
    if log:
        lines += ["        log:", *log]
    return lines


def _indicator(ctx: Context, ident: str, indent: str) -> list[str]:
    rng = ctx.rng
    name, source = rng.choice(ctx.pieces.indicators or [("Andel otrygga invånare", "NTU")])
    unit = rng.choice(["percent", "count"])
    direction = rng.choice(["decrease", "decrease", "increase"])
    base_year = ctx.start.year - 1
    base = rng.randint(10, 300) if unit == "count" else rng.randint(5, 60)
    lines = [
        f"{indent}- id: {ident}",
        f"{indent}  name: {q(name)}",
        *([f"{indent}  source: {q(source)}"] if source else []),
        f"{indent}  unit: {unit}",
        f"{indent}  direction: {direction}",
        f"{indent}  baseline: {{year: {base_year}, value: {base}}}",
    ]
    sign = -1 if direction == "decrease" else 1
    target: dict[str, Any] = rng.choice(
        [
            {"value": base + sign * max(1, base // 5), "year": ctx.end.year},
            {"change_pct_per_year": sign * rng.choice([5, 10, 15]), "mode": "compound"},
            {"factor": 1.5 if sign > 0 else 0.8, "relative_to": "baseline"},
        ]
    )
    lines.append(f"{indent}  target: {flow_map(target)}")
    lines.append(f"{indent}  values:")
    for year in range(base_year - 1, min(AS_OF.year, ctx.end.year) + 1):
        value = max(0, base + rng.randint(-base // 4 - 1, base // 4 + 1))
        lines.append(f"{indent}    - {flow_map({'year': year, 'value': value})}")
    return lines


def _identity(index: int, seed: int) -> tuple[str, dt.date, dt.date]:
    """Plan id and period of plan number `index`; about one plan in ten has expired."""
    rng = random.Random(f"samplan-bench-{seed}-{index}-period")
    start = dt.date(rng.choice([2023, 2024, 2025, 2025, 2026, 2026]), 1, 1)
    end = dt.date(start.year + rng.choice([1, 2, 2, 3]), 12, 31)
    kommun = MUNICIPALITIES[index % len(MUNICIPALITIES)]
    return f"{slug(kommun)}-{start.year}-{index + 1:04d}", start, end


def plan_text(index: int, activities: int, seed: int, pieces: Pieces) -> tuple[str, str]:
    """The file name and text of plan number `index` (0-based)."""
    rng = random.Random(f"samplan-bench-{seed}-{index}")
    kommun = MUNICIPALITIES[index % len(MUNICIPALITIES)]
    plan_id, start, end = _identity(index, seed)
    # Every fifth plan is an action plan under the agreement written just before it.
    parent = _identity(index - 1, seed)[0] if index % 5 == 4 else None
    units = rng.sample(pieces.units, k=min(len(pieces.units), rng.randint(5, 10)))
    parties: dict[str, tuple[str, str, str | None]] = {
        "kommun": (f"{kommun} kommun", "municipality", None)
    }
    parties["polis"] = (f"Polismyndigheten, Lokalpolisområde {kommun}", "police", None)
    for key, name, kind in units:
        if key not in parties:
            parties[key] = (name, kind, "kommun" if kind == "municipal_unit" else None)
    ctx = Context(rng, pieces, start, end, list(parties))

    out = [
        "# yaml-language-server: $schema=../../../schema/samplan.schema.json",
        f"# Genererad testplan {index + 1} för prestandamätning (bench/generate.py); påhittad.",
        "samplan: 1",
        f"id: {plan_id}",
        f"kind: {'action_plan' if parent else 'agreement'}",
        "title: "
        + q(
            f"Samverkansöverenskommelse för brottsförebyggande arbete i {kommun} kommun "
            f"{start.year}–{end.year}"
        ),
        "language: sv",
        f"municipality: {kommun} kommun",
        f"police_area: Lokalpolisområde {kommun}",
    ]
    if parent:
        out.append(f"parent: {parent}")
    out += [f"period: {{start: {start.isoformat()}, end: {end.isoformat()}}}", "", "parties:"]
    for key, (name, kind, part_of) in parties.items():
        info = {"name": name, "type": kind, **({"part_of": part_of} if part_of else {})}
        out.append(f"  {key}: {flow_map(info)}")
    signed = start - dt.timedelta(days=rng.randint(10, 60))
    out += [
        "",
        "signatories:",
        *(
            f"  - {flow_map({'name': role, 'party': party, 'date': signed})}"
            for role, party in (
                ("Kommunstyrelsens ordförande", "kommun"),
                ("Lokalpolisområdeschef", "polis"),
            )
        ),
        "",
        "bodies:",
        "  - id: bra",
        f"    name: Brottsförebyggande rådet i {kommun}",
        "    type: council",
        "    convener: kommun",
        "    meets: {months: [2, 5, 9, 11]}",
        "    members:",
        f"      - {flow_map({'role': 'Ordförande', 'party': 'kommun'})}",
        f"      - {flow_map({'role': 'Lokalpolisområdeschef', 'party': 'polis'})}",
        "",
        "follow_up:",
    ]
    follow_ups = rng.sample(pieces.follow_ups, k=min(3, len(pieces.follow_ups)))
    for k, (title, schedule) in enumerate(follow_ups):
        shown = schedule if isinstance(schedule, str) else flow_map(schedule)
        out += [f"  - id: uppfoljning-{k + 1}", f"    title: {q(title)}", f"    schedule: {shown}"]
        out.append("    by: bra")
        log = _recurring_log(ctx, schedule, indent=6)
        if log:
            out += ["    log:", *log]
    problems = rng.sample(pieces.problems, k=min(5, len(pieces.problems)))
    causes = rng.sample(pieces.causes, k=min(7, len(pieces.causes)))
    cause_ids = [f"orsak-{k + 1}" for k in range(len(causes))]
    out += ["", "situation:", f"  date: {(start - dt.timedelta(days=45)).isoformat()}"]
    out += folded("summary", " ".join(rng.sample(pieces.backgrounds, k=2)), 2)
    out.append("  problems:")
    for k, text in enumerate(problems):
        out += [f"    - id: problem-{k + 1}", f"      text: {q(text)}"]
    out.append("  causes:")
    for ident, text in zip(cause_ids, causes, strict=True):
        out += [f"    - id: {ident}", f"      text: {q(text)}"]
    indicator_ids = [f"indikator-{k + 1}" for k in range(6)]
    out += ["", "goals:"]
    for k in range(3):
        out += [
            f"  - id: mal-{k + 1}",
            f"    text: {q(rng.choice(pieces.goals))}",
            "    level: long_term",
            f"    indicators: [{', '.join(indicator_ids[2 * k : 2 * k + 2])}]",
        ]
    out += ["", "indicators:"]
    for ident in indicator_ids:
        out += _indicator(ctx, ident, "  ")
    out += ["", "areas:"]
    area_count = max(1, min(rng.randint(5, 8), activities))
    per_area = [activities // area_count + (a < activities % area_count) for a in range(area_count)]
    number = 0
    for a, count in enumerate(per_area):
        title = rng.choice(pieces.area_titles)
        goal_ids = [f"omr{a + 1}-mal-{k + 1}" for k in range(2)]
        out += [f"  # {a + 1}. {title}", f"  - id: omrade-{a + 1}", f"    title: {q(title)}"]
        out += folded("background", rng.choice(pieces.backgrounds), 4)
        out.append("    goals:")
        for ident in goal_ids:
            out += [f"      - id: {ident}", f"        text: {q(rng.choice(pieces.goals))}"]
        if rng.random() < 0.3:
            out.append("    indicators:")
            out += _indicator(ctx, f"omr{a + 1}-indikator", "      ")
        out.append("    activities:")
        for _ in range(count):
            number += 1
            ident = f"{slug(rng.choice(pieces.titles))}-{number}"
            out += _activity(ctx, ident, goal_ids, cause_ids)
    return f"{index + 1:04d}-{plan_id}.yaml", "\n".join(out) + "\n"


def generate(out_dir: Path, count: int, activities: int = 100, seed: int = 0) -> list[Path]:
    """Write `count` plans into a fresh `out_dir`; the same arguments give the same bytes."""
    pieces = _harvest()
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    written = []
    for index in range(count):
        name, text = plan_text(index, activities, seed, pieces)
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of plans to write")
    parser.add_argument("out_dir", type=Path, help="folder to write them to (replaced)")
    parser.add_argument("--activities", type=int, default=100, help="activities per plan")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = generate(args.out_dir, args.count, args.activities, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} plans ({size / 2**20:.1f} MiB) to {args.out_dir}")


if __name__ == "__main__":
    main()
