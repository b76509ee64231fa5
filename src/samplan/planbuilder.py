"""From the rows of a table to a plan document and its YAML text.

Areas come from the Område column or from section headings, goals from Mål,
activities from Aktivitet with their parties (`samplan.parties`) and timing
(`samplan.when`). Everything guessed or left out becomes a note for the
"Check these" list, so nothing is dropped silently.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import msgspec

from samplan.columns import Row
from samplan.messages import Msg
from samplan.model import SLUG_PATTERN, Status
from samplan.parties import PartyBook, split_parties, split_responsible
from samplan.problems import Problem
from samplan.slug import norm, slugify, unique
from samplan.statuswords import WORDS, read_status
from samplan.tables import Cell, row_list, short, text_of
from samplan.when import Timing, read_when
from samplan.yamlout import flow_mapping, flow_value, scalar

DEFAULT_AREA = {"sv": "Handlingsplan", "en": "Action plan"}
_SLUG = re.compile(SLUG_PATTERN)


class ImportOptions(msgspec.Struct, frozen=True):
    plan_id: str
    municipality: str
    title: str | None = None
    kind: str | None = None  # None: from an export's sheet Om, else action_plan
    language: str = "sv"
    police_area: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    columns: Mapping[str, str] = msgspec.field(default_factory=dict)  # field -> header text
    sheet: str | None = None
    from_plan: str | None = None  # keep only rows whose Plan column says this
    schema: str = "../schema/samplan.schema.json"


class _Activity(msgspec.Struct):
    row: str
    data: dict[str, Any]
    comment: str | None = None


class _Area(msgspec.Struct):
    id: str
    title: str
    goals: list[dict[str, str]] = msgspec.field(default_factory=list)
    activities: list[_Activity] = msgspec.field(default_factory=list)


_STATUS_ONLY = {word for words in WORDS.values() for word in words}
_CANCELLED_NOTE = {
    "sv": "Avbruten enligt tabellens statuskolumn (importerad); skriv gärna varför.",
    "en": "Cancelled according to the table's status column (imported); say why.",
}
_EMPTY_MARK = {"-", "–", "—"}  # a cell that says "none", e.g. no goal (nothing inherited)


_NUMBERED = re.compile(r"^\d+(?:\.\d+)*\.?\s+\w")


def is_heading(text: str) -> bool:
    """`2. Trygga medborgare i ett tryggt centrum`: a numbered section heading."""
    return bool(_NUMBERED.match(text)) and len(text) <= 100 and "\n" not in text


def looks_like_goal(text: str) -> bool:
    """A goal is a sentence or two of words; not prose, a label or a footnote."""
    return (
        text[:1].isalpha()
        and len(text.split()) >= 2
        and len(text) <= 300
        and not text.endswith(":")
        and text.rstrip(".").count(". ") <= 1
    )


class PlanBuilder:
    """Rows in, a plan document out: areas, goals, activities and parties, and notes."""

    def __init__(
        self,
        options: ImportOptions,
        start: dt.date,
        end: dt.date | None,
        notes: list[Msg],
        as_of: dt.date,
    ) -> None:
        self.options = options
        self.start, self.end = start, end
        self.notes = notes
        # The Status column says how things stand now: the import's as-of, within the plan.
        self.log_date = max(start, min(as_of, end)) if end is not None else max(start, as_of)
        self.causes: dict[str, dict[str, str]] = {}  # cause identity -> {id, text}
        self.statuses: dict[Status, int] = {}
        self.not_status: list[str] = []
        self.loose_comments: list[str] = []
        self.parties = PartyBook(options.municipality)
        self.areas: dict[str, _Area] = {}
        self.goal_ids: dict[str, str] = {}  # goal identity -> id
        self.activity_ids: set[str] = set()
        self.area: _Area | None = None
        self.goals: list[str] = []  # goal ids the next row inherits
        self.count = 0
        self.undated: list[str] = []
        self.no_activity: list[str] = []
        self.loose: list[str] = []  # text in one cell that is no heading, goal or activity
        self.no_responsible: list[str] = []
        self.bad_due: list[str] = []
        self.bad_repeat: list[str] = []

    # rows

    def add(self, row: Row) -> None:
        filled = [f for f, v in row.cells.items() if v and f != "plan"]
        if len(filled) == 1 and filled[0] != "area":
            self._one_cell(row, row.text(filled[0]))
            return
        area_text, goal_text = row.text("area"), row.text("goal")
        if area_text and area_text not in _EMPTY_MARK:
            self.enter_area(area_text)
        if goal_text:
            self.goals = self._goals(goal_text)
        title = " ".join(row.text("title").split())
        if title:
            self._add_activity(row, title)
        elif set(filled) - {"area", "goal"}:  # rows with only Område/Mål are headings
            self.no_activity.append(row.where)

    def _one_cell(self, row: Row, text: str) -> None:
        """A row with text in one cell only: a heading, a goal row, or prose."""
        if "area" not in row.cells and is_heading(text):
            self.enter_area(text)
        elif row.text("goal") and looks_like_goal(text):
            self.goals = self._goals(text)
        elif row.text("title"):
            self._add_activity(row, " ".join(text.split()))
        else:
            self.loose.append(row.where)

    def enter_area(self, title: str) -> None:
        title = " ".join(title.split())
        key = norm(title)
        if key not in self.areas:
            area_id = unique(slugify(title, 40) or "omrade", {a.id for a in self.areas.values()})
            self.areas[key] = _Area(area_id, title)
        if self.area is not self.areas[key]:
            self.goals = []  # a goal does not carry over into another area
        self.area = self.areas[key]

    def _current_area(self) -> _Area:
        if self.area is None:
            self.enter_area(DEFAULT_AREA[self.options.language])
        assert self.area is not None
        return self.area

    def _goals(self, text: str) -> list[str]:
        if text in _EMPTY_MARK:
            return []
        area = self._current_area()
        ids = []
        for goal in split_goals(text):
            ident = norm(goal)
            if ident not in self.goal_ids:
                goal_id = unique(slugify(goal, 40) or "mal", set(self.goal_ids.values()))
                self.goal_ids[ident] = goal_id
                area.goals.append({"id": goal_id, "text": goal})
            ids.append(self.goal_ids[ident])
        return list(dict.fromkeys(ids))

    def _add_activity(self, row: Row, title: str) -> None:
        area = self._current_area()
        given = row.text("id")
        base = given if given and _SLUG.match(given) else slugify(title) or "aktivitet"
        act_id = unique(base, self.activity_ids)
        self.activity_ids.add(act_id)
        data: dict[str, Any] = {"id": act_id, "title": title}
        if row.text("description"):
            data["description"] = row.text("description")
        if self.goals:
            data["goals"] = list(self.goals)
        if row.text("cause"):
            data["causes"] = self._causes(row.text("cause"))
        responsible, partners = self._parties(row)
        data["responsible"] = responsible
        if partners:
            data["partners"] = partners
        comment = self._timing(row, data)
        if row.text("method"):
            data["method"] = row.text("method")
        self._progress(row, data)
        area.activities.append(_Activity(row.where, data, comment))
        self.count += 1

    def _causes(self, text: str) -> list[str]:
        ids = []
        for cause in split_goals(text):
            ident = norm(cause)
            if ident not in self.causes:
                taken = {c["id"] for c in self.causes.values()}
                self.causes[ident] = {
                    "id": unique(slugify(cause, 40) or "orsak", taken),
                    "text": cause,
                }
            ids.append(self.causes[ident]["id"])
        return list(dict.fromkeys(ids))

    def _progress(self, row: Row, data: dict[str, Any]) -> None:
        """The Status cell as a log entry dated `log_date`, the comment as its note.

        Status text that names no status is how the activity is followed up.
        """
        said, comment = row.text("status"), row.text("comment")
        status = read_status(said) if said else None
        if said and status is None:
            data["follow_up"] = [line.strip() for line in said.split("\n") if line.strip()]
            self.not_status.append(f"row {row.where}: `{short(said, 60)}`")
        if status is None:
            if comment:
                data.setdefault("description", comment)
                self.loose_comments.append(row.where)
            return
        notes = [said] if norm(said) not in _STATUS_ONLY else []
        notes += [comment] if comment else []
        if status == "cancelled" and not notes:
            notes = [_CANCELLED_NOTE[self.options.language]]
        entry: dict[str, Any] = {"date": self.log_date, "status": status}
        if notes:
            entry["note"] = "\n".join(notes)
        data["log"] = [entry]
        self.statuses[status] = self.statuses.get(status, 0) + 1

    def _parties(self, row: Row) -> tuple[list[str], list[str]]:
        lead, with_ = split_responsible(row.text("responsible"))
        named = split_parties(row.text("partners"))
        responsible = list(dict.fromkeys(self.parties.key_for(n) for n in lead))
        if not responsible:
            self.no_responsible.append(row.where)
            responsible = ["kommun"]
        partners = [self.parties.key_for(n) for n in [*with_, *named]]
        return responsible, [k for k in dict.fromkeys(partners) if k not in responsible]

    def _timing(self, row: Row, data: dict[str, Any]) -> str | None:
        """`when` as written; `due` from the due column or the När text; `repeat` from
        the repeat column when the table has one (a samplan export does), else from När."""
        when_cell, due_cell = row.cells.get("when", ""), row.cells.get("due", "")
        when = " ".join(text_of(when_cell).split())
        if when:
            data["when"] = when
        due = self._due(due_cell, row.where)
        if due is None and isinstance(when_cell, dt.date):
            due = when_cell
        timing = read_when(when, self.start, self.end)
        rhythm = self._rhythm(row) if "repeat" in row.cells else timing
        if rhythm.kind in ("recurring", "continuous") and rhythm.repeat is not None:
            data["repeat"] = rhythm.repeat
        elif due is None and timing.kind == "deadline":
            due = timing.due
        if due is not None:
            data["due"] = due
        if due is None and "repeat" not in data:
            self.undated.append(row.where)
            return _UNDATED_COMMENT[self.options.language]
        return None

    def _rhythm(self, row: Row) -> Timing:
        said = row.text("repeat")
        timing = read_when(said, self.start, self.end)
        if said and timing.kind not in ("recurring", "continuous"):
            self.bad_repeat.append(f"row {row.where}: `{said}`")
        return timing

    def _due(self, cell: Cell, where: str) -> dt.date | None:
        if isinstance(cell, dt.date) or not cell:
            return cell or None
        try:
            return dt.date.fromisoformat(cell[:10])
        except ValueError:
            timing = read_when(cell, self.start, self.end)
            if timing.kind == "deadline" and timing.due is not None:
                return timing.due
        self.bad_due.append(f"row {where}: `{cell}`")
        return None

    # the result

    def yaml(self, source: str, as_of: dt.date) -> str:
        self._finish_notes()
        header = _header(self.options, source, as_of)
        return plan_yaml(self._document(), header, self.options.schema)

    def _finish_notes(self) -> None:
        checks = [
            (self.no_activity, Msg("Rows without an activity (Aktivitet is empty), skipped")),
            (self.loose, Msg("Rows with text in one cell only (prose, notes), not imported")),
            (self.no_responsible, Msg("Rows without Ansvarig; set to the kommun, check them")),
            (
                self.undated,
                Msg("Rows whose När gives no date or rhythm; add `due:` or `repeat:`"),
            ),
        ]
        for numbers, what in checks:
            if numbers:
                self.notes.append(Msg("{what}: rows {rows}", what=what, rows=row_list(numbers)))
        if self.statuses:
            counts = ", ".join(f"{n} {status}" for status, n in sorted(self.statuses.items()))
            self.notes.append(
                Msg(
                    "Statuses from the table recorded in the log, dated {date}: {counts}",
                    date=self.log_date,
                    counts=counts,
                )
            )
        if self.not_status:
            self.notes.append(
                Msg(
                    "Status texts that name no status (Genomförd, Pågår, Ej påbörjad, Avbruten, "
                    "Vilande), kept as `follow_up`: {texts}",
                    texts="; ".join(self.not_status),
                )
            )
        if self.loose_comments:
            self.notes.append(
                Msg(
                    "Comments without a status, kept as `description`: rows {rows}",
                    rows=row_list(self.loose_comments),
                )
            )
        empty = [a.title for a in self.areas.values() if a not in self._used_areas()]
        if empty:
            self.notes.append(
                Msg("Areas without activities, left out: {areas}", areas="; ".join(empty))
            )
        if self.bad_due:
            self.notes.append(
                Msg("Unreadable due dates, left out: {dates}", dates="; ".join(self.bad_due))
            )
        if self.bad_repeat:
            self.notes.append(
                Msg("Unreadable rhythms, left out: {rhythms}", rhythms="; ".join(self.bad_repeat))
            )
        guessed = [p for p in self.parties.parties.values() if p.key != "kommun"]
        if guessed:
            self.notes.append(
                Msg(
                    "Parties made from the Ansvarig texts (check names and types):{parties}",
                    parties="".join(f"\n      {p.key}: {p.name} ({p.type})" for p in guessed),
                )
            )

    def _document(self) -> dict[str, Any]:
        opts = self.options
        start, end = self.start, self.end
        title = opts.title or _default_title(opts, start, end)
        doc: dict[str, Any] = {
            "samplan": 1,
            "id": opts.plan_id,
            "kind": opts.kind or "action_plan",
            "title": title,
            "language": opts.language,
            "municipality": opts.municipality,
        }
        if opts.police_area:
            doc["police_area"] = opts.police_area
        doc["period"] = {"start": start, "end": end}
        doc["parties"] = self.parties.parties
        if self.causes:
            doc["situation"] = {"causes": list(self.causes.values())}
        doc["areas"] = self._used_areas()
        return doc

    def _used_areas(self) -> list[_Area]:
        """Areas with activities, and empty ones whose goals activities refer to."""
        used = {
            g
            for a in self.areas.values()
            for act in a.activities
            for g in act.data.get("goals", [])
        }
        return [
            a for a in self.areas.values() if a.activities or any(g["id"] in used for g in a.goals)
        ]

    def locate(self, problems: list[Problem], spans: Mapping[Any, Any]) -> list[Problem]:
        """Name the table row of each problem: its line in generated YAML helps nobody."""
        starts = sorted(
            (spans[("areas", a, "activities", i)].line, act.row)
            for a, area in enumerate(self._used_areas())
            for i, act in enumerate(area.activities)
            if ("areas", a, "activities", i) in spans
        )
        located = []
        for p in problems:
            row = next((r for line, r in reversed(starts) if line <= p.line), None)
            text = p.text
            if row is not None:
                text = Msg("table row {row}: {message}", row=row, message=p.text)
            located.append(Problem(p.file, p.line, p.column, p.code, p.severity, text))
        return located


def split_goals(text: str) -> list[str]:
    """One goal per line when lines start anew (capital, bullet, number); else one goal."""
    goals: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        bullet = re.match(r"^(?:[•·*\-–]|\d+[.)])\s*", line)
        item = line[bullet.end() :] if bullet else line
        if not item:
            continue
        if goals and not bullet and not item[:1].isupper():
            goals[-1] = f"{goals[-1]} {item}"  # a wrapped line of the same goal
        else:
            goals.append(item)
    return [" ".join(g.split()) for g in goals]


def _default_title(options: ImportOptions, start: dt.date, end: dt.date | None) -> str:
    years = f"{start.year}" if end is None or end.year == start.year else f"{start.year}–{end.year}"
    if options.language == "en":
        return f"Action plan for crime prevention, {options.municipality} {years}"
    return f"Handlingsplan för brottsförebyggande arbete i {options.municipality} {years}"


_UNDATED_COMMENT = {
    "sv": "När-texten ger inget datum: lägg till `due: ÅÅÅÅ-MM-DD` eller `repeat:`.",
    "en": "The when text gives no date: add `due: YYYY-MM-DD` or `repeat:`.",
}


def _header(options: ImportOptions, source: str, as_of: dt.date) -> list[str]:
    # The file name goes into a comment line: a line break in it must not end the comment.
    source = "".join(c if c.isprintable() else repr(c)[1:-1] for c in source)
    if options.language == "en":
        return [
            f"Imported by `samplan import` from the table {source} on {as_of}.",
            "The parties and their types are guessed from the Responsible texts: check them.",
            "`when` is kept as written; `due` and `repeat` are read from it (an explicit",
            "`due` wins over `when`, so change both or remove `due`).",
        ]
    return [
        f"Importerad med `samplan import` från tabellen {source} den {as_of}.",
        "Parterna och deras typer är gissade utifrån texterna i kolumnen Ansvarig:",
        "kontrollera dem. `when` står kvar som i tabellen; `due` och `repeat` är",
        "utlästa ur den (ett angivet `due` går före `when`, så ändra båda eller ta bort `due`).",
    ]


def _repeat(value: object) -> str:
    if isinstance(value, str):
        return scalar(value)
    dump = getattr(value, "model_dump", None)
    assert dump is not None, value
    return flow_mapping(dump(by_alias=True, exclude_defaults=True))


def plan_yaml(doc: Mapping[str, Any], header: Sequence[str], schema: str) -> str:
    """The plan as readable YAML: spec key order, short things on one line.

    `schema` is the path of the JSON Schema for the editor modeline.
    """
    body = [f"# yaml-language-server: $schema={schema}"]
    body += [f"# {line}" if line else "#" for line in header]
    body.append("")
    for key in ("samplan", "id", "kind", "title", "language", "municipality", "police_area"):
        if key in doc:
            body.append(f"{key}: {scalar(doc[key])}")
    body.append(f"period: {flow_mapping(doc['period'])}")
    body += ["", "parties:"]
    for key, party in doc["parties"].items():
        fields = {"name": party.name, "type": party.type, "part_of": party.part_of}
        body.append(f"  {key}: {flow_mapping(fields)}")
    if "situation" in doc:
        body += ["", "situation:", "  causes:"]
        for cause in doc["situation"]["causes"]:
            body.append(f"    - {flow_mapping(cause)}")
    body += ["", "areas:"]
    for area in doc["areas"]:
        body += _area_lines(area)
    return "\n".join(body) + "\n"


def _area_lines(area: _Area) -> Iterator[str]:
    yield f"  - id: {scalar(area.id)}"
    yield f"    title: {scalar(area.title)}"
    if area.goals:
        yield "    goals:"
        for goal in area.goals:
            yield f"      - id: {scalar(goal['id'])}"
            yield f"        text: {scalar(goal['text'])}"
    yield "    activities:"
    for act in area.activities:
        if act.comment:
            yield f"      # {act.comment}"
        first = True
        for key, value in act.data.items():
            lead = "      - " if first else "        "
            first = False
            if key == "repeat":
                yield f"{lead}repeat: {_repeat(value)}"
            elif key in ("log", "follow_up"):  # one item a line, as `samplan log` adds them
                yield f"{lead}{key}:"
                yield from (f"          - {flow_value(item)}" for item in value)
            elif isinstance(value, list):
                yield f"{lead}{key}: {flow_value(value)}"
            else:
                yield f"{lead}{key}: {scalar(value)}"
