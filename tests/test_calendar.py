"""Deadlines as iCalendar: valid RFC 5545, read back by the library, stable UIDs."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from icalendar import Calendar

from samplan.calendar import Window, calendar_name, plan_events, to_ical
from samplan.loader import load_bytes
from samplan.model import Plan
from samplan.query import deadlines

from .conftest import AS_OF, PLANS

DEMO = PLANS / "demo-sjovik-2026.yaml"

SMALL = """\
samplan: 1
id: liten-2026
title: Liten plan för Åsele 2026
language: {language}
municipality: Åsele kommun
period: {{start: 2026-01-01, end: 2026-12-31}}
parties:
  kommun: {{name: Åsele kommun, type: municipality}}
  polis: {{name: Polisen, type: police}}
  skola: {{name: Skolan, type: municipal_unit, part_of: kommun}}
follow_up:
  - id: avstamning
    title: Avstämning; kommun, polis och skola
    schedule: {{per_year: 2}}
    by: kommun
areas:
  - id: unga
    title: Unga
    activities:
      - id: foraldramote
        title: Föräldramöte om droger, med "lärare" och polis
        responsible: [skola]
        partners: [polis]
        when: Under våren 2026
        log:
{log}
      - id: helgpatrull
        title: Polisen patrullerar vid skolan
        responsible: [polis]
        when: Två gånger per år
  - id: centrum
    title: Centrum
    activities:
      - id: belysning
        title: "Bättre belysning på torget\\a"
        responsible: [kommun]
        due: 2026-10-31
"""


def small_plan(log: str = "          []", language: str = "sv") -> Plan:
    text = SMALL.format(log=log, language=language)
    loaded = load_bytes(text.encode("utf-8"), "liten.yaml")
    assert loaded.plan is not None, loaded.problems
    return loaded.plan


def demo_plan() -> Plan:
    loaded = load_bytes(DEMO.read_bytes(), str(DEMO))
    assert loaded.plan is not None
    return loaded.plan


# --- an RFC 5545 checker ----------------------------------------------------------------


def rfc5545_problems(data: bytes) -> list[str]:
    """What in `data` breaks RFC 5545 (sections 3.1, 3.4, 3.6.1, 3.8.2.2, 3.8.4.7, 3.8.7.2)."""
    problems: list[str] = []
    if not data.endswith(b"\r\n"):
        problems.append("the file does not end with CRLF")
    physical = data.split(b"\r\n")[:-1]
    for number, line in enumerate(physical, start=1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {number}: a line break that is not CRLF")
        if len(line) > 75:
            problems.append(f"line {number}: {len(line)} octets, more than 75")
        try:
            line.decode("utf-8")  # folding must not cut a multi-octet character
        except UnicodeDecodeError:
            problems.append(f"line {number}: not UTF-8 on its own (folded inside a character)")
    unfolded = data.replace(b"\r\n ", b"").replace(b"\r\n\t", b"").decode("utf-8")
    lines = unfolded.split("\r\n")[:-1]
    if re.search(r"[\x00-\x08\x0a-\x1f\x7f]", "".join(lines)):
        problems.append("a control character other than tab in a content line (3.3.11)")
    stack: list[str] = []
    components: list[tuple[str, dict[str, list[str]]]] = []
    for line in lines:
        match = re.match(r"^([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$", line)
        if not match:
            problems.append(f"not a content line: {line!r}")
            continue
        name, params, value = match.group(1).upper(), match.group(2), match.group(3)
        if name == "BEGIN":
            stack.append(value)
            components.append((value, {}))
        elif name == "END":
            if not stack or stack.pop() != value:
                problems.append(f"END:{value} does not close the open component")
        elif not stack:
            problems.append(f"{name} outside any component")
        else:
            open_ = next(c for c in reversed(components) if c[0] == stack[-1])
            open_[1].setdefault(name, []).append(f"{params}:{value}")
    if stack:
        problems.append(f"components left open: {stack}")
    calendars = [props for kind, props in components if kind == "VCALENDAR"]
    if len(calendars) != 1:
        problems.append("not exactly one VCALENDAR")
    for props in calendars:
        for required in ("PRODID", "VERSION"):
            if len(props.get(required, [])) != 1:
                problems.append(f"VCALENDAR needs exactly one {required}")
        if props.get("VERSION") != [":2.0"]:
            problems.append("VERSION must be 2.0")
    uids: list[str] = []
    for kind, props in components:
        if kind != "VEVENT":
            continue
        for required in ("UID", "DTSTAMP", "DTSTART"):
            if len(props.get(required, [])) != 1:
                problems.append(f"VEVENT needs exactly one {required}: {props}")
        uids += props.get("UID", [])
        if not re.fullmatch(r":\d{8}T\d{6}Z", props.get("DTSTAMP", [""])[0]):
            problems.append(f"DTSTAMP must be a UTC date-time: {props.get('DTSTAMP')}")
        start = re.fullmatch(r";VALUE=DATE:(\d{8})", props.get("DTSTART", [""])[0])
        end = re.fullmatch(r";VALUE=DATE:(\d{8})", props.get("DTEND", [""])[0])
        if not (start and end):
            problems.append(f"all-day DTSTART/DTEND must be VALUE=DATE: {props}")
            continue
        first = dt.datetime.strptime(start.group(1), "%Y%m%d").date()
        after = dt.datetime.strptime(end.group(1), "%Y%m%d").date()
        if after != first + dt.timedelta(days=1):
            problems.append(f"DTEND of an all-day event must be the next day: {props}")
    if len(uids) != len(set(uids)):
        problems.append("UIDs are not unique")
    return problems


def test_checker_finds_what_breaks_the_rfc() -> None:
    good = to_ical(plan_events("liten.yaml", small_plan(), AS_OF), "x", AS_OF)
    assert rfc5545_problems(good) == []
    assert rfc5545_problems(good.replace(b"\r\n", b"\n")) != []
    unfolded = good.replace(b"\r\n ", b"")
    assert any("more than 75" in p for p in rfc5545_problems(unfolded))
    assert any("DTSTAMP" in p for p in rfc5545_problems(re.sub(rb"DTSTAMP[^\r]*\r\n", b"", good)))
    wrong_end = good.replace(b"DTEND;VALUE=DATE:20261101", b"DTEND;VALUE=DATE:20261031")
    assert any("next day" in p for p in rfc5545_problems(wrong_end))


# --- the calendar -----------------------------------------------------------------------------


def demo_ics(as_of: dt.date = AS_OF, **filters: str) -> bytes:
    plan = demo_plan()
    return to_ical(plan_events(str(DEMO), plan, as_of, **filters), calendar_name([plan]), as_of)  # type: ignore[arg-type]


def test_demo_calendar_is_valid_rfc5545() -> None:
    assert rfc5545_problems(demo_ics()) == []


def test_every_deadline_of_the_period_is_an_event_read_back_by_the_library() -> None:
    plan = demo_plan()
    expected = deadlines(plan, plan.period.start, dt.date(2027, 12, 31), AS_OF, str(DEMO))
    calendar = Calendar.from_ical(demo_ics())
    events = calendar.walk("VEVENT")
    assert len(events) == len(expected) > 50
    assert str(calendar["X-WR-CALNAME"]) == plan.title
    by_uid = {str(e["UID"]): e for e in events}
    for deadline in expected:
        kind = "follow_up." if deadline.item_kind == "follow_up" else ""
        uid = f"demo-sjovik-2026.{kind}{deadline.item_id}.{deadline.due.isoformat()}@samplan"
        event = by_uid[uid]
        assert event.decoded("DTSTART") == deadline.due
        assert event.decoded("DTEND") == deadline.due + dt.timedelta(days=1)
        assert deadline.title in str(event["SUMMARY"])


def test_titles_and_descriptions_are_swedish_and_say_what_is_late() -> None:
    events = {str(e["UID"]): e for e in Calendar.from_ical(demo_ics()).walk("VEVENT")}
    late = events["demo-sjovik-2026.kamerabevakning-resecentrum.2026-03-31@samplan"]
    assert str(late["SUMMARY"]) == (
        "Försenad: Utreda förutsättningarna för kamerabevakning vid resecentrum"
    )
    description = str(late["DESCRIPTION"])
    assert "Område: Trygg offentlig miljö i centrum och Norrbacka" in description
    assert "Ansvarig: Kommunledningsförvaltningen" in description
    assert "Status (2026-11-22): pågår, 236 dagar försenad" in description
    assert "Senaste kommentar (2026-09-10): Utredningen väntar" in description
    done = events["demo-sjovik-2026.belysning-resecentrum.2026-06-30@samplan"]
    assert str(done["SUMMARY"]).startswith("Genomförd: Förbättra belysningen")
    meeting = events["demo-sjovik-2026.follow_up.tertialuppfoljning.2026-12-31@samplan"]
    assert str(meeting["SUMMARY"]) == (
        "Tertialuppföljning till kommunstyrelsen (tillfälle 3 år 2026)"
    )
    assert "Uppföljning: Styrgrupp för samverkan kommun–polis" in str(meeting["DESCRIPTION"])


def test_text_with_commas_semicolons_and_quotes_survives_escaping() -> None:
    plan = small_plan()
    ics = to_ical(plan_events("liten.yaml", plan, AS_OF), calendar_name([plan]), AS_OF)
    assert b"Avst\xc3\xa4mning\\; kommun\\, polis och skola" in ics.replace(b"\r\n ", b"")
    events = Calendar.from_ical(ics).walk("VEVENT")
    titles = {str(e["SUMMARY"]) for e in events}
    assert 'Försenad: Föräldramöte om droger, med "lärare" och polis' in titles
    assert "Försenad: Avstämning; kommun, polis och skola (tillfälle 1 år 2026)" in titles


def test_output_is_deterministic_for_one_as_of_date() -> None:
    assert demo_ics() == demo_ics()
    stamps = set(re.findall(rb"DTSTAMP:(\w+)", demo_ics()))
    assert stamps == {b"20261122T000000Z"}


def test_uids_stay_when_the_status_changes() -> None:
    before = plan_events("liten.yaml", small_plan(), AS_OF)
    done = small_plan(log="          - {date: 2026-05-20, status: done, note: Hölls i aulan.}")
    after = plan_events("liten.yaml", done, AS_OF)
    assert [e.uid for e in before] == [e.uid for e in after]
    changed = [(b.summary, a.summary) for b, a in zip(before, after, strict=True) if b != a]
    assert changed == [
        (
            'Försenad: Föräldramöte om droger, med "lärare" och polis',
            'Genomförd: Föräldramöte om droger, med "lärare" och polis',
        )
    ]


def test_party_filter_reaches_units_and_conveners() -> None:
    plan = small_plan()
    for_kommun = {e.uid.split(".")[1] for e in plan_events("l", plan, AS_OF, party="kommun")}
    assert for_kommun == {"foraldramote", "belysning", "follow_up"}  # skola is part of kommun
    for_police = {e.uid.split(".")[1] for e in plan_events("l", plan, AS_OF, party="polis")}
    assert for_police == {"helgpatrull"}


def test_area_filter_and_window() -> None:
    plan = small_plan()
    [lamp] = plan_events("l", plan, AS_OF, area="centrum")
    assert lamp.uid == "liten-2026.belysning.2026-10-31@samplan"
    assert lamp.summary == "Försenad: Bättre belysning på torget\ufffd"  # no control chars
    window = Window(dt.date(2026, 7, 1), dt.date(2026, 10, 31))
    assert sorted(e.day for e in plan_events("l", plan, AS_OF, window)) == [dt.date(2026, 10, 31)]
    assert plan_events("l", plan, AS_OF, Window(dt.date(2027, 1, 1), dt.date(2026, 1, 1))) == []


def test_open_ended_plan_shows_a_year_ahead() -> None:
    plan = small_plan().model_copy(
        update={"period": small_plan().period.model_copy(update={"end": None})}
    )
    days = [e.day for e in plan_events("l", plan, AS_OF)]
    assert max(days) <= AS_OF + dt.timedelta(days=366)
    assert dt.date(2027, 6, 30) in days  # the patrol's first occurrence of 2027


def test_english_plan_gets_english_words() -> None:
    plan = small_plan(language="en")
    events = plan_events("l", plan, AS_OF)
    assert any(e.summary.startswith("Overdue: ") for e in events)
    assert any("occurrence 2 in 2026" in e.summary for e in events)
    assert all("Responsible: " in e.description for e in events if ".follow_up." not in e.uid)


@pytest.mark.parametrize("plan_file", sorted(PLANS.glob("*.yaml")), ids=lambda p: p.stem)
def test_real_plans_give_valid_calendars(plan_file: Path) -> None:
    loaded = load_bytes(plan_file.read_bytes(), str(plan_file))
    assert loaded.plan is not None
    events = plan_events(str(plan_file), loaded.plan, AS_OF)
    ics = to_ical(events, calendar_name([loaded.plan]), AS_OF)
    assert rfc5545_problems(ics) == []
    assert len(Calendar.from_ical(ics).walk("VEVENT")) == len(events)


def test_nothing_is_late_in_an_ended_plan() -> None:
    """After the plan's period, a missed deadline keeps its title and says the plan ended."""
    plan = small_plan()
    events = {e.uid: e for e in plan_events("liten.yaml", plan, dt.date(2027, 2, 1))}
    missed = events["liten-2026.belysning.2026-10-31@samplan"]
    assert missed.summary == "Bättre belysning på torget\ufffd"
    assert "ej påbörjad, ej genomförd; planen avslutades 2026-12-31" in missed.description
    late = {e.uid: e for e in plan_events("liten.yaml", plan, dt.date(2026, 12, 1))}
    assert late["liten-2026.belysning.2026-10-31@samplan"].summary.startswith("Försenad: ")


def test_a_quantity_shows_its_progress() -> None:
    text = SMALL.format(log="          []", language="sv").replace(
        "        when: Två gånger per år",
        "        when: Under 2026\n        count: 4\n"
        "        log: [{date: 2026-05-02, status: done, count: 3}]",
    )
    loaded = load_bytes(text.encode("utf-8"), "liten.yaml")
    assert loaded.plan is not None, loaded.problems
    events = {e.uid: e for e in plan_events("liten.yaml", loaded.plan, dt.date(2026, 12, 1))}
    patrol = events["liten-2026.helgpatrull.2026-12-31@samplan"]
    assert "Status (2026-12-01): genomförd, 3 av 4 genomförda" in patrol.description


def test_a_plan_title_with_line_breaks_gives_a_valid_file() -> None:
    plan = small_plan().model_copy(update={"title": "Rad ett\nRad två\rbara CR\r\nslut"})
    events = plan_events("liten.yaml", plan, AS_OF)
    data = to_ical(events, calendar_name([plan]), AS_OF)
    assert rfc5545_problems(data) == []
    assert re.search(rb"\r(?!\n)", data) is None and re.search(rb"(?<!\r)\n", data) is None
    assert b"X-WR-CALNAME:Rad ett Rad tv\xc3\xa5 bara CR slut\r\n" in data
    assert Calendar.from_ical(data).walk("VEVENT")


class _Counted(list):  # type: ignore[type-arg]
    """A list that counts how often it is walked through."""

    walks = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        _Counted.walks += 1
        return super().__iter__()


def test_calendar_work_grows_linearly_with_the_activities() -> None:
    """Each deadline looked its activity up by walking the plan's activities:
    20,000 activities took 19 s. The activities are now walked a fixed number of
    times per plan, however many deadlines there are."""
    activities = "\n".join(
        f"      - {{id: a{i}, title: Aktivitet {i}, responsible: [kommun], due: 2026-06-30}}"
        for i in range(300)
    )
    text = SMALL.format(log="          []", language="sv").split("    activities:")[0]
    text += "    activities:\n" + activities + "\n"
    loaded = load_bytes(text.encode("utf-8"), "stor.yaml")
    assert loaded.plan is not None, loaded.problems
    area = loaded.plan.areas[0]
    object.__setattr__(area, "activities", _Counted(area.activities))
    _Counted.walks = 0
    events = plan_events("stor.yaml", loaded.plan, AS_OF)
    assert len(events) == 300 + 2  # and the follow-up twice a year
    assert _Counted.walks <= 10
