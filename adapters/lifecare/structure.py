"""The structural walk: check a JSON value against a message dataclass, build the typed value, encode it back.

Role: ``kind_for`` turns each annotated field (``spec``) into a ``Kind`` that knows its §7 checks, how to build
the typed value and how to encode it (``json_schema`` describes the kinds). ``check_object`` collects *every*
error (§7.5 step 2) and returns a partial tree of the valid members (``ParsedObject``), which the multi-member
rules read and ``build_object`` turns into frozen dataclasses. Boundary: single-member rules only;
multi-member rules are ``envelope_rules`` and ``body_rules``.

Normalisation on build (so that a message survives message → event → message unchanged): text in NFC, UUIDs
lower-case, arrays of unique codes in the contract's enumeration order, empty optional arrays absent.
"""

from __future__ import annotations

import dataclasses
import types
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Final, Union, get_args, get_origin, get_type_hints

from adapters.lifecare import formats
from adapters.lifecare.errors import ContractError, ErrorCode, child_pointer
from adapters.lifecare.formats import Format
from adapters.lifecare.spec import BODY, IntRange, Items, Text

__all__ = [
    "INVALID",
    "ArrayKind",
    "BodyKind",
    "BoolKind",
    "Context",
    "DatumKind",
    "EnumKind",
    "Field",
    "FormatKind",
    "IntKind",
    "Kind",
    "ObjectKind",
    "ParsedObject",
    "PlainStringKind",
    "TextKind",
    "TidpunktKind",
    "build_object",
    "check_object",
    "encode_object",
    "fields_of",
    "kind_for",
]


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


INVALID: Final = _Invalid()  # a value that earned an error; never part of a ParsedObject


class ParsedObject(dict[str, Any]):
    """A checked JSON object: its present and valid members (wire names → parsed values) and its dataclass."""

    __slots__ = ("cls",)

    def __init__(self, cls: type) -> None:
        super().__init__()
        self.cls = cls


@dataclass(slots=True)
class Context:
    """State of one validation: the body class of ``meddelandetyp``, the minor-version leniency, the errors."""

    body_class: type | None = None
    ignore_unknown: bool = False  # §6: a 1.x message above our minor: unknown members are ignored
    errors: list[ContractError] = field(default_factory=list)

    def report(self, pointer: str, code: ErrorCode, text: str = "") -> None:
        self.errors.append(ContractError(pointer, code, text))


class Kind:
    """How one member type is checked, built, encoded and described."""

    def check(self, value: Any, pointer: str, ctx: Context) -> Any:
        raise NotImplementedError

    def build(self, parsed: Any) -> Any:
        return parsed

    def encode(self, value: Any) -> Any:
        return value


def _string(value: Any, pointer: str, ctx: Context) -> str | None:
    if isinstance(value, str):
        return value
    ctx.report(pointer, ErrorCode.TYPE, "Värdet ska vara en sträng.")
    return None


@dataclass(frozen=True, slots=True)
class TextKind(Kind):
    spec: Text

    def check(self, value: Any, pointer: str, ctx: Context) -> Any:
        text = _string(value, pointer, ctx)
        if text is None:
            return INVALID
        codes = formats.check_text(text, max_length=self.spec.max_length, multiline=self.spec.multiline)
        for code in codes:
            detail = (
                f"Texten ska ha 1–{self.spec.max_length} tecken och inte vara tom." if code is ErrorCode.LENGTH else ""
            )
            ctx.report(pointer, code, detail)
        return INVALID if codes else unicodedata.normalize("NFC", text)


@dataclass(frozen=True, slots=True)
class FormatKind(Kind):
    fmt: Format

    def check(self, value: Any, pointer: str, ctx: Context) -> Any:
        text = _string(value, pointer, ctx)
        if text is None:
            return INVALID
        code = formats.check_format(self.fmt, text)
        if code is not None:
            ctx.report(pointer, code)
            return INVALID
        return formats.normalise(self.fmt, text)


class PlainStringKind(Kind):
    def check(self, value: Any, pointer: str, ctx: Context) -> Any:
        text = _string(value, pointer, ctx)
        return INVALID if text is None else text


class TidpunktKind(Kind):
    def check(self, value: Any, pointer: str, ctx: Context) -> Any:
        text = _string(value, pointer, ctx)
        if text is None:
            return INVALID
        moment = formats.parse_tidpunkt(text)
        if moment is None:
            ctx.report(pointer, ErrorCode.FORMAT, "Tidpunkt ska anges som YYYY-MM-DDThh:mm:ss[.f](Z|±hh:mm).")
            return INVALID
        return moment

    def encode(self, value: Any) -> Any:
        return formats.format_tidpunkt(value)


class DatumKind(Kind):
    def check(self, value: Any, pointer: str, ctx: Context) -> Any:
        text = _string(value, pointer, ctx)
        if text is None:
            return INVALID
        day = formats.parse_datum(text)
        if day is None:
            ctx.report(pointer, ErrorCode.FORMAT, "Datum ska vara ett verkligt datum, YYYY-MM-DD.")
            return INVALID
        return day

    def encode(self, value: Any) -> Any:
        return value.isoformat()


class BoolKind(Kind):
    def check(self, value: Any, pointer: str, ctx: Context) -> Any:
        if isinstance(value, bool):
            return value
        ctx.report(pointer, ErrorCode.TYPE, "Värdet ska vara true eller false.")
        return INVALID


@dataclass(frozen=True, slots=True)
class IntKind(Kind):
    bounds: IntRange

    def check(self, value: Any, pointer: str, ctx: Context) -> Any:
        if not isinstance(value, int) or isinstance(value, bool):
            ctx.report(pointer, ErrorCode.TYPE, "Värdet ska vara ett heltal.")
            return INVALID
        if not self.bounds.minimum <= value <= self.bounds.maximum:
            ctx.report(pointer, ErrorCode.RANGE, f"Värdet ska vara {self.bounds.minimum}–{self.bounds.maximum}.")
            return INVALID
        return value


@dataclass(frozen=True, slots=True)
class EnumKind(Kind):
    codes: type[StrEnum]

    def check(self, value: Any, pointer: str, ctx: Context) -> Any:
        text = _string(value, pointer, ctx)
        if text is None:
            return INVALID
        if text in self.codes._value2member_map_:
            return self.codes(text)
        ctx.report(pointer, ErrorCode.ENUM)
        return INVALID

    def encode(self, value: Any) -> Any:
        return value.value


@dataclass(frozen=True, slots=True)
class ArrayKind(Kind):
    item: Kind
    items: Items

    def check(self, value: Any, pointer: str, ctx: Context) -> Any:
        if not isinstance(value, list):
            ctx.report(pointer, ErrorCode.TYPE, "Värdet ska vara en array.")
            return INVALID
        if not self.items.minimum <= len(value) <= self.items.maximum:
            ctx.report(
                pointer, ErrorCode.CARDINALITY, f"Arrayen ska ha {self.items.minimum}–{self.items.maximum} poster."
            )
        parsed = [self.item.check(element, child_pointer(pointer, index), ctx) for index, element in enumerate(value)]
        self._check_unique(parsed, pointer, ctx)
        return parsed

    def _check_unique(self, parsed: list[Any], pointer: str, ctx: Context) -> None:
        seen: set[Any] = set()
        for index, element in enumerate(parsed):
            key, where = element, child_pointer(pointer, index)
            if self.items.unique_by is not None:
                key = element.get(self.items.unique_by) if isinstance(element, ParsedObject) else None
                key, where = (key.casefold() if key is not None else None), child_pointer(where, self.items.unique_by)
            elif not self.items.unique:
                return
            if key is None or key is INVALID:
                continue
            if key in seen:
                ctx.report(where, ErrorCode.DUPLICATE)
            seen.add(key)

    def build(self, parsed: Any) -> Any:
        built = [self.item.build(element) for element in parsed]
        if self.items.unique and isinstance(self.item, EnumKind):
            order = list(self.item.codes)
            built.sort(key=order.index)
        return tuple(built)

    def encode(self, value: Any) -> Any:
        return [self.item.encode(element) for element in value]


@dataclass(frozen=True, slots=True)
class ObjectKind(Kind):
    cls: type

    def check(self, value: Any, pointer: str, ctx: Context) -> Any:
        return check_object(self.cls, value, pointer, ctx)

    def build(self, parsed: Any) -> Any:
        return build_object(parsed)

    def encode(self, value: Any) -> Any:
        return encode_object(value)


class BodyKind(Kind):
    """``innehall``: checked as the body class of the message's ``meddelandetyp``."""

    def check(self, value: Any, pointer: str, ctx: Context) -> Any:
        assert ctx.body_class is not None, "the body class is known once meddelandetyp is valid"
        return check_object(ctx.body_class, value, pointer, ctx)

    def build(self, parsed: Any) -> Any:
        return build_object(parsed)

    def encode(self, value: Any) -> Any:
        return encode_object(value)


@dataclass(frozen=True, slots=True)
class Field:
    attr: str
    json: str
    kind: Kind
    required: bool


def json_name(attr: str) -> str:
    head, *rest = attr.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


_FIELDS: dict[type, tuple[Field, ...]] = {}


def fields_of(cls: type) -> tuple[Field, ...]:
    """The members of a message dataclass, compiled once."""
    if cls not in _FIELDS:
        _FIELDS[cls] = _compile(cls)
    return _FIELDS[cls]


def _compile(cls: type) -> tuple[Field, ...]:
    hints = get_type_hints(cls, include_extras=True)
    return tuple(
        Field(
            attr=item.name,
            json=json_name(item.name),
            kind=kind_for(hints[item.name]),
            required=item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING,
        )
        for item in dataclasses.fields(cls)
    )


_SIMPLE_KINDS: dict[Any, Kind] = {bool: BoolKind(), datetime: TidpunktKind(), date: DatumKind()}


def kind_for(hint: Any) -> Kind:
    """The member kind of a field's type hint (``X | None`` is an optional ``X``)."""
    if get_origin(hint) in (Union, types.UnionType):
        (inner,) = [arm for arm in get_args(hint) if arm is not type(None)]
        return kind_for(inner)
    marker: Any = None
    if get_origin(hint) is Annotated:
        hint, marker = get_args(hint)[:2]
    if marker is BODY:
        return BodyKind()
    if get_origin(hint) is tuple:
        assert isinstance(marker, Items), f"array {hint} needs Items"
        return ArrayKind(kind_for(get_args(hint)[0]), marker)
    if hint in _SIMPLE_KINDS:
        return _SIMPLE_KINDS[hint]
    if hint is int:
        assert isinstance(marker, IntRange), "integers need IntRange"
        return IntKind(marker)
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return EnumKind(hint)
    if dataclasses.is_dataclass(hint):
        return ObjectKind(hint)  # type: ignore[arg-type]
    if hint is str:
        if isinstance(marker, Text):
            return TextKind(marker)
        return FormatKind(marker) if isinstance(marker, Format) else PlainStringKind()
    raise TypeError(f"no member kind for {hint!r}")


def check_object(cls: type, value: Any, pointer: str, ctx: Context, *, also_known: frozenset[str] = frozenset()) -> Any:
    """Check every member (``required``, ``unknown-member`` and each member's own checks)."""
    if not isinstance(value, dict):
        ctx.report(pointer, ErrorCode.TYPE, "Värdet ska vara ett objekt.")
        return INVALID
    parsed = ParsedObject(cls)
    members = fields_of(cls)
    for member in members:
        where = child_pointer(pointer, member.json)
        if member.json in value:
            result = member.kind.check(value[member.json], where, ctx)
            if result is not INVALID:
                parsed[member.json] = result
        elif member.required:
            ctx.report(where, ErrorCode.REQUIRED)
    if not ctx.ignore_unknown:
        known = {member.json for member in members} | also_known
        for name in value:
            if name not in known:
                ctx.report(child_pointer(pointer, name), ErrorCode.UNKNOWN_MEMBER)
    return parsed


def build_object(parsed: ParsedObject) -> Any:
    """The frozen dataclass of a fully valid ``ParsedObject``."""
    values = {
        member.attr: member.kind.build(parsed[member.json]) for member in fields_of(parsed.cls) if member.json in parsed
    }
    return parsed.cls(**values)


def encode_object(value: Any) -> dict[str, Any]:
    """Wire form of a message dataclass: members in declaration order, absent ones (None, empty array) left out."""
    encoded: dict[str, Any] = {}
    for member in fields_of(type(value)):
        item = getattr(value, member.attr)
        if item is None or item == ():
            continue
        encoded[member.json] = member.kind.encode(item)
    return encoded
