"""The per-type rules of §9: allowed sender care settings and each body's multi-member rules.

Role: one small function per message type that has rules, dispatched by ``check_body``; each reads only
present, valid members and reports at the member the rule names, citing the domain rule. Boundary: no
member-level checks (``structure``) and no envelope rules (``envelope_rules``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from adapters.cosmic_link.context import RuleContext
from adapters.cosmic_link.errors import ErrorCode
from adapters.cosmic_link.vocabulary import (
    PROCESSES_BY_REGION,
    AcknowledgedType,
    AckResponse,
    CareSetting,
    CareType,
    CloseReason,
    Consent,
    ConsentGivenBy,
    EddChangeReason,
    LegalBasisType,
    Location,
    MessageTypeName,
    Process,
    Profession,
    ReferenceEvent,
    RegionProfile,
    SipEvent,
    SipType,
)
from discharge.calendar import local_date

__all__ = ["check_body"]

T = MessageTypeName
_INPATIENT_ONLY = frozenset({CareSetting.INPATIENT})
_SENDERS: dict[MessageTypeName, frozenset[CareSetting]] = {
    T.ADMISSION_NOTIFICATION: _INPATIENT_ONLY,
    T.STATUS_BEFORE_ADMISSION: frozenset(CareSetting) - _INPATIENT_ONLY,
    T.CARE_CONTACT_ASSIGNED: frozenset({CareSetting.OUTPATIENT}),  # ORE also INPATIENT: _care_contact
    T.ESTIMATED_DISCHARGE_DATE_CHANGED: _INPATIENT_ONLY,
    T.STATUS_BEFORE_DISCHARGE: _INPATIENT_ONLY,
    T.LEAVE_PLANNING: _INPATIENT_ONLY,
    T.COLLABORATION_MEETING_INVITATION: _INPATIENT_ONLY,
    T.DISCHARGE_READY_NOTIFICATION: _INPATIENT_ONLY,
    T.DISCHARGE_READY_REVOKED: _INPATIENT_ONLY,
    T.HOME_ARRIVAL_TIME: frozenset(CareSetting) - {CareSetting.OUTPATIENT},
    T.REFERRAL: _INPATIENT_ONLY,
    T.DISCHARGE_NOTIFICATION: _INPATIENT_ONLY,
    T.FOLLOW_UP_CONTACT: frozenset({CareSetting.OUTPATIENT}),
    T.PATIENT_DECEASED: _INPATIENT_ONLY,
}
_RECEIPT_ONLY = frozenset({AcknowledgedType.ADMISSION_NOTIFICATION, AcknowledgedType.DISCHARGE_READY_NOTIFICATION})
_DECISION_TO_ESTIMATE = {LegalBasisType.LPT: timedelta(days=14), LegalBasisType.OPT: timedelta(days=4)}  # R-17/18
_STO_CONSENTS_NEEDING_DETAIL = frozenset({Consent.GIVEN, Consent.HARM_ASSESSMENT_PERMITS})
_VAR_REFERENCE = {
    Process.GREEN: ReferenceEvent.ESTIMATED_DISCHARGE,
    Process.YELLOW: ReferenceEvent.ESTIMATED_DISCHARGE,
    Process.RED: ReferenceEvent.PLANNED_SIP,
    Process.PURPLE: ReferenceEvent.PLANNED_COLLABORATION_MEETING,
}


def check_body(ctx: RuleContext) -> None:
    _sender(ctx)
    rule = _RULES.get(ctx.message_type)
    if rule is not None:
        rule(ctx)


def _sender_fails(ctx: RuleContext, message: str) -> None:
    ctx.fail("/header/sender/careSetting", ErrorCode.RULE, message)


def _sender(ctx: RuleContext) -> None:
    """§9 table, column "Sender careSetting"."""
    setting = ctx.get("/header/sender/careSetting")
    allowed = _SENDERS.get(ctx.message_type)
    if setting is None or allowed is None or setting in allowed:
        return
    ore_contact = ctx.message_type is T.CARE_CONTACT_ASSIGNED and setting is CareSetting.INPATIENT
    if ore_contact and ctx.get("/episode/regionProfile") in (RegionProfile.ORE, None):
        return  # ORE-C: the children's clinic may assign the care contact (an invalid region has its own error)
    _sender_fails(ctx, f"{ctx.message_type.value} is not sent by {setting.value}")


def _require(ctx: RuleContext, pointer: str, why: str) -> None:
    if not ctx.has(pointer):
        ctx.fail(pointer, ErrorCode.REQUIRED, why)


def _admission(ctx: RuleContext) -> None:
    admitted_at = ctx.get("/body/admittedAt")
    identified_at = ctx.get("/body/needIdentifiedAt")
    if admitted_at is not None and identified_at is not None and identified_at < admitted_at:
        ctx.fail("/body/needIdentifiedAt", ErrorCode.RANGE, "before admittedAt")
    estimate = ctx.get("/body/estimatedDischargeDate")
    if admitted_at is not None and estimate is not None and estimate < local_date(admitted_at):
        ctx.fail("/body/estimatedDischargeDate", ErrorCode.RANGE, "before the (Stockholm) date of admission")
    elif ctx.get("/episode/regionProfile") is RegionProfile.VAR:
        _var_statutory_estimate(ctx)
    consent = ctx.get("/body/consentStatus")
    if ctx.get("/episode/regionProfile") is RegionProfile.STO and consent in _STO_CONSENTS_NEEDING_DETAIL:
        _require(ctx, "/body/responsiblePhysician", "required in STO when consent or harm assessment permits")
        _require(ctx, "/body/admissionReason", "required in STO when consent or harm assessment permits")


def _var_statutory_estimate(ctx: RuleContext) -> None:
    """R-17, R-18 (VAR): LPT estimate = decision + 14 days; readmission under ÖPT = decision + 4 days."""
    kind = ctx.get("/episode/legalBasis/type")
    decided = ctx.get("/episode/legalBasis/admissionDecisionDate")
    estimate = ctx.get("/body/estimatedDischargeDate")
    span = _DECISION_TO_ESTIMATE.get(kind)
    if span is None or decided is None or estimate is None:
        return
    if estimate - decided != span:
        ctx.fail("/body/estimatedDischargeDate", ErrorCode.RULE, f"{kind.value}: admission decision + {span.days} days")


def _acknowledgement(ctx: RuleContext) -> None:
    acknowledged = ctx.get("/body/acknowledgedType")
    if acknowledged not in _RECEIPT_ONLY:
        return
    if ctx.get("/body/response") not in (AckResponse.RECEIVED, None):
        ctx.fail("/body/response", ErrorCode.RULE, f"only RECEIVED acknowledges {acknowledged.value}")
    if ctx.get("/header/sender/careSetting") is CareSetting.INPATIENT:
        _sender_fails(ctx, f"INPATIENT does not acknowledge {acknowledged.value}")


def _status_before_admission(ctx: RuleContext) -> None:
    proposed = ctx.get("/body/proposedProcess")
    region = ctx.get("/episode/regionProfile")
    if proposed is not None and region is not None and proposed not in PROCESSES_BY_REGION[region]:
        ctx.fail("/body/proposedProcess", ErrorCode.ENUM, f"not a process of region {region.value}")


def _care_contact(ctx: RuleContext) -> None:
    profession = ctx.get("/body/careContact/profession")
    if ctx.get("/body/careContact/licensedPhysician") is True and profession not in (None, Profession.PHYSICIAN):
        ctx.fail("/body/careContact/profession", ErrorCode.RULE, "a licensed physician's profession is PHYSICIAN")


def _estimate_changed(ctx: RuleContext) -> None:
    if ctx.get("/body/reason") is EddChangeReason.LPT_EXTENDED:
        _require(ctx, "/body/courtRulingDate", "required for LPT_EXTENDED (R-19)")


def _status_before_discharge(ctx: RuleContext) -> None:
    """R-08 (VAR): the reference event follows the process."""
    expected = _VAR_REFERENCE.get(ctx.get("/episode/process"))
    reference = ctx.get("/body/referenceEvent")
    if ctx.get("/episode/regionProfile") is RegionProfile.VAR and expected and reference not in (None, expected):
        ctx.fail("/body/referenceEvent", ErrorCode.RULE, f"the process requires {expected.value}")


def _leave(ctx: RuleContext) -> None:
    start = ctx.get("/body/proposedPeriod/start")
    end = ctx.get("/body/proposedPeriod/end")
    if start is not None and end is not None and end <= start:
        ctx.fail("/body/proposedPeriod/end", ErrorCode.RANGE, "not after start")


def _meeting(ctx: RuleContext) -> None:
    """SipInvitation and CollaborationMeetingInvitation: a future meeting; ``OTHER`` places are described."""
    meeting_at = ctx.get("/body/meetingAt")
    created_at = ctx.get("/header/createdAt")
    if meeting_at is not None and created_at is not None and meeting_at <= created_at:
        ctx.fail("/body/meetingAt", ErrorCode.RANGE, "not after header.createdAt")
    location = ctx.get("/body/location")
    if location is Location.OTHER:
        _require(ctx, "/body/locationDescription", "required for location OTHER")
    initial = ctx.get("/body/sipType") is SipType.INITIAL_AT_HOSPITAL
    if initial and location not in (None, Location.INPATIENT_WARD):
        ctx.fail("/body/location", ErrorCode.RULE, "an initial SIP at the hospital is held on the INPATIENT_WARD")


def _lpt_plan(ctx: RuleContext) -> None:
    if ctx.get("/episode/careType") is CareType.SOMATIC:
        ctx.fail("/episode/careType", ErrorCode.RULE, "an LPT plan belongs to PSYCHIATRIC care")


def _ready(ctx: RuleContext) -> None:
    assessed_at = ctx.get("/body/assessedReadyAt")
    created_at = ctx.get("/header/createdAt")
    if assessed_at is not None and created_at is not None and assessed_at > created_at:
        ctx.fail("/body/assessedReadyAt", ErrorCode.RANGE, "after header.createdAt")
    if ctx.get("/body/optApplication/applied") is True:
        _require(ctx, "/body/optApplication/courtDecisionDate", "required once ÖPT is applied for (R-20)")


def _revoked(ctx: RuleContext) -> None:
    revoked_at = ctx.get("/body/revokedAt")
    estimate = ctx.get("/body/newEstimatedDischargeDate")
    if revoked_at is not None and estimate is not None and estimate < local_date(revoked_at):
        ctx.fail("/body/newEstimatedDischargeDate", ErrorCode.RANGE, "before the (Stockholm) date of revokedAt")


def _home_arrival(ctx: RuleContext) -> None:
    if not ctx.has("/body/dischargeAt") and not ctx.has("/body/arrivalHomeAt"):
        ctx.fail("/body/dischargeAt", ErrorCode.REQUIRED, "dischargeAt or arrivalHomeAt is required")


def _sip_established(ctx: RuleContext) -> None:
    event = ctx.get("/body/event")
    if event in (SipEvent.ESTABLISHED, SipEvent.UPDATED):
        _require(ctx, "/body/interventions", f"required for {event.value}")
        _require(ctx, "/body/overallResponsible", f"required for {event.value}")
    if ctx.get("/body/consentConfirmed") is False:
        ctx.fail("/body/consentConfirmed", ErrorCode.CONSENT_REQUIRED, "a SIP needs consent (C-10, CH-06)")


def _deceased(ctx: RuleContext) -> None:
    deceased_at = ctx.get("/body/deceasedAt")
    created_at = ctx.get("/header/createdAt")
    if deceased_at is not None and created_at is not None and deceased_at > created_at:
        ctx.fail("/body/deceasedAt", ErrorCode.RANGE, "after header.createdAt")


def _closed(ctx: RuleContext) -> None:
    if ctx.get("/body/reason") is CloseReason.OTHER:
        _require(ctx, "/body/reasonText", "required for reason OTHER")


def _consent_changed(ctx: RuleContext) -> None:
    sector = ctx.get("/body/sector")
    if sector is None:
        return
    harm = ctx.get("/body/status") in (Consent.HARM_ASSESSMENT_PERMITS, Consent.HARM_ASSESSMENT_DENIES)
    if harm and sector is CareSetting.SOCIAL_SERVICES:
        ctx.fail("/body/status", ErrorCode.RULE, "social services cannot rely on a harm assessment (C-03)")
    board = ctx.get("/body/givenBy") is ConsentGivenBy.SOCIAL_WELFARE_BOARD
    if board and sector is not CareSetting.SOCIAL_SERVICES:
        ctx.fail("/body/givenBy", ErrorCode.RULE, "the social welfare board decides for social services only (CH-02)")


_RULES: dict[MessageTypeName, Callable[[RuleContext], None]] = {
    T.ADMISSION_NOTIFICATION: _admission,
    T.ACKNOWLEDGEMENT: _acknowledgement,
    T.STATUS_BEFORE_ADMISSION: _status_before_admission,
    T.CARE_CONTACT_ASSIGNED: _care_contact,
    T.ESTIMATED_DISCHARGE_DATE_CHANGED: _estimate_changed,
    T.STATUS_BEFORE_DISCHARGE: _status_before_discharge,
    T.LEAVE_PLANNING: _leave,
    T.SIP_INVITATION: _meeting,
    T.COLLABORATION_MEETING_INVITATION: _meeting,
    T.LPT_COORDINATED_PLAN: _lpt_plan,
    T.DISCHARGE_READY_NOTIFICATION: _ready,
    T.DISCHARGE_READY_REVOKED: _revoked,
    T.HOME_ARRIVAL_TIME: _home_arrival,
    T.SIP_ESTABLISHED: _sip_established,
    T.PATIENT_DECEASED: _deceased,
    T.EPISODE_CLOSED: _closed,
    T.CONSENT_CHANGED: _consent_changed,
}
