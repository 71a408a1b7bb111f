"""The common base of every neutral discharge event, and the discriminating type codes.

Role: ``DischargeEvent`` holds what every input carries — the D0 routing metadata of §4.4 (message id, case
id, sender, recipients, send time) plus the case context both contracts repeat on each message (region
profile, track, care type, statute, patient). Each concrete event adds the body of one message type.
Boundary: no process logic; the only check is that every datetime is timezone-aware (§0.3: instants).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from discharge.codes import CareStatute, CareType
from discharge.errors import InvalidEventError
from discharge.parties import Patient, Unit
from discharge.regions import Region, Track

__all__ = ["DischargeEvent", "MessageType", "StayStatute"]


class MessageType(StrEnum):
    """Discriminator of the neutral events: the spec's message ids (§2.3), plus three kinds of reply.

    M-10, M-11 and M-12 each name a message *and* its acknowledgement; the acknowledgements get their own
    codes (``M-10-ACK`` …) so every code names exactly one event class. ``E-01`` is the physician's judgement
    that opens the case (T1), which no contract message carries on its own (AMB-CASE-01).
    """

    E01 = "E-01"
    M01 = "M-01"
    M02 = "M-02"
    M03 = "M-03"
    M04 = "M-04"
    M05 = "M-05"
    M06 = "M-06"
    M07 = "M-07"
    M08 = "M-08"
    M09 = "M-09"
    M10 = "M-10"
    M10_ACK = "M-10-ACK"
    M11 = "M-11"
    M11_ACK = "M-11-ACK"
    M12 = "M-12"
    M12_ACK = "M-12-ACK"
    M13 = "M-13"
    M14 = "M-14"
    M15 = "M-15"
    M16 = "M-16"
    M17 = "M-17"
    M18 = "M-18"
    M19 = "M-19"
    M20 = "M-20"
    M21 = "M-21"
    M22 = "M-22"
    M23 = "M-23"
    M24 = "M-24"
    M25 = "M-25"


@dataclass(frozen=True, slots=True, kw_only=True)
class StayStatute:
    """Statute of the stay (Cosmic ``episode.legalBasis``; Lifecare ``lagrum`` + ``intagningsbeslut``)."""

    statute: CareStatute
    admission_decision_date: date | None = None  # reference date


@dataclass(frozen=True, slots=True, kw_only=True)
class DischargeEvent:
    """Base of all events. ``sent_at`` is the sender's creation time (``skapad`` / ``createdAt``).

    For ``M-12`` ``sent_at`` is the notice time that starts day counting (R-09). ``occurred_at`` is the
    domain time of the fact the event reports (an acknowledgement's time, a death), defaulting to ``sent_at``.
    """

    TYPE: ClassVar[MessageType]

    message_id: str
    case_id: str
    sender: Unit
    recipients: tuple[Unit, ...]
    sent_at: datetime
    region: Region
    track: Track | None = None
    care_type: CareType | None = None
    statute: StayStatute | None = None  # absent: voluntary, or unchanged since M-01
    patient: Patient | None = None

    def __post_init__(self) -> None:
        _require_aware(self, type(self).__name__)

    @property
    def type(self) -> MessageType:
        """The discriminating type code (``"M-01"`` …)."""
        return self.TYPE

    @property
    def occurred_at(self) -> datetime:
        return self.sent_at


def _require_aware(value: object, where: str) -> None:
    """§0.3: every time is an instant; a naive datetime cannot be placed on the Stockholm calendar."""
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidEventError(f"{where}: naive datetime {value.isoformat()}; timezone-aware required")
    elif is_dataclass(value) and not isinstance(value, type):
        for item in fields(value):
            _require_aware(getattr(value, item.name), f"{where}.{item.name}")
    elif isinstance(value, tuple | frozenset):
        for element in value:
            _require_aware(element, where)
