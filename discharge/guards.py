"""Guards of transitions T1–T14 (§2.2) and of the sub-machine events; each raises ``TransitionRejected``.

Role: one function per transition, reading the case and the event and refusing with the transition id,
the rule id and a reason (``"T8 rejected: R-29 open referral to another inpatient provider"``).
Boundary: guards never change the case; regional applicability comes from the case's ``RuleSet``.

Ambiguities decided here (docs/ambiguities.md):
AMB-07  ORE: outpatient-only needs are outside the target group (``RuleSet.outpatient_only_in_scope``).
AMB-09  ORE: inpatient care (the children's clinic) may appoint the FVK.
AMB-CASE-08 R-29: an M-12 that states the open referrals are closed closes them; one that says nothing is
        refused while the case holds an open referral to another inpatient provider.
AMB-CASE-09 T7: the FVK's unit convenes (anyone when no FVK is required); VAR municipal units may after
        discharge; in ORE/BLE any party may («I särskilda fall kan samtliga parter initiera»); once a SIP
        is held, any participant may call its follow-up («eller utsedd huvudansvarig»).
"""

from __future__ import annotations

from discharge.admission_events import AdmissionNotice, CareContactAppointed
from discharge.calendar import local_date
from discharge.case import Case, State
from discharge.case_facts import case_deadline_facts
from discharge.codes import ConsentGivenBy, ConsentStatus, Need, Principal, Purpose, Sector
from discharge.deadlines import Severity, ready_for_discharge_issues
from discharge.discharge_events import (
    ConsentChanged,
    ProcessClosed,
    ReadyForDischarge,
    ReadyForDischargeRevoked,
)
from discharge.errors import TransitionRejected
from discharge.event_base import DischargeEvent
from discharge.planning_events import EddChangeReason
from discharge.planning_events import EstimatedDischargeDateChanged as DateChanged
from discharge.regions import Region, RuleId, RuleSet, Track
from discharge.sip_events import SipEstablished, SipFollowUp, SipInvitationBase
from discharge.submachines import FvkStatus

_HARM_ASSESSMENTS = frozenset({ConsentStatus.HARM_ASSESSMENT_PERMITS, ConsentStatus.HARM_ASSESSMENT_DENIES})


def check_in_scope(track: Track | None, needs: frozenset[Need], rules: RuleSet, *, transition: str) -> None:
    """T1: the stay is a case at all (track ≠ GRÅ; AMB-07)."""
    if track is Track.STO_GRA:
        raise TransitionRejected(transition, "track GRÅ is outside the Act («Omfattas inte av lagen»)", rule="T1")
    if needs and needs <= {Need.OUTPATIENT} and not rules.outpatient_only_in_scope:
        raise TransitionRejected(transition, "outpatient-only needs are outside the target group", rule="AMB-07")


def check_admission_notice(event: AdmissionNotice) -> None:
    """T2: mandatory content of M-01 (the estimated date, R-02, is mandatory in the type)."""
    if event.sender.sector is not Sector.INPATIENT:
        raise TransitionRejected("T2", f"M-01 is sent by inpatient care (A1), not {event.sender.sector}")
    if event.patient is None:
        raise TransitionRejected("T2", "M-01 must identify the patient (name, identity number, address)")
    if not event.recipients:
        raise TransitionRejected("T2", "M-01 must name at least one concerned unit")
    if not event.needs:
        raise TransitionRejected("T2", "M-01 must state the needs for interventions after discharge")


def check_acknowledgement_sender(case: Case, event: DischargeEvent) -> None:
    """T3: the sender is one of the units the admission notice was sent to."""
    if case.task_for(event.sender.hsa_id) is None:
        raise TransitionRejected("T3", f"{event.sender.hsa_id} was not sent the admission notice")


def check_care_contact(case: Case, event: CareContactAppointed, rules: RuleSet) -> None:
    """T4: who may appoint, and what the appointment must say."""
    sector = event.sender.sector
    inpatient_allowed = rules.region is Region.ORE  # AMB-09: ORE-C children's clinic keeps the FVK role
    if sector is not Sector.OUTPATIENT and not (inpatient_allowed and sector is Sector.INPATIENT):
        raise TransitionRejected("T4", f"the FVK is appointed by outpatient care (A3a), not {sector}")
    if rules.region is Region.STO and not event.contact.work_phone:
        raise TransitionRejected("T4", "STO requires the FVK's name and work phone («tjänstetelefonnummer»)")
    if case.life_threatening and not event.contact.licensed_physician:
        raise TransitionRejected("T4", "life-threatening condition: the FVK must be a licensed physician", rule="A10")


def check_new_date(event: DateChanged) -> None:
    """T5: the new estimated date is present; R-19 an extended LPT follows the court ruling."""
    if event.estimated_discharge_date is None:
        raise TransitionRejected("T5", "M-06 must carry the new estimated discharge date", rule="R-10")
    if event.reason is EddChangeReason.LPT_EXTENDED and event.court_ruling_date is None:
        raise TransitionRejected("T5", "an extended LPT needs the court ruling's date", rule="R-19")


def check_sip_invitation(case: Case, event: SipInvitationBase, rules: RuleSet) -> None:
    """T7: an appointed FVK convenes (AMB-CASE-09) with a legal basis (C-09)."""
    fvk_expected = case.fvk.status is not FvkStatus.NOT_REQUIRED and not case.sip.is_held
    if fvk_expected and not case.fvk.is_appointed:
        raise TransitionRejected("T7", "no FVK has been appointed to convene the SIP")
    if fvk_expected and not _may_convene(case, event, rules):
        raise TransitionRejected("T7", f"{event.sender.hsa_id} is not the FVK's unit and may not convene the SIP")
    if case.legal_basis.refused(event.sender.sector):
        raise TransitionRejected("T7", "the individual has declined (C-12)", rule="C-09")
    if not case.legal_basis.has_basis(event.sender.sector, Purpose.SIP_INVITATION):
        raise TransitionRejected("T7", "no consent or permitting harm assessment for a SIP invitation", rule="C-09")


def _may_convene(case: Case, event: SipInvitationBase, rules: RuleSet) -> bool:
    if case.fvk.unit is not None and event.sender.hsa_id == case.fvk.unit.hsa_id:
        return True
    if case.sip.is_held or rules.region in (Region.ORE, Region.BLE):
        return True
    municipal = event.sender.principal is Principal.MUNICIPALITY
    return rules.region is Region.VAR and municipal and case.state is State.DISCHARGED


def check_ready_for_discharge(case: Case, event: ReadyForDischarge, rules: RuleSet) -> None:
    """T8: R-29 (STO), R-20 (VAR ÖPT), R-30 (ORE-C red track), judged by ``discharge.deadlines``.

    ``case`` already holds what the notice itself declares (referrals closed, the court's decision, training
    offered), so a notice that settles its own precondition passes (AMB-CASE-08).
    """
    if rules.applies(RuleId.R29) and event.open_referrals_closed is False:
        # «Avbrutit/avslutat eventuella pågående remisser till annan slutenvårds vårdgivare»
        raise TransitionRejected("T8", "the notice states inpatient referrals are still open", rule="R-29")
    for issue in ready_for_discharge_issues(case_deadline_facts(case), rules):
        if issue.severity is Severity.ERROR:
            raise TransitionRejected("T8", _T8_REASONS.get(issue.rule, issue.message), rule=issue.rule.value)


_T8_REASONS = {
    RuleId.R29: "open referral to another inpatient provider",
    RuleId.R20: "ÖPT applied for but no administrative-court decision recorded",
}


def check_revocation(case: Case, event: ReadyForDischargeRevoked) -> None:
    """T9: a new estimated date is required (R-10) and the revoked notice is the active one."""
    if event.new_estimated_discharge_date is None:
        raise TransitionRejected("T9", "a revocation must carry a new estimated discharge date", rule="R-10")
    active = case.rfd.active
    if active is not None and active.message_id.lower() != event.revoked_message_id.lower():
        raise TransitionRejected("T9", f"{event.revoked_message_id} is not the active notice {active.message_id}")


def check_sip_consent(case: Case, event: SipEstablished | SipFollowUp, transition: str) -> None:
    """T11 / M-19: a SIP is established or followed up only with consent (C-10; CH-06 for a child)."""
    if transition == "M-19" and not case.sip.is_held:
        raise TransitionRejected(transition, "no SIP has been established to follow up")
    if not event.consent_confirmed:
        raise TransitionRejected(transition, "the message does not confirm consent to the SIP", rule="C-10")
    child = case.patient is not None and case.is_child(local_date(event.sent_at))
    guardians = case.patient.guardians if child and case.patient is not None else None
    if not case.legal_basis.has_basis(event.sender.sector, Purpose.SIP_ESTABLISHMENT, guardians=guardians):
        rule = "CH-06" if guardians is not None else "C-10"
        raise TransitionRejected(transition, "no recorded consent to establish the SIP", rule=rule)


def check_close_reason(event: ProcessClosed) -> None:
    """T13: «ange orsak» — the reason is required."""
    if event.reason is None:
        raise TransitionRejected("T13", "closing the process requires a close reason")


def check_consent_change(case: Case, event: ConsentChanged) -> None:
    """T14: C-03 no harm assessment for social services; CH-02 the board decides only for a child's social care."""
    if event.sector is Sector.SOCIAL_SERVICES and event.status in _HARM_ASSESSMENTS:
        raise TransitionRejected("T14", "social services have no harm-assessment route", rule="C-03")
    if event.status is ConsentStatus.HARM_ASSESSMENT_PERMITS and case.legal_basis.said_no(event.sector):
        # C-04: a harm assessment is for a person who cannot consent; it never overrides their refusal or withdrawal
        raise TransitionRejected("T14", "a harm assessment cannot override the individual's no", rule="C-04")
    if event.given_by is ConsentGivenBy.SOCIAL_WELFARE_BOARD:
        if event.sector is not Sector.SOCIAL_SERVICES:
            raise TransitionRejected("T14", "the social welfare board decides for social services only", rule="CH-02")
        if not case.is_child(local_date(event.effective_at)):
            raise TransitionRejected("T14", "the social welfare board decides only for a child", rule="CH-02")
