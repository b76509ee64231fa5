"""The page for residents: what we promised, what we did, what comes next, whom to ask.

Brå's step 5 asks that a medborgarlöfte be reported back to the residents it was
made to. `build_public` gives that page's view model (`report_view.PublicView`)
for a `citizen_promise` plan, or for the `citizen_promise: true` activities of
any plan. It reads the plan through the same builder as the nämnd's report, so
statuses, counts and deadlines agree, and leaves out what is internal: who
reported what, assessments, and notes of work not yet done.
"""

from __future__ import annotations

import datetime as dt

from samplan import schedule, status
from samplan.i18n import TEXTS
from samplan.i18n import language as pick_language
from samplan.model import Activity, Plan
from samplan.periods import Period
from samplan.report import ReportBuilder, period_view
from samplan.report_chain import Family, coordination_view
from samplan.report_view import Labels, PromiseView, PublicView


def promises(plan: Plan) -> list[Activity]:
    """Every activity of a citizen promise plan; else the activities marked as promises."""
    everything = plan.kind == "citizen_promise"
    return [act for _, act in plan.all_activities() if everything or act.citizen_promise]


def build_public(
    plan: Plan,
    period: Period,
    as_of: dt.date,
    *,
    lang: str | None = None,
    file: str = "",
    family: Family | None = None,
) -> PublicView:
    """The residents' page of `plan` for `period` as it stands on `as_of`."""
    chosen = pick_language(lang or plan.language)
    builder = ReportBuilder(plan, period, as_of, chosen, file, family or Family())
    words = TEXTS[chosen]
    views = []
    for act in promises(plan):
        state = builder.status.activities[act.id]
        continuous = schedule.schedule_of(act, plan).kind == "continuous"
        done = [e for e in act.log if schedule.units(e) > 0 and builder.status.in_period(e)]
        if not done and continuous:
            # Ongoing work (`Kontinuerligt`) reports that it goes on, not units.
            done = [e for e in act.log if e.status == "ongoing" and builder.status.in_period(e)]
        amount = ""
        if done and not state.recurring and continuous:
            amount = builder.t("public_reported", date=builder.date(done[-1].date))
        elif done:
            held = sum(schedule.units(e) for e in done)
            times = builder.t("times", n=held) if held > 1 else words["one_time"]
            # A quantity's "2 av 4" counts every unit so far, not only this period's: say
            # both when the period did only part of them.
            progress = builder.progress(act)
            if progress and state.progress is not None and state.progress[0] != held:
                amount = builder.t("public_progress", times=times, progress=progress)
            elif progress:
                amount = progress
            else:
                amount = times if state.recurring else words["public_done"]
        following = status.next_due(builder.upcoming, "activity", act.id)
        views.append(
            PromiseView(
                title=act.title,
                description=act.description or "",
                who=builder.names(act.responsible),
                status=builder.status_badge("overdue" if state.overdue else state.status),
                done=amount,
                done_notes=[f"{builder.date(e.date)}: {e.note}" for e in done if e.note],
                next=builder.t("due_by", date=builder.date(following.due)) if following else "",
            )
        )
    return PublicView(
        lang=chosen,
        t=Labels(chosen),
        plan=builder.plan_info(),
        period=period_view(period, chosen),
        as_of=builder.date(as_of),
        as_of_iso=as_of.isoformat(),
        promises=views,
        worked_on=sum(1 for v in views if v.done),
        coming=[v for v in views if v.next],
        next_until=builder.date(builder.next.end),
        contact=coordination_view(plan, family or Family(), builder.name_of),
        # An ended promise has no "next": the page says until when it held instead.
        ended=builder.date(plan.period.end)
        if plan.period.end is not None and schedule.is_expired(plan, as_of)
        else "",
    )
