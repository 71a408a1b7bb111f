"""The single entry point: every deadline that the facts of one case already determine, under its rule set."""

from __future__ import annotations

from discharge.calendar import to_utc
from discharge.deadlines.admission import (
    acknowledgement_deadlines,
    admission_notice_deadline,
    fvk_deadlines,
    is_in_scope,
)
from discharge.deadlines.discharge_day import (
    discharge_information_deadline,
    follow_up_contact_deadline,
    fvk_before_discharge_deadline,
)
from discharge.deadlines.facts import DeadlineFacts
from discharge.deadlines.model import Deadline
from discharge.deadlines.readiness import (
    immediate_notice_deadlines,
    noon_cutoff_deadline,
    sip_invitation_deadline,
    status_before_discharge_deadline,
)
from discharge.regions import RuleSet


def deadlines_for(facts: DeadlineFacts, rules: RuleSet) -> list[Deadline]:
    """All determinable deadlines of the case, sorted by due instant; rules lacking inputs are omitted.

    Raises ``ValueError`` when the case's track belongs to another region than ``rules``.
    """
    if facts.track is not None and facts.track.region is not rules.region:
        raise ValueError(f"track {facts.track} is not a {rules.region} track")
    if not is_in_scope(facts, rules):
        return []
    single = (
        admission_notice_deadline(facts, rules),
        sip_invitation_deadline(facts, rules),
        status_before_discharge_deadline(facts, rules),
        noon_cutoff_deadline(facts, rules),
        discharge_information_deadline(facts, rules),
        follow_up_contact_deadline(facts, rules),
        fvk_before_discharge_deadline(facts, rules),
    )
    found = [d for d in single if d is not None]
    found += acknowledgement_deadlines(facts, rules)
    found += fvk_deadlines(facts, rules)
    found += immediate_notice_deadlines(facts, rules)
    return sorted(found, key=lambda d: (to_utc(d.due), d.rule, d.subject or ""))
