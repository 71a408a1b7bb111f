"""Identity numbers (§7.4): personnummer, samordningsnummer and reserve numbers with their issuers.

Role: ``check_number`` says which §7.6 code an ``identitet`` earns and where (``nummer`` or ``utfardare``);
``birth_date`` reads the date a personnummer or samordningsnummer carries (for the ``fodelsedatum`` and age
rules of §8). Boundary: pure, no pointers beyond the member name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from adapters.lifecare.codes import Identitetstyp
from adapters.lifecare.errors import ErrorCode
from adapters.lifecare.formats import luhn_valid

__all__ = ["RESERVE_NUMBER_ISSUERS", "birth_date", "check_number", "check_reserve_number"]

_TWELVE_DIGITS = re.compile(r"(18|19|20)[0-9]{10}")
_SAMORDNING_DAY_OFFSET = 60  # §7.4: the day is 61–91; day − 60 is the real day of birth

# Letters A–Z except I, O, Q, V and W (§7.4, national reserve identity).
_RESERVE_LETTER = "[A-HJ-NPR-UX-Z]"
_NATIONAL_RESERVE = re.compile(rf"[0-9]{{8}}(?:{_RESERVE_LETTER}{{2}}[0-9]{{2}}|{_RESERVE_LETTER}{{3}}[0-9])")
_REGIONAL_RESERVE = re.compile(r"[0-9A-Z]{4,20}")

RESERVE_NUMBER_ISSUERS: Mapping[str, re.Pattern[str]] = {
    "1.2.752.74.9.1": _NATIONAL_RESERVE,  # national reserve identity
    "1.2.752.97.3.1.3": _REGIONAL_RESERVE,  # Region Stockholm
    "1.2.752.74.9.3": _REGIONAL_RESERVE,  # Region Örebro län
    "1.2.752.74.9.2": _REGIONAL_RESERVE,  # Region Värmland
}


def birth_date(kind: Identitetstyp, number: str) -> date | None:
    """The date of birth a valid-format personnummer / samordningsnummer carries; None for reserve numbers."""
    if kind is Identitetstyp.RESERVNUMMER or not _TWELVE_DIGITS.fullmatch(number):
        return None
    day = int(number[6:8])
    if kind is Identitetstyp.SAMORDNINGSNUMMER:
        if not _SAMORDNING_DAY_OFFSET < day <= _SAMORDNING_DAY_OFFSET + 31:
            return None
        day -= _SAMORDNING_DAY_OFFSET
    try:
        return date(int(number[0:4]), int(number[4:6]), day)
    except ValueError:
        return None


def check_number(kind: Identitetstyp, number: str) -> ErrorCode | None:
    """§7.4 for PERSONNUMMER and SAMORDNINGSNUMMER: ``format`` (shape or date), then ``checksum`` (Luhn, last 10)."""
    if birth_date(kind, number) is None:
        return ErrorCode.FORMAT
    return None if luhn_valid(number[2:]) else ErrorCode.CHECKSUM


def check_reserve_number(issuer: str, number: str) -> tuple[str, ErrorCode] | None:
    """§7.4 for RESERVNUMMER with a well-formed issuer OID: ``(member, code)`` of the defect, or None.

    An issuer outside the accepted list is ``unknown-code`` at ``utfardare``; the value is then not checked,
    since its syntax depends on the issuer. Check characters of reserve numbers are not verified.
    """
    pattern = RESERVE_NUMBER_ISSUERS.get(issuer)
    if pattern is None:
        return ("utfardare", ErrorCode.UNKNOWN_CODE)
    if not pattern.fullmatch(number):
        return ("nummer", ErrorCode.FORMAT)
    return None
