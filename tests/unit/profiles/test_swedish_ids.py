"""Swedish identifier rules: examples from the sources, and properties (hypothesis) over generated numbers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from profiles.swedish_ids import (
    hsa_id_problem,
    kommunkod_problem,
    luhn_check_digit,
    organisationsnummer_problem,
    personnummer_problem,
    reservnummer_problem,
    samordningsnummer_problem,
)

TODAY = date(2026, 11, 22)
births = st.dates(min_value=date(1850, 1, 1), max_value=TODAY)
serials = st.integers(min_value=0, max_value=999).map(lambda n: f"{n:03d}")
LETTERS = "ABCDEFGHJKLMNPRSTUXYZ"  # A-Z without I, O, Q, V, W


def personnummer(born: date, serial: str, *, day_offset: int = 0, separator: str = "") -> str:
    date_part = f"{born.year:04d}{born.month:02d}{born.day + day_offset:02d}"
    return f"{date_part}{separator}{serial}{luhn_check_digit(date_part[2:] + serial)}"


@pytest.mark.parametrize(
    "value",
    ["191212121212", "201212121212", "195009072553", "196101182803", "189002029800", "200302022389",
     "19121212-1212", "19121212+1212"],
)  # fmt: skip
def test_skatteverket_and_inera_test_persons_are_valid_personnummer(value: str) -> None:
    assert personnummer_problem(value, TODAY) is None


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("191212121213", "check digit"),
        ("121212-1212", "12 digits"),
        ("171212121212", "century"),
        ("191302291212", "day of the calendar"),
        ("20121212+1212", "turns 100"),
        ("20301212121x", "12 digits"),
    ],
)
def test_malformed_personnummer_are_named_without_quoting_them(value: str, problem: str) -> None:
    message = personnummer_problem(value, TODAY)
    assert message is not None
    assert problem in message
    assert value not in message


def test_samordningsnummer_of_skv_707_and_the_ig_are_valid_and_day_plus_60_is_required() -> None:
    assert samordningsnummer_problem("197010632391", TODAY) is None  # SKV 707: born 1970-10-03
    assert samordningsnummer_problem("196109732393", TODAY) is None
    assert samordningsnummer_problem("191212121212", TODAY) is not None  # a personnummer's day


@given(births, serials)
def test_every_real_date_with_its_luhn_digit_is_a_valid_personnummer(born: date, serial: str) -> None:
    assert personnummer_problem(personnummer(born, serial), TODAY) is None
    assert personnummer_problem(personnummer(born, serial, separator="-"), TODAY) is None


@given(births, serials, st.integers(min_value=1, max_value=9))
def test_any_other_check_digit_is_rejected(born: date, serial: str, shift: int) -> None:
    value = personnummer(born, serial)
    wrong = value[:-1] + str((int(value[-1]) + shift) % 10)
    assert "check digit" in (personnummer_problem(wrong, TODAY) or "")


@given(births, serials)
def test_plus_is_accepted_exactly_from_the_year_of_the_100th_birthday(born: date, serial: str) -> None:
    problem = personnummer_problem(personnummer(born, serial, separator="+"), TODAY)
    assert (problem is None) == (born.year + 100 <= TODAY.year)


@given(st.dates(min_value=TODAY + timedelta(days=1), max_value=date(2099, 12, 31)), serials)
def test_a_date_of_birth_after_today_is_rejected(born: date, serial: str) -> None:
    assert "future" in (personnummer_problem(personnummer(born, serial), TODAY) or "")
    assert personnummer_problem(personnummer(born, serial), None) is None  # without today: not checked


@given(births, serials)
def test_samordningsnummer_is_the_date_plus_60_with_its_luhn_digit(born: date, serial: str) -> None:
    assert samordningsnummer_problem(personnummer(born, serial, day_offset=60), TODAY) is None
    assert samordningsnummer_problem(personnummer(born, serial), TODAY) is not None


@given(
    st.text(alphabet="0123456789", min_size=2, max_size=2),
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.one_of(
        st.tuples(st.text(LETTERS, min_size=2, max_size=2), st.text("0123456789", min_size=2, max_size=2)),
        st.tuples(st.text(LETTERS, min_size=3, max_size=3), st.text("0123456789", min_size=1, max_size=1)),
    ),
)
def test_reservnummer_format(prefix: str, digits: str, tail: tuple[str, str]) -> None:
    value = prefix + digits + "".join(tail)
    assert reservnummer_problem(value) is None
    assert reservnummer_problem(value.replace(tail[0][0], "I", 1)) is not None
    assert reservnummer_problem(value + "1") is not None
    assert reservnummer_problem("19391201AB12") is None  # the Lifecare SP-style contract's example


@given(st.text(alphabet="0123456789", min_size=9, max_size=9).filter(lambda d: d[2:4] >= "20"))
def test_organisationsnummer_with_its_luhn_digit_is_valid_and_any_other_digit_is_not(first9: str) -> None:
    check = luhn_check_digit(first9)
    assert organisationsnummer_problem(first9 + str(check)) is None
    assert organisationsnummer_problem(f"{first9[:6]}-{first9[6:]}{check}") is None
    assert "check digit" in (organisationsnummer_problem(first9 + str((check + 1) % 10)) or "")


def test_organisationsnummer_examples() -> None:
    assert organisationsnummer_problem("2321000016") is None  # Region Stockholm
    assert organisationsnummer_problem("2321000131") is None  # Västra Götalandsregionen
    assert "20 or more" in (organisationsnummer_problem("5511121232") or "")  # a date: a personnummer's shape


@given(
    st.sampled_from(["", "16"]),
    st.text(alphabet="0123456789", min_size=10, max_size=10),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=15),
)
def test_hsa_id_syntax(prefix: str, organisation: str, local: str) -> None:
    value = f"SE{prefix}{organisation}-{local}"
    assert (hsa_id_problem(value) is None) == (len(value) <= 31)
    assert hsa_id_problem(value.replace("-", "", 1)) is not None
    assert hsa_id_problem(value + "-x") is not None
    assert hsa_id_problem(value + "å") is not None


def test_kommunkod_must_be_one_of_the_list() -> None:
    listed = frozenset({"0180", "1880"})
    assert kommunkod_problem("0180", listed) is None
    assert "SCB" in (kommunkod_problem("0181", listed) or "")
    assert "4 digits" in (kommunkod_problem("180", listed) or "")
