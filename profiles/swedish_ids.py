"""Swedish identifier rules: personnummer, samordningsnummer, nationellt reservnummer, HSA-id,
organisationsnummer and kommunkod (shared/reference/swedish-fhir.md §1.3–1.9).

* **personnummer** (Skatteverket, 18 § FOL): ``YYYYMMDDNNNC`` — the century is required (18, 19 or 20), the
  date must exist, ``C`` is the Luhn (mod 10, weights 2-1-2…) digit over ``YYMMDDNNN``. A separator between
  date and number is accepted: ``-``, or ``+`` — which is used from the calendar year the person turns 100,
  so ``+`` for a younger person is an error (checked when the caller passes ``today``). A date of birth after
  ``today`` is an error too.
* **samordningsnummer** (SKV 707): as a personnummer, but the day is the day of birth + 60 (61–91).
* **nationellt reservnummer** (Inera NRID): 8 digits, then 2 letters + 2 digits or 3 letters + 1 digit; the
  letters A–Z without I, O, Q, V, W (as HL7 Sweden's draft invariant and the Lifecare SP-style contract §7.4
  have it; Inera's rule for the first two digits is not applied, since the contract's own examples do not
  follow it). Its check character is not verified (the algorithm is not public).
* **HSA-id**: ``SE`` + the directory owner's organisationsnummer (10 digits, or 12 with the ``16`` prefix) +
  ``-`` + letters A–Z/a–z and digits; at most 31 characters.
* **organisationsnummer**: 10 digits (``NNNNNN-NNNN`` accepted), digits 3–4 ≥ 20 (never a date), Luhn digit.
* **kommunkod**: 4 digits found in SCB's list of municipalities (the list is data: CodeSystem KV Kommun).

Each rule returns ``None`` or a short problem text that never contains the value (identity numbers are
personal data). Pure: ``today`` is a parameter, never read from a clock.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from datetime import date
from typing import Any, Final

__all__ = [
    "IdentifierRule",
    "hsa_id_problem",
    "kommunkod_problem",
    "luhn_check_digit",
    "organisationsnummer_problem",
    "personnummer_problem",
    "reservnummer_problem",
    "rules",
    "samordningsnummer_problem",
]

_PERSONAL: Final = re.compile(r"(\d{8})([-+]?)(\d{4})")
_RESERVE: Final = re.compile(r"\d{8}(?:[A-HJ-NPR-UX-Z]{2}\d{2}|[A-HJ-NPR-UX-Z]{3}\d)")
_HSA: Final = re.compile(r"SE(?:16)?\d{10}-[A-Za-z0-9]+")
_ORGANISATION: Final = re.compile(r"(\d{6})-?(\d{4})")
_HSA_MAX: Final = 31

# A rule as profiles use it: (the element's JSON value, today) → problem or None.
IdentifierRule = Callable[[Any, "date | None"], "str | None"]


def luhn_check_digit(digits: str) -> int:
    """The Luhn (mod 10) check digit for ``digits``, weights 2, 1, 2 … from the left as Skatteverket counts."""
    total = 0
    for position, char in enumerate(digits):
        product = int(char) * (2 if position % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


def _birth_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _identity_number_problem(value: str, *, day_offset: int, kind: str, today: date | None) -> str | None:
    match = _PERSONAL.fullmatch(value)
    if match is None:
        return f"a {kind} is YYYYMMDDNNNC (12 digits, century included), optionally with - or + before NNNC"
    birth, separator, number = match.groups()
    century = birth[:2]
    if century not in ("18", "19", "20"):
        return f"a {kind} starts with the century 18, 19 or 20"
    day = int(birth[6:8]) - day_offset
    born = _birth_date(int(birth[:4]), int(birth[4:6]), day)
    if born is None:
        shifted = " (the day of birth + 60)" if day_offset else ""
        return f"the date of a {kind}{shifted} must be a day of the calendar"
    if luhn_check_digit(birth[2:] + number[:3]) != int(number[3]):
        return f"the check digit of the {kind} is wrong"
    if today is not None:
        if born > today:
            return f"the date of birth of the {kind} lies in the future"
        if separator == "+" and born.year + 100 > today.year:
            return f"'+' separates a {kind} only from the year its holder turns 100"
    return None


def personnummer_problem(value: Any, today: date | None = None) -> str | None:
    if type(value) is not str:
        return None  # the datatype check reports a non-string
    return _identity_number_problem(value, day_offset=0, kind="personnummer", today=today)


def samordningsnummer_problem(value: Any, today: date | None = None) -> str | None:
    if type(value) is not str:
        return None
    match = _PERSONAL.fullmatch(value)
    if match is not None and not 61 <= int(match.group(1)[6:8]) <= 91:
        return "the day of a samordningsnummer is the day of birth + 60 (61-91)"
    return _identity_number_problem(value, day_offset=60, kind="samordningsnummer", today=today)


def reservnummer_problem(value: Any, today: date | None = None) -> str | None:
    if type(value) is not str:
        return None
    if _RESERVE.fullmatch(value) is None:
        return (
            "a nationellt reservnummer is 8 digits, then 2 letters and 2 digits or 3 letters and 1 digit "
            "(letters A-Z except I, O, Q, V, W)"
        )
    return None


def hsa_id_problem(value: Any, today: date | None = None) -> str | None:
    if type(value) is not str:
        return None
    if len(value) > _HSA_MAX or _HSA.fullmatch(value) is None:
        return "an HSA-id is SE, the 10-digit organisationsnummer, '-' and letters or digits (at most 31 characters)"
    return None


def organisationsnummer_problem(value: Any, today: date | None = None) -> str | None:
    if type(value) is not str:
        return None
    match = _ORGANISATION.fullmatch(value)
    if match is None:
        return "an organisationsnummer is 10 digits (NNNNNN-NNNN)"
    digits = match.group(1) + match.group(2)
    if digits[2:4] < "20":
        return "digits 3-4 of an organisationsnummer are 20 or more"
    if luhn_check_digit(digits[:9]) != int(digits[9]):
        return "the check digit of the organisationsnummer is wrong"
    return None


def kommunkod_problem(value: Any, municipalities: Collection[str]) -> str | None:
    if type(value) is not str:
        return None
    if len(value) != 4 or not value.isdigit():
        return "a kommunkod is 4 digits"
    if value not in municipalities:
        return "not a municipality in SCB's list of kommunkoder"
    return None


def _value_of(rule: Callable[[Any, date | None], str | None]) -> IdentifierRule:
    """The rule applied to an Identifier's ``value``."""

    def check(identifier: Any, today: date | None) -> str | None:
        return rule(identifier.get("value"), today) if type(identifier) is dict else None

    return check


def rules(municipalities: Collection[str]) -> Mapping[str, IdentifierRule]:
    """The rules by the constraint key our profiles give them (on an Identifier element)."""
    return {
        "se-pnr-1": _value_of(personnummer_problem),
        "se-snr-1": _value_of(samordningsnummer_problem),
        "se-nrid-1": _value_of(reservnummer_problem),
        "se-hsa-1": _value_of(hsa_id_problem),
        "se-orgnr-1": _value_of(organisationsnummer_problem),
        "se-kommun-1": _value_of(lambda value, today: kommunkod_problem(value, municipalities)),
    }
