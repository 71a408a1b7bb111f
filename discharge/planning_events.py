"""Events of the planning phase: M-05…M-08 (domain spec §2.4).

Role: planning documentation (with the VAR templates, the LPT § 7 a plan and STO's request for more
information), the changed estimated discharge date, the VAR status message before discharge and leave.
Boundary: data only; guards live in ``discharge.guards``. The new date of M-06 is optional here so that the
T5 guard, not the type, rejects a FHIR write that lacks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from discharge.codes import Principal, Responsible
from discharge.event_base import DischargeEvent, MessageType
from discharge.parties import Attachment

__all__ = [
    "EddChangeReason",
    "EstimatedDischargeDateChanged",
    "Leave",
    "LeavePhase",
    "LptPlan",
    "Measure",
    "PlanningDocumentation",
    "PlanningKind",
    "Section",
    "StatusBeforeDischarge",
    "StatusReference",
    "UpdatedNeed",
]


class PlanningKind(StrEnum):
    """Which M-05 document this is (templates of VAR, the LPT § 7 a plan, STO's supplementary request)."""

    PLANNING_BEFORE_DISCHARGE = "PLANNING_BEFORE_DISCHARGE"
    COLLABORATION_MEETING = "COLLABORATION_MEETING"
    LPT_COORDINATED_PLAN = "LPT_COORDINATED_PLAN"
    SUPPLEMENTARY_INFORMATION_REQUEST = "SUPPLEMENTARY_INFORMATION_REQUEST"


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    """One question/answer (Lifecare ``fraga``/``svar``) or heading/text (Cosmic) pair."""

    heading: str
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Measure:
    """A measure of a SIP or of an LPT § 7 a plan and who is responsible for it."""

    responsible: Responsible
    description: str


@dataclass(frozen=True, slots=True, kw_only=True)
class LptPlan:
    """Samordnad plan enligt § 7 a LPT (VAR Lila); ``opt_application`` moves the case to ÖPT-application."""

    plan_date: date
    opt_application: bool
    measures: tuple[Measure, ...]
    overall_responsible: Principal
    conditions: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanningDocumentation(DischargeEvent):
    """M-05 planeringsunderlag, collaboration-meeting record, LPT plan or request for more information (D10)."""

    TYPE: ClassVar[MessageType] = MessageType.M05
    kind: PlanningKind
    sections: tuple[Section, ...] = ()
    question: str | None = None  # KOMPLETTERING_BEGARAN ``fraga``
    extensive_needs: bool | None = None  # ORE-C «omfattande behov»
    rehabilitation_needed: bool | None = None
    assistive_devices_needed: bool | None = None
    completed: bool | None = None
    in_response_to: str | None = None
    answer_requested_by: datetime | None = None  # KOMPLETTERING_BEGARAN ``onskatSvarSenast``
    lpt_plan: LptPlan | None = None
    subject: str | None = None  # a request's subject line (Cosmic ``GeneralMessage.subject``)
    attachments: tuple[Attachment, ...] = ()  # a request's attachments (Cosmic ``GeneralMessage.attachments``)


class EddChangeReason(StrEnum):
    HEALTH_CHANGE = "HEALTH_CHANGE"
    PLANNING = "PLANNING"
    LPT_ENDED = "LPT_ENDED"
    LPT_EXTENDED = "LPT_EXTENDED"  # date follows the court ruling
    OTHER = "OTHER"


@dataclass(frozen=True, slots=True, kw_only=True)
class EstimatedDischargeDateChanged(DischargeEvent):
    """M-06 nytt beräknat utskrivningsdatum / förändrat hälsotillstånd (R-10, R-19, T5)."""

    TYPE: ClassVar[MessageType] = MessageType.M06
    estimated_discharge_date: date | None
    reason: EddChangeReason
    previous_estimated_discharge_date: date | None = None
    court_ruling_date: date | None = None
    comment: str | None = None


class StatusReference(StrEnum):
    """R-08 reference of the VAR status message before discharge."""

    ESTIMATED_DISCHARGE = "ESTIMATED_DISCHARGE"
    PLANNED_SIP = "PLANNED_SIP"
    PLANNED_COLLABORATION_MEETING = "PLANNED_COLLABORATION_MEETING"


class UpdatedNeed(StrEnum):
    AIDS = "AIDS"
    REHABILITATION = "REHABILITATION"
    MEDICATION = "MEDICATION"
    NUTRITION = "NUTRITION"
    TRAINING = "TRAINING"
    OTHER = "OTHER"


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusBeforeDischarge(DischargeEvent):
    """M-07 Statusmeddelande inför utskrivning (VAR, R-08)."""

    TYPE: ClassVar[MessageType] = MessageType.M07
    reference: StatusReference
    reference_date: date
    current_status: str
    updated_needs: frozenset[UpdatedNeed] = frozenset()
    confirmed_estimated_discharge_date: date | None = None


class LeavePhase(StrEnum):
    """M-08 is a plan in both contracts; a FHIR ``Encounter.status = onleave`` write reports the rest."""

    PLANNED = "PLANNED"
    STARTED = "STARTED"
    ENDED = "ENDED"


@dataclass(frozen=True, slots=True, kw_only=True)
class Leave(DischargeEvent):
    """M-08 permission (R-25, AMB-25); Lifecare carries it as a general message of category PERMISSION."""

    TYPE: ClassVar[MessageType] = MessageType.M08
    phase: LeavePhase
    start: datetime
    end: datetime | None = None
    subject: str | None = None
    text: str | None = None
    adl_status: str | None = None
    medication_list_sent: bool | None = None
    transport_booked: bool | None = None
    arrival_home_at: datetime | None = None
    return_at: datetime | None = None
    interventions_to_start: str | None = None
    training_by_inpatient_care: bool | None = None
    in_response_to: str | None = None
    attachments: tuple[Attachment, ...] = ()
