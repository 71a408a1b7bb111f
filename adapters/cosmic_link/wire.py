"""Typed message → the JSON value of the wire (the inverse of ``structure``), in contract member order.

Role: encodes along the same specs the validator reads: absent optionals (``None``, empty optional arrays)
are left out, unique code arrays are written in the contract's enumeration order, text in NFC, timestamps as RFC 3339
with ``Z`` for a zero offset, dates as ``YYYY-MM-DD``. Boundary: no validation; JSON text is ``codec``'s.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from adapters.cosmic_link.formats import format_timestamp
from adapters.cosmic_link.message import Message
from adapters.cosmic_link.specs import ArraySpec, EnumSpec, ObjectSpec, Spec, TextSpec, members_of

__all__ = ["message_to_dict"]


def message_to_dict(message: Message) -> dict[str, Any]:
    return {
        "header": _object(message.header),
        "patient": _object(message.patient),
        "episode": _object(message.episode),
        "body": _object(message.body),
    }


def _object(instance: Any) -> dict[str, Any]:
    result: dict[str, Any] = {}
    cls: type = type(instance)
    for member in members_of(cls):
        value = getattr(instance, member.name)
        if not member.required and (value is None or (isinstance(value, tuple | frozenset) and not value)):
            continue
        result[member.wire] = _value(member.spec, value)
    return result


def _value(spec: Spec, value: Any) -> Any:
    if isinstance(spec, ObjectSpec):
        return _object(value)
    if isinstance(spec, ArraySpec):
        items = list(value)
        if spec.unique and isinstance(spec.item, EnumSpec):
            order = list(spec.item.enum)
            items.sort(key=order.index)
        return [_value(spec.item, item) for item in items]
    if isinstance(spec, TextSpec):
        return unicodedata.normalize("NFC", value)  # §7.1: the gateway forwards NFC
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, datetime):
        return format_timestamp(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
