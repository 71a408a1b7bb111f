"""Member-by-member validation and decoding of a JSON value into the typed message (§7.1–§7.3, §7.5 step 2).

Role: walks the decoded JSON along the specs of the typed dataclasses, reports every defect as a
``ContractError`` (one per member: the first of type → invalid-char → length → format/checksum/…), and
builds the typed value when a subtree is clean. It records each present member's pointer and each valid
value by pointer, which the multi-member rules read (§7.5 step 3: a rule runs only on present, valid
members). Boundary: no cross-member rules, no JSON text handling.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any, Final

from adapters.cosmic_link.errors import ContractError, ErrorCode, escape_pointer_token
from adapters.cosmic_link.fields import Checked, Format
from adapters.cosmic_link.formats import (
    check_hsa_extension,
    check_municipality_code,
    check_simple_format,
    check_text,
    parse_date,
    parse_timestamp,
)
from adapters.cosmic_link.specs import (
    ArraySpec,
    EnumSpec,
    FixedSpec,
    IntSpec,
    ObjectSpec,
    ScalarSpec,
    Spec,
    StringSpec,
    TextSpec,
    members_of,
)

__all__ = ["INVALID", "Walker"]


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


INVALID: Final = _Invalid()

_MESSAGES = {
    ErrorCode.TYPE: "wrong JSON type",
    ErrorCode.INVALID_CHAR: "forbidden character",
    ErrorCode.LENGTH: "text is blank or too long",
    ErrorCode.FORMAT: "malformed value",
    ErrorCode.CHECKSUM: "check digit is wrong",
    ErrorCode.UNKNOWN_CODE: "not in the code list",
    ErrorCode.ENUM: "not an allowed value",
}


class Walker:
    """One validation run. ``ignore_unknown`` is set for a higher 1.x minor version (§6)."""

    def __init__(self, *, ignore_unknown: bool) -> None:
        self.ignore_unknown = ignore_unknown
        self.errors: list[ContractError] = []
        self.present: set[str] = set()
        self.values: dict[str, Any] = {}

    def fail(self, pointer: str, code: ErrorCode, message: str | None = None) -> None:
        self.errors.append(ContractError(pointer, code, message or _MESSAGES.get(code, code.value)))

    def walk_object(self, cls: type, raw: Any, pointer: str) -> Any:
        """Validate ``raw`` as an object of ``cls``; the typed instance, or ``INVALID``."""
        if not isinstance(raw, dict):
            self.fail(pointer, ErrorCode.TYPE, "an object is required")
            return INVALID
        members = members_of(cls)
        self._unknown_members(raw, {m.wire for m in members}, pointer)
        kwargs: dict[str, Any] = {}
        clean = True
        for member in members:
            child = f"{pointer}/{escape_pointer_token(member.wire)}"
            if member.wire not in raw:
                if member.required:
                    self.fail(child, ErrorCode.REQUIRED, "required member is missing")
                    clean = False
                continue
            self.present.add(child)
            value = self.walk(member.spec, raw[member.wire], child)
            if value is INVALID:
                clean = False
            else:
                kwargs[member.name] = value
        if not clean:
            return INVALID
        instance = cls(**kwargs)
        if not self._object_checks(instance, pointer):
            return INVALID
        self.values[pointer] = instance
        return instance

    def _unknown_members(self, raw: dict[str, Any], known: set[str], pointer: str) -> None:
        if self.ignore_unknown:
            return
        for key in raw:
            if key not in known:
                self.fail(f"{pointer}/{escape_pointer_token(key)}", ErrorCode.UNKNOWN_MEMBER, "member not defined here")

    def _object_checks(self, instance: Any, pointer: str) -> bool:
        check: Callable[[], list[tuple[str, ErrorCode, str]]] | None = getattr(instance, "member_errors", None)
        problems = check() if check is not None else []
        for member, code, message in problems:
            self.fail(f"{pointer}/{member}", code, message)
        return not problems

    def walk(self, spec: Spec, raw: Any, pointer: str) -> Any:
        if raw is None:
            self.fail(pointer, ErrorCode.TYPE, "null is not allowed")
            return INVALID
        if isinstance(spec, ObjectSpec):
            return self.walk_object(spec.cls, raw, pointer)
        if isinstance(spec, ArraySpec):
            return self._walk_array(spec, raw, pointer)
        value = self._scalar(spec, raw, pointer)
        if value is not INVALID:
            self.values[pointer] = value
        return value

    def _walk_array(self, spec: ArraySpec, raw: Any, pointer: str) -> Any:
        if not isinstance(raw, list):
            self.fail(pointer, ErrorCode.TYPE, "an array is required")
            return INVALID
        clean = spec.card.min_items <= len(raw) <= spec.card.max_items
        if not clean:
            self.fail(pointer, ErrorCode.CARDINALITY, f"{spec.card.min_items}..{spec.card.max_items} items allowed")
        items: list[Any] = []
        for index, item in enumerate(raw):
            child = f"{pointer}/{index}"
            self.present.add(child)
            value = self.walk(spec.item, item, child)
            if value is INVALID:
                clean = False
            elif spec.unique and value in items:
                self.fail(child, ErrorCode.DUPLICATE, "repeats an earlier item")
                clean = False
            items.append(value)
        if not clean:
            return INVALID
        value = frozenset(items) if spec.unique else tuple(items)
        self.values[pointer] = value
        return value

    def _scalar(self, spec: Spec, raw: Any, pointer: str) -> Any:
        if isinstance(spec, ScalarSpec) and spec.kind == "bool":
            return raw if isinstance(raw, bool) else self._type_error(pointer)
        if isinstance(spec, IntSpec):
            return self._integer(spec, raw, pointer)
        if not isinstance(raw, str):
            return self._type_error(pointer)
        code, value = _string_value(spec, raw)
        if code is not None:
            self.fail(pointer, code)
            return INVALID
        return value

    def _integer(self, spec: IntSpec, raw: Any, pointer: str) -> Any:
        # JSON has one number type: 15.0 is the integer 15 (as in JSON Schema); bool is never a number.
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if isinstance(raw, bool) or not isinstance(raw, int):
            return self._type_error(pointer, "an integer is required")
        if spec.range is not None and not spec.range.minimum <= raw <= spec.range.maximum:
            self.fail(pointer, ErrorCode.RANGE, f"must be {spec.range.minimum}..{spec.range.maximum}")
            return INVALID
        return raw

    def _type_error(self, pointer: str, message: str = "wrong JSON type") -> Any:
        self.fail(pointer, ErrorCode.TYPE, message)
        return INVALID


def _string_value(spec: Spec, raw: str) -> tuple[ErrorCode | None, Any]:
    """(error code, value) of a string member; text is stored in NFC (§7.1)."""
    if isinstance(spec, TextSpec):
        code = check_text(raw, max_length=spec.kind.max_length, multiline=spec.kind.multiline)
        return code, None if code else unicodedata.normalize("NFC", raw)
    if isinstance(spec, EnumSpec):
        try:
            return None, spec.enum(raw)
        except ValueError:
            return ErrorCode.ENUM, None
    if isinstance(spec, ScalarSpec):
        parsed = parse_date(raw) if spec.kind == "date" else parse_timestamp(raw)
        return (ErrorCode.FORMAT, None) if parsed is None else (None, parsed)
    if isinstance(spec, FixedSpec):
        if not check_simple_format(Format.OID.value, raw):
            return ErrorCode.FORMAT, None
        return (None, raw) if raw == spec.value else (ErrorCode.UNKNOWN_CODE, None)
    assert isinstance(spec, StringSpec)
    return _checked_string(spec.format, raw)


def _checked_string(kind: Format | Checked, raw: str) -> tuple[ErrorCode | None, Any]:
    if kind is Checked.HSA_EXTENSION:
        return check_hsa_extension(raw), raw
    if kind is Checked.MUNICIPALITY_CODE:
        return check_municipality_code(raw), raw
    if kind is Format.VERSION:
        return None, "1.0"  # validated before the walk (§7.5 step 1); a higher minor is kept as 1.0 (§6)
    return (None, raw) if check_simple_format(kind.value, raw) else (ErrorCode.FORMAT, None)
