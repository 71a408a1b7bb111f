"""Process-compliance KPIs of §6.2 (K-10…K-21): one per deadline rule, judged by ``discharge.deadlines``.

Role: for each case, ask the deadline rules what was due (``deadlines_for`` over ``case_deadline_facts``),
find when the case fulfilled it, and count met against determinable deadlines. Boundary: pure; ``now`` only
decides whether an unfulfilled deadline is already overdue (counted) or still pending (left out).

Ambiguities decided here (docs/ambiguities.md):
AMB-CASE-14 a deadline belongs to the month of its due date (Stockholm); pending deadlines are not counted;
        a missed or overdue one counts in the denominator only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime, time
from decimal import Decimal

from discharge.calendar import end_of_day, local, local_date
from discharge.case import Case
from discharge.case_facts import case_deadline_facts, party_of, rule_set_of
from discharge.day_zero import day_zero
from discharge.deadlines import (
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    deadlines_for,
    is_met,
    message_read_deadline,
    status,
)
from discharge.kpi_model import KpiValue
from discharge.liability import Month
from discharge.regions import Region, RuleId

__all__ = ["compliance_kpis", "fulfilment"]

_NOON = time(12)
_COUNTED = frozenset({DeadlineStatus.MET, DeadlineStatus.MISSED, DeadlineStatus.OVERDUE})
_Filter = Callable[[Deadline], bool]
_ANY: _Filter = lambda deadline: True  # noqa: E731
# (KPI, title, rule, which deadlines of the rule count)
_DEADLINE_KPIS: tuple[tuple[str, str, RuleId, _Filter], ...] = (
    ("K-10", "Admission notice sent within 24 h", RuleId.R01, _ANY),
    ("K-11", "Admission notice acknowledged within 24 weekday-hours", RuleId.R03, _ANY),
    ("K-12", "FVK appointed within the regional deadline", RuleId.R05, _ANY),
    ("K-12b", "FVK appointed before discharge", RuleId.R28, _ANY),
    ("K-13", "SIP invitation within the R-07 deadline", RuleId.R07, _ANY),
    (
        "K-14",
        "Status message before discharge inside the 1–3-day window (Gul, Röd, Lila)",
        RuleId.R08,
        lambda d: d.kind is not DeadlineKind.SOFT,
    ),
    ("K-15", "Discharge information available by the end of the discharge day", RuleId.R12, _ANY),  # see _KPI_DUE
    ("K-16", "Follow-up contact within 2 weekdays after discharge", RuleId.R16, _ANY),
)


# §6.2 K-15 is «available by end of discharge day» in every region, while R-12 is the discharge instant in
# VAR/NAT/BLE (AMB-DL-01): the KPI is judged at the end of the day the R-12 deadline falls on.
_KPI_DUE: dict[str, Callable[[Deadline], Deadline]] = {
    "K-15": lambda deadline: replace(deadline, due=end_of_day(local_date(deadline.due))),
}


def _as_is(deadline: Deadline) -> Deadline:
    return deadline


def fulfilment(case: Case, deadline: Deadline) -> datetime | None:
    """When ``case`` fulfilled ``deadline`` (``None``: not yet)."""
    rule = deadline.rule
    if rule is RuleId.R01:
        return case.admission_notice_sent_at
    if rule is RuleId.R03:
        task = case.task_for(deadline.subject or "")
        return task.accepted_at if task is not None else None
    if rule in (RuleId.R05, RuleId.R06, RuleId.R28):
        return case.fvk.first_appointed_at
    if rule is RuleId.R07:
        return case.sip.first_invited_at
    if rule is RuleId.R08:
        sent = sorted(case.status_messages_sent, key=lambda t: t.timestamp())
        return next((t for t in sent if is_met(deadline, t)), sent[0] if sent else None)
    if rule is RuleId.R12:
        return case.discharge_information_sent_at
    if rule is RuleId.R16:
        return case.follow_up_contact_at
    return next((h.event.sent_at for h in case.history if h.event.type.value == deadline.message), None)


def compliance_kpis(cases: Sequence[Case], *, month: Month, now: datetime) -> tuple[KpiValue, ...]:
    """K-10…K-17, K-19…K-21 for ``cases`` (already restricted to one region)."""
    judged = [(case, deadline) for case in cases for deadline in _deadlines(case)]
    values = [_deadline_kpi(judged, kpi, title, rule, keep, month, now) for kpi, title, rule, keep in _DEADLINE_KPIS]
    values += _rfd_kpis(cases, month)
    values.append(_unread_kpi(cases, now))
    values += _quality_kpis(cases, month)
    return tuple(values)


def _deadlines(case: Case) -> list[Deadline]:
    if case.rules is None:
        return []
    return deadlines_for(case_deadline_facts(case), rule_set_of(case))


def _deadline_kpi(
    judged: Iterable[tuple[Case, Deadline]],
    kpi: str,
    title: str,
    rule: RuleId,
    keep: _Filter,
    month: Month,
    now: datetime,
) -> KpiValue:
    as_kpi = _KPI_DUE.get(kpi, _as_is)
    outcomes = [
        status(as_kpi(deadline), fulfilment(case, deadline), now)
        for case, deadline in judged
        if deadline.rule is rule and keep(deadline) and Month.of(local_date(deadline.due)) == month
    ]
    counted = [outcome for outcome in outcomes if outcome in _COUNTED]
    met = sum(outcome is DeadlineStatus.MET for outcome in counted)
    return KpiValue(kpi=kpi, title=title, rules=(rule.value,), numerator=Decimal(met), denominator=len(counted))


def _rfd_kpis(cases: Sequence[Case], month: Month) -> list[KpiValue]:
    """K-17: RFD notices sent after the 12:00 cut-off, and revocations, per notice sent in the month."""
    notices = [
        (case, episode)
        for case in cases
        for episode in case.rfd.episodes
        if Month.of(local_date(episode.sent_at)) == month
    ]
    late = sum(_after_noon(case, episode.sent_at) for case, episode in notices)
    revoked = sum(episode.revoked_at is not None for _, episode in notices)
    return [
        KpiValue(
            kpi="K-17",
            title="RFD notices sent after 12:00",
            rules=("R-09",),
            numerator=Decimal(late),
            denominator=len(notices),
        ),
        KpiValue(
            kpi="K-17b",
            title="RFD notices revoked",
            rules=("M-13",),
            numerator=Decimal(revoked),
            denominator=len(notices),
        ),
    ]


def _after_noon(case: Case, sent_at: datetime) -> bool:
    rules = rule_set_of(case)
    if rules.region in (Region.STO, Region.ORE):  # the region's own cut-off moves day zero (AMB-02)
        return day_zero(rules.region, sent_at) > local_date(sent_at)
    return local(sent_at).time() >= _NOON


def _unread_kpi(cases: Sequence[Case], now: datetime) -> KpiValue:
    """K-19 (live, as of ``now``): admission notices neither acknowledged nor cancelled after 4 weekday-hours."""
    late = total = 0
    for case in cases:
        for task in case.notice_tasks:
            deadline = message_read_deadline(
                task.received_at or task.requested_at,
                rule_set_of(case),
                responsible=party_of(task.recipient.sector),
                subject=task.recipient.hsa_id,
            )
            if deadline is None or not task.is_open:
                continue
            total += 1
            late += status(deadline, None, now) is DeadlineStatus.OVERDUE
    return KpiValue(
        kpi="K-19",
        title="Notices unacknowledged after 4 weekday-hours (live)",
        rules=("R-23",),
        numerator=Decimal(late),
        denominator=total,
    )


def _quality_kpis(cases: Sequence[Case], month: Month) -> list[KpiValue]:
    """K-21: discharges without RFD; M-01 without an estimated discharge date (R-02; 0 by construction)."""
    discharged = [c for c in cases if c.discharged_at is not None and Month.of(local_date(c.discharged_at)) == month]
    without_rfd = Counter(any(d.code == "discharge-without-rfd" for d in c.deviations) for c in discharged)
    notices = [
        c for c in cases if c.admission_notice_sent_at and Month.of(local_date(c.admission_notice_sent_at)) == month
    ]
    missing_date = sum(c.estimated_discharge_date is None for c in notices)
    return [
        KpiValue(
            kpi="K-21",
            title="Discharges without a ready-for-discharge notice",
            rules=("§2.2",),
            numerator=Decimal(without_rfd[True]),
            denominator=len(discharged),
            target=Decimal(0),
        ),
        KpiValue(
            kpi="K-21b",
            title="Admission notices without an estimated discharge date",
            rules=("R-02",),
            numerator=Decimal(missing_date),
            denominator=len(notices),
            target=Decimal(0),
        ),
    ]


def _in_month(t: datetime | None, month: Month) -> bool:
    return t is not None and Month.of(local_date(t)) == month
