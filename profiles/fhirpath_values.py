"""FHIRPath semantics over plain JSON values: navigation, truth, equality, ordering (dates included).

The compiled invariants (``profiles.fhirpath_compile``) evaluate over collections that are Python lists of the
JSON values themselves (``dict``, ``str``, ``int``, ``float``, ``bool``); no wrapper objects are built. Two
FHIRPath rules need care with that representation:

* a primitive that has only an extension (``"_birthDate": {...}`` without ``birthDate``) exists but has no
  value: navigation yields a ``NoValue`` for it;
* dates are JSON strings: two strings that both look like a FHIR date/dateTime/time compare as such (per
  component, time zones applied, unknown — empty — when they agree up to the shorter precision).

Errors the FHIRPath specification raises (a boolean operator on several items …) raise ``FhirPathError``.
Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any, Final

__all__ = [
    "CHOICE_SUFFIXES",
    "FhirPathError",
    "NoValue",
    "compare",
    "equal",
    "navigate",
    "to_boolean",
]

_DATE: Final = re.compile(
    r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?"
)
_TIME: Final = re.compile(r"(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?")

# The type suffixes of choice elements (``valueString`` → ``String``): every R4 datatype name, capitalised.
CHOICE_SUFFIXES: Final = frozenset(
    {
        "Base64Binary", "Boolean", "Canonical", "Code", "Date", "DateTime", "Decimal", "Id", "Instant",
        "Integer", "Markdown", "Oid", "PositiveInt", "String", "Time", "UnsignedInt", "Uri", "Url", "Uuid",
        "Address", "Age", "Annotation", "Attachment", "CodeableConcept", "Coding", "ContactPoint", "Count",
        "Distance", "Duration", "HumanName", "Identifier", "Money", "Period", "Quantity", "Range", "Ratio",
        "Reference", "SampledData", "Signature", "Timing", "ContactDetail", "Contributor", "DataRequirement",
        "Expression", "ParameterDefinition", "RelatedArtifact", "TriggerDefinition", "UsageContext", "Dosage",
        "Meta",
    }
)  # fmt: skip


class FhirPathError(Exception):
    """An evaluation error the FHIRPath specification defines (the invariant then does not hold)."""


class NoValue:
    """A primitive element present only through its extensions (``_x`` without ``x``)."""

    __slots__ = ("element",)

    def __init__(self, element: Mapping[str, Any]) -> None:
        self.element = element

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoValue) and other.element == self.element

    def __hash__(self) -> int:
        return id(self.element)


def navigate(items: Iterable[Any], name: str, choice_names: frozenset[str]) -> list[Any]:
    """``items.name``: the children called ``name`` of every object in ``items`` (choice types resolved)."""
    out: list[Any] = []
    for item in items:
        if type(item) is not dict:
            if isinstance(item, NoValue) and name in item.element:
                _extend(out, item.element[name])
            continue
        value = item.get(name)
        if value is None:
            if name in choice_names:
                value = _choice(item, name)
            if value is None:
                extension = item.get("_" + name)
                if extension is not None:
                    _extend_no_value(out, extension)
                continue
        _extend(out, value)
    return out


def _choice(item: Mapping[str, Any], name: str) -> Any:
    size = len(name)
    for key, value in item.items():
        if len(key) > size and key.startswith(name) and key[size:] in CHOICE_SUFFIXES:
            return value
    return None


def _extend(out: list[Any], value: Any) -> None:
    if type(value) is list:
        out.extend(v for v in value if v is not None)
    else:
        out.append(value)


def _extend_no_value(out: list[Any], extension: Any) -> None:
    for element in extension if type(extension) is list else [extension]:
        if type(element) is dict:
            out.append(NoValue(element))


def to_boolean(items: list[Any]) -> bool | None:
    """Singleton evaluation for boolean operators: ``[]`` → None, one boolean → it, one other item → True."""
    if not items:
        return None
    if len(items) > 1:
        raise FhirPathError("a boolean operator got a collection of several items")
    value = items[0]
    return value if type(value) is bool else True


# -------------------------------------------------------------------------------------- equality / order


def _date_parts(value: str) -> tuple[list[float], bool] | None:
    """Components (year, month, day, hour, minute, second) in UTC when a time zone is given, and whether the
    value is a time of day; None when the string is not a FHIR date, dateTime, instant or time."""
    match = _DATE.fullmatch(value)
    if match is None:
        time = _TIME.fullmatch(value)
        if time is None:
            return None
        hh, mm, ss, fraction = time.groups()
        parts = [float(hh), float(mm)] + ([float(ss) + float(fraction or 0)] if ss else [])
        return parts, True
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    parts = [float(p) for p in (year, month, day, hour, minute) if p is not None]
    if second is not None:
        parts.append(float(second) + float(fraction or 0))
    if zone is not None and hour is not None:
        try:
            stamp = datetime(int(year), int(month), int(day), int(hour), int(minute))
        except ValueError:
            return None
        if zone != "Z":
            offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
            stamp = stamp - offset if zone[0] == "+" else stamp + offset
        parts[:5] = [stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute]
    return parts, False


_NOT_DATES: Final = 2  # _date_order: the strings are not both dates (or both times)


def _date_order(left: str, right: str) -> int | None:
    """-1/0/1 for two date-like strings, None when unknown (equal up to differing precisions), ``_NOT_DATES``
    when either is not date-like."""
    size = len(left)
    if size == len(right) and left[:1].isdigit() and right[:1].isdigit():
        # Same shape and the same time zone: the text orders as the instant does (no parsing needed).
        same_zone = size in (20, 25) and left[10:11] == right[10:11] == "T" and left[19:] == right[19:]
        if size in (4, 7, 10) or same_zone:
            head = 19 if same_zone else size
            if _DATE.fullmatch(left) and _DATE.fullmatch(right):
                return (left[:head] > right[:head]) - (left[:head] < right[:head])
    a, b = _date_parts(left), _date_parts(right)
    if a is None or b is None or a[1] != b[1]:
        return _NOT_DATES
    pa, pb = a[0], b[0]
    for x, y in zip(pa, pb, strict=False):
        if x != y:
            return -1 if x < y else 1
    return 0 if len(pa) == len(pb) else None


def _is_number(value: Any) -> bool:
    return (type(value) is int or type(value) is float) and type(value) is not bool


def _item_equal(left: Any, right: Any) -> bool | None:
    if type(left) is str and type(right) is str:
        if left == right:
            return True
        order = _date_order(left, right)
        return False if order == _NOT_DATES else (None if order is None else order == 0)
    if _is_number(left) and _is_number(right):
        return bool(left == right)
    if type(left) is bool or type(right) is bool:
        return type(left) is type(right) and left == right
    return bool(left == right)


def equal(left: list[Any], right: list[Any]) -> bool | None:
    """FHIRPath ``=``: None when either side is empty; False when the sizes differ; else item by item."""
    if not left or not right:
        return None
    if len(left) != len(right):
        return False
    result: bool | None = True
    for x, y in zip(left, right, strict=True):
        same = _item_equal(x, y)
        if same is False:
            return False
        if same is None:
            result = None
    return result


def compare(left: list[Any], right: list[Any]) -> int | None:
    """FHIRPath ordering of two singletons: -1/0/1, or None (empty result) when unknown or either is empty."""
    if not left or not right:
        return None
    if len(left) > 1 or len(right) > 1:
        raise FhirPathError("a comparison got a collection of several items")
    x, y = left[0], right[0]
    if _is_number(x) and _is_number(y):
        return int((x > y) - (x < y))
    if type(x) is str and type(y) is str:
        order = _date_order(x, y)
        return (x > y) - (x < y) if order == _NOT_DATES else order
    if isinstance(x, dict) and isinstance(y, dict) and "value" in x and "value" in y:
        return _quantity_order(x, y)
    raise FhirPathError("values that cannot be compared")


def _quantity_order(x: Mapping[str, Any], y: Mapping[str, Any]) -> int | None:
    """Quantities compare only in the same unit (no UCUM conversion here): else unknown."""
    if (x.get("system"), x.get("code")) != (y.get("system"), y.get("code")):
        return None
    a, b = x["value"], y["value"]
    if not (_is_number(a) and _is_number(b)):
        return None
    return int((a > b) - (a < b))
