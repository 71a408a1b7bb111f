"""Annotations that turn the typed message dataclasses into the contract's member definitions.

Role: each member of a message is a dataclass field; ``Annotated`` metadata adds what the Python type
cannot say — text kind and length (§7.1), wire format (§7.2), array cardinality, integer range, the checked
strings of §7.2 (HSA-id, municipality code, fixed OIDs); the wire name is the camelCase of
the field name. ``structure`` reads these to validate and decode, ``schema`` to emit JSON Schema, ``wire`` to
encode. Boundary: declarations only.

Conventions: a field without a default is required (``1``); a field with a default is optional or
conditional (``0..1``/``C``; conditions are rules). ``tuple[...]`` is an array, ``frozenset[...]`` an array of
unique codes; an optional array's empty value means "absent".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Annotated

__all__ = [
    "UUID",
    "Base64",
    "Card",
    "Checked",
    "Date",
    "Fixed",
    "Format",
    "Oid",
    "Phone",
    "PlainString",
    "PostalCode",
    "Range",
    "ShortText64",
    "ShortText100",
    "ShortText200",
    "ShortText300",
    "Text500",
    "Text1000",
    "Text2000",
    "Text4000",
    "Text10000",
    "Text20000",
    "TextKind",
    "Timestamp",
    "Version",
    "short_text",
    "text",
]


@dataclass(frozen=True, slots=True)
class TextKind:
    """ShortText(n) (single-line) or Text(n) (multi-line), §7.1: 1..n code points, not blank."""

    max_length: int
    multiline: bool


def short_text(max_length: int) -> TextKind:
    return TextKind(max_length, multiline=False)


def text(max_length: int) -> TextKind:
    return TextKind(max_length, multiline=True)


class Format(Enum):
    """§7.2 string formats (``format`` errors)."""

    UUID = "uuid"
    PHONE = "phone"
    POSTAL_CODE = "postal-code"
    OID = "oid"
    BASE64 = "base64"
    STRING = "string"  # any string, e.g. an II extension before its identifier rules
    VERSION = "version"  # header.version, checked first (§6); kept as "1.0"


class Checked(Enum):
    """Strings whose check answers with more than ``format`` (§7.2): check digits, code lists, fixed OIDs."""

    HSA_EXTENSION = "hsa-extension"  # format, then checksum
    MUNICIPALITY_CODE = "municipality-code"  # format, then unknown-code


@dataclass(frozen=True, slots=True)
class Fixed:
    """An OID member that MUST have one value (``format`` if not an OID, else ``unknown-code``)."""

    value: str


@dataclass(frozen=True, slots=True)
class Card:
    """Array cardinality (``cardinality``)."""

    min_items: int
    max_items: int


@dataclass(frozen=True, slots=True)
class Range:
    """Inclusive integer range (``range``)."""

    minimum: int
    maximum: int


UUID = Annotated[str, Format.UUID]
Phone = Annotated[str, Format.PHONE]
PostalCode = Annotated[str, Format.POSTAL_CODE]
Oid = Annotated[str, Format.OID]
Base64 = Annotated[str, Format.BASE64]
PlainString = Annotated[str, Format.STRING]
Version = Annotated[str, Format.VERSION]
Date = date  # §7.2 Date, a real date
ShortText64 = Annotated[str, short_text(64)]
ShortText100 = Annotated[str, short_text(100)]
ShortText200 = Annotated[str, short_text(200)]
ShortText300 = Annotated[str, short_text(300)]
Text500 = Annotated[str, text(500)]
Text1000 = Annotated[str, text(1000)]
Text2000 = Annotated[str, text(2000)]
Text4000 = Annotated[str, text(4000)]
Text10000 = Annotated[str, text(10000)]
Text20000 = Annotated[str, text(20000)]
Timestamp = datetime  # §7.2 RFC 3339 timestamp with an offset
