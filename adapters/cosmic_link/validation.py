"""Validation of one decoded message in the order of §7.5: the first step stops, the rest reports everything.

Role: step 1 (top-level object → ``header`` → ``header.version`` (§6) → ``header.messageType``), then the
member walk of header, patient, episode and body (step 2), then the envelope and per-type rules (step 3).
The result is the typed ``Message`` or the errors, de-duplicated by (pointer, code). Boundary: takes the
JSON value (``json_text.decode`` handles bytes) and the gateway's receipt time; no clock, no I/O.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from adapters.cosmic_link.body_rules import check_body
from adapters.cosmic_link.context import RuleContext
from adapters.cosmic_link.envelope import Episode, Header, Patient
from adapters.cosmic_link.envelope_rules import check_envelope
from adapters.cosmic_link.errors import ContractError, ErrorCode, pointer
from adapters.cosmic_link.message import BODY_CLASSES, Message
from adapters.cosmic_link.structure import INVALID, Walker
from adapters.cosmic_link.vocabulary import MessageTypeName

__all__ = ["SUPPORTED_MAJOR", "validate"]

SUPPORTED_MAJOR = 1
_VERSION = re.compile(r"([0-9]{1,9})\.([0-9]{1,9})")
_TOP_LEVEL = ("header", "patient", "episode", "body")


def validate(value: Any, *, received_at: datetime) -> Message | list[ContractError]:
    """The typed message, or every contract error (§7.5)."""
    first = _first_step(value)
    if isinstance(first, ContractError):
        return [first]
    message_type, minor = first
    walker = Walker(ignore_unknown=minor > 0)  # §6: a higher minor's unknown members are ignored
    parts = _walk_parts(walker, value, message_type)
    ctx = RuleContext(walker, message_type, received_at)
    check_envelope(ctx)
    check_body(ctx)
    if walker.errors:
        return _deduplicated(walker.errors)
    header, patient, episode, body = parts
    return Message(header=header, patient=patient, episode=episode, body=body)


def _first_step(value: Any) -> tuple[MessageTypeName, int] | ContractError:
    """§7.5 step 1 after decoding; a failure here stops validation."""
    if not isinstance(value, dict):
        return ContractError("", ErrorCode.TYPE, "the body must be a JSON object")
    if "header" not in value:
        return ContractError("/header", ErrorCode.REQUIRED, "required member is missing")
    header = value["header"]
    if not isinstance(header, dict):
        return ContractError("/header", ErrorCode.TYPE, "an object is required")
    version = _version(header)
    if isinstance(version, ContractError):
        return version
    if "messageType" not in header:
        return ContractError("/header/messageType", ErrorCode.REQUIRED, "required member is missing")
    name = header["messageType"]
    if not isinstance(name, str):
        return ContractError("/header/messageType", ErrorCode.TYPE, "a string is required")
    try:
        return MessageTypeName(name), version
    except ValueError:
        return ContractError("/header/messageType", ErrorCode.UNKNOWN_TYPE, "not a message type of §9")


def _version(header: dict[str, Any]) -> int | ContractError:
    """§6: ``"MAJOR.MINOR"`` with major 1; the minor is returned."""
    if "version" not in header:
        return ContractError("/header/version", ErrorCode.REQUIRED, "required member is missing")
    version = header["version"]
    if not isinstance(version, str):
        return ContractError("/header/version", ErrorCode.TYPE, "a string is required")
    match = _VERSION.fullmatch(version)
    if match is None or int(match[1]) != SUPPORTED_MAJOR:
        return ContractError("/header/version", ErrorCode.UNSUPPORTED_VERSION, "this endpoint accepts 1.x")
    return int(match[2])


def _walk_parts(walker: Walker, value: dict[str, Any], message_type: MessageTypeName) -> list[Any]:
    if not walker.ignore_unknown:
        for key in value:
            if key not in _TOP_LEVEL:
                walker.fail(pointer(key), ErrorCode.UNKNOWN_MEMBER, "member not defined here")
    parts = []
    for name, cls in zip(_TOP_LEVEL, (Header, Patient, Episode, BODY_CLASSES[message_type]), strict=True):
        if name not in value:
            walker.fail(f"/{name}", ErrorCode.REQUIRED, "required member is missing")
            parts.append(INVALID)
            continue
        walker.present.add(f"/{name}")
        parts.append(walker.walk_object(cls, value[name], f"/{name}"))
    return parts


def _deduplicated(errors: list[ContractError]) -> list[ContractError]:
    seen: set[tuple[str, ErrorCode]] = set()
    result = []
    for error in errors:
        if (error.pointer, error.code) not in seen:
            seen.add((error.pointer, error.code))
            result.append(error)
    return result
