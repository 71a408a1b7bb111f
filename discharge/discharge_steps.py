"""Effects of readiness, discharge, SIP and closing events on the case: T8–T14 and the messages around them.

Role: one function per event type, ``(case, event, rules) -> case``, called by ``discharge.transitions.apply``;
each runs its guard (``discharge.guards``) and returns the moved case. Deviations the process tolerates
(ready-for-discharge before any acknowledgement, discharge without it, R-28 FVK missing) are recorded on
the case, not refused. Boundary: no history, idempotency or re-planning here.

Ambiguities decided here (docs/ambiguities.md):
AMB-CASE-16 R-28's "validation error at discharge" is a deviation on the case, not a refusal: the patient has
        left whatever the gateway answers, and the contracts never reject for process reasons.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from discharge.case import Case, Deviation, ReferralRecord, State
from discharge.codes import CloseReason
from discharge.discharge_events import (
    ConsentChanged,
    DischargeInformation,
    DischargeTime,
    GeneralCategory,
    GeneralMessage,
    PatientDeceased,
    ProcessClosed,
    ReadyForDischarge,
    ReadyForDischargeAcknowledged,
    ReadyForDischargeRevoked,
    Referral,
    ReferralStatus,
    RevocationReason,
    TrainingOffer,
)
from discharge.errors import TransitionRejected
from discharge.guards import (
    check_close_reason,
    check_consent_change,
    check_ready_for_discharge,
    check_revocation,
    check_sip_consent,
)
from discharge.legal_basis import basis_from_status
from discharge.regions import RuleId, RuleSet
from discharge.sip_events import FollowUpContact, SipEstablished, SipFollowUp, SipFollowUpResult
from discharge.submachines import CompulsoryState, FvkStatus

__all__ = [
    "acknowledge_ready",
    "change_consent",
    "close_process",
    "declare_ready",
    "discharge",
    "establish_sip",
    "follow_up_sip",
    "record_deceased",
    "record_discharge_time",
    "record_follow_up_contact",
    "record_general_message",
    "record_referral",
    "revoke_ready",
]


def declare_ready(case: Case, event: ReadyForDischarge, rules: RuleSet) -> Case:
    """T8 S2/S3 → S4: a new active RFD episode; the sent time starts R-07 and payment counting (R-09)."""
    prepared = _declared(case, event)
    check_ready_for_discharge(prepared, event, rules)
    deviations = prepared.deviations
    if case.state is State.NOTIFIED:  # §2.2: "NOTIFIED --> READY: M-12 (no ack yet; allowed, flagged)"
        deviations += (Deviation(code="rfd-without-acknowledgement", message_id=event.message_id, detail="T8 from S2"),)
    return replace(
        prepared,
        state=State.READY,
        rfd=case.rfd.declare(event.message_id, event.sent_at, event.assessed_at),
        deviations=deviations,
        planned_discharge_at=event.planned_discharge_at or case.planned_discharge_at,
    )


def _declared(case: Case, event: ReadyForDischarge) -> Case:
    """What the notice states about its own preconditions (AMB-CASE-08, R-20, R-30), before the guards judge it."""
    referrals = case.referrals
    if event.open_referrals_closed:  # AMB-CASE-08: the sender states R-29 is met
        referrals = tuple(_close(r, event.sent_at) for r in referrals)
    training_offered_at = case.training_offered_at
    if event.training is TrainingOffer.OFFERED and training_offered_at is None:
        training_offered_at = event.sent_at
    return replace(
        case,
        referrals=referrals,
        compulsory=_court_gate(case.compulsory, event),
        training_offered_at=training_offered_at,
        training_on_site_possible=case.training_on_site_possible and event.training is not TrainingOffer.NOT_APPLICABLE,
    )


def _close(referral: ReferralRecord, at: datetime) -> ReferralRecord:
    if referral.status is not ReferralStatus.OPEN:
        return referral
    return replace(referral, status=ReferralStatus.CLOSED, updated_at=at)


def _court_gate(compulsory: CompulsoryState, event: ReadyForDischarge) -> CompulsoryState:
    application = event.opt_application
    if application is None or not application.applied:
        return compulsory
    compulsory = compulsory.apply_for_opt(event.sent_at)
    if application.court_decision_date is not None:  # the court's ÖPT decision
        compulsory = compulsory.decide_opt(application.court_decision_date)
    return compulsory


def acknowledge_ready(case: Case, event: ReadyForDischargeAcknowledged, rules: RuleSet) -> Case:
    """M-12 acknowledgement (STO checklist; no deadline, AMB-18)."""
    if not case.rfd.episodes:
        raise TransitionRejected("M-12-ACK", "no ready-for-discharge notice to acknowledge")
    rfd = case.rfd.acknowledge(event.acknowledged_message_id, event.sender.hsa_id, event.acknowledged_at)
    return replace(case, rfd=rfd)


def revoke_ready(case: Case, event: ReadyForDischargeRevoked, rules: RuleSet) -> Case:
    """T9 S4 → S3: the RFD interval closes (AMB-26) and the new estimated date applies (R-10)."""
    check_revocation(case, event)
    health_change = event.revoked_at if event.reason is RevocationReason.HEALTH_CHANGE else case.health_change_at
    return replace(
        case,
        state=State.PLANNING,
        rfd=case.rfd.revoke(event.message_id, event.revoked_at),
        estimated_discharge_date=event.new_estimated_discharge_date,
        health_change_at=health_change,
    )


def record_discharge_time(case: Case, event: DischargeTime, rules: RuleSet) -> Case:
    """M-14: planned discharge / home-arrival time."""
    return replace(
        case,
        planned_discharge_at=event.discharge_at or case.planned_discharge_at,
        arrival_home_at=event.arrival_home_at or case.arrival_home_at,
    )


def record_referral(case: Case, event: Referral, rules: RuleSet) -> Case:
    """M-15: add the referral, or update its status (R-29)."""
    record = ReferralRecord(
        referral_id=event.referral_id, care_level=event.care_level, status=event.status, updated_at=event.sent_at
    )
    others = tuple(r for r in case.referrals if r.referral_id != event.referral_id)
    return replace(case, referrals=(*others, record))


def discharge(case: Case, event: DischargeInformation, rules: RuleSet) -> Case:
    """T10 S4 → S5 (S3 → S5 flagged): the stay ends; R-12 is judged on the send time, R-16 starts."""
    found: list[Deviation] = []
    if case.state is State.PLANNING:  # §2.2 "discharge without RFD (flag; no payment)"
        found.append(Deviation(code="discharge-without-rfd", message_id=event.message_id, detail="T10 from S3"))
    if rules.applies(RuleId.R28) and case.fvk.status is FvkStatus.PENDING:
        # «Fast vårdkontakt ska ha utsetts innan personen skrivs ut»
        found.append(
            Deviation(
                code="fvk-not-appointed-before-discharge",
                message_id=event.message_id,
                detail="discharged while the FVK is still pending",
                rule="R-28",
            )
        )
    plan = event.treatment_plan
    return replace(
        case,
        state=State.DISCHARGED,
        discharged_at=event.discharged_at,
        discharge_information_sent_at=case.discharge_information_sent_at or event.sent_at,
        treatment_plan_until=plan.valid_until if plan is not None else case.treatment_plan_until,
        deviations=case.deviations + tuple(found),
    )


def establish_sip(case: Case, event: SipEstablished, rules: RuleSet) -> Case:
    """T11 (S3–S5): SIP → held (or follow-up-scheduled), with consent (C-10)."""
    check_sip_consent(case, event, "T11")
    sip = case.sip.establish(held_on=event.meeting_date, at=event.sent_at, next_follow_up_at=event.next_follow_up_at)
    return replace(case, sip=sip)


def follow_up_sip(case: Case, event: SipFollowUp, rules: RuleSet) -> Case:
    """M-19: followed up, scheduled again, or closed (C-10: no joint follow-up without consent)."""
    check_sip_consent(case, event, "M-19")
    sip = case.sip.follow_up(
        held_on=event.held_on,
        closed=event.result is SipFollowUpResult.CLOSED,
        next_follow_up_at=event.next_follow_up_at,
    )
    return replace(case, sip=sip)


def record_follow_up_contact(case: Case, event: FollowUpContact, rules: RuleSet) -> Case:
    """M-20 (VAR): the first contact after discharge is what R-16 measures."""
    return replace(case, follow_up_contact_at=case.follow_up_contact_at or event.contacted_at)


def record_deceased(case: Case, event: PatientDeceased, rules: RuleSet) -> Case:
    """T12 any → S6 with ``closeReason = deceased``; open tasks are cancelled (R-11 notifies the units)."""
    return _closed(case, at=event.sent_at, reason=CloseReason.DECEASED, deceased_at=event.deceased_at)


def close_process(case: Case, event: ProcessClosed, rules: RuleSet) -> Case:
    """T13 any → S6; the reason is required; open tasks are cancelled."""
    check_close_reason(event)
    assert event.reason is not None  # narrowed by the guard
    return _closed(case, at=event.closed_at, reason=event.reason, deceased_at=case.deceased_at)


def _closed(case: Case, *, at: datetime, reason: CloseReason, deceased_at: datetime | None) -> Case:
    return replace(
        case,
        state=State.CLOSED,
        closed_at=at,
        close_reason=reason,
        deceased_at=deceased_at,
        notice_tasks=tuple(task.cancel(at) for task in case.notice_tasks),
    )


def record_general_message(case: Case, event: GeneralMessage, rules: RuleSet) -> Case:
    """M-23: a TRAINING message records that inpatient care offered training (R-30)."""
    if event.category is GeneralCategory.TRAINING and case.training_offered_at is None:
        return replace(case, training_offered_at=event.sent_at)
    return case


def change_consent(case: Case, event: ConsentChanged, rules: RuleSet) -> Case:
    """T14 (any state): replace the sector's legal-basis record (C-05: a withdrawal is kept with its time)."""
    check_consent_change(case, event)
    legal_basis = case.legal_basis.record(
        event.sector,
        basis_from_status(event.status, event.given_by),
        at=event.effective_at,
        given_by=event.given_by,
        purposes=event.purposes,
    )
    return replace(case, legal_basis=legal_basis)
