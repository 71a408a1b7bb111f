"""Scalar checks of §7.1–§7.3: text characters and length, wire formats, check digits, identifiers.

Role: pure predicates and parsers that answer with a §7.6 code (or the parsed value), never raise on any
string. ``structure`` applies them per member; ``rules`` reuses the date helpers. Boundary: one value at a
time — which member gets which check is declared on the typed message (``fields``).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

from adapters.cosmic_link.errors import ErrorCode
from adapters.cosmic_link.municipalities import MUNICIPALITY_CODES
from adapters.cosmic_link.vocabulary import NATIONAL_RESERVE_ROOT, PERSONNUMMER_ROOT, SAMORDNINGSNUMMER_ROOT

__all__ = [
    "check_hsa_extension",
    "check_municipality_code",
    "check_person_extension",
    "check_simple_format",
    "check_text",
    "format_timestamp",
    "luhn_ok",
    "parse_date",
    "parse_timestamp",
    "person_number_birth_date",
]

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_NIL_UUID = "00000000-0000-0000-0000-000000000000"
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_TIMESTAMP = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,6}))?(Z|[+-][0-9]{2}:[0-9]{2})"
)
_PHONE = re.compile(r"\+[0-9]{7,15}")
_POSTAL_CODE = re.compile(r"[1-9][0-9]{4}")
_OID = re.compile(r"(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))+")
_BASE64_BODY = re.compile(r"[A-Za-z0-9+/]*")
_HSA_ID = re.compile(r"SE(?:16)?([0-9]{10})-[A-Za-z0-9]+")
_HSA_MAX_LENGTH = 31
_MUNICIPALITY_CODE = re.compile(r"[0-9]{4}")
_PERSON_NUMBER = re.compile(r"(18|19|20)([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{4})")
_NATIONAL_RESERVE = re.compile(r"[0-9]{8}(?:[A-HJ-NPRSTUXYZ]{2}[0-9]{2}|[A-HJ-NPRSTUXYZ]{3}[0-9])")
_REGIONAL_RESERVE = re.compile(r"[0-9A-Z]{4,20}")
_MAX_OFFSET = timedelta(hours=14)
_SAMORDNING_DAY_OFFSET = 60

# §7.1 invalid-char: C0 and C1 controls; Text keeps TAB, LF and CR. Lone surrogates come from \u escapes.
_SINGLE_LINE_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_MULTI_LINE_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def check_text(value: str, *, max_length: int, multiline: bool) -> ErrorCode | None:
    """§7.1 ShortText/Text: forbidden characters first, then 1..n code points, blank counting as too short."""
    forbidden = _MULTI_LINE_FORBIDDEN if multiline else _SINGLE_LINE_FORBIDDEN
    if forbidden.search(value):
        return ErrorCode.INVALID_CHAR
    if not value.strip() or len(value) > max_length:
        return ErrorCode.LENGTH
    return None


def _base64_ok(value: str) -> bool:
    """RFC 4648 base64 with padding, not empty."""
    if not value or len(value) % 4:
        return False
    body = value[:-2] if value.endswith("==") else value[:-1] if value.endswith("=") else value
    return _BASE64_BODY.fullmatch(body) is not None


def check_simple_format(name: str, value: str) -> bool:
    """UUID, phone, postal code, OID or base64 (§7.2); ``name`` is the ``fields.Format`` value."""
    if name == "uuid":
        return _UUID.fullmatch(value) is not None and value != _NIL_UUID
    if name == "phone":
        return _PHONE.fullmatch(value) is not None
    if name == "postal-code":
        return _POSTAL_CODE.fullmatch(value) is not None
    if name == "oid":
        return _OID.fullmatch(value) is not None
    if name == "base64":
        return _base64_ok(value)
    return True


def parse_date(value: str) -> date | None:
    """§7.2 Date ``YYYY-MM-DD``, a real date; ``None`` if not."""
    match = _DATE.fullmatch(value)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def parse_timestamp(value: str) -> datetime | None:
    """§7.2 Timestamp: RFC 3339 with seconds, upper-case ``T``/``Z``, a real instant, offset at most 14:00.

    A leap second (``:60``) is not a real time here; ``-00:00`` is read as UTC. Instants that do not fit
    Python's range once converted to UTC (year 1 with a positive offset) are rejected, so later date
    arithmetic never overflows.
    """
    match = _TIMESTAMP.fullmatch(value)
    if match is None:
        return None
    fraction = (match[7] or "").ljust(6, "0")
    try:
        offset = _offset(match[8])
        if offset is None:
            return None
        parsed = datetime(
            int(match[1]), int(match[2]), int(match[3]), int(match[4]), int(match[5]), int(match[6]),
            int(fraction), tzinfo=offset,
        )  # fmt: skip
        parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    return parsed


def _offset(text: str) -> timezone | None:
    if text == "Z":
        return UTC
    hours, minutes = int(text[1:3]), int(text[4:6])
    delta = timedelta(hours=hours, minutes=minutes)
    if minutes > 59 or delta > _MAX_OFFSET:
        return None
    if not delta:
        return UTC
    return timezone(-delta if text[0] == "-" else delta)


def format_timestamp(value: datetime) -> str:
    """RFC 3339 as the contract writes it: seconds always, a trimmed fraction, ``Z`` for a zero offset."""
    offset = value.utcoffset()
    if offset is None:
        raise ValueError("timestamps must be timezone-aware")
    text = value.replace(tzinfo=None).isoformat(timespec="microseconds").rstrip("0").rstrip(".")
    if not offset:
        return text + "Z"
    sign = "-" if offset < timedelta(0) else "+"
    hours, rest = divmod(abs(offset), timedelta(hours=1))
    return f"{text}{sign}{hours:02d}:{rest // timedelta(minutes=1):02d}"


def luhn_ok(digits: str) -> bool:
    """Luhn (mod 10) over ``digits``, the last being the check digit."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        number = int(char)
        if index % 2:
            number *= 2
            if number > 9:
                number -= 9
        total += number
    return total % 10 == 0


def check_hsa_extension(value: str) -> ErrorCode | None:
    """§7.2 HSA-id: ``SE`` [``16``] organisation number ``-`` letters/digits, ≤ 31 characters, Luhn digit."""
    match = _HSA_ID.fullmatch(value)
    if match is None or len(value) > _HSA_MAX_LENGTH:
        return ErrorCode.FORMAT
    return None if luhn_ok(match[1]) else ErrorCode.CHECKSUM


def check_municipality_code(value: str) -> ErrorCode | None:
    """§7.2 Municipality CV ``code``: 4 digits (``format``) listed in Appendix A (``unknown-code``)."""
    if _MUNICIPALITY_CODE.fullmatch(value) is None:
        return ErrorCode.FORMAT
    return None if value in MUNICIPALITY_CODES else ErrorCode.UNKNOWN_CODE


def person_number_birth_date(root: str, extension: str) -> date | None:
    """The birth date in a personnummer or samordningsnummer (day − 60); ``None`` if not one or not real."""
    match = _PERSON_NUMBER.fullmatch(extension)
    if match is None or root not in (PERSONNUMMER_ROOT, SAMORDNINGSNUMMER_ROOT):
        return None
    day = int(match[4])
    if root == SAMORDNINGSNUMMER_ROOT:
        if not 61 <= day <= 91:  # §7.3: day + 60
            return None
        day -= _SAMORDNING_DAY_OFFSET
    try:
        return date(int(match[1] + match[2]), int(match[3]), day)
    except ValueError:
        return None


def check_person_extension(root: str, extension: str) -> ErrorCode | None:
    """§7.3 extension rules for a known root (the caller reports unknown roots)."""
    if root in (PERSONNUMMER_ROOT, SAMORDNINGSNUMMER_ROOT):
        if person_number_birth_date(root, extension) is None:
            return ErrorCode.FORMAT
        return None if luhn_ok(extension[2:]) else ErrorCode.CHECKSUM
    pattern = _NATIONAL_RESERVE if root == NATIONAL_RESERVE_ROOT else _REGIONAL_RESERVE
    return None if pattern.fullmatch(extension) else ErrorCode.FORMAT
