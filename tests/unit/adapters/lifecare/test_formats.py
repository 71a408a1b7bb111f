"""§7.2 text, §7.3 formats and §7.4 identity numbers, value by value."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.lifecare.codes import Identitetstyp
from adapters.lifecare.errors import ErrorCode
from adapters.lifecare.formats import (
    Format,
    check_format,
    check_text,
    format_tidpunkt,
    luhn_valid,
    parse_datum,
    parse_tidpunkt,
    stockholm_date,
)
from adapters.lifecare.identity import birth_date, check_number, check_reserve_number
from adapters.lifecare.municipality_codes import MUNICIPALITY_CODES

F = ErrorCode.FORMAT


@pytest.mark.parametrize(
    ("fmt", "value", "expected"),
    [
        (Format.UUID, "ab00ca3e-e989-4e77-b218-d06eec35bea1", None),
        (Format.UUID, "AB00CA3E-E989-4E77-B218-D06EEC35BEA1", None),
        (Format.UUID, "00000000-0000-0000-0000-000000000000", F),
        (Format.UUID, "ab00ca3ee9894e77b218d06eec35bea1", F),
        (Format.UUID, "{ab00ca3e-e989-4e77-b218-d06eec35bea1}", F),
        (Format.HSA_ID, "SE2321000016-9X4D", None),
        (Format.HSA_ID, "SE162321000016-9X4D", None),
        (Format.HSA_ID, "SE2321000016-9x4d", None),
        (Format.HSA_ID, "SE2321000015-9X4D", ErrorCode.CHECKSUM),
        (Format.HSA_ID, "se2321000016-9X4D", F),
        (Format.HSA_ID, "SE2321000016-9X_4D", F),
        (Format.HSA_ID, "SE2321000016-", F),
        (Format.TELEFON, "+4670174069", None),
        (Format.TELEFON, "+123456", F),
        (Format.TELEFON, "+1234567890123456", F),
        (Format.TELEFON, "+46 70 174 06 90", F),
        (Format.TELEFON, "0701740690", F),
        (Format.EPOST, "tolvan.tolvansson@example.se", None),
        (Format.EPOST, "tolvan@sub.example.se", None),
        (Format.EPOST, "tolvan@example", F),
        (Format.EPOST, "tol van@example.se", F),
        (Format.EPOST, "a" * 245 + "@example.se", F),
        (Format.POSTNUMMER, "11767", None),
        (Format.POSTNUMMER, "01767", F),
        (Format.POSTNUMMER, "1176", F),
        (Format.KOMMUNKOD, "0180", None),
        (Format.KOMMUNKOD, "2584", None),
        (Format.KOMMUNKOD, "0100", ErrorCode.UNKNOWN_CODE),
        (Format.KOMMUNKOD, "18800", F),
        (Format.KOMMUNKOD, "١٨٨٠", F),  # Arabic-Indic digits are not ASCII digits
        (Format.OID, "1.2.752.74.9.1", None),
        (Format.OID, "1", F),
        (Format.OID, "1.02.3", F),
        (Format.OID, "1.2.", F),
        (Format.BASE64, "SGVqIQ==", None),
        (Format.BASE64, "SGVq", None),
        (Format.BASE64, "SGVqIQ", F),
        (Format.BASE64, "", F),
        (Format.BASE64, "SGVq IQ==", F),
        (Format.SPRAKKOD, "sv", None),
        (Format.SPRAKKOD, "SV", F),
        (Format.SPRAKKOD, "swe", F),
    ],
)
def test_string_formats_of_section_7_3(fmt: Format, value: str, expected: ErrorCode | None) -> None:
    assert check_format(fmt, value) is expected


def test_appendix_a_has_290_codes() -> None:
    assert len(MUNICIPALITY_CODES) == 290
    assert {"0180", "1880", "1780"} <= MUNICIPALITY_CODES


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-01-20T10:12:00+01:00", datetime(2025, 1, 20, 9, 12, tzinfo=UTC)),
        ("2025-01-20T09:12:00Z", datetime(2025, 1, 20, 9, 12, tzinfo=UTC)),
        ("2025-01-20T09:12:00.5Z", datetime(2025, 1, 20, 9, 12, 0, 500000, tzinfo=UTC)),
        ("2025-01-20T23:12:00+14:00", datetime(2025, 1, 20, 9, 12, tzinfo=UTC)),
        ("2025-01-19T19:12:00-14:00", datetime(2025, 1, 20, 9, 12, tzinfo=UTC)),
        ("2024-02-29T00:00:00Z", datetime(2024, 2, 29, tzinfo=UTC)),
        ("2025-01-20T10:12+01:00", None),
        ("2025-01-20 10:12:00+01:00", None),
        ("2025-01-20T24:00:00Z", None),
        ("2025-01-20T10:12:00+0100", None),
        ("2025-01-20T10:12:00+14:01", None),
        ("2025-01-20T10:12:00+01:60", None),
        ("0000-01-01T00:00:00Z", None),
        ("0001-01-01T00:00:00+01:00", None),  # not placeable on the calendar
        ("2025-01-20T10:12:00.Z", None),
    ],
)
def test_tidpunkt_of_section_7_3(value: str, expected: datetime | None) -> None:
    assert parse_tidpunkt(value) == expected


def test_tidpunkt_keeps_its_offset_and_renders_canonically() -> None:
    moment = parse_tidpunkt("2025-10-26T02:40:00.120+01:00")
    assert moment is not None
    assert moment.utcoffset() == timedelta(hours=1)
    assert format_tidpunkt(moment) == "2025-10-26T02:40:00.12+01:00"
    assert format_tidpunkt(datetime(2025, 1, 1, tzinfo=UTC)) == "2025-01-01T00:00:00Z"
    assert (
        format_tidpunkt(datetime(2025, 1, 1, tzinfo=timezone(timedelta(hours=-3, minutes=-30))))
        == "2025-01-01T00:00:00-03:30"
    )


def test_a_moment_whose_offset_has_seconds_is_written_in_utc() -> None:
    lmt = timezone(timedelta(hours=1, minutes=12, seconds=12))
    assert format_tidpunkt(datetime(1870, 1, 1, 1, 12, 12, tzinfo=lmt)) == "1870-01-01T00:00:00Z"


def test_dates_and_days_are_stockholm_local() -> None:
    assert stockholm_date(datetime(2025, 1, 22, 23, 30, tzinfo=UTC)) == date(2025, 1, 23)
    assert stockholm_date(datetime(2025, 7, 22, 21, 59, tzinfo=UTC)) == date(2025, 7, 22)
    assert stockholm_date(datetime(2025, 7, 22, 22, 0, tzinfo=UTC)) == date(2025, 7, 23)  # CEST


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-02-29", date(2024, 2, 29)), ("2025-02-29", None), ("2025-1-02", None), ("20250102", None)],
)
def test_datum_of_section_7_3(value: str, expected: date | None) -> None:
    assert parse_datum(value) == expected


@pytest.mark.parametrize(
    ("value", "multiline", "expected"),
    [
        ("Söder", False, []),
        ("x" * 10, False, []),
        ("x" * 11, False, [ErrorCode.LENGTH]),
        ("\U0001f3e5" * 10, False, []),  # ten code points, twenty UTF-16 units
        ("", False, [ErrorCode.LENGTH]),
        (" \t", True, [ErrorCode.LENGTH]),
        ("\u3000", False, [ErrorCode.LENGTH]),  # ideographic space is white space
        ("a\tb", False, [ErrorCode.INVALID_CHAR]),
        ("a\tb\r\nc", True, []),
        ("a\u0085b", True, [ErrorCode.INVALID_CHAR]),
        ("a\u009fb", True, [ErrorCode.INVALID_CHAR]),
        ("a\u00a0b", True, []),
        ("\udfff", True, [ErrorCode.INVALID_CHAR]),
        ("\x00" * 11, True, [ErrorCode.INVALID_CHAR, ErrorCode.LENGTH]),
    ],
)
def test_text_rules_of_section_7_2(value: str, multiline: bool, expected: list[ErrorCode]) -> None:
    assert check_text(value, max_length=10, multiline=multiline) == expected


@pytest.mark.parametrize(
    ("kind", "number", "expected"),
    [
        (Identitetstyp.PERSONNUMMER, "191212121212", None),
        (Identitetstyp.PERSONNUMMER, "201212121212", None),
        (Identitetstyp.PERSONNUMMER, "191212121213", ErrorCode.CHECKSUM),
        (Identitetstyp.PERSONNUMMER, "211212121212", F),
        (Identitetstyp.PERSONNUMMER, "191200121212", F),
        (Identitetstyp.PERSONNUMMER, "191272121212", F),
        (Identitetstyp.SAMORDNINGSNUMMER, "197905742396", None),
        (Identitetstyp.SAMORDNINGSNUMMER, "197905742397", ErrorCode.CHECKSUM),
        (Identitetstyp.SAMORDNINGSNUMMER, "197902912396", F),  # 31 - 60 is not a day
        (Identitetstyp.SAMORDNINGSNUMMER, "197902892396", F),  # 29 February 1979 does not exist
    ],
)
def test_identity_numbers_of_section_7_4(kind: Identitetstyp, number: str, expected: ErrorCode | None) -> None:
    assert check_number(kind, number) is expected


def test_a_samordningsnummer_carries_the_day_of_birth_plus_60() -> None:
    assert birth_date(Identitetstyp.SAMORDNINGSNUMMER, "197905742396") == date(1979, 5, 14)
    assert birth_date(Identitetstyp.PERSONNUMMER, "191212121212") == date(1912, 12, 12)
    assert birth_date(Identitetstyp.RESERVNUMMER, "191212121212") is None


@pytest.mark.parametrize(
    ("issuer", "number", "expected"),
    [
        ("1.2.752.74.9.1", "19391201AB12", None),
        ("1.2.752.74.9.1", "19391201ABC1", None),
        ("1.2.752.74.9.1", "19391201AO12", ("nummer", F)),
        ("1.2.752.74.9.1", "19391201ABCD", ("nummer", F)),
        ("1.2.752.97.3.1.3", "R123", None),
        ("1.2.752.74.9.3", "0" * 20, None),
        ("1.2.752.74.9.2", "0" * 21, ("nummer", F)),
        ("1.2.752.74.9.2", "ÅÄÖ1", ("nummer", F)),
        ("1.2.752.129.2.1.3.1", "R123", ("utfardare", ErrorCode.UNKNOWN_CODE)),
    ],
)
def test_reserve_numbers_by_issuer(issuer: str, number: str, expected: tuple[str, ErrorCode] | None) -> None:
    assert check_reserve_number(issuer, number) == expected


@given(
    st.text(alphabet="0123456789", min_size=2, max_size=20),
    st.integers(min_value=0),
    st.integers(min_value=1, max_value=9),
)
def test_luhn_catches_every_single_digit_error(digits: str, position: int, change: int) -> None:
    valid = next(digits + str(check) for check in range(10) if luhn_valid(digits + str(check)))
    index = position % len(valid)
    wrong = valid[:index] + str((int(valid[index]) + change) % 10) + valid[index + 1 :]
    assert luhn_valid(valid)
    assert not luhn_valid(wrong)
