"""Turn a resource into search index rows, using the compiled ``SearchRegistry``.

Values are recognised by shape (no schema). token: code/string/uri/integer, boolean ("true"/"false"),
Coding, CodeableConcept (each coding; not ``text``), Identifier (system, value), ContactPoint (value
only, no system, as FHIR matches it); Quantity is skipped. uri parameters become token rows without a
system. string: strings and each part of a HumanName (family, given, prefix, suffix, text) or Address
(line, city, district, state, postalCode, country, text). reference: ``Type/id``,
``Type/id/_history/n`` and ``http(s)://base/Type/id`` give type and id; ``#contained``, ``urn:`` and
canonical strings keep only ``url``; logical (identifier-only) references are not indexed. date: date,
dateTime, instant and Period as half-open ``[start_us, end_us)`` epoch-µs ranges covering the value's
precision (no offset → local time in ``tz``; a Period side missing → ``MIN_US``/``MAX_US``). Timing and
non-date strings (``scheduledString``) are skipped: validation, not indexing, rejects bad resources.
Extensions reached via ``.extension('url')`` are unwrapped to their ``value[x]``.
"""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from gateway.search.fhirpath_subset import parse_reference
from gateway.search.parameters import SearchParam, SearchRegistry

__all__ = [
    "MAX_US",
    "MIN_US",
    "DateRow",
    "IndexRows",
    "ReferenceRow",
    "StringRow",
    "TokenRow",
    "extract_index",
    "normalize_string",
    "parse_date_range",
]

MIN_US = -(2**62)  # open Period start; below any real date (year 1 is about -6.2e16 µs)
MAX_US = 2**62  # open Period end; above any real date (year 10000 is about 2.5e17 µs)

_SECOND = 1_000_000
_DAY = 86_400 * _SECOND
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_MAX_ORDINAL = date.max.toordinal()
_DATE = re.compile(
    r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})"
    r"(?:T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]+))?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?"
)
_CONTACT_POINT_SYSTEMS = frozenset({"phone", "fax", "email", "pager", "url", "sms", "other"})
_STRING_PARTS = (
    *("text", "family", "given", "prefix", "suffix"),  # HumanName
    *("line", "city", "district", "state", "postalCode", "country"),  # Address
)


@dataclass(frozen=True, slots=True)
class TokenRow:
    param: str
    system: str | None
    code: str


@dataclass(frozen=True, slots=True)
class StringRow:
    param: str
    value_normalized: str  # normalize_string(value_exact)
    value_exact: str


@dataclass(frozen=True, slots=True)
class ReferenceRow:
    param: str
    target_type: str | None
    target_id: str | None
    url: str  # the reference or canonical as written


@dataclass(frozen=True, slots=True)
class DateRow:
    param: str
    start_us: int  # inclusive
    end_us: int  # exclusive


@dataclass(frozen=True, slots=True)
class IndexRows:
    tokens: tuple[TokenRow, ...] = ()
    strings: tuple[StringRow, ...] = ()
    references: tuple[ReferenceRow, ...] = ()
    dates: tuple[DateRow, ...] = ()


def normalize_string(value: str) -> str:
    """Case- and accent-insensitive form (casefold, NFKD without combining marks, collapsed spaces)."""
    text = value
    for _ in range(3):  # casefold and NFKD can each expose work for the other; settles in 1-2 rounds
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        folded = " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())
        if folded == text:
            break
        text = folded
    return text


def _offset_us(ordinal: int, time_us: int, tz: tzinfo) -> int:
    """UTC offset of local wall time ``ordinal`` + ``time_us`` in ``tz`` (clamped to year 9999)."""
    if ordinal > _MAX_ORDINAL:
        wall = datetime.max
    else:
        wall = datetime.fromordinal(ordinal) + timedelta(microseconds=min(time_us, _DAY - 1))
    offset = wall.replace(tzinfo=tz).utcoffset()
    return 0 if offset is None else offset // timedelta(microseconds=1)


def _local_us(ordinal: int, time_us: int, tz: tzinfo) -> int:
    return (ordinal - _EPOCH_ORDINAL) * _DAY + time_us - _offset_us(ordinal, time_us, tz)


def _number(text: str, low: int, high: int, what: str, value: str) -> int:
    number = int(text)
    if not low <= number <= high:
        raise ValueError(f"invalid date {value!r}: {what} {text} is out of range {low}-{high}")
    return number


def _zone_offset_us(zone: str, value: str) -> int:
    if zone == "Z":
        return 0
    hours = _number(zone[1:3], 0, 14, "offset hour", value)
    minutes = _number(zone[4:6], 0, 59, "offset minute", value)
    sign = -1 if zone[0] == "-" else 1
    return sign * (hours * 60 + minutes) * 60 * _SECOND


def parse_date_range(value: str, *, tz: tzinfo) -> tuple[int, int]:
    """The half-open range ``[start_us, end_us)`` (epoch µs) covered by a FHIR date/dateTime/instant.

    The precision sets the width: ``2026-11`` → [2026-11-01T00:00, 2026-12-01T00:00) in ``tz``;
    ``…T10:00`` one minute, ``…T10:00:00`` one second, ``…T10:00:00.5`` 100 ms. A time without an
    offset is local time in ``tz``. Raises ValueError for anything else.
    """
    match = _DATE.fullmatch(value)
    if match is None:
        raise ValueError(
            f"invalid date {value!r}: expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss[.fff]][Z|(+|-)hh:mm]"
        )
    year_text, month_text, day_text, hour, minute, second, fraction, zone = match.groups()
    year = _number(year_text, 1, 9999, "year", value)
    if month_text is None:
        start_ordinal, end_ordinal = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal() + 1
        return _local_us(start_ordinal, 0, tz), _local_us(end_ordinal, 0, tz)
    month = _number(month_text, 1, 12, "month", value)
    last_day = monthrange(year, month)[1]
    if day_text is None:
        start_ordinal, end_ordinal = date(year, month, 1).toordinal(), date(year, month, last_day).toordinal()
        return _local_us(start_ordinal, 0, tz), _local_us(end_ordinal + 1, 0, tz)
    ordinal = date(year, month, _number(day_text, 1, last_day, "day", value)).toordinal()
    if hour is None:
        return _local_us(ordinal, 0, tz), _local_us(ordinal + 1, 0, tz)
    minutes = _number(hour, 0, 23, "hour", value) * 60 + _number(minute, 0, 59, "minute", value)
    time_us = minutes * 60 * _SECOND
    width = 60 * _SECOND
    if second is not None:
        time_us += _number(second, 0, 60, "second", value) * _SECOND  # 60: leap second
        width = _SECOND
    if fraction is not None:
        digits = fraction[:6]
        time_us += int(digits) * 10 ** (6 - len(digits))
        width = 10 ** (6 - len(digits))
    if zone is None:
        start = _local_us(ordinal, time_us, tz)
    else:
        start = (ordinal - _EPOCH_ORDINAL) * _DAY + time_us - _zone_offset_us(zone, value)
    return start, start + width


def _unwrap_extension(value: Any) -> Any:
    if isinstance(value, dict) and "url" in value:
        for key, inner in value.items():
            if key.startswith("value") and key[5:6].isupper():
                return inner
    return value


def _coding(coding: Any) -> Iterator[tuple[str | None, str]]:
    if isinstance(coding, dict) and isinstance(coding.get("code"), str):
        system = coding.get("system")
        yield (system if isinstance(system, str) else None), coding["code"]


def _tokens(value: Any) -> Iterator[tuple[str | None, str]]:
    if isinstance(value, bool):
        yield None, "true" if value else "false"
    elif isinstance(value, str | int | float):
        yield None, str(value)
    elif isinstance(value, dict):
        if "coding" in value:  # CodeableConcept
            for coding in value.get("coding") or ():
                yield from _coding(coding)
        elif "value" in value:
            code, system = value.get("value"), value.get("system")
            if not isinstance(code, str):
                return  # Quantity (numeric value) and the like
            if system in _CONTACT_POINT_SYSTEMS or "rank" in value:
                yield None, code  # ContactPoint: matched on its value only
            else:
                yield (system if isinstance(system, str) else None), code  # Identifier
        else:
            yield from _coding(value)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):  # HumanName, Address
        for key in _STRING_PARTS:
            part = value.get(key)
            for text in part if isinstance(part, list) else (part,):
                if isinstance(text, str):
                    yield text


def _reference(value: Any) -> tuple[str | None, str | None, str] | None:
    if isinstance(value, dict):
        value = value.get("reference")
    if not isinstance(value, str) or not value:
        return None
    parsed = None if value.startswith(("#", "urn:")) else parse_reference(value)
    return (parsed[0], parsed[1], value) if parsed else (None, None, value)


def _date_range(value: Any, tz: tzinfo) -> tuple[int, int] | None:
    try:
        if isinstance(value, str):
            return parse_date_range(value, tz=tz)
        if isinstance(value, dict) and ("start" in value or "end" in value):  # Period
            start, end = value.get("start"), value.get("end")
            start_us = parse_date_range(start, tz=tz)[0] if isinstance(start, str) else MIN_US
            end_us = parse_date_range(end, tz=tz)[1] if isinstance(end, str) else MAX_US
            return (start_us, end_us) if start_us < end_us else None
    except ValueError:
        return None
    return None  # Timing, Age, Range…


class _Rows:
    def __init__(self) -> None:
        self.tokens: dict[TokenRow, None] = {}
        self.strings: dict[StringRow, None] = {}
        self.references: dict[ReferenceRow, None] = {}
        self.dates: dict[DateRow, None] = {}

    def add(self, param: SearchParam, value: Any, tz: tzinfo) -> None:
        kind, name = param.type, param.name
        if kind in ("token", "uri"):
            for system, code in _tokens(value):
                if code:
                    self.tokens[TokenRow(name, system, code)] = None
        elif kind == "string":
            for text in _strings(value):
                normalized = normalize_string(text)
                if normalized:
                    self.strings[StringRow(name, normalized, text)] = None
        elif kind == "reference":
            reference = _reference(value)
            if reference is not None:
                self.references[ReferenceRow(name, *reference)] = None
        elif kind == "date":
            bounds = _date_range(value, tz)
            if bounds is not None:
                self.dates[DateRow(name, *bounds)] = None

    def freeze(self) -> IndexRows:
        return IndexRows(tuple(self.tokens), tuple(self.strings), tuple(self.references), tuple(self.dates))


def extract_index(resource: Mapping[str, Any], registry: SearchRegistry, *, tz: tzinfo) -> IndexRows:
    """Deduplicated index rows for every compiled parameter of the resource's type.

    ``_id``/``_lastUpdated`` (``SearchParam.column`` set) produce no rows: the store has them as columns.
    Raises ValueError without a ``resourceType`` and KeyError for a type the registry does not know.
    """
    resource_type = resource.get("resourceType")
    if not isinstance(resource_type, str):
        raise ValueError("the resource has no resourceType")
    rows = _Rows()
    for param in registry.params(resource_type).values():
        if param.column is not None:
            continue
        for value in param.path(resource):
            rows.add(param, _unwrap_extension(value), tz)
    return rows.freeze()
