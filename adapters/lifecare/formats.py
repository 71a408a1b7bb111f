"""Text rules (§7.2) and string formats (§7.3): checks that say which §7.6 code a bad value earns.

Role: pure predicates and parsers over single values; the structural walk (``structure``) calls them and
turns the codes into ``ContractError``s at the member's pointer. Identity numbers (§7.4) are ``identity``.
Boundary: no pointers, no messages. Every pattern is ASCII-only (``[0-9]``, never ``\\d``, which would accept
other scripts' digits).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from enum import StrEnum

from adapters.lifecare.errors import ErrorCode
from adapters.lifecare.municipality_codes import MUNICIPALITY_CODES
from discharge.calendar import STOCKHOLM

__all__ = [
    "DATUM_PATTERN",
    "FORMAT_PATTERNS",
    "TIDPUNKT_PATTERN",
    "Format",
    "check_format",
    "check_text",
    "format_tidpunkt",
    "luhn_valid",
    "normalise",
    "parse_datum",
    "parse_tidpunkt",
    "stockholm_date",
]


class Format(StrEnum):
    """§7.3 string formats other than Tidpunkt and Datum (those parse to ``datetime``/``date``)."""

    UUID = "uuid"
    HSA_ID = "hsa-id"
    TELEFON = "telefon"
    EPOST = "epost"
    POSTNUMMER = "postnummer"
    KOMMUNKOD = "kommunkod"
    OID = "oid"
    BASE64 = "base64"
    SPRAKKOD = "sprakkod"


_TEXT_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_FRITEXT_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def check_text(value: str, *, max_length: int, multiline: bool) -> list[ErrorCode]:
    """§7.2: forbidden characters (incl. a lone surrogate from a ``\\u`` escape), then 1..n code points, not blank.

    A value whose only defect is a forbidden white-space character (e.g. a lone vertical tab) gets
    ``invalid-char`` only: one defect, one error (§7.5).
    """
    codes: list[ErrorCode] = []
    forbidden = _FRITEXT_FORBIDDEN if multiline else _TEXT_FORBIDDEN
    if forbidden.search(value):
        codes.append(ErrorCode.INVALID_CHAR)
    too_long = len(value) > max_length  # code points as received, no normalisation (§7.2)
    blank = not value.strip() and not codes
    if too_long or blank:
        codes.append(ErrorCode.LENGTH)
    return codes


_DIGITS = "0123456789"
FORMAT_PATTERNS: dict[Format, re.Pattern[str]] = {
    Format.UUID: re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"),
    Format.HSA_ID: re.compile(r"SE(?:16)?([0-9]{10})-[A-Za-z0-9]+"),
    Format.TELEFON: re.compile(r"\+[0-9]{7,15}"),
    Format.EPOST: re.compile(
        r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
        r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
    ),
    Format.POSTNUMMER: re.compile(r"[1-9][0-9]{4}"),
    Format.KOMMUNKOD: re.compile(r"[0-9]{4}"),
    Format.OID: re.compile(r"(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))+"),
    Format.BASE64: re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})"),
    Format.SPRAKKOD: re.compile(r"[a-z]{2}"),
}
_NIL_UUID = "00000000-0000-0000-0000-000000000000"
_MAX_HSA_ID = 31
_MAX_EPOST = 254


def check_format(fmt: Format, value: str) -> ErrorCode | None:
    """The §7.6 code ``value`` earns as ``fmt`` (``format``, ``checksum`` or ``unknown-code``), or None."""
    match = FORMAT_PATTERNS[fmt].fullmatch(value)
    if match is None:
        return ErrorCode.FORMAT
    if fmt is Format.UUID and value == _NIL_UUID:
        return ErrorCode.FORMAT
    if fmt is Format.HSA_ID:
        if len(value) > _MAX_HSA_ID:
            return ErrorCode.FORMAT
        return None if luhn_valid(match.group(1)) else ErrorCode.CHECKSUM
    if fmt is Format.EPOST and len(value) > _MAX_EPOST:
        return ErrorCode.FORMAT
    if fmt is Format.KOMMUNKOD and value not in MUNICIPALITY_CODES:
        return ErrorCode.UNKNOWN_CODE
    return None


def normalise(fmt: Format, value: str) -> str:
    """The stored form of a valid value: UUIDs lower-case (ids compare case-insensitively, §3); others as sent."""
    return value.lower() if fmt is Format.UUID else value


def luhn_valid(digits: str) -> bool:
    """Luhn (mod 10) over a string of ASCII digits whose last digit is the check digit."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = _DIGITS.index(char)
        if position % 2:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return total % 10 == 0


TIDPUNKT_PATTERN = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,6}))?(Z|[+-][0-9]{2}:[0-9]{2})"
)
DATUM_PATTERN = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MAX_OFFSET = timedelta(hours=14)


def parse_tidpunkt(value: str) -> datetime | None:
    """RFC 3339 with seconds, upper-case ``T``/``Z``, a real date and time, offset at most 14:00 (§7.3)."""
    match = TIDPUNKT_PATTERN.fullmatch(value)
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    offset = _offset(zone)
    if offset is None:
        return None
    micro = int((fraction or "0").ljust(6, "0"))
    try:
        parsed = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second), micro, offset)
        parsed.astimezone(UTC).astimezone(STOCKHOLM)  # every instant must be placeable on the Stockholm calendar
    except (ValueError, OverflowError):
        return None
    return parsed


def _offset(zone: str) -> timezone | None:
    if zone == "Z":
        return UTC
    hours, minutes = int(zone[1:3]), int(zone[4:6])
    delta = timedelta(hours=hours, minutes=minutes)
    if minutes > 59 or delta > _MAX_OFFSET:
        return None
    return timezone(-delta if zone[0] == "-" else delta)


def parse_datum(value: str) -> date | None:
    """``YYYY-MM-DD``, a real calendar date (§7.3)."""
    match = DATUM_PATTERN.fullmatch(value)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def format_tidpunkt(moment: datetime) -> str:
    """The canonical wire form: fraction without trailing zeros, ``Z`` for UTC, the moment's own offset otherwise.

    An offset that is not whole minutes (historic local mean time) cannot be written in RFC 3339, so such a
    moment is written in UTC.
    """
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("a Tidpunkt must be timezone-aware")
    if offset % timedelta(minutes=1):
        moment, offset = moment.astimezone(UTC), timedelta(0)
    day = f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
    text = f"{day}T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}"
    if moment.microsecond:
        text += "." + f"{moment.microsecond:06d}".rstrip("0")
    if not offset:
        return text + "Z"
    sign = "-" if offset < timedelta(0) else "+"
    hours, rest = divmod(abs(offset), timedelta(hours=1))
    return f"{text}{sign}{hours:02d}:{rest // timedelta(minutes=1):02d}"


def stockholm_date(moment: datetime) -> date:
    """The Europe/Stockholm calendar date of an instant (§7.3: rules on dates use Stockholm local time)."""
    return moment.astimezone(STOCKHOLM).date()
