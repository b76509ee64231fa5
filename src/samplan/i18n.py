"""Every word a report says, per language (Swedish and English), in one place.

Templates get the label table `TEXTS[lang]` as `t` and otherwise only strings
that were formatted here, so a kommun that writes its own template never has to
know how Swedish dates, numbers or plurals are written. A test checks that both
languages have exactly the same keys.

Swedish follows Språkrådet's conventions: `22 november 2026`, decimal comma,
a non-breaking space between thousands and before `%`, the minus sign U+2212,
and lower-case month and weekday names.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Literal, TypeAlias

from samplan.model import (
    RepeatEveryMonths,
    RepeatEveryYears,
    RepeatMonths,
    RepeatPerYear,
    RepeatWeekdays,
    TargetChange,
    TargetFactor,
    TargetValue,
)
from samplan.periods import Period, school_year

Lang: TypeAlias = Literal["sv", "en"]
LANGUAGES: tuple[Lang, ...] = ("sv", "en")

NBSP = "\u00a0"
MINUS = "\u2212"

MONTHS: dict[Lang, tuple[str, ...]] = {
    "sv": (
        "januari", "februari", "mars", "april", "maj", "juni",
        "juli", "augusti", "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip

WEEKDAYS: dict[Lang, dict[str, str]] = {
    "sv": {
        "mon": "måndag", "tue": "tisdag", "wed": "onsdag", "thu": "torsdag",
        "fri": "fredag", "sat": "lördag", "sun": "söndag",
    },
    "en": {
        "mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
        "fri": "Friday", "sat": "Saturday", "sun": "Sunday",
    },
}  # fmt: skip

# Symbols go with every status so that nothing is told by colour alone. They are
# plain text characters (U+FE0E asks for the text, not the emoji, form of ⚠).
SYMBOLS: dict[str, str] = {
    "planned": "○",
    "ongoing": "◐",
    "done": "✓",
    "cancelled": "✕",
    "paused": "‖",
    "overdue": "⚠\ufe0e",
    "green": "✓",
    "yellow": "!",
    "red": "✕",
    "none": "–",
    "ended": "■",
    "met": "✓",
    "partly": "◐",
    "not_met": "✕",
    "no_data": "–",
    "better": "▲",
    "unchanged": "◆",
    "worse": "▼",
}

TEXTS: dict[Lang, dict[str, str]] = {
    "sv": {
        # document
        "report": "Uppföljningsrapport",
        "report_for": "Uppföljning av {period}",
        "skip_link": "Hoppa till innehållet",
        "contents": "Innehåll",
        "introduction": "Inledning",
        "about": "Om rapporten",
        "period": "Rapportperiod",
        "as_of": "Läget per",
        "version": "Planversion",
        "version_commit": "version {commit} från {date}",
        "version_modified": "med ändringar som inte är incheckade",
        "version_none": "Planfilen är inte versionshanterad.",
        "municipality": "Kommun",
        "police_area": "Lokalpolisområde",
        "kind": "Typ av plan",
        "validity": "Giltighetstid",
        "validity_open": "från {start}, tills vidare",
        "decision": "Beslut",
        "parent": "Hör till",
        "intro": (
            "Rapporten följer upp ”{title}” för {period} ({dates}). Den visar läget den {as_of}."
        ),
        # the period is its dates (a range of the user's own): they are not said twice
        "intro_dates": "Rapporten följer upp ”{title}” för {period}. Den visar läget den {as_of}.",
        "footer": "Rapporten är framtagen med samplan ur planfilen {file}.",
        "page_of": "Sida {page} av {pages}",
        "empty": "–",
        # summary
        "summary": "Sammanfattning",
        "summary_caption": "Aktiviteter per status den {as_of}",
        "status": "Status",
        "count": "Antal",
        "activities_total": "Aktiviteter totalt",
        "overdue_activities": "Försenade aktiviteter",
        "missed_occurrences": "Missade tillfällen för återkommande aktiviteter sedan planens start",
        "missed_follow_up": "Missade uppföljningstillfällen sedan planens start",
        "completed_in_period": "Aktiviteter som blev genomförda under perioden",
        "occurrences_in_period": (
            "Genomförda tillfällen för återkommande aktiviteter under perioden"
        ),
        "stale": "Löpande aktiviteter utan rapport under perioden",
        "key_figures_caption": "Nyckeltal",
        "measure": "Mått",
        "lights_caption": "Läget per område",
        "area": "Område",
        "assessment": "Bedömning",
        "activities": "Aktiviteter",
        "overdue_short": "Försenade",
        "lights_explained": (
            "Bedömningen per område: avvikelse när minst en aktivitet är försenad eller har "
            "bedömts som röd, risk för avvikelse när minst en aktivitet har bedömts som gul "
            "eller saknar rapport under perioden, annars enligt plan."
        ),
        "no_areas": "Planen har inga prioriterade områden.",
        # areas
        "areas": "Prioriterade områden",
        "activities_caption": "Aktiviteter inom {area}",
        "activity": "Aktivitet",
        "responsible": "Ansvarig",
        "when": "När",
        "latest_note": "Senaste kommentar",
        "no_activities": "Området har inga aktiviteter.",
        "date": "Datum",
        "note": "Kommentar",
        "reported_by": "Rapporterad av",
        "stale_note": "ingen rapport under perioden",
        "citizen_promise": "medborgarlöfte",
        "due_by": "senast {date}",
        "occurrence": "tillfälle {n} under {year}",
        "occurrences": "{n} tillfällen",
        # overdue
        "overdue": "Försenade aktiviteter och missade tillfällen",
        "overdue_intro": "Det här skulle ha varit klart före den {as_of} men är inte genomfört.",
        "overdue_caption": "Försenade aktiviteter och missade tillfällen den {as_of}",
        "due": "Skulle vara klar",
        "days_late": "Dagar försenad",
        "no_overdue": "Inga försenade aktiviteter eller missade tillfällen.",
        # upcoming
        "upcoming": "Kommande",
        "upcoming_intro": (
            "Det här ska vara klart från och med den {as_of} och senast när nästa period, "
            "{next_period}, tar slut den {next_end}."
        ),
        "upcoming_caption": "Kommande till och med {next_end}",
        "due_date": "Senast",
        "plan_follow_up": "Planens uppföljning",
        "no_upcoming": "Inget ska vara klart under den tiden.",
        # follow-up
        "follow_up": "Uppföljning och möten",
        "follow_up_intro": "Planens egen uppföljningsrytm och vad som har hållits under perioden.",
        "follow_up_caption": "Planens uppföljning under perioden",
        "follow_up_item": "Uppföljning",
        "rhythm": "Rytm",
        "held": "Hållna under perioden",
        "missed": "Missade",
        "next_due": "Nästa senast",
        "report_to": "Redovisas för",
        "none_held": "inga",
        "none_missed": "inga",
        "no_follow_up": "Planen anger ingen egen uppföljningsrytm.",
        "days_ago": "{days} dagar sedan",
        "day_ago": "1 dag sedan",
        # indicators
        "indicators": "Indikatorer",
        "indicators_intro": (
            "Förväntat värde är det värde som målet kräver år {year}. "
            "Måluppfyllelse och trend avser det senaste mätvärdet till och med {year}."
        ),
        "indicators_caption": "Indikatorer, läget år {year}",
        "indicator": "Indikator",
        "baseline": "Utgångsvärde",
        "target": "Mål",
        "expected": "Förväntat {year}",
        "latest_value": "Senaste värde",
        "attainment": "Måluppfyllelse",
        "trend": "Trend",
        "source": "Källa",
        "no_indicators": "Planen har inga indikatorer.",
        "chart_caption": "Mätvärden och målnivå för {name}",
        "year": "År",
        "measured": "Uppmätt",
        "legend_measured": "Uppmätt värde",
        "legend_target": "Målnivå",
        "legend_baseline": "Utgångsvärde",
        "chart_desc_baseline": "Utgångsvärde {value} år {year}.",
        "chart_desc_target": "Mål: {target}.",
        "chart_desc_latest": "Senaste värde {value} år {year}.",
        "chart_desc_none": "Inga mätvärden.",
        "value_in_year": "{value} ({year})",
        "yes": "ja",
        "no": "nej",
        # parties
        "parties": "Parter, undertecknare och organ",
        "parties_caption": "Parter",
        "party": "Part",
        "type": "Typ",
        "part_of": "Ingår i",
        "signatories": "Undertecknare",
        "signatories_caption": "Undertecknare",
        "name": "Namn",
        "role": "Roll",
        "signed": "Undertecknat",
        "no_signatories": "Planen anger inga undertecknare.",
        "bodies": "Organ för samverkan",
        "bodies_caption": "Råd och grupper",
        "body": "Organ",
        "convener": "Sammankallande",
        "meets": "Möten",
        "reports_to_body": "Rapporterar till",
        "members": "Ledamöter",
        "members_caption": "Ledamöter i råd och grupper",
        "body_paused": "vilande",
        "no_bodies": "Planen anger inga råd eller grupper.",
        # index
        "index_title": "Uppföljningsrapporter för {period}",
        "index_intro": "Rapporterna visar läget den {as_of}.",
        "index_caption": "Rapporter",
        "plan": "Plan",
        "no_reports": "Inga planer att rapportera.",
        # the law's chain: lägesbild, goals, problem → cause → measure
        "situation": "Lägesbild",
        "situation_date": "Lägesbildens datum",
        "situation_covers": "Omfattar",
        "situation_covers_all": "hela kommunen",
        "situation_mapping": "Kartläggning av brottsligheten, dess omfattning och konsekvenser",
        "situation_other": "Annan relevant information",
        "situation_analysis": "Analys",
        "situation_part_missing": "Lägesbilden saknar den här delen.",
        "situation_sources": "Källor",
        "provider": "Utgivare",
        "no_sources": "Lägesbilden anger inga källor.",
        "situation_document": "Hela lägesbilden",
        "inherited_from": "Hämtat från {plan}.",
        "goals": "Mål",
        "goals_intro": "Målen och hur deras indikatorer ligger till år {year}.",
        "goals_overall": "Övergripande mål",
        "goals_by_area": "Mål inom de prioriterade områdena",
        "goals_caption": "Övergripande mål och deras indikatorer",
        "goals_area_caption": "Mål inom de prioriterade områdena och deras indikatorer",
        "goal": "Mål",
        "goal_long_term": "långsiktigt mål",
        "goal_short_term": "kortsiktigt mål",
        "no_indicator": "Ingen indikator",
        "chain": "Från problem till åtgärd",
        "chain_intro": (
            "Varje rad är ett problem i lägesbilden och en orsak till det, med åtgärderna mot "
            "orsaken och hur problemets indikatorer utvecklas. Luckor i kedjan visas som luckor."
        ),
        "chain_caption": "Från problem till åtgärd: problem, orsak, åtgärder och indikatorer",
        "problem": "Problem",
        "cause": "Orsak",
        "measures": "Åtgärder",
        "priority": "prioritet {n}",
        "no_cause": "Ingen orsak angiven",
        "no_measure": "Ingen åtgärd",
        "no_problem": "Inget problem angivet",
        # Brå's follow-up: production, process, effect
        "results": "Produktion, process och effekt",
        "results_intro": (
            "Uppföljningen följer Brås tre nivåer: vad som har gjorts (produktion), hur "
            "arbetet har gått (process) och om problemen har minskat (effekt)."
        ),
        "production": "Produktion: vad som har gjorts",
        "production_caption": "Genomfört under perioden",
        "done_amount": "Genomfört",
        "dates": "Datum",
        "one_occurrence": "1 tillfälle",
        "no_production": "Inget blev genomfört under perioden.",
        "process": "Process: hur arbetet har gått",
        "process_caption": "Händelser, kommentarer och bedömningar under perioden",
        "item": "Aktivitet eller uppföljning",
        "no_process": "Inget loggades under perioden.",
        "effect": "Effekt: indikatorer",
        # coordination
        "coordination": "Samordningsfunktion",
        "coordination_by": "Samordnas av",
        "coordination_role": "Funktion",
        "coordination_contact": "Kontakt",
        "belongs_to": "Hör till {plan}",
        "progress": "{done} av {required}",
        "units_done": "Gjort",
        # the law's requirements (Lagkrav)
        "law": "Lagkrav",
        "law_intro": (
            "Vad lagen (2023:196) om kommuners ansvar för brottsförebyggande arbete och Brås "
            "metod kräver av planen, och om kravet är uppfyllt den {as_of}."
        ),
        "law_caption": "Lagkrav och om de är uppfyllda den {as_of}",
        "law_requirement": "Krav",
        "law_met": "uppfyllt",
        "law_not_met": "inte uppfyllt",
        "law_basis": "Grund",
        "law_missing": "Saknas för",
        "law_more": "{n} till",
        "law_summary": "{met} av {total} krav är uppfyllda.",
        "law_L001": "Det finns en lägesbild över brottsligheten.",
        "law_L002": (
            "Lägesbilden har alla tre delar: en kartläggning av brottsligheten, annan relevant "
            "information och en analys."
        ),
        "law_L003": "Lägesbilden är aktuell.",
        "law_L004": "Åtgärdsplanen är beslutad, och det framgår av vem och när.",
        "law_L005": "Det finns en samordningsfunktion för arbetet.",
        "law_L006": "Varje åtgärd riktar sig mot en orsak som lägesbilden pekar ut.",
        "law_L007": "Varje orsak i lägesbilden har minst en åtgärd.",
        "law_L008": "Varje problem i lägesbilden har en utpekad orsak.",
        "law_L009": "Varje problem följs upp med minst en indikator.",
        "law_L010": "Åtgärdsplanen följs upp regelbundet.",
        "law_basis_L001": "4 § lagen (2023:196)",
        "law_basis_L002": "4 § 1–3 lagen (2023:196)",
        "law_basis_L003": "SOU 2021:49 föreslog att lägesbilden följs upp minst vartannat år",
        "law_basis_L004": "Lagen (2023:196): en åtgärdsplan beslutas utifrån lägesbilden",
        "law_basis_L005": "Lagen (2023:196): kommunen ska ha en samordningsfunktion",
        "law_basis_L006": "Brås metod: åtgärder väljs utifrån orsakerna",
        "law_basis_L007": "Brås metod: åtgärder väljs utifrån orsakerna",
        "law_basis_L008": "Brås metod: problemen analyseras och deras orsaker pekas ut",
        "law_basis_L009": "Brås metod: effekten följs upp",
        "law_basis_L010": "Brås metod: produktion, process och effekt följs upp",
        # the page for residents (--audience public)
        "public_title": "Så går det med våra löften",
        "public_intro": (
            "Här berättar vi vad vi har lovat dig som bor i {municipality}, vad vi har gjort "
            "under {period} och vad som händer härnäst. Läget den {as_of}."
        ),
        "public_promised": "Det här har vi lovat",
        "public_summary": "Under {period} har vi arbetat med {worked} av {total} löften.",
        "public_did": "Gjort under {period}",
        "public_done": "Klart",
        "public_progress": "{times} (sammanlagt {progress})",
        "public_notes": "Det här har vi gjort",
        "public_reported": "Pågår, senast rapporterat {date}",
        "public_nothing": "Inget rapporterat under perioden",
        "public_next": "Det här händer härnäst",
        "public_next_intro": "Det här ska vara gjort senast den {date}:",
        "public_next_none": "Inget mer ska vara klart före den {date}.",
        "public_ended": "Löftena gällde till och med den {date}.",
        "public_status": "Läget",
        "public_who": "Ansvarar",
        "public_contact": "Kontakta oss",
        "public_contact_text": "Har du frågor eller idéer om arbetet? Kontakta {who}:",
        "public_contact_default": "Har du frågor eller idéer om arbetet? Kontakta {municipality}.",
        "public_emergency": (
            "Polisen når du på 114 14. Pågår ett brott eller är någon i fara: ring 112."
        ),
        "public_no_promises": "Planen innehåller inga medborgarlöften.",
        "times": "{n} gånger",
        "one_time": "1 gång",
        "reports_on": "avser {period}",
    },
    "en": {
        "report": "Follow-up report",
        "report_for": "Follow-up for {period}",
        "skip_link": "Skip to content",
        "contents": "Contents",
        "introduction": "Introduction",
        "about": "About this report",
        "period": "Reporting period",
        "as_of": "Status as of",
        "version": "Plan version",
        "version_commit": "version {commit} of {date}",
        "version_modified": "with changes that are not committed",
        "version_none": "The plan file is not under version control.",
        "municipality": "Municipality",
        "police_area": "Local police area",
        "kind": "Kind of plan",
        "validity": "Valid",
        "validity_open": "from {start}, until further notice",
        "decision": "Decision",
        "parent": "Belongs to",
        "intro": (
            "This report follows up “{title}” for {period} ({dates}). "
            "It shows the status as of {as_of}."
        ),
        "intro_dates": (
            "This report follows up “{title}” for {period}. It shows the status as of {as_of}."
        ),
        "footer": "This report was produced with samplan from the plan file {file}.",
        "page_of": "Page {page} of {pages}",
        "empty": "–",
        "summary": "Summary",
        "summary_caption": "Activities by status as of {as_of}",
        "status": "Status",
        "count": "Number",
        "activities_total": "Activities in total",
        "overdue_activities": "Overdue activities",
        "missed_occurrences": "Missed occurrences of recurring activities since the plan began",
        "missed_follow_up": "Missed follow-up deadlines since the plan began",
        "completed_in_period": "Activities completed during the period",
        "occurrences_in_period": "Occurrences of recurring activities held during the period",
        "stale": "Continuous activities without a report during the period",
        "key_figures_caption": "Key figures",
        "measure": "Measure",
        "lights_caption": "Status by area",
        "area": "Area",
        "assessment": "Assessment",
        "activities": "Activities",
        "overdue_short": "Overdue",
        "lights_explained": (
            "Assessment by area: deviation when at least one activity is overdue or assessed "
            "red, risk of deviation when at least one activity is assessed yellow or has no "
            "report during the period, otherwise on track."
        ),
        "no_areas": "The plan has no priority areas.",
        "areas": "Priority areas",
        "activities_caption": "Activities in {area}",
        "activity": "Activity",
        "responsible": "Responsible",
        "when": "When",
        "latest_note": "Latest note",
        "no_activities": "The area has no activities.",
        "date": "Date",
        "note": "Note",
        "reported_by": "Reported by",
        "stale_note": "no report during the period",
        "citizen_promise": "citizen promise",
        "due_by": "by {date}",
        "occurrence": "occurrence {n} in {year}",
        "occurrences": "{n} occurrences",
        "overdue": "Overdue activities and missed occurrences",
        "overdue_intro": "These should have been done before {as_of} but are not.",
        "overdue_caption": "Overdue activities and missed occurrences as of {as_of}",
        "due": "Was due",
        "days_late": "Days overdue",
        "no_overdue": "No overdue activities or missed occurrences.",
        "upcoming": "Coming up",
        "upcoming_intro": (
            "These are due on or after {as_of} and at the latest when the next period, "
            "{next_period}, ends on {next_end}."
        ),
        "upcoming_caption": "Coming up until {next_end}",
        "due_date": "Due",
        "plan_follow_up": "The plan's follow-up",
        "no_upcoming": "Nothing is due in that time.",
        "follow_up": "Follow-up and meetings",
        "follow_up_intro": "The plan's own follow-up rhythm and what was held during the period.",
        "follow_up_caption": "The plan's follow-up during the period",
        "follow_up_item": "Follow-up",
        "rhythm": "Rhythm",
        "held": "Held during the period",
        "missed": "Missed",
        "next_due": "Next due",
        "report_to": "Reported to",
        "none_held": "none",
        "none_missed": "none",
        "no_follow_up": "The plan sets no follow-up rhythm of its own.",
        "days_ago": "{days} days ago",
        "day_ago": "1 day ago",
        "indicators": "Indicators",
        "indicators_intro": (
            "The expected value is what the target requires in {year}. Attainment and trend "
            "refer to the latest measurement up to and including {year}."
        ),
        "indicators_caption": "Indicators, status in {year}",
        "indicator": "Indicator",
        "baseline": "Baseline",
        "target": "Target",
        "expected": "Expected {year}",
        "latest_value": "Latest value",
        "attainment": "Attainment",
        "trend": "Trend",
        "source": "Source",
        "no_indicators": "The plan has no indicators.",
        "chart_caption": "Measurements and target level for {name}",
        "year": "Year",
        "measured": "Measured",
        "legend_measured": "Measured value",
        "legend_target": "Target level",
        "legend_baseline": "Baseline",
        "chart_desc_baseline": "Baseline {value} in {year}.",
        "chart_desc_target": "Target: {target}.",
        "chart_desc_latest": "Latest value {value} in {year}.",
        "chart_desc_none": "No measurements.",
        "value_in_year": "{value} ({year})",
        "yes": "yes",
        "no": "no",
        "parties": "Parties, signatories and bodies",
        "parties_caption": "Parties",
        "party": "Party",
        "type": "Type",
        "part_of": "Part of",
        "signatories": "Signatories",
        "signatories_caption": "Signatories",
        "name": "Name",
        "role": "Role",
        "signed": "Signed",
        "no_signatories": "The plan names no signatories.",
        "bodies": "Cooperation bodies",
        "bodies_caption": "Councils and groups",
        "body": "Body",
        "convener": "Convener",
        "meets": "Meetings",
        "reports_to_body": "Reports to",
        "members": "Members",
        "members_caption": "Members of councils and groups",
        "body_paused": "paused",
        "no_bodies": "The plan names no councils or groups.",
        "index_title": "Follow-up reports for {period}",
        "index_intro": "The reports show the status as of {as_of}.",
        "index_caption": "Reports",
        "plan": "Plan",
        "no_reports": "No plans to report on.",
        "situation": "Situation analysis",
        "situation_date": "Date of the analysis",
        "situation_covers": "Covers",
        "situation_covers_all": "the whole municipality",
        "situation_mapping": "Mapping of crime, its extent and consequences",
        "situation_other": "Other relevant information",
        "situation_analysis": "Analysis",
        "situation_part_missing": "The situation analysis lacks this part.",
        "situation_sources": "Sources",
        "provider": "Provider",
        "no_sources": "The situation analysis names no sources.",
        "situation_document": "The full situation analysis",
        "inherited_from": "Taken from {plan}.",
        "goals": "Goals",
        "goals_intro": "The goals and how their indicators stand in {year}.",
        "goals_overall": "Overall goals",
        "goals_by_area": "Goals of the priority areas",
        "goals_caption": "Overall goals and their indicators",
        "goals_area_caption": "Goals of the priority areas and their indicators",
        "goal": "Goal",
        "goal_long_term": "long-term goal",
        "goal_short_term": "short-term goal",
        "no_indicator": "No indicator",
        "chain": "From problem to measure",
        "chain_intro": (
            "Each row is a problem of the situation analysis and one of its causes, with the "
            "measures against that cause and how the problem's indicators develop. Gaps in "
            "the chain are shown as gaps."
        ),
        "chain_caption": "From problem to measure: problem, cause, measures and indicators",
        "problem": "Problem",
        "cause": "Cause",
        "measures": "Measures",
        "priority": "priority {n}",
        "no_cause": "No cause given",
        "no_measure": "No measure",
        "no_problem": "No problem given",
        "results": "Production, process and effect",
        "results_intro": (
            "The follow-up has Brå's three levels: what was done (production), how the work "
            "went (process) and whether the problems decreased (effect)."
        ),
        "production": "Production: what was done",
        "production_caption": "Done during the period",
        "done_amount": "Done",
        "dates": "Dates",
        "one_occurrence": "1 occurrence",
        "no_production": "Nothing was completed during the period.",
        "process": "Process: how the work went",
        "process_caption": "Events, notes and assessments during the period",
        "item": "Activity or follow-up",
        "no_process": "Nothing was logged during the period.",
        "effect": "Effect: indicators",
        "coordination": "Coordinating function",
        "coordination_by": "Coordinated by",
        "coordination_role": "Function",
        "coordination_contact": "Contact",
        "belongs_to": "Belongs to {plan}",
        "progress": "{done} of {required}",
        "units_done": "Done",
        "law": "Legal requirements",
        "law_intro": (
            "What the Act (2023:196) on municipal responsibility for crime prevention and "
            "Brå's method require of the plan, and whether each is met as of {as_of}."
        ),
        "law_caption": "Legal requirements and whether they are met as of {as_of}",
        "law_requirement": "Requirement",
        "law_met": "met",
        "law_not_met": "not met",
        "law_basis": "Basis",
        "law_missing": "Missing for",
        "law_more": "{n} more",
        "law_summary": "{met} of {total} requirements are met.",
        "law_L001": "There is a situation analysis of crime.",
        "law_L002": (
            "The situation analysis has all three parts: a mapping of crime, other relevant "
            "information and an analysis."
        ),
        "law_L003": "The situation analysis is up to date.",
        "law_L004": "The action plan is decided, with by whom and when.",
        "law_L005": "There is a coordinating function for the work.",
        "law_L006": "Every measure addresses a cause the situation analysis names.",
        "law_L007": "Every cause in the situation analysis has at least one measure.",
        "law_L008": "Every problem in the situation analysis has an identified cause.",
        "law_L009": "Every problem is followed up with at least one indicator.",
        "law_L010": "The action plan is followed up regularly.",
        "law_basis_L001": "Section 4 of the Act (2023:196)",
        "law_basis_L002": "Section 4, points 1–3, of the Act (2023:196)",
        "law_basis_L003": "SOU 2021:49 proposed a follow-up at least every two years",
        "law_basis_L004": "The Act (2023:196): an action plan decided from the analysis",
        "law_basis_L005": "The Act (2023:196): the municipality keeps a coordinating function",
        "law_basis_L006": "Brå's method: measures chosen from the causes",
        "law_basis_L007": "Brå's method: measures chosen from the causes",
        "law_basis_L008": "Brå's method: problems analysed and their causes identified",
        "law_basis_L009": "Brå's method: the effect is followed up",
        "law_basis_L010": "Brå's method: production, process and effect are followed up",
        "public_title": "How our promises are going",
        "public_intro": (
            "What we promised you who live in {municipality}, what we did during {period} "
            "and what comes next. Status as of {as_of}."
        ),
        "public_promised": "What we promised",
        "public_summary": "During {period} we worked on {worked} of {total} promises.",
        "public_did": "Done during {period}",
        "public_done": "Done",
        "public_progress": "{times} ({progress} in all)",
        "public_notes": "What we did",
        "public_reported": "Ongoing, last reported {date}",
        "public_nothing": "Nothing reported during the period",
        "public_next": "What comes next",
        "public_next_intro": "This is to be done by {date}:",
        "public_next_none": "Nothing more is due before {date}.",
        "public_ended": "The promises ran until {date}.",
        "public_status": "Status",
        "public_who": "Responsible",
        "public_contact": "Contact us",
        "public_contact_text": "Questions or ideas about the work? Contact {who}:",
        "public_contact_default": "Questions or ideas about the work? Contact {municipality}.",
        "public_emergency": (
            "The police: 114 14. If a crime is happening or someone is in danger: call 112."
        ),
        "public_no_promises": "The plan contains no citizen promises.",
        "times": "{n} times",
        "one_time": "once",
        "reports_on": "for {period}",
    },
}

# Vocabularies of the plan format, worded for readers.
VOCABULARY: dict[Lang, dict[str, dict[str, str]]] = {
    "sv": {
        "status": {
            "planned": "ej påbörjad",
            "ongoing": "pågår",
            "done": "genomförd",
            "cancelled": "avbruten",
            "paused": "vilande",
            "overdue": "försenad",
        },
        "light": {
            "green": "enligt plan",
            "yellow": "risk för avvikelse",
            "red": "avvikelse",
            "none": "ingen bedömning",
            "ended": "avslutad",
        },
        "attainment": {
            "met": "uppnått",
            "partly": "delvis uppnått",
            "not_met": "ej uppnått",
            "no_data": "underlag saknas",
        },
        "trend": {
            "better": "förbättring",
            "unchanged": "oförändrat",
            "worse": "försämring",
            "no_data": "underlag saknas",
        },
        "kind": {
            "agreement": "samverkansöverenskommelse",
            "action_plan": "handlingsplan",
            "annex": "bilaga",
            "citizen_promise": "medborgarlöfte",
        },
        "party_type": {
            "municipality": "kommun",
            "police": "polis",
            "municipal_unit": "kommunal förvaltning eller enhet",
            "authority": "myndighet",
            "organisation": "organisation eller förening",
            "business": "företag",
            "other": "övrig",
        },
        "body_type": {
            "council": "råd",
            "steering_group": "styrgrupp",
            "working_group": "arbetsgrupp",
            "network": "nätverk",
        },
    },
    "en": {
        "status": {
            "planned": "not started",
            "ongoing": "ongoing",
            "done": "done",
            "cancelled": "cancelled",
            "paused": "paused",
            "overdue": "overdue",
        },
        "light": {
            "green": "on track",
            "yellow": "risk of deviation",
            "red": "deviation",
            "none": "not assessed",
            "ended": "ended",
        },
        "attainment": {
            "met": "met",
            "partly": "partly met",
            "not_met": "not met",
            "no_data": "no data",
        },
        "trend": {
            "better": "better",
            "unchanged": "unchanged",
            "worse": "worse",
            "no_data": "no data",
        },
        "kind": {
            "agreement": "cooperation agreement",
            "action_plan": "action plan",
            "annex": "annex",
            "citizen_promise": "citizen promise",
        },
        "party_type": {
            "municipality": "municipality",
            "police": "police",
            "municipal_unit": "municipal unit",
            "authority": "authority",
            "organisation": "organisation",
            "business": "business",
            "other": "other",
        },
        "body_type": {
            "council": "council",
            "steering_group": "steering group",
            "working_group": "working group",
            "network": "network",
        },
    },
}


def language(value: str | None) -> Lang:
    """The report language for a plan's `language` or a --lang value (Swedish by default)."""
    return "en" if value == "en" else "sv"


def text(lang: Lang, key: str, **values: object) -> str:
    """The label `key`, with `{name}` placeholders filled in."""
    template = TEXTS[lang][key]
    return template.format(**values) if values else template


def word(lang: Lang, vocabulary: str, value: str) -> str:
    """A plan-format value (`ongoing`, `council` ...) as a reader's word, lower case."""
    return VOCABULARY[lang][vocabulary][value]


def capfirst(value: str) -> str:
    return value[:1].upper() + value[1:]


# --- dates -------------------------------------------------------------------


def format_date(day: dt.date, lang: Lang) -> str:
    """`22 november 2026` / `22 November 2026`."""
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def format_date_range(start: dt.date, end: dt.date, lang: Lang) -> str:
    """`1 september–31 december 2026`; the year once when both ends share it."""
    if start.year == end.year:
        return f"{start.day} {MONTHS[lang][start.month - 1]}–{format_date(end, lang)}"
    return f"{format_date(start, lang)}–{format_date(end, lang)}"


def period_name(period: Period, lang: Lang) -> str:
    """`tertial 3 2026`, `kvartal 2 2026`, `första halvåret 2026`, `2026`, or the dates."""
    year = period.start.year
    if (first := school_year(period)) is not None:
        said = f"{first}/{(first + 1) % 100:02d}"
        return f"läsåret {said}" if lang == "sv" else f"the school year {said}"
    if period.kind == "range":
        return format_date_range(period.start, period.end, lang)
    if period.kind == "year":
        return str(year)
    if lang == "sv":
        if period.kind == "half":
            return f"{('första', 'andra')[period.index - 1]} halvåret {year}"
        word_sv = {"quarter": "kvartal", "tertial": "tertial"}[period.kind]
        return f"{word_sv} {period.index} {year}"
    if period.kind == "half":
        return f"the {('first', 'second')[period.index - 1]} half of {year}"
    return f"{period.kind} {period.index} {year}"


# --- numbers -----------------------------------------------------------------


def format_number(value: float, lang: Lang, decimals: int = 1) -> str:
    """At most `decimals` decimals, none when they are zero: `1 234,5`, `−3`, `27`."""
    if not math.isfinite(value):
        return "–"
    rounded = round(value, decimals)
    if rounded == 0:
        rounded = 0.0  # no "−0"
    digits = f"{abs(rounded):,.{decimals}f}"
    if "." in digits:
        digits = digits.rstrip("0").rstrip(".")
    whole, _, fraction = digits.partition(".")
    if lang == "sv":
        whole = whole.replace(",", NBSP)
        sign = MINUS
        decimal_mark = ","
    else:
        sign = "-"
        decimal_mark = "."
    number = whole + (decimal_mark + fraction if fraction else "")
    return sign + number if rounded < 0 else number


def format_value(value: float, unit: str | None, lang: Lang) -> str:
    """A measurement in its unit: `27 %` (sv) / `27%` (en), `ja`/`nej`, `1 234`."""
    if unit == "yes_no":
        return text(lang, "yes") if value >= 0.5 else text(lang, "no")
    number = format_number(value, lang)
    if unit == "percent":
        return number + (NBSP + "%" if lang == "sv" else "%")
    return number


def format_percent(value: float, lang: Lang) -> str:
    return format_value(value, "percent", lang)


# --- lists and rhythms -------------------------------------------------------


def join_words(items: Sequence[str], lang: Lang) -> str:
    """`a, b och c` / `a, b and c`."""
    if len(items) <= 1:
        return "".join(items)
    conjunction = " och " if lang == "sv" else " and "
    return ", ".join(items[:-1]) + conjunction + items[-1]


_SV_ORDINAL = {2: "annan", 3: "tredje", 4: "fjärde", 5: "femte", 6: "sjätte"}


def repeat_text(rule: object, lang: Lang) -> str:
    """A repeat rule in words: `4 gånger per år`, `varje månad, uppehåll i juli`."""
    if rule == "continuous":
        return "löpande" if lang == "sv" else "continuous"
    if isinstance(rule, RepeatWeekdays):
        days = join_words([WEEKDAYS[lang][d] for d in rule.weekdays], lang)
        main = f"varje {days}" if lang == "sv" else f"every {days}"
    elif isinstance(rule, RepeatPerYear):
        main = _per_year(rule.per_year, lang)
    elif isinstance(rule, RepeatMonths):
        months = join_words([MONTHS[lang][m - 1] for m in sorted(set(rule.months))], lang)
        main = f"i {months} varje år" if lang == "sv" else f"in {months} every year"
    elif isinstance(rule, RepeatEveryMonths):
        main = _every(rule.every_months, "månad", "month", lang)
    elif isinstance(rule, RepeatEveryYears):
        main = _every(rule.every_years, "år", "year", lang) + (
            f" från {rule.from_}" if lang == "sv" else f" from {rule.from_}"
        )
    else:
        return ""
    if rule.except_months:
        months = join_words([MONTHS[lang][m - 1] for m in sorted(set(rule.except_months))], lang)
        main += f", uppehåll i {months}" if lang == "sv" else f", except in {months}"
    return main


def _per_year(count: int, lang: Lang) -> str:
    if lang == "sv":
        return "1 gång per år" if count == 1 else f"{count} gånger per år"
    return {1: "once a year", 2: "twice a year"}.get(count, f"{count} times a year")


def _every(count: int, unit_sv: str, unit_en: str, lang: Lang) -> str:
    if lang == "en":
        return f"every {unit_en}" if count == 1 else f"every {count} {unit_en}s"
    neuter = unit_sv == "år"  # ett år: vart, varannat; en månad: var, varannan
    if count == 1:
        return f"varje {unit_sv}"
    if count == 2:
        return f"vartannat {unit_sv}" if neuter else f"varannan {unit_sv}"
    ordinal = _SV_ORDINAL.get(count, f"{count}:e")
    return f"{'vart' if neuter else 'var'} {ordinal} {unit_sv}"


def target_text(target: object, unit: str | None, lang: Lang) -> str:
    """An indicator target in words: `22 % år 2027`, `minska med 15 % per år (ackumulerat)`."""
    if isinstance(target, TargetValue):
        value = format_value(target.value, unit, lang)
        return f"{value} år {target.year}" if lang == "sv" else f"{value} in {target.year}"
    if isinstance(target, TargetChange):
        pct = format_percent(abs(target.change_pct_per_year), lang)
        down = target.change_pct_per_year < 0
        if lang == "sv":
            verb = "minska" if down else "öka"
            if target.mode == "linear":
                return f"{verb} med {pct} av utgångsvärdet per år"
            return f"{verb} med {pct} per år (ackumulerat)"
        verb = "decrease" if down else "increase"
        if target.mode == "linear":
            return f"{verb} by {pct} of the baseline a year"
        return f"{verb} by {pct} a year (compounded)"
    if isinstance(target, TargetFactor):
        factor = format_number(target.factor, lang, decimals=2)
        if lang == "sv":
            reference = (
                "föregående års värde"
                if target.relative_to == "previous_year"
                else ("utgångsvärdet")
            )
            return f"{factor} gånger {reference}"
        reference = (
            "the previous year's value" if target.relative_to == "previous_year" else "the baseline"
        )
        return f"{factor} times {reference}"
    return ""


def days_ago(days: int, lang: Lang) -> str:
    return text(lang, "day_ago") if days == 1 else text(lang, "days_ago", days=days)
