"""Effects of the admission and planning events on the case: T1–T7 and the planning messages around them.

Role: one function per event type, ``(case, event, rules) -> case``, called by ``discharge.transitions.apply``
after the state and identity checks; each runs its guard (``discharge.guards``) and then returns the moved
case. Boundary: no history, idempotency or re-planning here (``apply`` does those once for every event).

Ambiguities decided here (docs/ambiguities.md):
AMB-41      M-03 (VAR status message on admission) is a reply to M-01 like M-02 (T3).
AMB-CASE-10 a later M-01 adds recipients and updates the estimated date; state, first send time and statute stay.
"""

from __future__ import annotations

from dataclasses import replace

from discharge.admission_events import (
    AdmissionNotice,
    AdmissionNoticeAcknowledged,
    CareContactAppointed,
    NeedIdentified,
    StatusOnAdmission,
)
from discharge.case import Case, State
from discharge.codes import CareStatute, Location, Sector
from discharge.event_base import DischargeEvent, StayStatute
from discharge.guards import (
    check_acknowledgement_sender,
    check_admission_notice,
    check_care_contact,
    check_in_scope,
    check_new_date,
    check_sip_invitation,
)
from discharge.legal_basis import basis_from_status
from discharge.planning_events import (
    EddChangeReason,
    EstimatedDischargeDateChanged,
    Leave,
    LeavePhase,
    PlanningDocumentation,
    StatusBeforeDischarge,
)
from discharge.regions import RuleSet
from discharge.sip_events import (
    CollaborationMeetingInvitation,
    InitialSipAtHospital,
    MeetingPurpose,
    SipInvitationAcknowledged,
    SipInvitationBase,
)
from discharge.submachines import CompulsoryState, NoticeTask

__all__ = [
    "acknowledge_admission_notice",
    "appoint_care_contact",
    "change_estimated_date",
    "identify_need",
    "invite_collaboration_meeting",
    "invite_sip",
    "plan_leave",
    "record_only",
    "record_planning",
    "record_sip_response",
    "record_status_before_discharge",
    "send_admission_notice",
]


def identify_need(case: Case, event: NeedIdentified, rules: RuleSet) -> Case:
    """T1 S0 → S1: the R-01 clock starts at max(ward admission, need identified)."""
    check_in_scope(case.track, event.needs, rules, transition="T1")
    return replace(
        case,
        state=State.NOTICE_DUE,
        admitted_at=event.admitted_at,
        need_identified_at=event.need_identified_at,
        needs=case.needs | event.needs,
        compulsory=_admit(case.compulsory, event.statute),
    )


def send_admission_notice(case: Case, event: AdmissionNotice, rules: RuleSet) -> Case:
    """T2 S1 → S2 (from S0 T1 is implied, AMB-CASE-01); a later M-01 only adds recipients (AMB-CASE-10)."""
    check_in_scope(case.track, event.needs, rules, transition="T1" if case.state is State.NO_CASE else "T2")
    check_admission_notice(event)
    known = {task.recipient.hsa_id for task in case.notice_tasks}
    new_tasks = tuple(
        NoticeTask(recipient=unit, message_id=event.message_id, requested_at=event.sent_at)
        for unit in event.recipients
        if unit.hsa_id not in known
    )
    consent_at = event.consent_documented_at or event.sent_at
    first = case.admission_notice_sent_at is None
    return replace(
        case,
        state=State.NOTIFIED if case.state in (State.NO_CASE, State.NOTICE_DUE) else case.state,
        admitted_at=case.admitted_at or event.admitted_at,
        # without a separate judgement time the need was known at admission
        need_identified_at=case.need_identified_at or event.need_identified_at or event.admitted_at,
        admission_notice_sent_at=event.sent_at if first else case.admission_notice_sent_at,
        estimated_discharge_date=event.estimated_discharge_date,
        needs=case.needs | event.needs,
        life_threatening=case.life_threatening or bool(event.life_threatening),
        training_needed=event.training_needed_before_discharge
        if event.training_needed_before_discharge is not None
        else case.training_needed,
        placing_municipality=event.placing_municipality or case.placing_municipality,
        notice_tasks=case.notice_tasks + new_tasks,
        # C-06: inpatient care obtains consent at admission and passes it on
        legal_basis=case.legal_basis.record(Sector.INPATIENT, basis_from_status(event.consent), at=consent_at),
        compulsory=_admit(case.compulsory, event.statute) if first else case.compulsory,
    )


def _admit(compulsory: CompulsoryState, statute: StayStatute | None) -> CompulsoryState:
    if statute is None:
        return compulsory
    return compulsory.admit(
        lpt=statute.statute is CareStatute.LPT,
        opt_readmission=statute.statute is CareStatute.OPT,
        decision_date=statute.admission_decision_date,
    )


def acknowledge_admission_notice(
    case: Case, event: AdmissionNoticeAcknowledged | StatusOnAdmission, rules: RuleSet
) -> Case:
    """T3 S2 → S3: the sender's task is accepted; later replies keep the first time (R-03)."""
    check_acknowledgement_sender(case, event)
    tasks = tuple(
        task.accept(event.occurred_at) if task.recipient.hsa_id == event.sender.hsa_id else task
        for task in case.notice_tasks
    )
    state = State.PLANNING if case.state is State.NOTIFIED else case.state
    return replace(case, state=state, notice_tasks=tasks)


def appoint_care_contact(case: Case, event: CareContactAppointed, rules: RuleSet) -> Case:
    """T4 (sub-state in S2–S4): FVK → appointed, or reassigned."""
    check_care_contact(case, event, rules)
    return replace(case, fvk=case.fvk.appoint(event.contact, event.sender, event.appointed_at))


def change_estimated_date(case: Case, event: EstimatedDischargeDateChanged, rules: RuleSet) -> Case:
    """T5 (S1–S4): new estimated date; R-19 LPT ended / extended moves the compulsory-care sub-state."""
    check_new_date(event)
    compulsory = case.compulsory
    if event.reason is EddChangeReason.LPT_ENDED:
        compulsory = compulsory.end_lpt(event.sent_at)
    elif event.reason is EddChangeReason.LPT_EXTENDED and event.court_ruling_date is not None:
        compulsory = compulsory.extend_lpt(event.court_ruling_date)
    return replace(case, estimated_discharge_date=event.estimated_discharge_date, compulsory=compulsory)


def plan_leave(case: Case, event: Leave, rules: RuleSet) -> Case:
    """T6 (S2–S4): leave sub-state ``planned → on-leave → returned``."""
    if event.phase is LeavePhase.PLANNED:
        leave = case.leave.plan(event.start, event.end)
    elif event.phase is LeavePhase.STARTED:
        leave = case.leave.begin(event.start, event.end)
    else:
        leave = case.leave.end(event.end or event.sent_at)
    return replace(case, leave=leave)


def invite_sip(case: Case, event: SipInvitationBase, rules: RuleSet) -> Case:
    """T7 (S2–S5): SIP → invited; M-09 marks the initial SIP at the hospital (STO RÖD)."""
    check_sip_invitation(case, event, rules)
    at_hospital = isinstance(event, InitialSipAtHospital) or event.location is Location.INPATIENT_WARD
    sip = case.sip.invite(
        message_id=event.message_id,
        at=event.sent_at,
        meeting_at=event.meeting_at,
        location=event.location,
        at_hospital=at_hospital,
    )
    return replace(case, sip=sip)


def record_sip_response(case: Case, event: SipInvitationAcknowledged, rules: RuleSet) -> Case:
    """M-10 acknowledgement: the unit's answer to the invitation."""
    return replace(case, sip=case.sip.respond(event.sender.hsa_id, event.response.value, event.acknowledged_at))


def invite_collaboration_meeting(case: Case, event: CollaborationMeetingInvitation, rules: RuleSet) -> Case:
    """M-11 (VAR Lila): the meeting date is the R-08 reference; an ÖPT application starts the R-20 gate."""
    compulsory = case.compulsory
    if event.purpose is MeetingPurpose.OPT_APPLICATION:
        compulsory = compulsory.apply_for_opt(event.sent_at)
    return replace(case, collaboration_meeting_at=event.meeting_at, compulsory=compulsory)


def record_planning(case: Case, event: PlanningDocumentation, rules: RuleSet) -> Case:
    """M-05: an LPT § 7 a plan that applies for ÖPT starts the R-20 gate."""
    if event.lpt_plan is not None and event.lpt_plan.opt_application:
        return replace(case, compulsory=case.compulsory.apply_for_opt(event.sent_at))
    return case


def record_status_before_discharge(case: Case, event: StatusBeforeDischarge, rules: RuleSet) -> Case:
    """M-07 (VAR): kept for R-08 / K-14."""
    return replace(case, status_messages_sent=(*case.status_messages_sent, event.sent_at))


def record_only(case: Case, event: DischargeEvent, rules: RuleSet) -> Case:
    """Events whose only effect is their place in the history (M-11 replies, M-16, M-25)."""
    return case
