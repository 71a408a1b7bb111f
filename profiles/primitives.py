"""Checks for the FHIR R4 primitive datatypes, compiled from the primitive StructureDefinitions.

Each primitive's ``<type>.value`` element carries its regex (extension ``…/regex``) and, for ``string``, its
``maxLength``; those come from the definitions. The JSON rules the regexes do not state are added here: the
JSON type of the value (boolean, number, string), no empty or whitespace-only strings, no control characters
other than tab, CR and LF, the 32-bit range of ``integer``, real calendar dates in ``date`` / ``dateTime`` /
``instant``. ``base64Binary`` is checked token by token (its regex backtracks badly on large values).

A check takes the JSON value and returns ``None`` or a short problem text. Texts never quote the value:
strings can hold personal identity numbers.

Pure: definitions in, functions out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, Final

from profiles.r4_data import FhirJson

__all__ = ["PrimitiveCheck", "compile_primitive_checks"]

PrimitiveCheck = Callable[[Any], "str | None"]

_REGEX_EXTENSION: Final = "http://hl7.org/fhir/StructureDefinition/regex"
_INT_MIN: Final = -(2**31)
_INT_MAX: Final = 2**31 - 1
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_WHITESPACE: Final = re.compile(r"\s")
_BASE64_TOKEN: Final = re.compile(r"[0-9a-zA-Z+/=]+")
_DATE_TYPES: Final = frozenset({"date", "dateTime", "instant"})
_URI_TYPES: Final = frozenset({"uri", "url", "canonical"})
_NUMBER_TYPES: Final = frozenset({"integer", "positiveInt", "unsignedInt", "decimal"})

# What a value of each type looks like, for messages (the value itself is never quoted).
_FORMATS: Final = {
    "date": "YYYY, YYYY-MM or YYYY-MM-DD",
    "dateTime": "YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss with a time zone",
    "instant": "YYYY-MM-DDThh:mm:ss(.sss) with a time zone",
    "time": "hh:mm:ss",
    "id": "1-64 characters of A-Z, a-z, 0-9, '-' and '.'",
    "code": "no leading, trailing or double whitespace",
    "oid": "urn:oid: followed by a dotted OID",
    "uuid": "urn:uuid: followed by a lower-case UUID",
    "uri": "no whitespace",
    "url": "no whitespace",
    "canonical": "no whitespace",
}


_SHORT_MONTHS: Final = frozenset({"04", "06", "09", "11"})


def _real_date(value: str) -> bool:
    """The YYYY-MM-DD prefix (when there is one) names a day of the calendar (the regex already limits
    months to 01-12 and days to 01-31); string comparisons keep this cheap."""
    day = value[8:10]
    if len(value) < 10 or day < "29":
        return True
    month = value[5:7]
    if month == "02":
        year = int(value[:4])
        return day == "29" and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return day != "31" or month not in _SHORT_MONTHS


def _non_capturing(regex: str) -> str:
    """The same regex with ``(…)`` groups made ``(?:…)``: twice as fast to match (none is referred back to)."""
    return re.sub(r"(?<!\\)\((?!\?)", "(?:", regex)


def _string_check(type_name: str, regex: str | None, max_length: int | None) -> PrimitiveCheck:
    if type_name == "code":  # R4 datatypes: "no whitespace other than single spaces" (the regex allows any)
        regex = r"[^\s]+( [^\s]+)*"
    matcher = re.compile(_non_capturing(regex)).fullmatch if regex and type_name not in ("string", "markdown") else None
    wanted = f"must be a {type_name} ({_FORMATS[type_name]})" if type_name in _FORMATS else f"is not a {type_name}"
    is_date = type_name in _DATE_TYPES

    def check(value: Any) -> str | None:
        if type(value) is not str:
            return "must be a JSON string"
        if not value or value.isspace():
            return "must have non-whitespace content"
        if not value.isprintable() and _CONTROL.search(value):
            return "must not contain control characters"
        if max_length is not None and len(value) > max_length:
            return f"is longer than {max_length} characters"
        if matcher is not None and matcher(value) is None:
            return wanted
        if is_date and (not _real_date(value) or value.startswith("0000")):
            return "is not a day of the calendar"
        return None

    return check


def _uri_check(value: Any) -> str | None:
    if type(value) is not str:
        return "must be a JSON string"
    if not value:
        return "must not be empty"
    if (" " in value or not value.isprintable()) and _WHITESPACE.search(value):
        return "must not contain whitespace"
    return None


def _base64_check(value: Any) -> str | None:
    if type(value) is not str:
        return "must be a JSON string"
    tokens = value.split()
    if not tokens or any(len(t) % 4 or _BASE64_TOKEN.fullmatch(t) is None for t in tokens):
        return "must be base64 (groups of 4 characters of A-Z, a-z, 0-9, '+', '/' and '=')"
    return None


def _boolean_check(value: Any) -> str | None:
    return None if type(value) is bool else "must be a JSON boolean (true or false)"


def _number_check(type_name: str) -> PrimitiveCheck:
    low = {"positiveInt": 1, "unsignedInt": 0}.get(type_name, _INT_MIN)

    def check_integer(value: Any) -> str | None:
        if type(value) is not int:
            return f"must be a JSON integer ({type_name})"
        if not low <= value <= _INT_MAX:
            return f"is outside the range of {type_name} ({low}..{_INT_MAX})"
        return None

    def check_decimal(value: Any) -> str | None:
        if type(value) is not int and type(value) is not float:
            return "must be a JSON number (decimal)"
        return None

    return check_decimal if type_name == "decimal" else check_integer


def _value_element(sd: FhirJson) -> FhirJson | None:
    return next((e for e in sd.get("snapshot", {}).get("element", []) if str(e.get("path")).endswith(".value")), None)


def _regex_of(element: FhirJson) -> str | None:
    for type_ in element.get("type", []):
        for extension in type_.get("extension", []):
            if extension.get("url") == _REGEX_EXTENSION:
                return str(extension.get("valueString"))
    return None


def compile_primitive_checks(structure_definitions: Iterable[FhirJson]) -> dict[str, PrimitiveCheck]:
    """One check per primitive type name (``string``, ``dateTime`` …) of the given definitions."""
    checks: dict[str, PrimitiveCheck] = {}
    for sd in structure_definitions:
        if sd.get("kind") != "primitive-type" or sd.get("derivation") == "constraint":
            continue
        name = str(sd.get("type") or sd.get("id"))
        element = _value_element(sd) or {}
        if name == "boolean":
            checks[name] = _boolean_check
        elif name in _NUMBER_TYPES:
            checks[name] = _number_check(name)
        elif name in _URI_TYPES:
            checks[name] = _uri_check
        elif name == "base64Binary":
            checks[name] = _base64_check
        else:
            max_length = element.get("maxLength")
            checks[name] = _string_check(name, _regex_of(element), int(max_length) if max_length else None)
    return checks
