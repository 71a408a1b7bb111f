"""Events of readiness, discharge and closure, plus consent and free messages: M-12…M-17, M-21…M-24.

Role: the neutral form of ``UTSKRIVNINGSKLAR``/``DischargeReadyNotification`` and what follows it up to
``PROCESS_AVSLUTAD``/``EpisodeClosed``, and the two messages that can come at any time (M-23 general
message, M-24 consent change). Boundary: data only; guards (R-10, R-20, R-29, R-30, C-03 …) are in
``discharge.transitions``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from discharge.codes import CloseReason, ConsentGivenBy, ConsentStatus, Destination, Purpose, Sector, Service
from discharge.event_base import DischargeEvent, MessageType
from discharge.parties import Attachment, Clinician

__all__ = [
    "CareLevel",
    "ConsentChanged",
    "DischargeInformation",
    "DischargeTime",
    "GeneralCategory",
    "GeneralMessage",
    "Nutrition",
    "OptApplication",
    "OutpatientNurseRequest",
    "PatientDeceased",
    "ProcessClosed",
    "ReadyCriteria",
    "ReadyForDischarge",
    "ReadyForDischargeAcknowledged",
    "ReadyForDischargeRevoked",
    "Referral",
    "ReferralStatus",
    "RevocationReason",
    "TrainingOffer",
    "Transport",
    "TreatmentPlan",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadyCriteria:
    """VAR: «utskrivningsklar» also means these four criteria hold (AMB-10)."""

    guardians_informed_in_writing: bool
    care_contact_assigned: bool
    essential_information_transferred: bool
    aids_available: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class OptApplication:
    """R-20: with ÖPT applied for, M-12 waits for the administrative court's decision."""

    applied: bool
    court_decision_date: date | None = None


class TrainingOffer(StrEnum):
    """R-30 (ORE-C red track): training offered, or not applicable (no municipal staff to train on site)."""

    OFFERED = "OFFERED"
    NOT_APPLICABLE = "NOT_APPLICABLE"
    NOT_OFFERED = "NOT_OFFERED"


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadyForDischarge(DischargeEvent):
    """M-12 utskrivningsklar (R-09, T8). ``sent_at`` starts day counting; ``assessed_at`` is the physician's."""

    TYPE: ClassVar[MessageType] = MessageType.M12
    assessed_at: datetime
    assessed_by: Clinician | None = None
    planned_discharge_at: datetime | None = None
    action_request_attached: bool | None = None  # M-16 sent with it (STO)
    open_referrals_closed: bool | None = None  # R-29 (Lifecare ``oppnaRemisserAvslutade``)
    criteria: ReadyCriteria | None = None
    opt_application: OptApplication | None = None
    training: TrainingOffer | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadyForDischargeAcknowledged(DischargeEvent):
    """Acknowledgement of M-12 (STO checklist: outpatient care acknowledges before discharge; AMB-18)."""

    TYPE: ClassVar[MessageType] = MessageType.M12_ACK
    acknowledged_message_id: str
    acknowledged_at: datetime
    comment: str | None = None

    @property
    def occurred_at(self) -> datetime:
        return self.acknowledged_at


class RevocationReason(StrEnum):
    HEALTH_CHANGE = "HEALTH_CHANGE"
    SENT_IN_ERROR = "SENT_IN_ERROR"
    OTHER = "OTHER"


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadyForDischargeRevoked(DischargeEvent):
    """M-13 utskrivningsklar återkallad (T9); R-10 requires a new estimated discharge date."""

    TYPE: ClassVar[MessageType] = MessageType.M13
    revoked_message_id: str
    revoked_at: datetime
    reason: RevocationReason
    new_estimated_discharge_date: date | None
    comment: str | None = None

    @property
    def occurred_at(self) -> datetime:
        return self.revoked_at


class Transport(StrEnum):
    OWN = "OWN"
    PATIENT_TRANSPORT = "PATIENT_TRANSPORT"  # sjukresa
    RELATIVE = "RELATIVE"
    OTHER = "OTHER"


@dataclass(frozen=True, slots=True, kw_only=True)
class DischargeTime(DischargeEvent):
    """M-14 discharge date and time / home-arrival time (at least one of the two)."""

    TYPE: ClassVar[MessageType] = MessageType.M14
    discharge_at: datetime | None = None
    arrival_home_at: datetime | None = None
    met_at_home: bool | None = None
    met_by: str | None = None
    transport: Transport | None = None
    comment: str | None = None


class CareLevel(StrEnum):
    INPATIENT = "INPATIENT"  # R-29 concerns referrals to another inpatient provider
    OUTPATIENT = "OUTPATIENT"


class ReferralStatus(StrEnum):
    OPEN = "OPEN"
    CLOSED = "CLOSED"
    CANCELLED = "CANCELLED"


@dataclass(frozen=True, slots=True, kw_only=True)
class Referral(DischargeEvent):
    """M-15 remiss; a later M-15 with the same ``referral_id`` changes its status (R-29)."""

    TYPE: ClassVar[MessageType] = MessageType.M15
    referral_id: str
    target_service: Service
    care_level: CareLevel
    status: ReferralStatus = ReferralStatus.OPEN
    question: str | None = None
    urgent: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OutpatientNurseRequest(DischargeEvent):
    """M-16 åtgärdsbegäran to the outpatient nurse (STO): question, actions and time frame."""

    TYPE: ClassVar[MessageType] = MessageType.M16
    question: str
    requested_actions: str
    time_frame_start: date
    time_frame_end: date


@dataclass(frozen=True, slots=True, kw_only=True)
class TreatmentPlan:
    """ORE yellow/red: 7-day medical treatment plan (R-13)."""

    text: str
    valid_until: date


@dataclass(frozen=True, slots=True, kw_only=True)
class Nutrition:
    """VAR: tube feeding supplied for n weekdays (R-15: 5)."""

    tube_feeding: bool
    supplied_weekdays: int


@dataclass(frozen=True, slots=True, kw_only=True)
class DischargeInformation(DischargeEvent):
    """M-17 utskrivningsmeddelande / informationsöverföring (R-12, T10); ``discharged_at`` ends the stay."""

    TYPE: ClassVar[MessageType] = MessageType.M17
    discharged_at: datetime
    destination: Destination
    summary: str
    medication_list: str | None = None
    medication_narrative: str | None = None
    health_status: str | None = None
    self_care: str | None = None
    risk_assessment: str | None = None
    referral_to_outpatient_care: bool | None = None
    treatment_plan: TreatmentPlan | None = None
    information_given_to_guardians: bool | None = None  # CH-08
    nutrition: Nutrition | None = None
    patient_transport_booked: bool | None = None
    attachments: tuple[Attachment, ...] = ()

    @property
    def occurred_at(self) -> datetime:
        return self.discharged_at


@dataclass(frozen=True, slots=True, kw_only=True)
class PatientDeceased(DischargeEvent):
    """M-21 avliden (R-11, T12)."""

    TYPE: ClassVar[MessageType] = MessageType.M21
    deceased_at: datetime

    @property
    def occurred_at(self) -> datetime:
        return self.deceased_at


@dataclass(frozen=True, slots=True, kw_only=True)
class ProcessClosed(DischargeEvent):
    """M-22 avsluta processen och ange orsak (T13: the reason is required)."""

    TYPE: ClassVar[MessageType] = MessageType.M22
    closed_at: datetime
    reason: CloseReason | None
    reason_text: str | None = None

    @property
    def occurred_at(self) -> datetime:
        return self.closed_at


class GeneralCategory(StrEnum):
    """What a general message is about: union of Lifecare ``kategori`` and Cosmic ``category``.

    A request for supplementary information is not a general message here but M-05 (``PlanningDocumentation``
    of kind ``SUPPLEMENTARY_INFORMATION_REQUEST``); ``SUPPLEMENTARY_INFORMATION`` is a free message about it.
    """

    GENERAL = "GENERAL"
    CHILD_AND_FAMILY_SITUATION = "CHILD_AND_FAMILY_SITUATION"  # ORE-C attachment
    TRAINING = "TRAINING"  # training offered by inpatient care
    LEAVE = "LEAVE"  # M-08 told in free text (Cosmic ``LEAVE``, Lifecare ``PERMISSION``)
    SUPPLEMENTARY_INFORMATION = "SUPPLEMENTARY_INFORMATION"  # Lifecare ``KOMPLETTERING``


@dataclass(frozen=True, slots=True, kw_only=True)
class GeneralMessage(DischargeEvent):
    """M-23 generellt meddelande (always treated as "needs information", §2.4).

    ``leave_start``/``leave_end`` is a leave period the message mentions (Lifecare ``permission``, allowed with
    any ``kategori``); a message that *is* a leave plan becomes ``Leave`` (M-08) instead.
    """

    TYPE: ClassVar[MessageType] = MessageType.M23
    subject: str
    text: str
    category: GeneralCategory = GeneralCategory.GENERAL
    in_response_to: str | None = None
    attachments: tuple[Attachment, ...] = ()
    leave_start: datetime | None = None
    leave_end: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ConsentChanged(DischargeEvent):
    """M-24 samtycke / menprövning / återkallat samtycke for one disclosing sector (C-03, C-05, T14)."""

    TYPE: ClassVar[MessageType] = MessageType.M24
    sector: Sector
    status: ConsentStatus
    effective_at: datetime
    given_by: ConsentGivenBy | None = None
    purposes: frozenset[Purpose] = frozenset()  # empty: every purpose

    @property
    def occurred_at(self) -> datetime:
        return self.effective_at
