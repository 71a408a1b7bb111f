"""Events of coordinated individual planning (SIP) and meetings: M-09…M-11, M-18…M-20 and their replies.

Role: the neutral form of ``SIP_KALLELSE``/``SipInvitation`` (M-09 when ``INLEDANDE_PA_SJUKHUS`` /
``INITIAL_AT_HOSPITAL``, else M-10), the invitation replies, the VAR Lila collaboration meeting, the SIP
record and its follow-up, and the VAR follow-up contact. Boundary: data only; C-09/C-10 checks are guards
in ``discharge.transitions``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from discharge.codes import Location, MeetingMode, Principal
from discharge.event_base import DischargeEvent, MessageType
from discharge.parties import Clinician
from discharge.planning_events import Measure

__all__ = [
    "CollaborationMeetingAcknowledged",
    "CollaborationMeetingInvitation",
    "ContactedParty",
    "FollowUpContact",
    "FollowUpOutcome",
    "InitialSipAtHospital",
    "InvitationResponse",
    "MeetingPurpose",
    "Participant",
    "SipEstablished",
    "SipFollowUp",
    "SipFollowUpResult",
    "SipInvitation",
    "SipInvitationAcknowledged",
    "SipInvitationBase",
    "SipRecordKind",
    "SipType",
]


class SipType(StrEnum):
    INITIAL_AT_HOSPITAL = "INITIAL_AT_HOSPITAL"  # M-09, STO RÖD
    SIP = "SIP"
    FOLLOW_UP = "FOLLOW_UP"  # M-19 follow-up meeting


@dataclass(frozen=True, slots=True, kw_only=True)
class Participant:
    name: str
    role: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SipInvitationBase(DischargeEvent):
    """Fields shared by M-09 and M-10 (contracts: one message type, told apart by the SIP type)."""

    meeting_at: datetime
    location: Location
    mode: MeetingMode
    convener: Clinician
    agreed_with_patient: bool  # STO: time and place agreed with the individual first
    duration_minutes: int | None = None
    location_description: str | None = None
    guardians_invited: bool | None = None
    other_participants: tuple[Participant, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class InitialSipAtHospital(SipInvitationBase):
    """M-09 behov av inledande SIP på sjukhus (STO RÖD): the FVK proposes a SIP at the hospital (T7)."""

    TYPE: ClassVar[MessageType] = MessageType.M09


@dataclass(frozen=True, slots=True, kw_only=True)
class SipInvitation(SipInvitationBase):
    """M-10 kallelse till SIP (R-07, C-09, T7); ``sip_type`` FOLLOW_UP calls a follow-up (M-19)."""

    TYPE: ClassVar[MessageType] = MessageType.M10
    sip_type: SipType = SipType.SIP


class InvitationResponse(StrEnum):
    RECEIVED = "RECEIVED"
    WILL_ATTEND = "WILL_ATTEND"
    WILL_NOT_ATTEND = "WILL_NOT_ATTEND"
    NEW_TIME_REQUESTED = "NEW_TIME_REQUESTED"


@dataclass(frozen=True, slots=True, kw_only=True)
class SipInvitationAcknowledged(DischargeEvent):
    """Reply to M-09/M-10 (``SIP_KALLELSE_KVITTENS``; Cosmic ``Acknowledgement`` of a ``SipInvitation``)."""

    TYPE: ClassVar[MessageType] = MessageType.M10_ACK
    acknowledged_message_id: str
    acknowledged_at: datetime
    response: InvitationResponse = InvitationResponse.RECEIVED
    comment: str | None = None

    @property
    def occurred_at(self) -> datetime:
        return self.acknowledged_at


class MeetingPurpose(StrEnum):
    COLLABORATION_MEETING = "COLLABORATION_MEETING"
    OPT_APPLICATION = "OPT_APPLICATION"  # moves compulsory care to ÖPT-application


@dataclass(frozen=True, slots=True, kw_only=True)
class CollaborationMeetingInvitation(DischargeEvent):
    """M-11 kallelse till samverkansmöte (VAR Lila, R-21); its date is the R-08 reference for Lila."""

    TYPE: ClassVar[MessageType] = MessageType.M11
    meeting_at: datetime
    location: Location
    mode: MeetingMode
    purpose: MeetingPurpose
    convener: Clinician
    location_description: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CollaborationMeetingAcknowledged(DischargeEvent):
    """Reply to M-11 (Cosmic ``Acknowledgement``; Lifecare renders it as a general message)."""

    TYPE: ClassVar[MessageType] = MessageType.M11_ACK
    acknowledged_message_id: str
    acknowledged_at: datetime
    response: InvitationResponse = InvitationResponse.RECEIVED
    comment: str | None = None

    @property
    def occurred_at(self) -> datetime:
        return self.acknowledged_at


class SipRecordKind(StrEnum):
    ESTABLISHED = "ESTABLISHED"
    UPDATED = "UPDATED"


@dataclass(frozen=True, slots=True, kw_only=True)
class SipEstablished(DischargeEvent):
    """M-18 SIP upprättad / uppdaterad (C-10, CH-06, T11)."""

    TYPE: ClassVar[MessageType] = MessageType.M18
    kind: SipRecordKind
    meeting_date: date
    consent_confirmed: bool  # C-10: must be true
    measures: tuple[Measure, ...] = ()
    overall_responsible: Principal | None = None
    measures_by_others: str | None = None
    next_follow_up_at: datetime | None = None
    signed_by_all: bool | None = None
    child_heard: bool | None = None  # CH-09
    evaluation: str | None = None


class SipFollowUpResult(StrEnum):
    CONTINUES = "CONTINUES"
    REVISED = "REVISED"
    CLOSED = "CLOSED"


@dataclass(frozen=True, slots=True, kw_only=True)
class SipFollowUp(DischargeEvent):
    """M-19 uppföljning / revidering / avslut av SIP (C-10: no joint follow-up without consent).

    The measures, principal, signatures and CH-09 flag are the followed-up plan as restated (Cosmic
    ``SipEstablished`` of event ``FOLLOWED_UP``/``CLOSED`` may repeat them; the fields mean what they mean on M-18).
    """

    TYPE: ClassVar[MessageType] = MessageType.M19
    held_on: date
    result: SipFollowUpResult
    consent_confirmed: bool
    evaluation: str | None = None
    next_follow_up_at: datetime | None = None
    measures: tuple[Measure, ...] = ()
    overall_responsible: Principal | None = None
    measures_by_others: str | None = None
    signed_by_all: bool | None = None
    child_heard: bool | None = None  # CH-09


class ContactedParty(StrEnum):
    GUARDIAN = "GUARDIAN"
    PATIENT = "PATIENT"
    STAFF = "STAFF"


class FollowUpOutcome(StrEnum):
    NO_FURTHER_ACTION = "NO_FURTHER_ACTION"
    SIP_TO_BE_CALLED = "SIP_TO_BE_CALLED"
    OTHER = "OTHER"


@dataclass(frozen=True, slots=True, kw_only=True)
class FollowUpContact(DischargeEvent):
    """M-20 uppföljande kontakt (VAR children, R-16): the FVK contacts the guardians after discharge."""

    TYPE: ClassVar[MessageType] = MessageType.M20
    contacted_at: datetime
    contacted_party: ContactedParty
    outcome: FollowUpOutcome
    note: str | None = None

    @property
    def occurred_at(self) -> datetime:
        return self.contacted_at
