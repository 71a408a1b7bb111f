"""Adapter from a ``Case`` to the ``DeadlineFacts`` the deadline rules read (``discharge.deadlines``).

Role: the one place that knows both shapes, so the case and the deadline rules can evolve separately.
``case_deadline_facts(case)`` feeds ``deadlines_for``; ``rule_set_of(case)`` gives the rule set to pass with it.
Boundary: pure mapping, no rule logic; dates that the messages give as calendar dates (court decisions,
LPT admission decisions) become the start of that Stockholm day (AMB-22: date arithmetic on the local date).
"""

from __future__ import annotations

from datetime import date, datetime

from discharge.calendar import local_date, start_of_day
from discharge.case import Case
from discharge.codes import Need, Purpose, Sector
from discharge.deadlines import CompulsoryCare, DeadlineFacts, NoticeRecipient, Party
from discharge.regions import NAT_RULES, RuleSet
from discharge.submachines import NoticeTask

__all__ = ["case_deadline_facts", "party_of", "rule_set_of"]

_PARTY = {
    Sector.INPATIENT: Party.INPATIENT,
    Sector.OUTPATIENT: Party.OUTPATIENT,
    Sector.SOCIAL_SERVICES: Party.SOCIAL_SERVICES,
    Sector.MUNICIPAL_HEALTH_CARE: Party.MUNICIPAL_HEALTH_CARE,
}


def party_of(sector: Sector) -> Party:
    return _PARTY[sector]


def rule_set_of(case: Case) -> RuleSet:
    """The case's rule set; a case still in S0 without one is evaluated under the Act's default."""
    return case.rules if case.rules is not None else NAT_RULES


def case_deadline_facts(case: Case) -> DeadlineFacts:
    """Everything the §2.5 deadline rules need from ``case``; unknown facts stay ``None``."""
    active = case.rfd.active
    rules = rule_set_of(case)
    return DeadlineFacts(
        # AMB-42: before a regional agreement the case runs under NAT, which has no tracks
        track=case.track if case.track is not None and case.track.region is rules.region else None,
        patient_age=_age(case),
        needs_social_services=Need.SOCIAL_SERVICES in case.needs,
        needs_municipal_health_care=Need.MUNICIPAL_HEALTH_CARE in case.needs,
        needs_outpatient=Need.OUTPATIENT in case.needs,
        ward_admitted_at=case.admitted_at,
        need_identified_at=case.need_identified_at,
        notices=tuple(_notice(task) for task in case.notice_tasks),
        fvk_appointed_at=case.fvk.first_appointed_at,
        estimated_discharge_date=case.estimated_discharge_date,
        ready_for_discharge_assessed_at=active.assessed_at if active else None,
        ready_for_discharge_sent_at=active.sent_at if active else None,
        sip_invitation_permitted=case.legal_basis.has_basis(_convener_sector(case), Purpose.SIP_INVITATION),
        planned_sip_date=local_date(case.sip.meeting_at) if case.sip.meeting_at else None,
        planned_collaboration_meeting_date=_date(case.collaboration_meeting_at),
        health_change_decided_at=case.health_change_at,
        deceased_at=case.deceased_at,
        open_inpatient_referrals=bool(case.open_inpatient_referrals),
        sip_held_at=case.sip.established_at,
        training_offered_at=case.training_offered_at,
        municipality_can_train_on_site=case.training_on_site_possible,
        compulsory_care=CompulsoryCare(case.compulsory.status.value),
        lpt_admission_decided_at=_start(case.compulsory.admission_decision_date),
        opt_readmitted_at=_start(case.compulsory.opt_readmission_date),
        lpt_ended_at=case.compulsory.lpt_ended_at,
        lpt_extension_ruling_date=case.compulsory.extension_ruling_date,
        opt_court_decided_at=_start(case.compulsory.court_decision_date),
        discharged_at=case.discharged_at,
    )


def _convener_sector(case: Case) -> Sector:
    """C-09 is judged for the sector that convenes: the FVK's unit, by default outpatient care."""
    return case.fvk.unit.sector if case.fvk.unit is not None else Sector.OUTPATIENT


def _notice(task: NoticeTask) -> NoticeRecipient:
    return NoticeRecipient(
        recipient=task.recipient.hsa_id,
        party=party_of(task.recipient.sector),
        sent_at=task.requested_at,
        received_at=task.received_at,
    )


def _age(case: Case) -> int | None:
    if case.patient is None or case.opened_on is None:
        return None
    return case.patient.age_on(case.opened_on)


def _date(t: datetime | None) -> date | None:
    return local_date(t) if t is not None else None


def _start(d: date | None) -> datetime | None:
    return start_of_day(d) if d is not None else None
