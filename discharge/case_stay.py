"""Adapter from a ``Case`` to the payment-liability ``Stay`` (``discharge.liability``, §5.2 ``RfdEpisode``).

Role: the one place that knows both shapes, so the KPIs of §6.1 (averages, liable days) can reuse the
payment rules instead of repeating day counting. Boundary: pure mapping; a case without a patient address
(the payer) or still in S0/S1 has no stay.

Ambiguities decided here (docs/ambiguities.md):
AMB-CASE-15 facts no message carries are left at their "not met" default: the ORE home-ready checklist
        (§2.6) and refused interventions (P-STO-5); an unknown care type counts as somatic; a placing
        municipality on M-01 is taken as a SoL placement (P-GEN-05).
"""

from __future__ import annotations

from datetime import datetime

from discharge.case import Case, State
from discharge.case_facts import case_deadline_facts, rule_set_of
from discharge.codes import CareType, CloseReason, Need
from discharge.deadlines import deadlines_for
from discharge.liability import CareType as LiabilityCareType
from discharge.liability import Leave, Needs, Payer, Placement, RfdNotice, Stay
from discharge.liability.model import EndReason
from discharge.regions import RuleId
from discharge.sip import SipStatus

__all__ = ["case_to_stay"]


def case_to_stay(case: Case) -> Stay | None:
    """The case as a stay for ``compute_liability``; ``None`` when it cannot be one yet."""
    if case.region is None or case.patient is None or case.state in (State.NO_CASE, State.NOTICE_DUE):
        return None
    address = case.patient.registered_address
    registered = Payer(address.municipality_code, address.city_district)
    end_at, end_reason = _end(case)
    return Stay(
        case_id=case.case_id,
        patient_id=case.patient.identifier.value,
        region=case.region,
        registered=registered,
        care_type=_care_type(case.care_type),
        needs=Needs(
            social_services=Need.SOCIAL_SERVICES in case.needs,
            municipal_health_care=Need.MUNICIPAL_HEALTH_CARE in case.needs,
            outpatient=Need.OUTPATIENT in case.needs,
        ),
        rfd_notices=tuple(
            RfdNotice(sent_at=ep.sent_at, assessed_at=ep.assessed_at, revoked_at=ep.revoked_at)
            for ep in case.rfd.episodes
        ),
        end_at=end_at,
        end_reason=end_reason,
        placement=_placement(case, registered),
        admission_notice_sent_at=case.admission_notice_sent_at,
        admission_notice_due_at=_admission_notice_due(case),
        fvk_appointed_at=case.fvk.first_appointed_at,
        sip_required=case.sip.planned is SipStatus.INVITATION_DUE,
        sip_invitation_sent_at=case.sip.first_invited_at,
        leaves=tuple(
            Leave(start=p.started_at, end=p.ended_at)
            for p in case.leave.periods
            if p.started_at is not None and p.ended_at is not None
        ),
        track=case.track.value if case.track is not None else None,
    )


def _end(case: Case) -> tuple[datetime | None, EndReason]:
    # AMB-26: death ends the episode; a transfer to another inpatient provider ends and excludes it
    if case.discharged_at is not None:
        return case.discharged_at, "discharged"
    if case.deceased_at is not None:
        return case.deceased_at, "deceased"
    if case.close_reason is CloseReason.TRANSFERRED_TO_OTHER_INPATIENT_PROVIDER:
        return case.closed_at, "transferred"
    return None, "discharged"


def _care_type(care_type: CareType | None) -> LiabilityCareType:
    return "psychiatric" if care_type is CareType.PSYCHIATRIC else "somatic"


def _placement(case: Case, registered: Payer) -> Placement | None:
    if case.placing_municipality is None or case.placing_municipality == registered.municipality:
        return None
    return Placement(
        placing=Payer(case.placing_municipality),
        municipality_of_stay=registered.municipality,
        housing="SoL",
    )


def _admission_notice_due(case: Case) -> datetime | None:
    for deadline in deadlines_for(case_deadline_facts(case), rule_set_of(case)):
        if deadline.rule is RuleId.R01:
            return deadline.due
    return None
