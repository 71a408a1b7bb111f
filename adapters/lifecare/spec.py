"""Annotations that make the typed message dataclasses the contract's member tables (§8, §9).

Role: every member is a dataclass field named in snake_case (the wire name is its camelCase); ``Annotated``
metadata adds what the Python type cannot say — text kind and length (§7.2), string format (§7.3), array
cardinality and uniqueness, integer range. ``structure`` reads them to validate, build and encode, and
``json_schema`` to emit JSON Schema. Boundary: declarations only.

Conventions: a field without a default is required (``1``); a field with a default is optional or conditional
(``0..1``/``C``; conditions are rules in ``envelope_rules``/``body_rules``). ``tuple[...]`` is an array; an
optional array's empty value means "absent". ``datetime`` is a Tidpunkt, ``date`` a Datum.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from adapters.lifecare.formats import Format

__all__ = [
    "BODY",
    "Base64",
    "Epost",
    "Fritext500",
    "Fritext1000",
    "Fritext2000",
    "Fritext4000",
    "Fritext10000",
    "Fritext20000",
    "HsaId",
    "IntRange",
    "Items",
    "Kommunkod",
    "Kort100",
    "Kort200",
    "Kort300",
    "Oid",
    "Postnummer",
    "Sprakkod",
    "Telefon",
    "Text",
    "Uuid",
]


@dataclass(frozen=True, slots=True)
class Text:
    """Kort(n) (single line) or Fritext(n) (TAB, LF and CR allowed): 1..n code points, not blank (§7.2)."""

    max_length: int
    multiline: bool


@dataclass(frozen=True, slots=True)
class Items:
    """Array cardinality; ``unique`` for arrays of codes (duplicate at the item), ``unique_by`` for units."""

    minimum: int
    maximum: int
    unique: bool = False
    unique_by: str | None = None


@dataclass(frozen=True, slots=True)
class IntRange:
    minimum: int
    maximum: int


class _Body:
    """Marks ``Meddelande.innehall``: its type follows ``meddelandetyp``."""


BODY = _Body()

Uuid = Annotated[str, Format.UUID]
HsaId = Annotated[str, Format.HSA_ID]
Telefon = Annotated[str, Format.TELEFON]
Epost = Annotated[str, Format.EPOST]
Postnummer = Annotated[str, Format.POSTNUMMER]
Kommunkod = Annotated[str, Format.KOMMUNKOD]
Oid = Annotated[str, Format.OID]
Base64 = Annotated[str, Format.BASE64]
Sprakkod = Annotated[str, Format.SPRAKKOD]

Kort100 = Annotated[str, Text(100, multiline=False)]
Kort200 = Annotated[str, Text(200, multiline=False)]
Kort300 = Annotated[str, Text(300, multiline=False)]
Fritext500 = Annotated[str, Text(500, multiline=True)]
Fritext1000 = Annotated[str, Text(1000, multiline=True)]
Fritext2000 = Annotated[str, Text(2000, multiline=True)]
Fritext4000 = Annotated[str, Text(4000, multiline=True)]
Fritext10000 = Annotated[str, Text(10000, multiline=True)]
Fritext20000 = Annotated[str, Text(20000, multiline=True)]
