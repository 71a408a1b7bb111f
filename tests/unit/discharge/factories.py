"""Builders for fictitious units, patients and events (Skatteverket test personnummer only).

Every builder takes keyword overrides so a test states only what it is about.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from discharge.admission_events import (
    AdmissionNotice,
    AdmissionNoticeAcknowledged,
    CareContact,
    CareContactAppointed,
    NeedIdentified,
)
from discharge.case import Case, new_case
from discharge.codes import (
    CloseReason,
    ConsentStatus,
    Destination,
    IdentifierKind,
    Location,
    MeetingMode,
    Need,
    Principal,
    Sector,
)
from discharge.discharge_events import (
    ConsentChanged,
    DischargeInformation,
    PatientDeceased,
    ProcessClosed,
    ReadyForDischarge,
    ReadyForDischargeRevoked,
    RevocationReason,
)
from discharge.event_base import DischargeEvent
from discharge.parties import Address, Clinician, Guardian, Patient, PersonIdentifier, Unit
from discharge.regions import Region, Track
from discharge.sip_events import SipEstablished, SipInvitation, SipRecordKind
from discharge.transitions import apply

STOCKHOLM = ZoneInfo("Europe/Stockholm")
CASE_ID = "3f0c6a52-9d8e-4c55-8f43-6f1f3c2b7a01"


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A Stockholm-local instant."""
    return datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


T0 = at(2025, 3, 3, 9)  # Monday 09:00, ward admission
NOW = at(2025, 3, 31, 12)
RFD_AT = at(2025, 3, 7, 10)  # Friday 10:00
REVOKE_AT = at(2025, 3, 7, 15)
SIP_INVITED_AT = at(2025, 3, 8, 9)
DISCHARGE_AT = at(2025, 3, 9, 11)
SIP_HELD_AT = at(2025, 3, 14, 12)
DEATH_AT = at(2025, 3, 6, 8)
CLOSE_AT = at(2025, 3, 20, 9)

WARD = Unit(hsa_id="SE2321000016-WARD1", name="Avdelning 12", principal=Principal.REGION, sector=Sector.INPATIENT)
PRIMARY_CARE = Unit(
    hsa_id="SE2321000016-VC01", name="Vårdcentralen Norr", principal=Principal.REGION, sector=Sector.OUTPATIENT
)
SOCIAL = Unit(
    hsa_id="SE2120001777-SOC1",
    name="Biståndsenheten",
    principal=Principal.MUNICIPALITY,
    sector=Sector.SOCIAL_SERVICES,
    municipality_code="0180",
)
HOME_CARE = Unit(
    hsa_id="SE2120001777-HSV1",
    name="Hemsjukvården",
    principal=Principal.MUNICIPALITY,
    sector=Sector.MUNICIPAL_HEALTH_CARE,
    municipality_code="0180",
)
RECIPIENTS = (SOCIAL, HOME_CARE, PRIMARY_CARE)

ADDRESS = Address(street="Testgatan 1", postal_code="11122", city="Stockholm", municipality_code="0180")
ADULT = Patient(
    identifier=PersonIdentifier(kind=IdentifierKind.PERSONNUMMER, value="191212121212"),
    given_name="Tolvan",
    family_name="Tolvansson",
    registered_address=ADDRESS,
    birth_date=date(1912, 12, 12),
)
CHILD = Patient(
    identifier=PersonIdentifier(kind=IdentifierKind.PERSONNUMMER, value="201212121212"),
    given_name="Lilla",
    family_name="Testsson",
    registered_address=ADDRESS,
    birth_date=date(2012, 12, 12),
    guardians=(Guardian(given_name="Stora", family_name="Testsson", consent=ConsentStatus.GIVEN),),
)

_counter = iter(range(1, 1_000_000))


def message_id() -> str:
    return f"00000000-0000-4000-8000-{next(_counter):012d}"


def envelope(
    sender: Unit, recipients: tuple[Unit, ...], sent_at: datetime, region: Region, **kw: Any
) -> dict[str, Any]:
    base: dict[str, Any] = {
        "message_id": kw.pop("message_id", None) or message_id(),
        "case_id": kw.pop("case_id", CASE_ID),
        "sender": sender,
        "recipients": recipients,
        "sent_at": sent_at,
        "region": region,
    }
    base.update(kw)
    return base


def need_identified(*, region: Region = Region.STO, sent_at: datetime = T0, **kw: Any) -> NeedIdentified:
    fields = {"admitted_at": T0, "need_identified_at": T0, "needs": frozenset({Need.SOCIAL_SERVICES})} | kw
    return NeedIdentified(**envelope(WARD, RECIPIENTS, sent_at, region, **fields))


def admission_notice(
    *, region: Region = Region.STO, sent_at: datetime = T0 + timedelta(hours=2), **kw: Any
) -> AdmissionNotice:
    fields: dict[str, Any] = {
        "admitted_at": T0,
        "estimated_discharge_date": date(2025, 3, 10),
        "consent": ConsentStatus.GIVEN,
        "needs": frozenset({Need.SOCIAL_SERVICES, Need.MUNICIPAL_HEALTH_CARE, Need.OUTPATIENT}),
        "patient": ADULT,
        "track": Track.STO_GUL if region is Region.STO else None,
        "recipients": RECIPIENTS,
    } | kw
    recipients, sender = fields.pop("recipients"), fields.pop("sender", WARD)
    return AdmissionNotice(**envelope(sender, recipients, sent_at, region, **fields))


def acknowledgement(
    sender: Unit, notice: DischargeEvent, *, sent_at: datetime = T0 + timedelta(hours=5), **kw: Any
) -> AdmissionNoticeAcknowledged:
    fields = {"acknowledged_message_id": notice.message_id, "acknowledged_at": sent_at} | kw
    return AdmissionNoticeAcknowledged(**envelope(sender, (WARD,), sent_at, notice.region, **fields))


def care_contact(
    *,
    region: Region = Region.STO,
    sender: Unit = PRIMARY_CARE,
    sent_at: datetime = T0 + timedelta(hours=6),
    **kw: Any,
) -> CareContactAppointed:
    contact = kw.pop(
        "contact", CareContact(name="Dr Test Testsson", work_phone="+46812345678", licensed_physician=True)
    )
    fields = {"contact": contact, "appointed_at": sent_at} | kw
    return CareContactAppointed(**envelope(sender, (WARD, SOCIAL), sent_at, region, **fields))


def ready(*, region: Region = Region.STO, sent_at: datetime = RFD_AT, **kw: Any) -> ReadyForDischarge:
    fields = {"assessed_at": sent_at} | kw
    return ReadyForDischarge(**envelope(WARD, RECIPIENTS, sent_at, region, **fields))


def revoked(notice: ReadyForDischarge, *, sent_at: datetime = REVOKE_AT, **kw: Any) -> ReadyForDischargeRevoked:
    fields: dict[str, Any] = {
        "revoked_message_id": notice.message_id,
        "revoked_at": sent_at,
        "reason": RevocationReason.HEALTH_CHANGE,
        "new_estimated_discharge_date": date(2025, 3, 12),
    } | kw
    return ReadyForDischargeRevoked(**envelope(WARD, RECIPIENTS, sent_at, notice.region, **fields))


def sip_invitation(
    *, region: Region = Region.STO, sender: Unit = PRIMARY_CARE, sent_at: datetime = SIP_INVITED_AT, **kw: Any
) -> SipInvitation:
    fields = {
        "meeting_at": at(2025, 3, 14, 10),
        "location": Location.HOME,
        "mode": MeetingMode.IN_PERSON,
        "convener": Clinician(name="Dr Test Testsson"),
        "agreed_with_patient": True,
    } | kw
    return SipInvitation(**envelope(sender, (WARD, SOCIAL, HOME_CARE), sent_at, region, **fields))


def sip_established(
    *, region: Region = Region.STO, sender: Unit = PRIMARY_CARE, sent_at: datetime = SIP_HELD_AT, **kw: Any
) -> SipEstablished:
    fields = {"kind": SipRecordKind.ESTABLISHED, "meeting_date": date(2025, 3, 14), "consent_confirmed": True} | kw
    return SipEstablished(**envelope(sender, (WARD, SOCIAL, HOME_CARE), sent_at, region, **fields))


def discharge_information(
    *, region: Region = Region.STO, sent_at: datetime = DISCHARGE_AT, **kw: Any
) -> DischargeInformation:
    fields = {"discharged_at": sent_at, "destination": Destination.HOME, "summary": "Vårdtiden sammanfattad."} | kw
    return DischargeInformation(**envelope(WARD, RECIPIENTS, sent_at, region, **fields))


def consent_changed(
    sector: Sector, status: ConsentStatus, *, region: Region = Region.STO, sent_at: datetime = T0, **kw: Any
) -> ConsentChanged:
    sender = kw.pop("sender", WARD)
    fields = {"sector": sector, "status": status, "effective_at": sent_at} | kw
    return ConsentChanged(**envelope(sender, RECIPIENTS, sent_at, region, **fields))


def deceased(*, region: Region = Region.STO, sent_at: datetime = DEATH_AT, **kw: Any) -> PatientDeceased:
    fields = {"deceased_at": sent_at - timedelta(hours=1)} | kw
    return PatientDeceased(**envelope(WARD, RECIPIENTS, sent_at, region, **fields))


def closed(
    *, region: Region = Region.STO, sender: Unit = PRIMARY_CARE, sent_at: datetime = CLOSE_AT, **kw: Any
) -> ProcessClosed:
    fields = {"closed_at": sent_at, "reason": CloseReason.SIP_ESTABLISHED} | kw
    return ProcessClosed(**envelope(sender, (WARD, SOCIAL), sent_at, region, **fields))


def run(*events: DischargeEvent, case: Case | None = None, now: datetime = NOW) -> Case:
    """Apply ``events`` in order to ``case`` (a new one by default)."""
    current = case if case is not None else new_case(CASE_ID)
    for event in events:
        current = apply(current, event, now=now)
    return current


def planning_case(*, region: Region = Region.STO, **notice: Any) -> tuple[Case, AdmissionNotice]:
    """A case in S3 PLANNING: M-01 sent and acknowledged by every recipient."""
    sent = admission_notice(region=region, **notice)
    acks = [acknowledgement(unit, sent) for unit in sent.recipients]
    return run(sent, *acks), sent


def ready_case(*, region: Region = Region.STO, **notice: Any) -> tuple[Case, ReadyForDischarge]:
    """A case in S4 READY with an appointed FVK."""
    case, _ = planning_case(region=region, **notice)
    notice_ready = ready(region=region)
    return run(care_contact(region=region), notice_ready, case=case), notice_ready
