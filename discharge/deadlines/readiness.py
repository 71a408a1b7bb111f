"""Planning-phase rules: SIP invitation (R-07), VAR status before discharge (R-08), the 12:00 cut-off (R-09),
"immediately" notices (R-10, R-11, R-19)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from discharge.calendar import (
    STOCKHOLM,
    end_of_day,
    end_of_day_plus_days,
    local_date,
    plus_hours,
    start_of_day,
)
from discharge.deadlines.facts import DeadlineFacts
from discharge.deadlines.model import Deadline, DeadlineKind, Party
from discharge.regions import Region, RuleId, RuleSet, Track

_IMMEDIATELY_HOURS = 1  # R-10 Proposal: «omgående» measured as ≤ 1 h after the decision is recorded
_STO_BOTH_PRINCIPALS = frozenset({Track.STO_GRON, Track.STO_GUL, Track.STO_ROD})
_NOON = time(12)
_STO_LAST_BEFORE_NOON = time(11, 59, 59, 999999)  # «före kl 12»: the last representable instant before 12:00


def _needs_both_principals(facts: DeadlineFacts) -> bool:
    return facts.track in _STO_BOTH_PRINCIPALS or (facts.needs_municipal and facts.needs_outpatient)


def sip_invitation_deadline(facts: DeadlineFacts, rules: RuleSet) -> Deadline | None:
    """R-07 per region (AMB-12); none without a legal basis for the invitation (C-09)."""
    if not rules.applies(RuleId.R07) or not facts.sip_invitation_permitted:
        return None
    if rules.region is Region.VAR:
        return _var_sip_invitation_deadline(facts, rules)
    if facts.ready_for_discharge_sent_at is None:
        return None
    if rules.region is Region.STO:
        # R-07 (STO): ≤ 3 days after RFD when both principals' interventions are needed (P-STO-4)
        applies, kind = _needs_both_principals(facts), DeadlineKind.HARD
    else:
        # R-07 (NAT/BLE): ≤ 3 days after RFD on continued health-care needs; ORE: «helst» → soft
        applies = facts.needs_health_care
        kind = DeadlineKind.SOFT if rules.region is Region.ORE else DeadlineKind.HARD
    if not applies:
        return None
    sent = facts.ready_for_discharge_sent_at
    return Deadline(
        rule=RuleId.R07,
        region=rules.region,
        kind=kind,
        responsible=Party.FVK,
        due=end_of_day_plus_days(sent, 3),  # AMB-13: calendar days, end of day
        due_date=local_date(sent) + timedelta(days=3),
        description="Invite to a SIP within three days of the ready-for-discharge notice",
        message="M-10",
    )


def _var_sip_invitation_deadline(facts: DeadlineFacts, rules: RuleSet) -> Deadline | None:
    # R-07 (VAR Röd): «innan beräknat utskrivningsdatum» — by the end of the day before; Grön/Gul «vid behov»
    if facts.track is not Track.VAR_ROD or facts.estimated_discharge_date is None:
        return None
    last_day = facts.estimated_discharge_date - timedelta(days=1)
    return Deadline(
        rule=RuleId.R07,
        region=rules.region,
        kind=DeadlineKind.HARD,
        responsible=Party.FVK,
        due=end_of_day(last_day),
        due_date=last_day,
        description="Invite to a SIP before the estimated discharge date",
        message="M-10",
    )


_R08_REFERENCE: dict[Track, tuple[Callable[[DeadlineFacts], date | None], DeadlineKind, str]] = {
    Track.VAR_GRON: (
        lambda f: f.estimated_discharge_date,
        DeadlineKind.SOFT,
        "the estimated discharge date (optional)",
    ),
    Track.VAR_GUL: (lambda f: f.estimated_discharge_date, DeadlineKind.HARD, "the estimated discharge date"),
    Track.VAR_ROD: (lambda f: f.planned_sip_date, DeadlineKind.HARD, "the planned SIP"),
    Track.VAR_LILA: (
        lambda f: f.planned_collaboration_meeting_date,
        DeadlineKind.HARD,
        "the planned collaboration meeting",
    ),
}


def status_before_discharge_deadline(facts: DeadlineFacts, rules: RuleSet) -> Deadline | None:
    # R-08 (VAR): M-07 sent on a date in [ref − 3 days, ref − 1 day]; no reference date yet → N/A (AMB-44)
    if not rules.applies(RuleId.R08) or facts.track not in _R08_REFERENCE:
        return None
    reference_of, kind, what = _R08_REFERENCE[facts.track]
    reference = reference_of(facts)
    if reference is None:
        return None
    last_day = reference - timedelta(days=1)
    return Deadline(
        rule=RuleId.R08,
        region=rules.region,
        kind=kind,
        responsible=Party.INPATIENT,
        due=end_of_day(last_day),
        due_date=last_day,
        earliest=start_of_day(reference - timedelta(days=3)),
        description=f"Send the status message before discharge 1–3 days before {what}",
        message="M-07",
    )


def noon_cutoff_deadline(facts: DeadlineFacts, rules: RuleSet) -> Deadline | None:
    # R-09 (STO/ORE) as a KPI (K-17): send M-12 by the cut-off of the day the patient was judged ready
    if not rules.applies(RuleId.R09) or rules.region not in (Region.STO, Region.ORE):
        return None
    start = facts.ready_for_discharge_assessed_at or facts.ready_for_discharge_sent_at
    if start is None:
        return None
    cutoff = _STO_LAST_BEFORE_NOON if rules.region is Region.STO else _NOON
    due = datetime.combine(local_date(start), cutoff, tzinfo=STOCKHOLM)
    if due < start:  # judged ready after the cut-off: the first cut-off a notice can still meet is the next day's
        due = datetime.combine(local_date(start) + timedelta(days=1), cutoff, tzinfo=STOCKHOLM)
    return Deadline(
        rule=RuleId.R09,
        region=rules.region,
        kind=DeadlineKind.KPI_THRESHOLD,
        responsible=Party.INPATIENT,
        due=due,
        description="Send the ready-for-discharge notice before 12:00 so that the day counts as day zero",
        message="M-12",
    )


def _immediately(rule: RuleId, rules: RuleSet, decided_at: datetime, description: str, message: str) -> Deadline:
    return Deadline(
        rule=rule,
        region=rules.region,
        kind=DeadlineKind.KPI_THRESHOLD,
        responsible=Party.INPATIENT,
        due=plus_hours(decided_at, _IMMEDIATELY_HOURS),
        description=description,
        message=message,
    )


def immediate_notice_deadlines(facts: DeadlineFacts, rules: RuleSet) -> list[Deadline]:
    found = []
    if rules.applies(RuleId.R10) and facts.health_change_decided_at is not None:
        # R-10 (STO): changed health / no longer RFD → tell the units «omgående», with a new estimated date
        text = "Tell the units immediately about the changed health status and the new estimated discharge date"
        found.append(_immediately(RuleId.R10, rules, facts.health_change_decided_at, text, "M-06"))
    if rules.applies(RuleId.R11) and facts.deceased_at is not None:
        # R-11 (STO): death during the stay → tell the units «omgående»
        found.append(_immediately(RuleId.R11, rules, facts.deceased_at, "Tell the units immediately", "M-21"))
    if rules.applies(RuleId.R19) and facts.track is Track.VAR_LILA and facts.lpt_ended_at is not None:
        # R-19 (VAR Lila): LPT ended → a new estimated discharge date MUST be sent; same 1 h Proposal as R-10
        text = "Send a new estimated discharge date now that compulsory care (LPT) has ended"
        found.append(_immediately(RuleId.R19, rules, facts.lpt_ended_at, text, "M-06"))
    return found
