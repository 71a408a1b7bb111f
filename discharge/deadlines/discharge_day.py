"""Discharge-day rules: discharge information (R-12), follow-up contact (R-16), FVK before discharge (R-28),
and the supply periods after discharge (R-13, R-14, R-15)."""

from __future__ import annotations

from datetime import date, timedelta

from discharge.calendar import end_of_day, end_of_weekdays_after, local_date, nth_weekday_after
from discharge.deadlines.admission import fvk_required
from discharge.deadlines.facts import DeadlineFacts
from discharge.deadlines.model import CoveragePeriod, Deadline, DeadlineKind, Party
from discharge.regions import Region, RuleId, RuleSet, Track

_ORE_TREATMENT_PLAN_TRACKS = frozenset({Track.ORE_YELLOW, Track.ORE_RED})


def discharge_information_deadline(facts: DeadlineFacts, rules: RuleSet) -> Deadline | None:
    """R-12 per region; determinable once the patient is discharged."""
    discharged = facts.discharged_at
    if not rules.applies(RuleId.R12) or discharged is None:
        return None
    day = local_date(discharged)
    if rules.region is Region.STO:
        # R-12 (STO): necessary information «senast samma dag som utskrivning sker»
        text = "Send the discharge information at the latest on the day of discharge"
        return _by_end_of(day, rules, text, message="M-17")
    if rules.region is Region.ORE:
        # R-12 (ORE yellow/red): the 7-day medical treatment plan available «senast utskrivningsdagen»
        if facts.track not in _ORE_TREATMENT_PLAN_TRACKS:
            return None
        text = "Make the medical treatment plan available to the next care provider by the day of discharge"
        return _by_end_of(day, rules, text, message=None)
    # R-12 (VAR): «Epikriser ska vara klara senast i samband med hemgång»; NAT/BLE: «i samband med … utskrivning»
    text = "Discharge information ready at the latest when the patient leaves"
    return Deadline(
        rule=RuleId.R12,
        region=rules.region,
        kind=DeadlineKind.HARD,
        responsible=Party.INPATIENT,
        due=discharged,
        description=text,
        message="M-17",
    )


def _by_end_of(day: date, rules: RuleSet, description: str, *, message: str | None) -> Deadline:
    return Deadline(
        rule=RuleId.R12,
        region=rules.region,
        kind=DeadlineKind.HARD,
        responsible=Party.INPATIENT,
        due=end_of_day(day),
        due_date=day,
        description=description,
        message=message,
    )


def follow_up_contact_deadline(facts: DeadlineFacts, rules: RuleSet) -> Deadline | None:
    # R-16 (VAR): the FVK contacts the guardians «inom två vardagar efter utskrivning»
    if not rules.applies(RuleId.R16) or facts.discharged_at is None:
        return None
    day = local_date(facts.discharged_at)
    due = end_of_weekdays_after(day, 2, policy=rules.workday_policy)
    return Deadline(
        rule=RuleId.R16,
        region=rules.region,
        kind=DeadlineKind.HARD,
        responsible=Party.FVK,
        due=due,
        due_date=due.date(),
        description="Contact the guardians within two weekdays after discharge to follow up",
        message="M-20",
    )


def fvk_before_discharge_deadline(facts: DeadlineFacts, rules: RuleSet) -> Deadline | None:
    # R-28 (ORE; BLE/VAR via home-ready): FVK appointed before discharge, except social-services-only needs
    if not rules.applies(RuleId.R28) or facts.discharged_at is None or not fvk_required(facts, rules):
        return None
    return Deadline(
        rule=RuleId.R28,
        region=rules.region,
        kind=DeadlineKind.VALIDATION,
        responsible=Party.OUTPATIENT,
        due=facts.discharged_at,
        description="A named care contact must be appointed before the patient is discharged",
        message="M-04",
    )


def coverage_periods(facts: DeadlineFacts, rules: RuleSet) -> list[CoveragePeriod]:
    """What must last after discharge, from the discharge date (or the estimated one while still planning)."""
    day = facts.discharge_date
    if day is None:
        return []
    found = []
    if rules.applies(RuleId.R13) and facts.track in _ORE_TREATMENT_PLAN_TRACKS:
        # R-13 (ORE): the treatment plan «sträcker sig sju dagar framåt»
        text = "Medical treatment plan covering seven days after discharge (or until replaced)"
        found.append(_period(RuleId.R13, rules, day, day + timedelta(days=7), text))
    if rules.applies(RuleId.R14):
        # R-14 (STO): medication «i tre dagar» or until it can be collected from a pharmacy
        text = "Medication available for three days after discharge (or until collected from a pharmacy)"
        found.append(_period(RuleId.R14, rules, day, day + timedelta(days=3), text))
    if rules.applies(RuleId.R15) and facts.needs_tube_feeding:
        # R-15 (VAR): tube feeding (and supplements a dietitian decides) «för fem vardagar»
        last = nth_weekday_after(day, 5, policy=rules.workday_policy)
        found.append(_period(RuleId.R15, rules, day, last, "Tube feeding provided for five weekdays after discharge"))
    return found


def _period(rule: RuleId, rules: RuleSet, first: date, last: date, description: str) -> CoveragePeriod:
    return CoveragePeriod(
        rule=rule,
        region=rules.region,
        responsible=Party.INPATIENT,
        first_day=first,
        last_day=last,
        description=description,
    )
