"""Member specifications compiled from the typed message dataclasses and their ``fields`` annotations.

Role: one reading of the annotations, shared by the validator (``structure``), the JSON Schema
(``schema``) and the encoder (``wire``), so the three can never disagree. Boundary: introspection only,
cached per class; no values are checked here.
"""

from __future__ import annotations

import dataclasses
import types
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin, get_type_hints

from adapters.cosmic_link.fields import Card, Checked, Fixed, Format, Range, TextKind

__all__ = [
    "ArraySpec",
    "EnumSpec",
    "FixedSpec",
    "IntSpec",
    "Member",
    "ObjectSpec",
    "ScalarSpec",
    "Spec",
    "StringSpec",
    "TextSpec",
    "members_of",
    "wire_name",
]


@dataclass(frozen=True, slots=True)
class TextSpec:
    kind: TextKind


@dataclass(frozen=True, slots=True)
class StringSpec:
    """A string in a §7.2 format, or a checked string (HSA-id extension, municipality code)."""

    format: Format | Checked


@dataclass(frozen=True, slots=True)
class FixedSpec:
    value: str


@dataclass(frozen=True, slots=True)
class ScalarSpec:
    """``date``, ``timestamp`` or ``bool``."""

    kind: str


@dataclass(frozen=True, slots=True)
class IntSpec:
    range: Range | None


@dataclass(frozen=True, slots=True)
class EnumSpec:
    enum: type[StrEnum]


@dataclass(frozen=True, slots=True)
class ObjectSpec:
    cls: type


@dataclass(frozen=True, slots=True)
class ArraySpec:
    item: Spec
    card: Card
    unique: bool  # frozenset: an array of unique codes


Spec = TextSpec | StringSpec | FixedSpec | ScalarSpec | IntSpec | EnumSpec | ObjectSpec | ArraySpec


@dataclass(frozen=True, slots=True)
class Member:
    name: str  # Python field name
    wire: str
    spec: Spec
    required: bool  # no default on the dataclass field


def wire_name(field_name: str) -> str:
    """``estimated_discharge_date`` → ``estimatedDischargeDate``."""
    head, *rest = field_name.split("_")
    return head + "".join(part.capitalize() for part in rest)


@cache
def members_of(cls: type) -> tuple[Member, ...]:
    """The members of a message dataclass, in wire order."""
    hints = get_type_hints(cls, include_extras=True)
    result = []
    for field in dataclasses.fields(cls):
        has_default = field.default is not dataclasses.MISSING or field.default_factory is not dataclasses.MISSING
        result.append(Member(field.name, wire_name(field.name), spec_of(hints[field.name]), not has_default))
    return tuple(result)


def spec_of(hint: Any) -> Spec:
    """The spec of one annotation (``X | None`` is the same spec: optionality is the field's default)."""
    metadata: tuple[Any, ...] = ()
    if get_origin(hint) in (Union, types.UnionType):
        (hint,) = [arm for arm in get_args(hint) if arm is not type(None)]
    if get_origin(hint) is Annotated:
        hint, *extras = get_args(hint)
        metadata = tuple(extras)
    origin = get_origin(hint)
    if origin in (tuple, frozenset):
        card = next((m for m in metadata if isinstance(m, Card)), None)
        if card is None:
            raise TypeError(f"array {hint!r} needs a Card annotation")
        return ArraySpec(spec_of(get_args(hint)[0]), card, unique=origin is frozenset)
    return _scalar_spec(hint, metadata)


def _scalar_spec(hint: Any, metadata: tuple[Any, ...]) -> Spec:
    for marker in metadata:
        if isinstance(marker, TextKind):
            return TextSpec(marker)
        if isinstance(marker, Format | Checked):
            return StringSpec(marker)
        if isinstance(marker, Fixed):
            return FixedSpec(marker.value)
    if hint is bool:
        return ScalarSpec("bool")
    if hint is int:
        return IntSpec(next((m for m in metadata if isinstance(m, Range)), None))
    if hint is datetime:
        return ScalarSpec("timestamp")
    if hint is date:
        return ScalarSpec("date")
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return EnumSpec(hint)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return ObjectSpec(hint)
    raise TypeError(f"no contract spec for {hint!r}")
