"""Admission-phase rules: case scope (R-26, AMB-07), the admission notice (R-01), its acknowledgements (R-03)
and the named care contact (R-05, R-06)."""

from __future__ import annotations

from datetime import datetime, timedelta

from discharge.calendar import end_of_day_plus_days, local_date, plus_hours, plus_weekday_hours, to_utc
from discharge.deadlines.facts import DeadlineFacts, NoticeRecipient
from discharge.deadlines.model import Deadline, DeadlineKind, Party
from discharge.regions import Region, RuleId, RuleSet, Track

_WEEKDAY_HOURS = 24  # «24 timmar på vardagar»


def is_in_scope(facts: DeadlineFacts, rules: RuleSet) -> bool:
    """Whether the stay is a discharge-coordination case at all under ``rules``."""
    if facts.track is Track.STO_GRA:  # «Omfattas inte av lagen om samverkan.»
        return False
    outpatient_only = facts.needs_outpatient and not facts.needs_municipal
    if outpatient_only and not rules.outpatient_only_in_scope:  # AMB-07
        return False
    return not _is_short_stay(facts, rules)


def _is_short_stay(facts: DeadlineFacts, rules: RuleSet) -> bool:
    # an ORE inpatient unit is «vårdavdelning med vård överstigande ett dygn» (AMB-29)
    if not rules.applies(RuleId.R26) or rules.minimum_stay <= timedelta(0):
        return False
    if facts.ward_admitted_at is None or facts.discharged_at is None:
        return False
    return to_utc(facts.discharged_at) - to_utc(facts.ward_admitted_at) < rules.minimum_stay


def fvk_required(facts: DeadlineFacts, rules: RuleSet) -> bool:
    """Whether a named care contact (FVK) must be appointed (§2.2 FVK sub-state)."""
    if facts.track is Track.STO_GRA:
        return False
    if facts.track is Track.STO_BLA:  # «Fast vårdkontakt ska utses vid behov av insatser från öppenvården.»
        return facts.needs_outpatient
    # R-28 «except social-services-only cases» (ORE-A, and BLE/VAR via the home-ready criteria): the FVK is
    # outpatient care's role, so a case that needs only social services has none to appoint — in every region.
    social_services_only = facts.needs_social_services and not facts.needs_health_care
    return not social_services_only


def admission_notice_deadline(facts: DeadlineFacts, rules: RuleSet) -> Deadline | None:
    # M-01 within 24 h (elapsed) of max(ward admission, need identified); STO excludes ED time
    if not rules.applies(RuleId.R01) or facts.need_identified_at is None:
        return None
    starts = [t for t in (facts.ward_admitted_at, facts.need_identified_at) if t is not None]
    clock_start = max(starts, key=to_utc)
    return Deadline(
        rule=RuleId.R01,
        region=rules.region,
        kind=DeadlineKind.HARD,
        responsible=Party.INPATIENT,
        due=plus_hours(clock_start, 24),
        description="Send the admission notice within 24 hours of ward admission or of the need being identified",
        message="M-01",
    )


def acknowledgement_deadlines(facts: DeadlineFacts, rules: RuleSet) -> list[Deadline]:
    # R-03 (STO): every recipient answers within 24 h on weekdays; AMB-18: outpatient care too
    if not rules.applies(RuleId.R03):
        return []
    return [
        Deadline(
            rule=RuleId.R03,
            region=rules.region,
            kind=DeadlineKind.HARD,
            responsible=notice.party,
            due=plus_weekday_hours(notice.clock_start, _WEEKDAY_HOURS, policy=rules.workday_policy),
            description="Acknowledge the admission notice within 24 hours on weekdays",
            message="M-02",
            subject=notice.recipient,
        )
        for notice in facts.notices
    ]


def _first_outpatient_notice(facts: DeadlineFacts) -> NoticeRecipient | None:
    outpatient = [n for n in facts.notices if n.is_outpatient]
    return min(outpatient, key=lambda n: to_utc(n.clock_start), default=None)


def _weekday_hours_deadline(
    rule: RuleId, rules: RuleSet, received_at: datetime, kind: DeadlineKind, description: str
) -> Deadline:
    return Deadline(
        rule=rule,
        region=rules.region,
        kind=kind,
        responsible=Party.OUTPATIENT,
        due=plus_weekday_hours(received_at, _WEEKDAY_HOURS, policy=rules.workday_policy),
        description=description,
        message="M-04",
    )


def fvk_deadlines(facts: DeadlineFacts, rules: RuleSet) -> list[Deadline]:
    """R-05 (per region, AMB-08) and R-06 (STO), counted from outpatient care's receipt of M-01."""
    notice = _first_outpatient_notice(facts)
    if notice is None or not rules.applies(RuleId.R05) or not fvk_required(facts, rules):
        return []
    received = notice.clock_start
    if rules.region is Region.ORE:
        # R-05 (ORE): «senast tre dagar efter» — calendar days to the end of the day (AMB-13)
        return [
            Deadline(
                rule=RuleId.R05,
                region=rules.region,
                kind=DeadlineKind.HARD,
                responsible=Party.OUTPATIENT,
                due=end_of_day_plus_days(received, 3),
                due_date=local_date(received) + timedelta(days=3),
                description="Appoint a named care contact at the latest three days after receiving the notice",
                message="M-04",
            )
        ]
    if rules.region is not Region.STO:
        # R-05 (VAR «utan dröjsmål», BLE/NAT «snarast möjligt»): KPI threshold 24 weekday hours (AMB-08)
        text = "Appoint a named care contact without delay (KPI: 24 hours on weekdays)"
        return [_weekday_hours_deadline(RuleId.R05, rules, received, DeadlineKind.KPI_THRESHOLD, text)]
    # R-05 (STO): appoint within 24 h on weekdays of receipt
    found = [
        _weekday_hours_deadline(
            RuleId.R05, rules, received, DeadlineKind.HARD, "Appoint a named care contact within 24 hours on weekdays"
        )
    ]
    if rules.applies(RuleId.R06):
        # R-06 (STO): and tell the concerned units within the same 24 weekday hours
        text = "Tell the concerned units who the named care contact is within 24 hours on weekdays"
        found.append(_weekday_hours_deadline(RuleId.R06, rules, received, DeadlineKind.HARD, text))
    return found
