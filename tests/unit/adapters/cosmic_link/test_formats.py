"""§7.2–§7.3 identifier and format checks as table and property tests (only fictitious persons)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.cosmic_link.errors import ErrorCode
from adapters.cosmic_link.formats import (
    check_hsa_extension,
    check_municipality_code,
    check_person_extension,
    check_text,
    format_timestamp,
    luhn_ok,
    parse_date,
    parse_timestamp,
    person_number_birth_date,
)
from adapters.cosmic_link.vocabulary import PERSONNUMMER_ROOT, SAMORDNINGSNUMMER_ROOT

NATIONAL, VARMLAND = "1.2.752.74.9.1", "1.2.752.74.9.2"


def luhn_digit(nine: str) -> str:
    return next(str(d) for d in range(10) if luhn_ok(nine + str(d)))


@pytest.mark.parametrize(
    ("root", "extension", "expected"),
    [
        (PERSONNUMMER_ROOT, "191212121212", None),  # Skatteverket's test person Tolvan Tolvansson
        (PERSONNUMMER_ROOT, "200809172380", None),
        (PERSONNUMMER_ROOT, "191212121213", ErrorCode.CHECKSUM),
        (PERSONNUMMER_ROOT, "1912121212", ErrorCode.FORMAT),  # ten digits
        (PERSONNUMMER_ROOT, "21121212121" + "2", ErrorCode.FORMAT),  # century 21
        (PERSONNUMMER_ROOT, "191213321212", ErrorCode.FORMAT),  # 13th month
        (PERSONNUMMER_ROOT, "19121212-1212", ErrorCode.FORMAT),
        (SAMORDNINGSNUMMER_ROOT, "198106712386", None),  # day 71 = 11 + 60
        (SAMORDNINGSNUMMER_ROOT, "198106112386", ErrorCode.FORMAT),  # a personnummer day
        (SAMORDNINGSNUMMER_ROOT, "198102912386", ErrorCode.FORMAT),  # day 91 − 60 = 31 February
        (SAMORDNINGSNUMMER_ROOT, "198106712387", ErrorCode.CHECKSUM),
        (NATIONAL, "20250101AB12", None),
        (NATIONAL, "20250101ABC1", None),
        (NATIONAL, "20250101AQ12", ErrorCode.FORMAT),  # Q is not used
        (NATIONAL, "2025010AB12", ErrorCode.FORMAT),
        (VARMLAND, "RES2025X17", None),
        (VARMLAND, "AB1", ErrorCode.FORMAT),
        (VARMLAND, "A" * 21, ErrorCode.FORMAT),
    ],
)
def test_person_identifier_extension_rules_follow_the_root(root, extension, expected):
    assert check_person_extension(root, extension) is expected


@given(
    born=st.dates(min_value=date(1800, 1, 1), max_value=date(2099, 12, 31)),
    serial=st.integers(min_value=0, max_value=999),
    coordination=st.booleans(),
)
def test_any_number_with_a_real_date_and_its_luhn_digit_is_valid_and_gives_its_birth_date(born, serial, coordination):
    day = born.day + (60 if coordination else 0)
    nine = f"{born:%y%m}{day:02d}{serial:03d}"
    extension = f"{born.year // 100}{nine}{luhn_digit(nine)}"
    root = SAMORDNINGSNUMMER_ROOT if coordination else PERSONNUMMER_ROOT

    assert check_person_extension(root, extension) is None
    assert person_number_birth_date(root, extension) == born
    wrong = extension[:-1] + str((int(extension[-1]) + 1) % 10)
    assert check_person_extension(root, wrong) is ErrorCode.CHECKSUM


@pytest.mark.parametrize(
    ("extension", "expected"),
    [
        ("SE2321000156-BUP7", None),
        ("SE162321000156-BUP7", None),
        ("SE2321000156-bup7", None),
        ("SE2321000156-" + "A" * 18, None),  # 31 characters
        ("SE2321000156-" + "A" * 19, ErrorCode.FORMAT),
        ("SE172321000156-BUP7", ErrorCode.FORMAT),  # only 16 may prefix
        ("SE2321000156-BUP-7", ErrorCode.FORMAT),
        ("se2321000156-BUP7", ErrorCode.FORMAT),
        ("SE2321000155-BUP7", ErrorCode.CHECKSUM),
    ],
)
def test_hsa_id_extension(extension, expected):
    assert check_hsa_extension(extension) is expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("1780", None),
        ("0180", None),
        ("0181", None),
        ("1781", None),
        ("0100", ErrorCode.UNKNOWN_CODE),
        ("178", ErrorCode.FORMAT),
        ("17８0", ErrorCode.FORMAT),
    ],
)
def test_municipality_codes_are_those_of_appendix_a(code, expected):
    assert check_municipality_code(code) is expected


@pytest.mark.parametrize(
    ("text", "multiline", "expected"),
    [
        ("Karlstad", False, None),
        ("rad\nrad", True, None),
        ("rad\nrad", False, ErrorCode.INVALID_CHAR),
        ("\u007f", True, ErrorCode.INVALID_CHAR),
        ("\u009f", True, ErrorCode.INVALID_CHAR),
        ("\u00a0Å", True, None),  # NO-BREAK SPACE is not a control character
        ("\u2028", False, ErrorCode.LENGTH),  # only white space: blank
        ("\t\n", True, ErrorCode.LENGTH),
    ],
)
def test_text_characters_and_blankness(text, multiline, expected):
    assert check_text(text, max_length=10, multiline=multiline) is expected


@pytest.mark.parametrize(
    "value",
    [
        "2025-03-30T02:30:00+01:00",  # a Stockholm wall-clock gap, but a real instant with this offset
        "2024-02-29T23:59:59.999999-14:00",
        "2025-03-03T12:00:00-00:00",
    ],
)
def test_real_instants_are_accepted(value):
    assert parse_timestamp(value) is not None


@pytest.mark.parametrize(
    "value",
    [
        "2025-03-03T12:00:60Z",  # leap second
        "2025-03-03T12:00:00+14:01",
        "2025-03-03T12:00:00+01:60",
        "2025-03-03 12:00:00Z",
        "2025-03-03T12:00:00z",
        "0001-01-01T00:00:00+01:00",  # before datetime.min in UTC
        "２０２５-03-03T12:00:00Z",  # non-ASCII digits
    ],
)
def test_malformed_or_unreal_timestamps_are_rejected(value):
    assert parse_timestamp(value) is None


def test_dates_must_be_real_and_ascii():
    assert parse_date("2024-02-29") == date(2024, 2, 29)
    assert parse_date("2025-02-29") is None
    assert parse_date("2025-2-28") is None


@given(
    st.datetimes(
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-9, minutes=-30))])
    )
)
def test_rendered_timestamps_parse_back_to_the_same_instant_and_offset(moment):
    text = format_timestamp(moment)
    parsed = parse_timestamp(text)

    assert parsed == moment
    assert parsed is not None
    assert parsed.utcoffset() == moment.utcoffset()


def test_format_timestamp_trims_the_fraction_and_writes_z_for_utc():
    assert format_timestamp(datetime(2025, 3, 3, 11, 0, 0, 412000, tzinfo=UTC)) == "2025-03-03T11:00:00.412Z"
