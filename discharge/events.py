"""The neutral discharge events: one import point, the type registry and the dict codec.

Role: every input (Lifecare SP–style, Cosmic Link–style, FHIR message or REST write) becomes exactly one
of the events re-exported here (ARCHITECTURE.md "one pipeline, every input"); the value types and codes of
the planning events (``Section``, ``Measure``, ``PlanningKind``, ``LeavePhase`` …) are re-exported too, so
adapters import them from this one stable place. ``event_to_dict`` /
``event_from_dict`` give plain JSON-able dicts (ISO 8601 datetimes with offset, ISO dates, enum values,
lists) for persistence and round trips; ``"type"`` carries the discriminating code. Boundary: no process
logic and no I/O; decoding errors raise ``InvalidEventError``.
"""

from __future__ import annotations

import dataclasses
import types
from datetime import date, datetime
from enum import Enum
from typing import Any, Union, get_args, get_origin, get_type_hints

from discharge.admission_events import (
    AdmissionNotice,
    AdmissionNoticeAcknowledged,
    CareContactAppointed,
    NeedIdentified,
    PersonalDataUpdated,
    StatusOnAdmission,
)
from discharge.discharge_events import (
    ConsentChanged,
    DischargeInformation,
    DischargeTime,
    GeneralMessage,
    OutpatientNurseRequest,
    PatientDeceased,
    ProcessClosed,
    ReadyForDischarge,
    ReadyForDischargeAcknowledged,
    ReadyForDischargeRevoked,
    Referral,
)
from discharge.errors import InvalidEventError
from discharge.event_base import DischargeEvent, MessageType
from discharge.planning_events import (
    EddChangeReason,
    EstimatedDischargeDateChanged,
    Leave,
    LeavePhase,
    LptPlan,
    Measure,
    PlanningDocumentation,
    PlanningKind,
    Section,
    StatusBeforeDischarge,
    StatusReference,
    UpdatedNeed,
)
from discharge.sip_events import (
    CollaborationMeetingAcknowledged,
    CollaborationMeetingInvitation,
    FollowUpContact,
    InitialSipAtHospital,
    SipEstablished,
    SipFollowUp,
    SipInvitation,
    SipInvitationAcknowledged,
)

__all__ = [
    "EVENT_CLASSES",
    "AdmissionNotice",
    "AdmissionNoticeAcknowledged",
    "CareContactAppointed",
    "CollaborationMeetingAcknowledged",
    "CollaborationMeetingInvitation",
    "ConsentChanged",
    "DischargeEvent",
    "DischargeInformation",
    "DischargeTime",
    "EddChangeReason",
    "EstimatedDischargeDateChanged",
    "FollowUpContact",
    "GeneralMessage",
    "InitialSipAtHospital",
    "Leave",
    "LeavePhase",
    "LptPlan",
    "Measure",
    "MessageType",
    "NeedIdentified",
    "OutpatientNurseRequest",
    "PatientDeceased",
    "PersonalDataUpdated",
    "PlanningDocumentation",
    "PlanningKind",
    "ProcessClosed",
    "ReadyForDischarge",
    "ReadyForDischargeAcknowledged",
    "ReadyForDischargeRevoked",
    "Referral",
    "Section",
    "SipEstablished",
    "SipFollowUp",
    "SipInvitation",
    "SipInvitationAcknowledged",
    "StatusBeforeDischarge",
    "StatusOnAdmission",
    "StatusReference",
    "UpdatedNeed",
    "event_from_dict",
    "event_to_dict",
]

EVENT_CLASSES: dict[MessageType, type[DischargeEvent]] = {
    cls.TYPE: cls
    for cls in (
        NeedIdentified,
        AdmissionNotice,
        AdmissionNoticeAcknowledged,
        StatusOnAdmission,
        CareContactAppointed,
        PlanningDocumentation,
        EstimatedDischargeDateChanged,
        StatusBeforeDischarge,
        Leave,
        InitialSipAtHospital,
        SipInvitation,
        SipInvitationAcknowledged,
        CollaborationMeetingInvitation,
        CollaborationMeetingAcknowledged,
        ReadyForDischarge,
        ReadyForDischargeAcknowledged,
        ReadyForDischargeRevoked,
        DischargeTime,
        Referral,
        OutpatientNurseRequest,
        DischargeInformation,
        SipEstablished,
        SipFollowUp,
        FollowUpContact,
        PatientDeceased,
        ProcessClosed,
        GeneralMessage,
        ConsentChanged,
        PersonalDataUpdated,
    )
}
assert set(EVENT_CLASSES) == set(MessageType), "every type code needs exactly one event class"

_TYPE_KEY = "type"
_BY_CODE = {code.value: cls for code, cls in EVENT_CLASSES.items()}


def event_to_dict(event: DischargeEvent) -> dict[str, Any]:
    """The event as a JSON-able dict: ``{"type": "M-01", <field>: <value>, …}`` with every field present."""
    body = _encode_dataclass(event)
    return {_TYPE_KEY: event.type.value, **body}


def event_from_dict(data: dict[str, Any]) -> DischargeEvent:
    """Rebuild an event from ``event_to_dict`` output; strict: unknown or missing members are errors."""
    if not isinstance(data, dict):
        raise InvalidEventError(f"an event dict must be an object, got {type(data).__name__}")
    code = data.get(_TYPE_KEY)
    if not isinstance(code, str) or code not in _BY_CODE:
        raise InvalidEventError(f"unknown event type {code!r}")
    cls = _BY_CODE[code]
    body = {key: value for key, value in data.items() if key != _TYPE_KEY}
    decoded = _decode_dataclass(cls, body, code)
    assert isinstance(decoded, DischargeEvent)
    return decoded


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = get_type_hints(cls)
    return _HINTS[cls]


def _encode_dataclass(value: Any) -> dict[str, Any]:
    hints = _hints(type(value))
    return {f.name: _encode(getattr(value, f.name), hints[f.name]) for f in dataclasses.fields(value)}


def _encode(value: Any, hint: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        (inner,) = [arm for arm in get_args(hint) if arm is not type(None)]
        return _encode(value, inner)
    if origin is tuple:
        return [_encode(item, get_args(hint)[0]) for item in value]
    if origin is frozenset:
        return sorted(_encode(item, get_args(hint)[0]) for item in value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):  # datetime first is implied: both share isoformat()
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return _encode_dataclass(value)
    return value


def _decode_dataclass(cls: type, data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise InvalidEventError(f"{where}: expected an object, got {type(data).__name__}")
    hints = _hints(cls)
    known = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise InvalidEventError(f"{where}: unknown members {unknown}")
    kwargs: dict[str, Any] = {}
    for name, field in known.items():
        if name in data:
            kwargs[name] = _decode(data[name], hints[name], f"{where}.{name}")
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise InvalidEventError(f"{where}: missing member {name!r}")
    try:
        return cls(**kwargs)
    except InvalidEventError:
        raise
    except (TypeError, ValueError) as exc:
        raise InvalidEventError(f"{where}: {exc}") from exc


def _decode(value: Any, hint: Any, where: str) -> Any:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        if value is None:
            return None
        (inner,) = [arm for arm in get_args(hint) if arm is not type(None)]
        return _decode(value, inner, where)
    if origin in (tuple, frozenset):
        if not isinstance(value, list):
            raise InvalidEventError(f"{where}: expected a list, got {type(value).__name__}")
        items = [_decode(item, get_args(hint)[0], f"{where}[{i}]") for i, item in enumerate(value)]
        return tuple(items) if origin is tuple else frozenset(items)
    if dataclasses.is_dataclass(hint):
        return _decode_dataclass(hint, value, where)  # type: ignore[arg-type]
    return _decode_scalar(value, hint, where)


def _decode_scalar(value: Any, hint: Any, where: str) -> Any:
    try:
        if hint is datetime:
            return datetime.fromisoformat(_text(value, where))
        if hint is date:
            text = _text(value, where)
            if len(text) != len("YYYY-MM-DD"):
                raise ValueError(f"not a calendar date: {text!r}")
            return date.fromisoformat(text)
        if isinstance(hint, type) and issubclass(hint, Enum):
            return hint(_text(value, where))
    except ValueError as exc:
        raise InvalidEventError(f"{where}: {exc}") from exc
    expected = {bool: (bool,), int: (int,), str: (str,)}.get(hint)
    if expected is None:
        raise InvalidEventError(f"{where}: unsupported field type {hint!r}")
    if not isinstance(value, expected) or (hint is int and isinstance(value, bool)):
        raise InvalidEventError(f"{where}: expected {hint.__name__}, got {type(value).__name__}")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise InvalidEventError(f"{where}: expected a string, got {type(value).__name__}")
    return value
