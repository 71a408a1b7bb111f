"""Transitions T1–T14 of §2.2: each happy path and each guard's rejection, plus idempotency and identity."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from discharge.admission_events import CareContact
from discharge.case import Case, State, new_case
from discharge.case_facts import case_deadline_facts, rule_set_of
from discharge.codes import (
    CareStatute,
    CloseReason,
    ConsentGivenBy,
    ConsentStatus,
    Location,
    MeetingMode,
    Need,
    Purpose,
    Sector,
    Service,
)
from discharge.deadlines import deadlines_for
from discharge.discharge_events import (
    CareLevel,
    GeneralCategory,
    GeneralMessage,
    OptApplication,
    Referral,
    ReferralStatus,
    TrainingOffer,
)
from discharge.errors import DischargeError, TransitionRejected
from discharge.event_base import StayStatute
from discharge.events import event_from_dict
from discharge.legal_basis import LegalBasis, LegalBasisState
from discharge.parties import Clinician
from discharge.planning_events import EddChangeReason, EstimatedDischargeDateChanged, Leave, LeavePhase
from discharge.regions import Region, Track
from discharge.sip import SipStatus
from discharge.sip_events import CollaborationMeetingInvitation, MeetingPurpose
from discharge.submachines import CompulsoryStatus, FvkStatus, LeaveStatus, NoticeTaskStatus, RfdStatus
from discharge.transitions import apply
from tests.unit.discharge.factories import (
    CASE_ID,
    CHILD,
    HOME_CARE,
    NOW,
    PRIMARY_CARE,
    RECIPIENTS,
    SOCIAL,
    T0,
    WARD,
    acknowledgement,
    admission_notice,
    at,
    care_contact,
    closed,
    consent_changed,
    deceased,
    discharge_information,
    envelope,
    need_identified,
    planning_case,
    ready,
    ready_case,
    revoked,
    run,
    sip_established,
    sip_invitation,
)

FIXTURES = Path(__file__).parents[2] / "fixtures" / "discharge"


def rejection(excinfo: pytest.ExceptionInfo[TransitionRejected]) -> str:
    return str(excinfo.value)


# T1 ─ E-01 NeedIdentified, S0 → S1


def test_t1_need_identified_opens_the_case_in_s1_with_the_r01_clock() -> None:
    case = run(need_identified())
    assert case.state is State.NOTICE_DUE
    assert case.region is Region.STO
    assert case.rules is not None
    assert case.rules.region is Region.STO
    (deadline,) = [d for d in deadlines_for(case_deadline_facts(case), rule_set_of(case)) if d.rule.value == "R-01"]
    assert deadline.due == T0 + timedelta(hours=24)


def test_t1_rejected_for_track_gra() -> None:
    with pytest.raises(TransitionRejected, match=r"^T1 rejected: T1 track GRÅ is outside the Act"):
        run(need_identified(track=Track.STO_GRA))


def test_t1_rejected_in_ore_for_outpatient_only_needs_amb07() -> None:
    with pytest.raises(TransitionRejected, match="AMB-07 outpatient-only needs"):
        run(need_identified(region=Region.ORE, needs=frozenset({Need.OUTPATIENT})))


def test_t1_rejected_when_the_case_is_already_open() -> None:
    with pytest.raises(TransitionRejected, match=r"T1 rejected: case is in S1 NOTICE_DUE; E-01 needs S0 NO_CASE"):
        run(need_identified(), need_identified())


# T2 ─ M-01 admission notice, S1 → S2


def test_t2_admission_notice_moves_s1_to_s2_and_opens_one_task_per_recipient() -> None:
    case = run(need_identified(), admission_notice())
    assert case.state is State.NOTIFIED
    assert [t.recipient for t in case.notice_tasks] == list(RECIPIENTS)
    assert all(t.status is NoticeTaskStatus.REQUESTED for t in case.notice_tasks)
    assert case.fvk.status is FvkStatus.PENDING  # R-05 timer starts
    assert case.sip.status is SipStatus.INVITATION_DUE  # STO GUL
    assert case.legal_basis.of(Sector.INPATIENT).basis is LegalBasis.CONSENT  # C-06
    assert case.estimated_discharge_date == date(2025, 3, 10)


def test_t2_admission_notice_on_a_new_case_implies_t1_amb_case_01() -> None:
    case = run(admission_notice())
    assert case.state is State.NOTIFIED
    assert case.need_identified_at == T0  # need known at admission
    assert [(h.transition, h.from_state, h.to_state) for h in case.history] == [("T2", State.NO_CASE, State.NOTIFIED)]


def test_t2_later_admission_notice_adds_recipients_without_changing_state_amb_case_10() -> None:
    case, _ = planning_case(recipients=(SOCIAL,))
    case = run(admission_notice(recipients=(SOCIAL, PRIMARY_CARE)), case=case)
    assert case.state is State.PLANNING
    assert [t.recipient.hsa_id for t in case.notice_tasks] == [SOCIAL.hsa_id, PRIMARY_CARE.hsa_id]


def test_t2_rejected_when_sent_by_a_municipal_unit() -> None:
    with pytest.raises(TransitionRejected, match="T2 rejected: M-01 is sent by inpatient care"):
        run(admission_notice(sender=SOCIAL))


def test_t2_rejected_without_the_patient() -> None:
    with pytest.raises(TransitionRejected, match="T2 rejected: M-01 must identify the patient"):
        run(admission_notice(patient=None))


def test_t2_rejected_without_recipients() -> None:
    with pytest.raises(TransitionRejected, match="at least one concerned unit"):
        run(admission_notice(recipients=()))


def test_t2_rejected_for_track_gra_on_an_open_case() -> None:
    with pytest.raises(TransitionRejected, match="T2 rejected: T1 track GRÅ"):
        run(need_identified(), admission_notice(track=Track.STO_GRA))


def test_t2_c06_the_consent_obtained_at_admission_is_forwarded_until_a_sector_records_its_own() -> None:
    documented = at(2025, 3, 3, 10)
    case, _ = planning_case(consent_documented_at=documented)
    inpatient = case.legal_basis.of(Sector.INPATIENT)
    assert (inpatient.basis, inpatient.since) == (LegalBasis.CONSENT, documented)
    assert case.legal_basis.of(Sector.SOCIAL_SERVICES).basis is LegalBasis.UNKNOWN
    assert case.legal_basis.has_basis(Sector.SOCIAL_SERVICES, Purpose.INFORMATION_EXCHANGE)  # forwarded
    # The municipality obtains its own consent when it contacts the individual; that record then decides.
    case = run(consent_changed(Sector.SOCIAL_SERVICES, ConsentStatus.REFUSED, sent_at=at(2025, 3, 4, 9)), case=case)
    assert not case.legal_basis.has_basis(Sector.SOCIAL_SERVICES, Purpose.INFORMATION_EXCHANGE)
    assert case.legal_basis.has_basis(Sector.MUNICIPAL_HEALTH_CARE, Purpose.INFORMATION_EXCHANGE)
    not_asked, _ = planning_case(consent=ConsentStatus.NOT_ASKED)
    assert not not_asked.legal_basis.has_basis(Sector.SOCIAL_SERVICES, Purpose.INFORMATION_EXCHANGE)


# T3 ─ M-02 acknowledgement / M-03 status message, S2 → S3


def test_t3_acknowledgement_moves_s2_to_s3_and_accepts_the_senders_task() -> None:
    notice = admission_notice()
    case = run(notice, acknowledgement(SOCIAL, notice))
    assert case.state is State.PLANNING
    task = case.task_for(SOCIAL.hsa_id)
    assert task is not None
    assert task.status is NoticeTaskStatus.ACCEPTED
    assert task.accepted_at == T0 + timedelta(hours=5)
    assert case.task_for(PRIMARY_CARE.hsa_id).status is NoticeTaskStatus.REQUESTED  # type: ignore[union-attr]


def test_t3_status_message_on_admission_also_moves_s2_to_s3() -> None:
    from discharge.admission_events import StatusOnAdmission

    notice = admission_notice(region=Region.VAR, track=Track.VAR_GRON)
    status = StatusOnAdmission(**envelope(HOME_CARE, (WARD,), T0 + timedelta(hours=4), Region.VAR))
    assert run(notice, status).state is State.PLANNING


def test_t3_rejected_when_the_sender_was_not_sent_the_notice() -> None:
    notice = admission_notice(recipients=(SOCIAL,))
    with pytest.raises(TransitionRejected, match=f"T3 rejected: {HOME_CARE.hsa_id} was not sent the admission notice"):
        run(notice, acknowledgement(HOME_CARE, notice))


def test_t3_rejected_before_the_admission_notice() -> None:
    notice = admission_notice()
    with pytest.raises(TransitionRejected, match="T3 rejected: case is in S1 NOTICE_DUE"):
        run(need_identified(), acknowledgement(SOCIAL, notice))


# T4 ─ M-04 FVK appointed (sub-state)


def test_t4_care_contact_appointed_then_reassigned() -> None:
    case, _ = planning_case()
    case = run(care_contact(), case=case)
    assert case.fvk.status is FvkStatus.APPOINTED
    assert case.fvk.unit == PRIMARY_CARE
    later = at(2025, 3, 5, 9)
    case = run(care_contact(sent_at=later), case=case)
    assert case.fvk.status is FvkStatus.REASSIGNED
    assert case.fvk.first_appointed_at == T0 + timedelta(hours=6)
    assert case.fvk.appointed_at == later


def test_t4_rejected_when_appointed_by_social_services() -> None:
    case, _ = planning_case()
    with pytest.raises(TransitionRejected, match="T4 rejected: the FVK is appointed by outpatient care"):
        run(care_contact(sender=SOCIAL), case=case)


def test_t4_rejected_in_sto_without_a_work_phone() -> None:
    case, _ = planning_case()
    contact = CareContact(name="Dr Test Testsson", work_phone=None, licensed_physician=True)
    with pytest.raises(TransitionRejected, match="STO requires the FVK's name and work phone"):
        run(care_contact(contact=contact), case=case)


def test_t4_rejected_by_a10_when_life_threatening_and_not_a_physician() -> None:
    case, _ = planning_case(life_threatening=True)
    contact = CareContact(name="Syster Test", work_phone="+46812345679", licensed_physician=False)
    with pytest.raises(TransitionRejected, match="T4 rejected: A10 life-threatening condition"):
        run(care_contact(contact=contact), case=case)


def test_t4_ore_childrens_clinic_may_appoint_the_fvk_amb09() -> None:
    case, _ = planning_case(region=Region.ORE, track=Track.ORE_RED, patient=CHILD)
    assert run(care_contact(region=Region.ORE, sender=WARD), case=case).fvk.is_appointed


# T5 ─ M-06 estimated discharge date changed


def _date_changed(
    new: date | None, reason: EddChangeReason, region: Region = Region.STO, **kw: object
) -> EstimatedDischargeDateChanged:
    return EstimatedDischargeDateChanged(
        **envelope(WARD, RECIPIENTS, at(2025, 3, 4, 9), region, estimated_discharge_date=new, reason=reason, **kw)
    )


def test_t5_new_estimated_date_replaces_the_old_one() -> None:
    case, _ = planning_case()
    case = run(_date_changed(date(2025, 3, 14), EddChangeReason.PLANNING), case=case)
    assert case.estimated_discharge_date == date(2025, 3, 14)
    assert case.state is State.PLANNING


def test_t5_rejected_by_r10_without_a_new_date() -> None:
    case, _ = planning_case()
    with pytest.raises(TransitionRejected, match="T5 rejected: R-10 M-06 must carry the new estimated discharge date"):
        run(_date_changed(None, EddChangeReason.HEALTH_CHANGE), case=case)


def test_t5_rejected_by_r19_when_lpt_extended_without_the_ruling() -> None:
    case, _ = planning_case(region=Region.VAR, track=Track.VAR_LILA)
    with pytest.raises(TransitionRejected, match="T5 rejected: R-19 an extended LPT needs the court ruling"):
        run(_date_changed(date(2025, 3, 20), EddChangeReason.LPT_EXTENDED, Region.VAR), case=case)


def test_t5_lpt_ended_and_extended_move_the_compulsory_care_sub_state() -> None:
    statute = StayStatute(statute=CareStatute.LPT, admission_decision_date=date(2025, 3, 3))
    case, _ = planning_case(region=Region.VAR, track=Track.VAR_LILA, statute=statute)
    assert case.compulsory.status is CompulsoryStatus.LPT
    ruling = date(2025, 3, 25)
    extended = _date_changed(ruling, EddChangeReason.LPT_EXTENDED, Region.VAR, court_ruling_date=ruling)
    case = run(extended, case=case)
    assert case.compulsory.status is CompulsoryStatus.LPT_EXTENDED
    assert case.compulsory.extension_ruling_date == ruling
    case = run(_date_changed(date(2025, 3, 12), EddChangeReason.LPT_ENDED, Region.VAR), case=case)
    assert case.compulsory.status is CompulsoryStatus.VOLUNTARY


# T6 ─ M-08 leave


def test_t6_leave_planned_started_and_ended() -> None:
    case, _ = planning_case()
    start, end = at(2025, 3, 5, 8), at(2025, 3, 5, 22)
    events = [
        Leave(**envelope(WARD, RECIPIENTS, at(2025, 3, 4, 9), Region.STO, phase=phase, start=start, end=end))
        for phase in (LeavePhase.PLANNED, LeavePhase.STARTED, LeavePhase.ENDED)
    ]
    planned = run(events[0], case=case)
    assert planned.leave.status is LeaveStatus.PLANNED
    back = run(*events[1:], case=planned)
    assert back.leave.status is LeaveStatus.RETURNED
    (period,) = back.leave.periods
    assert period.started_at == start
    assert period.ended_at == end


# T7 ─ M-09 / M-10 SIP invitation


def test_t7_sip_invitation_by_the_fvk_marks_the_sip_invited() -> None:
    case, _ = ready_case()
    case = run(sip_invitation(), case=case)
    assert case.sip.status is SipStatus.INVITED
    assert case.sip.first_invited_at == at(2025, 3, 8, 9)
    assert case.sip.meeting_location is Location.HOME


def test_t7_rejected_when_no_fvk_has_been_appointed() -> None:
    case, _ = planning_case()
    with pytest.raises(TransitionRejected, match="T7 rejected: no FVK has been appointed"):
        run(sip_invitation(), case=case)


def test_t7_rejected_when_the_sender_is_not_the_fvks_unit() -> None:
    case, _ = ready_case()
    with pytest.raises(TransitionRejected, match="is not the FVK's unit"):
        run(sip_invitation(sender=HOME_CARE), case=case)


def test_t7_rejected_by_c09_without_consent_or_harm_assessment() -> None:
    case, _ = planning_case(consent=ConsentStatus.NOT_ASKED)
    case = run(care_contact(), case=case)
    assert case.sip.status is SipStatus.NO_LEGAL_BASIS
    with pytest.raises(TransitionRejected, match="T7 rejected: C-09 no consent or permitting harm assessment"):
        run(sip_invitation(), case=case)


def test_t7_rejected_by_c09_when_the_individual_refused() -> None:
    case, _ = planning_case(consent=ConsentStatus.REFUSED)
    case = run(care_contact(), case=case)
    assert case.sip.status is SipStatus.DECLINED
    with pytest.raises(TransitionRejected, match=r"C-09 the individual has declined \(C-12\)"):
        run(sip_invitation(), case=case)


def test_t7_c04_a_permitting_harm_assessment_lets_the_fvk_invite_a_denying_one_does_not() -> None:
    permits, _ = planning_case(consent=ConsentStatus.HARM_ASSESSMENT_PERMITS)
    permits = run(care_contact(), case=permits)
    assert permits.sip.status is SipStatus.INVITATION_DUE
    assert run(sip_invitation(), case=permits).sip.status is SipStatus.INVITED
    denies, _ = planning_case(consent=ConsentStatus.HARM_ASSESSMENT_DENIES)
    denies = run(care_contact(), case=denies)
    assert denies.sip.status is SipStatus.NO_LEGAL_BASIS  # not DECLINED: the individual did not say no
    with pytest.raises(TransitionRejected, match="C-09 no consent or permitting harm assessment"):
        run(sip_invitation(), case=denies)


def test_t7_var_municipal_unit_may_convene_after_discharge_amb_case_09() -> None:
    case, _ = ready_case(region=Region.VAR, track=Track.VAR_GUL)
    case = run(discharge_information(region=Region.VAR), case=case)
    invited = run(sip_invitation(region=Region.VAR, sender=SOCIAL, sent_at=at(2025, 3, 10, 9)), case=case)
    assert invited.sip.status is SipStatus.INVITED


# T8 ─ M-12 ready for discharge


def test_t8_ready_for_discharge_moves_s3_to_s4_with_an_active_episode() -> None:
    case, notice = ready_case()
    assert case.state is State.READY
    assert case.rfd.status is RfdStatus.ACTIVE
    assert case.rfd.active is not None
    assert case.rfd.active.message_id == notice.message_id
    assert case.deviations == ()


def test_t8_ready_for_discharge_from_s2_is_allowed_but_flagged() -> None:
    case = run(admission_notice(), ready())
    assert case.state is State.READY
    assert [d.code for d in case.deviations] == ["rfd-without-acknowledgement"]


def _referral(status: ReferralStatus = ReferralStatus.OPEN) -> Referral:
    return Referral(
        **envelope(
            WARD,
            (PRIMARY_CARE,),
            at(2025, 3, 5, 9),
            Region.STO,
            referral_id="REM-1",
            target_service=Service.OTHER_HOSPITAL,
            care_level=CareLevel.INPATIENT,
            status=status,
        )
    )


def test_t8_ready_for_discharge_rejected_by_r29_when_referral_open() -> None:
    case, _ = planning_case()
    case = run(_referral(), case=case)
    with pytest.raises(TransitionRejected) as excinfo:
        run(ready(), case=case)
    assert rejection(excinfo) == "T8 rejected: R-29 open referral to another inpatient provider"
    assert (excinfo.value.transition, excinfo.value.rule) == ("T8", "R-29")


def test_t8_ready_for_discharge_rejected_by_r29_when_the_notice_says_referrals_are_open() -> None:
    case, _ = planning_case()
    with pytest.raises(TransitionRejected, match="T8 rejected: R-29 the notice states inpatient referrals"):
        run(ready(open_referrals_closed=False), case=case)


def test_t8_r29_passes_when_the_referral_was_closed_or_the_notice_closes_it_amb_case_08() -> None:
    case, _ = planning_case()
    closed_by_m15 = run(_referral(), _referral(ReferralStatus.CANCELLED), ready(), case=case)
    assert closed_by_m15.state is State.READY
    closed_by_m12 = run(_referral(), ready(open_referrals_closed=True), case=case)
    assert closed_by_m12.state is State.READY
    assert closed_by_m12.open_inpatient_referrals == ()


def _opt_application_case() -> Case:
    statute = StayStatute(statute=CareStatute.LPT, admission_decision_date=date(2025, 3, 3))
    case, _ = planning_case(region=Region.VAR, track=Track.VAR_LILA, statute=statute)
    meeting = CollaborationMeetingInvitation(
        **envelope(
            WARD,
            RECIPIENTS,
            at(2025, 3, 4, 9),
            Region.VAR,
            meeting_at=at(2025, 3, 6, 13),
            location=Location.INPATIENT_WARD,
            mode=MeetingMode.IN_PERSON,
            purpose=MeetingPurpose.OPT_APPLICATION,
            convener=Clinician(name="Dr Test"),
        )
    )
    return run(meeting, case=case)


def test_t8_ready_for_discharge_rejected_by_r20_while_opt_awaits_the_court() -> None:
    case = _opt_application_case()
    assert case.compulsory.status is CompulsoryStatus.OPT_APPLICATION
    with pytest.raises(TransitionRejected, match="T8 rejected: R-20 ÖPT applied for but no administrative-court"):
        run(ready(region=Region.VAR), case=case)


def test_t8_r20_passes_once_the_court_decision_is_recorded() -> None:
    decision = OptApplication(applied=True, court_decision_date=date(2025, 3, 7))
    case = run(ready(region=Region.VAR, opt_application=decision), case=_opt_application_case())
    assert case.state is State.READY
    assert case.compulsory.status is CompulsoryStatus.OPT


def _ore_red_child_case() -> Case:
    case, _ = planning_case(region=Region.ORE, track=Track.ORE_RED, patient=CHILD)
    return run(care_contact(region=Region.ORE), case=case)


def test_t8_ready_for_discharge_rejected_by_r30_before_the_sip_is_held() -> None:
    with pytest.raises(TransitionRejected, match="T8 rejected: R-30 Red track \\(child\\): hold the SIP"):
        run(ready(region=Region.ORE), case=_ore_red_child_case())


def test_t8_ready_for_discharge_rejected_by_r30_before_training_is_offered() -> None:
    case = run(
        sip_invitation(region=Region.ORE, sent_at=at(2025, 3, 4, 9), meeting_at=at(2025, 3, 5, 10)),
        sip_established(region=Region.ORE, sent_at=at(2025, 3, 5, 12), meeting_date=date(2025, 3, 5)),
        case=_ore_red_child_case(),
    )
    with pytest.raises(TransitionRejected, match="R-30 Red track \\(child\\): offer training"):
        run(ready(region=Region.ORE), case=case)
    assert run(ready(region=Region.ORE, training=TrainingOffer.OFFERED), case=case).state is State.READY
    assert run(ready(region=Region.ORE, training=TrainingOffer.NOT_APPLICABLE), case=case).state is State.READY
    training = GeneralMessage(
        **envelope(
            WARD,
            RECIPIENTS,
            at(2025, 3, 6, 9),
            Region.ORE,
            subject="Utbildning",
            text="Erbjuden.",
            category=GeneralCategory.TRAINING,
        )
    )
    assert run(training, ready(region=Region.ORE), case=case).state is State.READY


def test_t8_rejected_when_ready_for_discharge_is_already_active() -> None:
    case, _ = ready_case()
    with pytest.raises(TransitionRejected, match="T8 rejected: case is in S4 READY; M-12 needs S2"):
        run(ready(sent_at=at(2025, 3, 8, 9)), case=case)


# T9 ─ M-13 ready for discharge revoked


def test_t9_revocation_moves_s4_to_s3_and_keeps_the_episode() -> None:
    case, notice = ready_case()
    case = run(revoked(notice), case=case)
    assert case.state is State.PLANNING
    assert case.rfd.status is RfdStatus.REVOKED
    assert case.estimated_discharge_date == date(2025, 3, 12)
    again = run(ready(sent_at=at(2025, 3, 11, 9)), case=case)
    assert again.rfd.status is RfdStatus.ACTIVE
    assert len(again.rfd.episodes) == 2


def test_t9_rejected_by_r10_without_a_new_estimated_date() -> None:
    case, notice = ready_case()
    with pytest.raises(TransitionRejected, match="T9 rejected: R-10 a revocation must carry a new estimated"):
        run(revoked(notice, new_estimated_discharge_date=None), case=case)


def test_t9_rejected_when_revoking_another_notice() -> None:
    case, notice = ready_case()
    with pytest.raises(TransitionRejected, match="is not the active notice"):
        run(revoked(notice, revoked_message_id="11111111-1111-4111-8111-111111111111"), case=case)


# T10 ─ M-17 discharge


def test_t10_discharge_moves_s4_to_s5() -> None:
    case, _ = ready_case()
    case = run(discharge_information(), case=case)
    assert case.state is State.DISCHARGED
    assert case.discharged_at == at(2025, 3, 9, 11)
    assert case.deviations == ()


def test_t10_discharge_without_ready_for_discharge_is_flagged() -> None:
    case, _ = planning_case()
    case = run(care_contact(), discharge_information(), case=case)
    assert case.state is State.DISCHARGED
    assert [d.code for d in case.deviations] == ["discharge-without-rfd"]


def test_t10_r28_discharge_with_the_fvk_still_pending_is_a_deviation_in_ore() -> None:
    case, _ = planning_case(region=Region.ORE, track=Track.ORE_GREEN)
    case = run(ready(region=Region.ORE), discharge_information(region=Region.ORE), case=case)
    assert [(d.code, d.rule) for d in case.deviations] == [("fvk-not-appointed-before-discharge", "R-28")]


def test_t10_rejected_before_any_acknowledgement() -> None:
    with pytest.raises(TransitionRejected, match="T10 rejected: case is in S2 NOTIFIED"):
        run(admission_notice(), discharge_information())


# T11 ─ M-18 SIP established


def test_t11_sip_established_with_consent_is_held() -> None:
    case, _ = ready_case()
    follow_up = at(2025, 4, 14, 10)
    case = run(sip_invitation(), sip_established(next_follow_up_at=follow_up), case=case)
    assert case.sip.status is SipStatus.FOLLOW_UP_SCHEDULED
    assert case.sip.held_on == date(2025, 3, 14)


def test_t11_rejected_by_c10_when_consent_is_not_confirmed() -> None:
    case, _ = ready_case()
    with pytest.raises(TransitionRejected, match="T11 rejected: C-10 the message does not confirm consent"):
        run(sip_established(consent_confirmed=False), case=case)


def test_t11_rejected_by_c10_on_a_harm_assessment_only() -> None:
    case, _ = planning_case(consent=ConsentStatus.HARM_ASSESSMENT_PERMITS)
    case = run(care_contact(), sip_invitation(), case=case)  # C-09: a harm assessment permits the invitation
    with pytest.raises(TransitionRejected, match="T11 rejected: C-10 no recorded consent"):
        run(sip_established(), case=case)


def test_t11_rejected_by_ch06_when_a_guardian_has_not_consented() -> None:
    child = replace(CHILD, guardians=(replace(CHILD.guardians[0], consent=ConsentStatus.REFUSED),))
    case, _ = planning_case(patient=child)
    case = run(care_contact(), case=case)
    with pytest.raises(TransitionRejected, match="T11 rejected: CH-06 no recorded consent"):
        run(sip_established(), case=case)


# T12 ─ M-21 deceased, T13 ─ M-22 closed


def test_t12_deceased_closes_the_case_and_cancels_open_tasks() -> None:
    case = run(admission_notice(), deceased())
    assert case.state is State.CLOSED
    assert case.close_reason is CloseReason.DECEASED
    assert case.deceased_at == at(2025, 3, 6, 7)
    assert all(t.status is NoticeTaskStatus.CANCELLED for t in case.notice_tasks)


def test_t13_process_closed_with_a_reason() -> None:
    case, _ = ready_case()
    case = run(discharge_information(), closed(reason=CloseReason.DISCHARGED_NO_FURTHER_COORDINATION), case=case)
    assert case.state is State.CLOSED
    assert case.close_reason is CloseReason.DISCHARGED_NO_FURTHER_COORDINATION


def test_t13_rejected_without_a_close_reason() -> None:
    case, _ = planning_case()
    with pytest.raises(TransitionRejected, match="T13 rejected: closing the process requires a close reason"):
        run(closed(reason=None), case=case)


def test_every_event_is_rejected_once_the_case_is_closed_amb_case_12() -> None:
    case = run(admission_notice(), deceased())
    with pytest.raises(TransitionRejected, match="T14 rejected: case is in S6 CLOSED, a terminal state"):
        run(consent_changed(Sector.SOCIAL_SERVICES, ConsentStatus.GIVEN), case=case)


# T14 ─ M-24 consent changed


def test_t14_consent_withdrawn_removes_the_basis_for_the_sip() -> None:
    case, _ = planning_case()
    withdrawn_at = at(2025, 3, 4, 10)
    case = run(consent_changed(Sector.OUTPATIENT, ConsentStatus.WITHDRAWN, sent_at=withdrawn_at), case=case)
    record = case.legal_basis.of(Sector.OUTPATIENT)
    assert record.basis is LegalBasis.WITHDRAWN
    assert record.withdrawn_at == withdrawn_at
    assert case.sip.status is SipStatus.NO_LEGAL_BASIS


def test_c04_a_harm_assessment_after_a_withdrawal_is_rejected_and_leaves_the_no_standing() -> None:
    case, _ = planning_case()
    case = run(consent_changed(Sector.OUTPATIENT, ConsentStatus.WITHDRAWN, sent_at=at(2025, 3, 4, 10)), case=case)
    with pytest.raises(TransitionRejected, match="C-04"):
        run(consent_changed(Sector.OUTPATIENT, ConsentStatus.HARM_ASSESSMENT_PERMITS, sent_at=at(2025, 3, 4, 11)),
            case=case)  # fmt: skip


@pytest.mark.parametrize("no", [LegalBasis.REFUSED, LegalBasis.WITHDRAWN])
def test_c04_a_recorded_no_is_not_replaced_by_a_harm_assessment_from_any_message(no: LegalBasis) -> None:
    # e.g. a second admission notice saying MENPROVNING_MEDGER after the first said NEKAT
    state = LegalBasisState().record(Sector.INPATIENT, no, at=at(2025, 3, 4, 10))
    after = state.record(Sector.INPATIENT, LegalBasis.HARM_ASSESSMENT_PERMIT, at=at(2025, 3, 4, 11))
    assert after.of(Sector.INPATIENT).basis is no
    assert not after.has_basis(Sector.INPATIENT, Purpose.INFORMATION_EXCHANGE)
    consent = after.record(Sector.INPATIENT, LegalBasis.CONSENT, at=at(2025, 3, 4, 12))
    assert consent.of(Sector.INPATIENT).basis is LegalBasis.CONSENT  # the person's own yes lifts it


def test_t14_rejected_by_c03_harm_assessment_for_social_services() -> None:
    case, _ = planning_case()
    with pytest.raises(TransitionRejected, match="T14 rejected: C-03 social services have no harm-assessment"):
        run(consent_changed(Sector.SOCIAL_SERVICES, ConsentStatus.HARM_ASSESSMENT_PERMITS), case=case)


def test_t14_rejected_by_ch02_social_welfare_board_for_an_adult() -> None:
    case, _ = planning_case()
    event = consent_changed(Sector.SOCIAL_SERVICES, ConsentStatus.GIVEN, given_by=ConsentGivenBy.SOCIAL_WELFARE_BOARD)
    with pytest.raises(
        TransitionRejected, match="T14 rejected: CH-02 the social welfare board decides only for a child"
    ):
        run(event, case=case)


def test_t14_social_welfare_board_decision_counts_for_a_childs_social_services() -> None:
    case, _ = planning_case(patient=CHILD)
    event = consent_changed(Sector.SOCIAL_SERVICES, ConsentStatus.GIVEN, given_by=ConsentGivenBy.SOCIAL_WELFARE_BOARD)
    case = run(event, case=case)
    assert case.legal_basis.of(Sector.SOCIAL_SERVICES).basis is LegalBasis.SOCIAL_WELFARE_BOARD_DECISION


def test_t14_rejected_by_ch02_social_welfare_board_for_health_care() -> None:
    case, _ = planning_case(patient=CHILD)
    event = consent_changed(Sector.OUTPATIENT, ConsentStatus.GIVEN, given_by=ConsentGivenBy.SOCIAL_WELFARE_BOARD)
    with pytest.raises(TransitionRejected, match="CH-02 the social welfare board decides for social services only"):
        run(event, case=case)


# Idempotency, identity, history


def test_the_same_message_id_twice_has_no_second_effect() -> None:
    notice = admission_notice()
    once = run(notice)
    assert apply(once, notice, now=NOW + timedelta(hours=1)) is once
    shouted = replace(notice, message_id=notice.message_id.upper())
    assert apply(once, shouted, now=NOW) is once  # contracts §3: ids compare case-insensitively


def test_history_records_each_transition_with_states_and_now() -> None:
    case, notice = ready_case()
    case = run(revoked(notice), case=case, now=NOW + timedelta(days=1))
    assert [h.transition for h in case.history] == ["T2", "T3", "T3", "T3", "T4", "T8", "T9"]
    assert case.history[-1].from_state is State.READY
    assert case.history[-1].to_state is State.PLANNING
    assert case.history[-1].applied_at == NOW + timedelta(days=1)


def test_event_for_another_case_is_rejected() -> None:
    with pytest.raises(TransitionRejected, match="applied to case"):
        apply(new_case("another-case"), admission_notice(), now=NOW)


def test_event_under_another_region_profile_is_rejected() -> None:
    case, _ = planning_case()
    with pytest.raises(TransitionRejected, match="T4 rejected: the case is evaluated under STO, not VAR"):
        run(care_contact(region=Region.VAR), case=case)


def test_track_of_another_region_is_rejected_amb_case_11() -> None:
    with pytest.raises(TransitionRejected, match="track VAR-GUL does not belong to region STO"):
        run(admission_notice(track=Track.VAR_GUL))


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(DischargeError, match="now must be timezone-aware"):
        apply(new_case(CASE_ID), admission_notice(), now=datetime(2025, 3, 3, 12))


def test_lpt_admission_and_opt_readmission_set_the_compulsory_sub_state_amb_case_06() -> None:
    readmission = StayStatute(statute=CareStatute.OPT, admission_decision_date=date(2025, 3, 3))
    case = run(admission_notice(region=Region.VAR, track=Track.VAR_LILA, statute=readmission))
    assert case.compulsory.status is CompulsoryStatus.LPT
    assert case.compulsory.opt_readmission_date == date(2025, 3, 3)
    facts = case_deadline_facts(case)
    assert facts.opt_readmitted_at is not None
    assert facts.compulsory_care is not None
    assert facts.compulsory_care.value == "LPT"


def test_case_deadline_facts_feed_the_deadline_rules() -> None:
    case, _ = ready_case()
    facts = case_deadline_facts(case)
    assert facts.track is Track.STO_GUL
    assert facts.fvk_appointed_at == T0 + timedelta(hours=6)
    assert facts.ready_for_discharge_sent_at == at(2025, 3, 7, 10)
    assert len(facts.notices) == 3
    rules = {d.rule.value for d in deadlines_for(facts, rule_set_of(case))}
    assert {"R-01", "R-03", "R-05", "R-06", "R-07"} <= rules


@pytest.mark.parametrize("name", ["sto-gul-full-process.json", "var-lila-opt.json"])
def test_fixture_sequences_apply_to_their_final_state(name: str) -> None:
    document = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    case = run(*(event_from_dict(item) for item in document["events"]))
    assert case.state.value == document["final_state"]
    assert [h.transition for h in case.history] == document["transitions"]


def test_t14_c04_a_permitting_harm_assessment_cannot_override_a_refusal() -> None:
    case, _ = planning_case(consent=ConsentStatus.REFUSED)
    with pytest.raises(TransitionRejected, match="C-04"):
        run(consent_changed(Sector.INPATIENT, ConsentStatus.HARM_ASSESSMENT_PERMITS), case=case)
