"""Events of admission: E-01, M-01…M-04 and M-25 (domain spec §2.4).

Role: one frozen event per message type with the body fields the spec lists, widened to everything the
Lifecare SP–style (§9) and Cosmic Link–style (§9) bodies carry. Boundary: data only; guards live in
``discharge.guards``. Fields a contract makes mandatory but a FHIR write may lack (the FVK's work phone)
are optional here so that the transition guard, not the type, rejects them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from discharge.codes import ConsentStatus, Intervention, Need, Profession, Service
from discharge.event_base import DischargeEvent, MessageType
from discharge.parties import Address, Clinician
from discharge.regions import Track

__all__ = [
    "AdmissionNotice",
    "AdmissionNoticeAcknowledged",
    "CareContact",
    "CareContactAppointed",
    "ExistingIntervention",
    "HousingType",
    "NeedIdentified",
    "OngoingContact",
    "PersonalDataUpdated",
    "Relation",
    "Relative",
    "StatusOnAdmission",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class NeedIdentified(DischargeEvent):
    """E-01: the treating physician judges that interventions may be needed after discharge (T1, R-01)."""

    TYPE: ClassVar[MessageType] = MessageType.E01
    admitted_at: datetime  # ward admission; STO excludes the emergency department
    need_identified_at: datetime
    needs: frozenset[Need] = frozenset()

    @property
    def occurred_at(self) -> datetime:
        return self.need_identified_at


@dataclass(frozen=True, slots=True, kw_only=True)
class AdmissionNotice(DischargeEvent):
    """M-01 inskrivningsmeddelande (R-01, R-02, C-01, CH-07). Statute and track come from the base."""

    TYPE: ClassVar[MessageType] = MessageType.M01
    admitted_at: datetime
    estimated_discharge_date: date  # always present
    consent: ConsentStatus
    needs: frozenset[Need]
    need_identified_at: datetime | None = None
    consent_documented_at: datetime | None = None
    responsible_physician: Clinician | None = None  # D5, redacted without a basis
    contact_reason: str | None = None  # D6
    life_threatening: bool | None = None  # A10: FVK must then be a licensed physician
    children_in_household: bool | None = None  # CH-10
    training_needed_before_discharge: bool | None = None  # VAR Röd, R-30
    placing_municipality: str | None = None  # P-GEN-05 kommunkod
    placing_municipality_name: str | None = None  # display name of ``placing_municipality``


@dataclass(frozen=True, slots=True, kw_only=True)
class ExistingIntervention:
    kind: Intervention
    description: str | None = None
    provider: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AdmissionNoticeAcknowledged(DischargeEvent):
    """M-02 kvittens of M-01 (R-03); interventions only with consent (C-02)."""

    TYPE: ClassVar[MessageType] = MessageType.M02
    acknowledged_message_id: str
    acknowledged_at: datetime
    existing_interventions: tuple[ExistingIntervention, ...] = ()
    contact_person: Clinician | None = None
    comment: str | None = None

    @property
    def occurred_at(self) -> datetime:
        return self.acknowledged_at


@dataclass(frozen=True, slots=True, kw_only=True)
class OngoingContact:
    service: Service
    description: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusOnAdmission(DischargeEvent):
    """M-03 Statusmeddelande inför inskrivning (VAR, AMB-41); needs consent (D9)."""

    TYPE: ClassVar[MessageType] = MessageType.M03
    interventions: tuple[ExistingIntervention, ...] = ()
    ongoing_contacts: tuple[OngoingContact, ...] = ()
    proposed_track: Track | None = None
    comment: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CareContact:
    """The named care contact (fast vårdkontakt, A10)."""

    name: str
    work_phone: str | None  # STO requires it (T4); a FHIR CareTeam may lack it
    licensed_physician: bool
    profession: Profession | None = None
    hsa_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CareContactAppointed(DischargeEvent):
    """M-04 fast vårdkontakt utsedd (R-05, R-06, R-28, T4)."""

    TYPE: ClassVar[MessageType] = MessageType.M04
    contact: CareContact
    appointed_at: datetime
    existing_continues: bool | None = None  # ORE-A: an existing FVK may continue
    named_physician_contact: Clinician | None = None  # fast läkarkontakt (VAR)

    @property
    def occurred_at(self) -> datetime:
        return self.appointed_at


class Relation(StrEnum):
    SPOUSE_OR_PARTNER = "SPOUSE_OR_PARTNER"
    CHILD = "CHILD"
    PARENT = "PARENT"
    SIBLING = "SIBLING"
    OTHER = "OTHER"


class HousingType(StrEnum):
    ORDINARY = "ORDINARY"
    SPECIAL_HOUSING = "SPECIAL_HOUSING"
    HOUSING_WITH_SPECIAL_SERVICE = "HOUSING_WITH_SPECIAL_SERVICE"
    SHORT_TERM_HOUSING = "SHORT_TERM_HOUSING"
    RESIDENTIAL_CARE = "RESIDENTIAL_CARE"
    FOSTER_HOME = "FOSTER_HOME"
    HOMELESS = "HOMELESS"
    OTHER = "OTHER"


@dataclass(frozen=True, slots=True, kw_only=True)
class Relative:
    name: str
    relation: Relation
    phone: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonalDataUpdated(DischargeEvent):
    """M-25 uppdatering av personuppgifter (STO, D7: never without consent)."""

    TYPE: ClassVar[MessageType] = MessageType.M25
    phone: str | None = None
    email: str | None = None
    housing_type: HousingType | None = None
    temporary_address: Address | None = None
    relatives: tuple[Relative, ...] = ()
    outpatient_psychiatry_contact: bool | None = None
    home_health_care: bool | None = None
    interpreter_needed: bool | None = None
    interpreter_language: str | None = None  # ISO 639-1
