"""The orthogonal sub-machines of §2.2 alone: notice tasks, FVK, SIP, RFD, leave, legal basis, compulsory care."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from discharge.admission_events import CareContact
from discharge.codes import ConsentGivenBy, ConsentStatus, IdentifierKind, Location, Need, Purpose, Sector
from discharge.legal_basis import LegalBasis, LegalBasisState, basis_from_status
from discharge.parties import Guardian, PersonIdentifier
from discharge.regions import Region, Track
from discharge.sip import SipState, SipStatus, plan_sip
from discharge.submachines import (
    CompulsoryState,
    CompulsoryStatus,
    FvkState,
    FvkStatus,
    LeaveState,
    LeaveStatus,
    NoticeTask,
    NoticeTaskStatus,
    RfdHistory,
    RfdStatus,
)
from tests.unit.discharge.factories import ADULT, CHILD, PRIMARY_CARE, SOCIAL, T0

H = timedelta(hours=1)
ALL_NEEDS = frozenset(Need)


# Per-recipient admission-notice task: requested → received → accepted; cancelled


def test_notice_task_requested_received_accepted() -> None:
    task = NoticeTask(recipient=SOCIAL, message_id="m-1", requested_at=T0)
    received = task.receive(T0 + H)
    accepted = received.accept(T0 + 2 * H)
    assert [t.status for t in (task, received, accepted)] == [
        NoticeTaskStatus.REQUESTED,
        NoticeTaskStatus.RECEIVED,
        NoticeTaskStatus.ACCEPTED,
    ]
    assert accepted.received_at == T0 + H
    assert accepted.accepted_at == T0 + 2 * H


def test_notice_task_acknowledgement_invents_no_receipt_time_amb_case_02() -> None:
    accepted = NoticeTask(recipient=SOCIAL, message_id="m-1", requested_at=T0).accept(T0 + H)
    assert accepted.status is NoticeTaskStatus.ACCEPTED
    assert accepted.received_at is None


def test_notice_task_keeps_the_first_acknowledgement_and_cancels_only_open_tasks() -> None:
    accepted = NoticeTask(recipient=SOCIAL, message_id="m-1", requested_at=T0).accept(T0 + H)
    assert accepted.accept(T0 + 5 * H).accepted_at == T0 + H
    assert accepted.cancel(T0 + 6 * H) is accepted
    open_task = NoticeTask(recipient=PRIMARY_CARE, message_id="m-1", requested_at=T0)
    assert open_task.cancel(T0 + 6 * H).status is NoticeTaskStatus.CANCELLED


# FVK: not-required → pending → appointed (reassigned)


def test_fvk_pending_appointed_reassigned() -> None:
    contact = CareContact(name="Dr Test", work_phone="+46812345678", licensed_physician=True)
    pending = FvkState().require(True)
    appointed = pending.appoint(contact, PRIMARY_CARE, T0)
    reassigned = appointed.appoint(replace(contact, name="Dr Annan"), PRIMARY_CARE, T0 + H)
    assert [s.status for s in (pending, appointed, reassigned)] == [
        FvkStatus.PENDING,
        FvkStatus.APPOINTED,
        FvkStatus.REASSIGNED,
    ]
    assert reassigned.first_appointed_at == T0
    assert reassigned.require(False) is reassigned  # an appointed FVK stays
    assert pending.require(False).status is FvkStatus.NOT_REQUIRED


# SIP: planning per region and track (AMB-CASE-03, AMB-19)


@pytest.mark.parametrize(
    ("region", "track", "needs", "expected"),
    [
        (Region.STO, Track.STO_GRA, ALL_NEEDS, SipStatus.NOT_REQUIRED),
        (Region.STO, Track.STO_BLA, frozenset({Need.SOCIAL_SERVICES}), SipStatus.TO_OFFER),
        (Region.STO, Track.STO_BLA, frozenset({Need.OUTPATIENT}), SipStatus.NOT_REQUIRED),
        (Region.STO, Track.STO_GRON, ALL_NEEDS, SipStatus.INVITATION_DUE),
        (Region.STO, Track.STO_ROD, ALL_NEEDS, SipStatus.INVITATION_DUE),
        (Region.VAR, Track.VAR_GRON, ALL_NEEDS, SipStatus.TO_OFFER),
        (Region.VAR, Track.VAR_ROD, ALL_NEEDS, SipStatus.INVITATION_DUE),
        (Region.VAR, Track.VAR_LILA, ALL_NEEDS, SipStatus.TO_OFFER),
        (Region.ORE, Track.ORE_RED, frozenset({Need.SOCIAL_SERVICES}), SipStatus.INVITATION_DUE),
        (Region.ORE, None, frozenset({Need.SOCIAL_SERVICES}), SipStatus.TO_OFFER),
        (Region.ORE, None, frozenset({Need.SOCIAL_SERVICES, Need.MUNICIPAL_HEALTH_CARE}), SipStatus.INVITATION_DUE),
        (Region.NAT, None, frozenset({Need.OUTPATIENT}), SipStatus.INVITATION_DUE),
        (Region.BLE, None, frozenset({Need.SOCIAL_SERVICES}), SipStatus.TO_OFFER),
        (Region.BLE, None, frozenset(), SipStatus.NOT_REQUIRED),
    ],
)
def test_sip_plan_per_region_and_track(
    region: Region, track: Track | None, needs: frozenset[Need], expected: SipStatus
) -> None:
    assert plan_sip(region, track, needs) is expected


def test_sip_replan_blocks_without_basis_and_restores_when_regained() -> None:
    due = SipState().replan(SipStatus.INVITATION_DUE, basis=True, refused=False)
    blocked = due.replan(SipStatus.INVITATION_DUE, basis=False, refused=False)
    declined = due.replan(SipStatus.INVITATION_DUE, basis=False, refused=True)
    restored = blocked.replan(SipStatus.INVITATION_DUE, basis=True, refused=False)
    assert (due.status, blocked.status, declined.status, restored.status) == (
        SipStatus.INVITATION_DUE,
        SipStatus.NO_LEGAL_BASIS,
        SipStatus.DECLINED,
        SipStatus.INVITATION_DUE,
    )


def test_sip_invited_held_followed_up_closed() -> None:
    invited = SipState(status=SipStatus.INVITATION_DUE).invite(
        message_id="m-10", at=T0, meeting_at=T0 + 48 * H, location=Location.HOME, at_hospital=False
    )
    assert invited.status is SipStatus.INVITED
    assert invited.replan(SipStatus.NOT_REQUIRED, basis=False, refused=True).status is SipStatus.INVITED
    held = invited.establish(held_on=date(2025, 3, 5), at=T0 + 50 * H, next_follow_up_at=None)
    assert held.status is SipStatus.HELD
    scheduled = held.invite(
        message_id="m-10b", at=T0 + 60 * H, meeting_at=T0 + 200 * H, location=Location.HOME, at_hospital=False
    )
    assert scheduled.status is SipStatus.FOLLOW_UP_SCHEDULED
    assert scheduled.first_invited_at == T0  # R-07 measures the first invitation
    followed = scheduled.follow_up(held_on=date(2025, 3, 12), closed=False, next_follow_up_at=None)
    assert followed.status is SipStatus.FOLLOWED_UP
    assert followed.follow_up(held_on=date(2025, 4, 1), closed=True, next_follow_up_at=None).status is SipStatus.CLOSED


# RFD: none → active → revoked → active …, every episode kept


def test_rfd_history_keeps_every_episode() -> None:
    history = RfdHistory()
    assert history.status is RfdStatus.NONE
    first = history.declare("m-12a", T0, T0)
    revoked = first.revoke("m-13", T0 + H)
    again = revoked.declare("m-12b", T0 + 24 * H, T0 + 23 * H)
    assert (first.status, revoked.status, again.status) == (RfdStatus.ACTIVE, RfdStatus.REVOKED, RfdStatus.ACTIVE)
    assert [e.message_id for e in again.episodes] == ["m-12a", "m-12b"]
    assert again.episodes[0].revoked_at == T0 + H
    assert again.active is not None
    assert again.active.assessed_at == T0 + 23 * H


def test_rfd_acknowledgement_lands_on_the_named_episode_once_per_unit() -> None:
    history = RfdHistory().declare("m-12a", T0, T0).revoke("m-13", T0 + H).declare("m-12b", T0 + 2 * H, T0)
    acked = history.acknowledge("M-12A", SOCIAL.hsa_id, T0 + 3 * H).acknowledge("m-12a", SOCIAL.hsa_id, T0 + 4 * H)
    assert acked.episodes[0].acknowledgements == ((SOCIAL.hsa_id, T0 + 3 * H),)
    assert acked.episodes[1].acknowledgements == ()


# Leave: none → planned → on-leave → returned


def test_leave_planned_on_leave_returned() -> None:
    planned = LeaveState().plan(T0, T0 + 10 * H)
    on_leave = planned.begin(T0 + H, None)
    returned = on_leave.end(T0 + 9 * H)
    assert [s.status for s in (planned, on_leave, returned)] == [
        LeaveStatus.PLANNED,
        LeaveStatus.ON_LEAVE,
        LeaveStatus.RETURNED,
    ]
    (period,) = returned.periods
    assert (period.start, period.end, period.started_at, period.ended_at) == (T0, T0 + 10 * H, T0 + H, T0 + 9 * H)
    assert LeaveState().end(T0).status is LeaveStatus.NONE
    assert len(returned.begin(T0 + 30 * H, None).periods) == 2  # an unplanned leave opens its own period


# Legal basis per sector (§4.2)


@pytest.mark.parametrize(
    ("status", "sector", "purpose", "expected"),
    [
        (ConsentStatus.GIVEN, Sector.SOCIAL_SERVICES, Purpose.INFORMATION_EXCHANGE, True),
        (ConsentStatus.HARM_ASSESSMENT_PERMITS, Sector.OUTPATIENT, Purpose.SIP_INVITATION, True),  # C-09
        (ConsentStatus.HARM_ASSESSMENT_PERMITS, Sector.SOCIAL_SERVICES, Purpose.INFORMATION_EXCHANGE, False),  # C-03
        (ConsentStatus.HARM_ASSESSMENT_PERMITS, Sector.OUTPATIENT, Purpose.SIP_ESTABLISHMENT, False),  # C-10
        (ConsentStatus.HARM_ASSESSMENT_PERMITS, Sector.OUTPATIENT, Purpose.RELATIVES, False),  # C-11
        (ConsentStatus.HARM_ASSESSMENT_DENIES, Sector.OUTPATIENT, Purpose.SIP_INVITATION, False),
        (ConsentStatus.NOT_ASKED, Sector.MUNICIPAL_HEALTH_CARE, Purpose.INFORMATION_EXCHANGE, False),
        (ConsentStatus.WITHDRAWN, Sector.OUTPATIENT, Purpose.SIP_INVITATION, False),
        (ConsentStatus.REFUSED, Sector.OUTPATIENT, Purpose.SIP_INVITATION, False),
    ],
)
def test_has_basis_per_sector_and_purpose(
    status: ConsentStatus, sector: Sector, purpose: Purpose, expected: bool
) -> None:
    state = LegalBasisState().record(sector, basis_from_status(status), at=T0)
    assert state.has_basis(sector, purpose) is expected


def test_a_sector_without_its_own_record_relies_on_the_forwarded_inpatient_basis_amb_case_04() -> None:
    state = LegalBasisState().record(Sector.INPATIENT, LegalBasis.CONSENT, at=T0)
    assert state.has_basis(Sector.SOCIAL_SERVICES, Purpose.INFORMATION_EXCHANGE)
    own = state.record(Sector.SOCIAL_SERVICES, LegalBasis.REFUSED, at=T0 + H)
    assert not own.has_basis(Sector.SOCIAL_SERVICES, Purpose.INFORMATION_EXCHANGE)
    assert own.refused(Sector.SOCIAL_SERVICES)
    assert own.has_basis(Sector.OUTPATIENT, Purpose.INFORMATION_EXCHANGE)


def test_a_consent_scoped_to_purposes_covers_only_those() -> None:
    state = LegalBasisState().record(
        Sector.OUTPATIENT, LegalBasis.CONSENT, at=T0, purposes=frozenset({Purpose.SIP_INVITATION})
    )
    assert state.has_basis(Sector.OUTPATIENT, Purpose.SIP_INVITATION)
    assert not state.has_basis(Sector.OUTPATIENT, Purpose.SIP_ESTABLISHMENT)


@pytest.mark.parametrize("sector", [Sector.INPATIENT, Sector.OUTPATIENT, Sector.MUNICIPAL_HEALTH_CARE])
def test_c04_a_harm_assessment_decides_disclosure_in_health_care_and_is_not_a_refusal(sector: Sector) -> None:
    permits = LegalBasisState().record(sector, LegalBasis.HARM_ASSESSMENT_PERMIT, at=T0)
    denies = LegalBasisState().record(sector, LegalBasis.HARM_ASSESSMENT_DENY, at=T0)
    refused = LegalBasisState().record(sector, LegalBasis.REFUSED, at=T0)
    for purpose in (Purpose.INFORMATION_EXCHANGE, Purpose.SIP_INVITATION):
        assert permits.has_basis(sector, purpose)
        assert not denies.has_basis(sector, purpose)
        assert not refused.has_basis(sector, purpose)
    # Only the individual's own "no" is a refusal (C-12); a negative assessment is not.
    assert (permits.refused(sector), denies.refused(sector), refused.refused(sector)) == (False, False, True)


def test_c11_sharing_with_relatives_needs_the_patients_consent() -> None:
    consent = LegalBasisState().record(Sector.INPATIENT, LegalBasis.CONSENT, at=T0)
    assert consent.has_basis(Sector.INPATIENT, Purpose.RELATIVES)
    assert consent.has_basis(Sector.MUNICIPAL_HEALTH_CARE, Purpose.RELATIVES)  # the forwarded consent (C-06)
    permits = LegalBasisState().record(Sector.INPATIENT, LegalBasis.HARM_ASSESSMENT_PERMIT, at=T0)
    assert permits.has_basis(Sector.INPATIENT, Purpose.INFORMATION_EXCHANGE)
    assert not permits.has_basis(Sector.INPATIENT, Purpose.RELATIVES)
    board = LegalBasisState().record(Sector.SOCIAL_SERVICES, LegalBasis.SOCIAL_WELFARE_BOARD_DECISION, at=T0)
    assert board.has_basis(Sector.SOCIAL_SERVICES, Purpose.INFORMATION_EXCHANGE)
    assert not board.has_basis(Sector.SOCIAL_SERVICES, Purpose.RELATIVES)
    scoped = LegalBasisState().record(
        Sector.OUTPATIENT, LegalBasis.CONSENT, at=T0, purposes=frozenset({Purpose.INFORMATION_EXCHANGE})
    )
    assert not scoped.has_basis(Sector.OUTPATIENT, Purpose.RELATIVES)


def test_withdrawal_time_is_kept_after_a_new_consent_c05() -> None:
    state = LegalBasisState().record(Sector.OUTPATIENT, LegalBasis.WITHDRAWN, at=T0)
    state = state.record(Sector.OUTPATIENT, LegalBasis.CONSENT, at=T0 + H)
    assert state.of(Sector.OUTPATIENT).withdrawn_at == T0
    assert state.of(Sector.OUTPATIENT).basis is LegalBasis.CONSENT


def test_childs_sip_needs_every_guardians_consent_ch06_amb39() -> None:
    state = LegalBasisState().record(Sector.OUTPATIENT, LegalBasis.CONSENT, at=T0)
    agreeing = CHILD.guardians
    refusing = (*agreeing, Guardian(given_name="Andra", family_name="Testsson", consent=ConsentStatus.REFUSED))
    assert state.has_basis(Sector.OUTPATIENT, Purpose.SIP_ESTABLISHMENT, guardians=agreeing)
    assert not state.has_basis(Sector.OUTPATIENT, Purpose.SIP_ESTABLISHMENT, guardians=refusing)


def test_social_welfare_board_decision_is_a_basis_for_social_services_only_amb_case_05() -> None:
    basis = basis_from_status(ConsentStatus.GIVEN, ConsentGivenBy.SOCIAL_WELFARE_BOARD)
    assert basis is LegalBasis.SOCIAL_WELFARE_BOARD_DECISION
    state = LegalBasisState().record(Sector.SOCIAL_SERVICES, basis, at=T0)
    assert state.has_basis(Sector.SOCIAL_SERVICES, Purpose.INFORMATION_EXCHANGE)
    assert not state.has_basis(Sector.SOCIAL_SERVICES, Purpose.SIP_ESTABLISHMENT)


# Compulsory care (VAR Lila): voluntary, LPT, LPT-extended, ÖPT-application, ÖPT


def test_compulsory_care_lpt_to_opt() -> None:
    lpt = CompulsoryState().admit(lpt=True, opt_readmission=False, decision_date=date(2025, 3, 3))
    extended = lpt.extend_lpt(date(2025, 3, 20))
    applied = extended.apply_for_opt(T0)
    decided = applied.decide_opt(date(2025, 3, 25))
    assert [s.status for s in (lpt, extended, applied, decided)] == [
        CompulsoryStatus.LPT,
        CompulsoryStatus.LPT_EXTENDED,
        CompulsoryStatus.OPT_APPLICATION,
        CompulsoryStatus.OPT,
    ]
    assert decided.apply_for_opt(T0 + H) is decided
    assert lpt.end_lpt(T0).status is CompulsoryStatus.VOLUNTARY
    voluntary = CompulsoryState().admit(lpt=False, opt_readmission=False, decision_date=None)
    assert voluntary.status is CompulsoryStatus.VOLUNTARY


# The patient's age (§4.3)


def test_age_comes_from_the_birth_date_or_the_identity_number() -> None:
    assert ADULT.is_child_on(date(2025, 3, 3)) is False
    assert CHILD.is_child_on(date(2025, 3, 3)) is True
    assert CHILD.is_child_on(date(2030, 12, 12)) is False  # 18 on the birthday
    coordination = PersonIdentifier(kind=IdentifierKind.SAMORDNINGSNUMMER, value="201212721238")
    no_date = replace(CHILD, identifier=coordination, birth_date=None)
    assert no_date.effective_birth_date == date(2012, 12, 12)  # day − 60
    reserve = PersonIdentifier(kind=IdentifierKind.RESERVNUMMER, value="99ABC123", issuer="1.2.752.97.3.1.3")
    assert replace(no_date, identifier=reserve).is_child_on(date(2025, 3, 3)) is True  # guardians decide (AMB-CASE-07)
    assert replace(ADULT, identifier=reserve, birth_date=None).is_child_on(date(2025, 3, 3)) is False
