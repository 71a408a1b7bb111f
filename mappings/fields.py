"""Declarative two-way mapping of dataclass fields (neutral events and their parts) onto FHIR elements.

A ``Field`` names a dataclass field, the element path it maps to (``mappings.paths`` notation) and how
the value is spelled: a scalar ``Codec`` (string, date, Coding …), ``Nested`` (an optional dataclass
inside one element, e.g. a complex extension), ``Many`` (a tuple or frozenset, one element each) or
``Custom``. ``encode`` writes an object into a resource; ``decode`` reads the constructor arguments back
and reports every problem to a ``Reader`` as an ``Issue`` with the concrete FHIRPath. Because each mapping
is data, the same tables drive both directions, the round-trip tests and docs/mappings/messages.md.
"""

from __future__ import annotations

import dataclasses
import json
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum
from typing import Any, Union, get_args, get_origin, get_type_hints

from discharge.errors import InvalidEventError
from mappings.codes import code_of, member_of, system_of
from mappings.errors import Issue, MappingError
from mappings.paths import Path, append, ensure, find, find_all, path, put

__all__ = [
    "BOOLEAN",
    "DATE",
    "DATETIME",
    "INTEGER",
    "STRING",
    "Bad",
    "Codec",
    "Custom",
    "Field",
    "Many",
    "Nested",
    "Reader",
    "bind",
    "code",
    "coding",
    "concept",
    "decode",
    "encode",
    "field",
]

Node = dict[str, Any]


class Bad(Exception):
    """A present element whose value cannot be read (raised by codecs, reported as an issue)."""


class Reader:
    """Collects the issues of one decoding; ``check`` raises them together as a ``MappingError``."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def error(self, expression: str, message: str, code: str = "invalid") -> None:
        self.issues.append(Issue("error", code, expression, message))

    def check(self) -> None:
        if self.issues:
            raise MappingError(self.issues)


@dataclass(frozen=True, slots=True)
class Codec:
    """A primitive or datatype value: ``encode(value, resource)`` → JSON; ``decode(json, resource)``."""

    fhir_type: str
    encode: Callable[[Any, Node], Any]
    decode: Callable[[Any, Node], Any]  # None: the element says "absent" (e.g. not our reference)


@dataclass(frozen=True, slots=True)
class Nested:
    cls: type
    fields: tuple[Field, ...]


@dataclass(frozen=True, slots=True)
class Many:
    """A tuple (kept in order) or frozenset (sorted) of items, one element per item."""

    item: Codec | Nested
    at: Path = ()  # where a scalar item sits inside its element


@dataclass(frozen=True, slots=True)
class Custom:
    fhir_type: str
    write: Callable[[Node, Any, Node], None]  # (element, value, resource)
    read: Callable[[Node, str, Node, Reader], Any]  # (element, fhirpath, resource, reader) → value or None


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    at: Path
    kind: Codec | Nested | Many | Custom
    note: str = ""
    required: bool = False
    as_set: bool = False  # a Many field of a frozenset (set by ``bind``)
    none_if_absent: bool = False  # optional type but no default: pass None explicitly (set by ``bind``)


def field(name: str, at: str | Path, kind: Codec | Nested | Many | Custom, note: str = "") -> Field:
    """One mapping line: ``name`` ↔ the element at ``at`` (path notation, or a parsed path)."""
    return Field(name, (path(at) if at else ()) if isinstance(at, str) else at, kind, note)


def bind(cls: type, *fields: Field) -> tuple[Field, ...]:
    """The fields of ``cls`` this table maps, with ``required`` taken from the dataclass."""
    known = {f.name: f for f in dataclasses.fields(cls)}
    hints = get_type_hints(cls)
    bound = []
    for item in fields:
        if item.name not in known:
            raise TypeError(f"{cls.__name__} has no field {item.name!r}")
        spec = known[item.name]
        optional = get_origin(hints[item.name]) in (Union, types.UnionType) and type(None) in get_args(hints[item.name])
        no_default = spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING
        as_set = get_origin(hints[item.name]) is frozenset
        required = no_default and not optional and not isinstance(item.kind, Many)  # a list is never missing
        bound.append(replace(item, required=required, as_set=as_set, none_if_absent=no_default and optional))
    return tuple(bound)


# ---- scalar codecs -------------------------------------------------------------------------------


def _expect(kind: type | tuple[type, ...], label: str) -> Callable[[Any, Node], Any]:
    def decode(raw: Any, _: Node) -> Any:
        if not isinstance(raw, kind) or (kind is int and isinstance(raw, bool)):
            raise Bad(f"expected {label}, got {type(raw).__name__}")
        return raw

    return decode


def _decode_date(raw: Any, _: Node) -> date:
    if not isinstance(raw, str) or len(raw) != len("YYYY-MM-DD"):
        raise Bad("expected a full date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise Bad(f"not a date: {exc}") from exc


def _decode_datetime(raw: Any, _: Node) -> datetime:
    if not isinstance(raw, str) or "T" not in raw:
        raise Bad("expected a dateTime with time and offset")
    try:
        value = datetime.fromisoformat(raw)
    except ValueError as exc:
        raise Bad(f"not a dateTime: {exc}") from exc
    if value.tzinfo is None:
        raise Bad("a dateTime needs a time-zone offset (§0.3: instants)")
    return value


def _same(value: Any, _: Node) -> Any:
    return value


STRING = Codec("string", _same, _expect(str, "a string"))
BOOLEAN = Codec("boolean", _same, _expect(bool, "a boolean"))
INTEGER = Codec("integer", _same, _expect(int, "an integer"))
DATE = Codec("date", lambda v, _: v.isoformat(), _decode_date)
DATETIME = Codec("dateTime", lambda v, _: v.isoformat(), _decode_datetime)


def _member(enum: type[Enum], raw_code: Any, system: str) -> Enum:
    member = member_of(enum, raw_code) if isinstance(raw_code, str) else None
    if member is None:
        raise Bad(f"unknown code {raw_code!r} in {system}")
    return member


def coding(enum: type[Enum]) -> Codec:
    system = system_of(enum)

    def decode(raw: Any, _: Node) -> Enum:
        if not isinstance(raw, dict) or raw.get("system") != system:
            raise Bad(f"expected a Coding from {system}")
        return _member(enum, raw.get("code"), system)

    return Codec("Coding", lambda v, _: {"system": system, "code": code_of(v)}, decode)


def concept(enum: type[Enum]) -> Codec:
    system = system_of(enum)

    def decode(raw: Any, _: Node) -> Enum | None:
        codings = raw.get("coding") if isinstance(raw, dict) else None
        match = next((c for c in codings or [] if isinstance(c, dict) and c.get("system") == system), None)
        if match is None:
            return None  # no coding of ours: absent (a required field then reports "required")
        return _member(enum, match.get("code"), system)

    return Codec("CodeableConcept", lambda v, _: {"coding": [{"system": system, "code": code_of(v)}]}, decode)


def code(enum: type[Enum], table: Mapping[Any, str]) -> Codec:
    """A FHIR ``code`` element with its own value set (``table``: member → code, one-to-one)."""
    inverse = {v: k for k, v in table.items()}
    assert len(inverse) == len(table) == len(enum), f"{enum.__name__}: table must be one-to-one"

    def decode(raw: Any, _: Node) -> Any:
        if raw not in inverse:
            raise Bad(f"unexpected code {raw!r}; one of {sorted(inverse)}")
        return inverse[raw]

    return Codec("code", lambda v, _: table[v], decode)


# ---- the engine ----------------------------------------------------------------------------------

_ABSENT = object()
_INVALID = object()  # present but unreadable: already reported, not "required" as well


def encode(obj: Any, fields: tuple[Field, ...], node: Node, resource: Node) -> None:
    """Write every non-empty mapped field of ``obj`` into ``node`` (part of ``resource``)."""
    for item in fields:
        value = getattr(obj, item.name)
        if value is None or (isinstance(value, tuple | frozenset) and not value):
            continue
        kind = item.kind
        if isinstance(kind, Codec):
            put(node, item.at, kind.encode(value, resource))
        elif isinstance(kind, Nested):
            encode(value, kind.fields, ensure(node, item.at), resource)
        elif isinstance(kind, Many):
            _encode_many(kind, item.at, value, node, resource)
        else:
            kind.write(ensure(node, item.at), value, resource)


def _encode_many(kind: Many, at: Path, values: Any, node: Node, resource: Node) -> None:
    items = list(values)
    if isinstance(values, frozenset):
        items.sort(key=lambda v: json.dumps(_sort_key(v, kind, resource), sort_keys=True))
    for value in items:
        element = append(node, at)
        if isinstance(kind.item, Nested):
            encode(value, kind.item.fields, element, resource)
        else:
            put(element, kind.at, kind.item.encode(value, resource))


def _sort_key(value: Any, kind: Many, resource: Node) -> Any:
    return kind.item.encode(value, resource) if isinstance(kind.item, Codec) else repr(value)


def decode(cls: type, fields: tuple[Field, ...], node: Node, where: str, resource: Node, reader: Reader) -> Any:
    """Rebuild ``cls`` from ``node``; None (with issues on ``reader``) when it cannot."""
    kwargs = decode_kwargs(fields, node, where, resource, reader)
    if kwargs is None:
        return None
    try:
        return cls(**kwargs)
    except (InvalidEventError, TypeError, ValueError) as exc:
        reader.error(where, f"{cls.__name__}: {exc}")
        return None


def decode_kwargs(
    fields: tuple[Field, ...], node: Node, where: str, resource: Node, reader: Reader
) -> dict[str, Any] | None:
    """The constructor arguments the fields hold; None when any is missing or invalid."""
    before = len(reader.issues)
    kwargs: dict[str, Any] = {}
    for item in fields:
        value = _decode_field(item, node, where, resource, reader)
        if value is _INVALID:
            continue
        if value is _ABSENT:
            if item.required:
                _, expression = find(node, item.at, where)
                reader.error(expression, f"{item.name} is required", code="required")
            elif item.none_if_absent:
                kwargs[item.name] = None
            continue
        kwargs[item.name] = value
    return kwargs if len(reader.issues) == before else None


def _decode_field(item: Field, node: Node, where: str, resource: Node, reader: Reader) -> Any:
    kind = item.kind
    if isinstance(kind, Many):
        values = _decode_many(item, kind, node, where, resource, reader)
        return frozenset(values) if item.as_set else tuple(values)
    raw, expression = find(node, item.at, where)
    if raw is None:
        return _ABSENT
    if isinstance(kind, Nested):
        if not isinstance(raw, dict):
            reader.error(expression, "expected an element")
            return _INVALID
        if not _present(kind.fields, raw, expression):
            return _ABSENT  # nothing of it is there (e.g. a Nested spread over the resource itself)
        value = decode(kind.cls, kind.fields, raw, expression, resource, reader)
        if value is None:
            return _INVALID
    elif isinstance(kind, Custom):
        before = len(reader.issues)
        value = kind.read(raw, expression, resource, reader) if isinstance(raw, dict) else None
        if len(reader.issues) > before:
            return _INVALID
    else:
        try:
            value = kind.decode(raw, resource)
        except Bad as exc:
            reader.error(expression, str(exc), code="value")
            return _INVALID
    return _ABSENT if value is None else value


def _present(fields: tuple[Field, ...], node: Node, where: str) -> bool:
    return any(
        find_all(node, f.at, where) if isinstance(f.kind, Many) else find(node, f.at, where)[0] is not None
        for f in fields
    )


def _decode_many(item: Field, kind: Many, node: Node, where: str, resource: Node, reader: Reader) -> list[Any]:
    values = []
    for element, expression in find_all(node, item.at, where):
        if isinstance(kind.item, Nested):
            value = decode(kind.item.cls, kind.item.fields, element, expression, resource, reader)
        else:
            raw, inner = find(element, kind.at, expression)
            try:
                value = kind.item.decode(raw, resource) if raw is not None else None
            except Bad as exc:
                reader.error(inner, str(exc), code="value")
                value = None
        if value is not None:
            values.append(value)
    return values
