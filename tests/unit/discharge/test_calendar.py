"""Swedish calendar and §2.1 time primitives: the spec's test vectors, holidays, DST, and properties."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from discharge.calendar import (
    STOCKHOLM,
    WorkdayPolicy,
    easter_sunday,
    end_of_day_plus_days,
    end_of_weekdays_after,
    is_weekday,
    local_date,
    next_midnight,
    nth_weekday_after,
    plus_hours,
    plus_weekday_hours,
    swedish_eves,
    swedish_public_holidays,
)


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0, us: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, us, tzinfo=STOCKHOLM)


EVERY_DAY_COUNTS = WorkdayPolicy(rest_days=frozenset(), observe_public_holidays=False, eves_are_weekdays=True)

# §2.1 test vectors (2025; Good Friday 2025-04-18 and Easter Monday 2025-04-21 are holidays).
PLUS_WEEKDAY_HOURS_VECTORS = [
    pytest.param(at(2025, 3, 7, 15), 24, at(2025, 3, 10, 15), id="fri_15_00_plus_24_is_mon_15_00"),
    pytest.param(at(2025, 3, 8, 9), 24, at(2025, 3, 11, 0), id="sat_09_00_plus_24_is_tue_00_00_end_of_monday"),
    pytest.param(at(2025, 4, 17, 16), 24, at(2025, 4, 22, 16), id="maundy_thu_16_00_plus_24_is_tue_16_00_after_easter"),
    pytest.param(at(2025, 3, 4, 10), 24, at(2025, 3, 5, 10), id="tue_10_00_plus_24_is_wed_10_00"),
]


@pytest.mark.parametrize(("start", "hours", "expected"), PLUS_WEEKDAY_HOURS_VECTORS)
def test_spec_2_1_plus_weekday_hours_vectors(start: datetime, hours: int, expected: datetime) -> None:
    assert plus_weekday_hours(start, hours) == expected


def test_spec_2_1_end_of_day_plus_days_fri_10_00_plus_3_is_mon_23_59_59_999() -> None:
    assert end_of_day_plus_days(at(2025, 3, 7, 10), 3) == at(2025, 3, 10, 23, 59, 59, 999000)


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        pytest.param(date(2025, 3, 14), 2, at(2025, 3, 18, 23, 59, 59, 999000), id="fri_plus_2_is_tue"),
        pytest.param(date(2025, 4, 17), 2, at(2025, 4, 23, 23, 59, 59, 999000), id="maundy_thu_plus_2_is_wed"),
    ],
)
def test_spec_2_1_end_of_weekdays_after_vectors_end_at_23_59_59_999(day: date, n: int, expected: datetime) -> None:
    assert end_of_weekdays_after(day, n) == expected


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)), (2019, date(2019, 4, 21))],
)
def test_easter_sunday_by_the_gregorian_computus(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2025, 1, 1), "Nyårsdagen"),
        (date(2025, 1, 6), "Trettondedag jul"),
        (date(2025, 4, 18), "Långfredagen"),
        (date(2025, 4, 21), "Annandag påsk"),
        (date(2025, 5, 1), "Första maj"),
        (date(2025, 5, 29), "Kristi himmelsfärdsdag"),
        (date(2025, 6, 8), "Pingstdagen"),
        (date(2025, 6, 6), "Sveriges nationaldag"),
        (date(2024, 6, 22), "Midsommardagen"),
        (date(2025, 6, 21), "Midsommardagen"),
        (date(2026, 6, 20), "Midsommardagen"),
        (date(2024, 11, 2), "Alla helgons dag"),
        (date(2025, 11, 1), "Alla helgons dag"),
        (date(2026, 10, 31), "Alla helgons dag"),
        (date(2026, 4, 3), "Långfredagen"),
        (date(2026, 12, 25), "Juldagen"),
        (date(2026, 12, 26), "Annandag jul"),
        (date(2004, 5, 31), "Annandag pingst"),
    ],
)
def test_swedish_public_holidays_include(day: date, name: str) -> None:
    assert swedish_public_holidays(day.year)[day] == name


def test_national_day_replaced_whit_monday_in_2005() -> None:
    assert date(2004, 6, 6) not in swedish_public_holidays(2004)
    assert date(2005, 5, 16) not in swedish_public_holidays(2005)  # Annandag pingst 2005


def test_holidays_before_1953_are_refused() -> None:
    with pytest.raises(ValueError, match="1953"):
        swedish_public_holidays(1952)


def test_eves_are_non_weekdays_by_default_and_weekdays_when_configured() -> None:
    eves = swedish_eves(2025)
    assert set(eves) == {date(2025, 6, 20), date(2025, 12, 24), date(2025, 12, 31)}
    lenient = WorkdayPolicy(eves_are_weekdays=True)
    for eve in eves:
        assert not is_weekday(eve)
        assert is_weekday(eve, policy=lenient)


def test_weekday_hours_skip_midsummer_eve_unless_the_region_counts_eves() -> None:
    thursday = at(2025, 6, 19, 10)
    assert plus_weekday_hours(thursday, 24) == at(2025, 6, 23, 10)
    assert plus_weekday_hours(thursday, 24, policy=WorkdayPolicy(eves_are_weekdays=True)) == at(2025, 6, 20, 10)


def test_weekends_and_holidays_are_not_weekdays() -> None:
    assert is_weekday(date(2025, 3, 7))
    assert not is_weekday(date(2025, 3, 8))
    assert not is_weekday(date(2025, 3, 9))
    assert not is_weekday(date(2025, 4, 18))


@pytest.mark.parametrize(
    ("start", "expected_local"),
    [
        pytest.param(at(2025, 3, 29, 12), at(2025, 3, 30, 13), id="2025_spring_forward_23h_day"),
        pytest.param(at(2025, 10, 25, 12), at(2025, 10, 26, 11), id="2025_fall_back_25h_day"),
        pytest.param(at(2026, 3, 28, 12), at(2026, 3, 29, 13), id="2026_spring_forward_23h_day"),
        pytest.param(at(2026, 10, 24, 12), at(2026, 10, 25, 11), id="2026_fall_back_25h_day"),
    ],
)
def test_plus_hours_counts_elapsed_time_across_dst(start: datetime, expected_local: datetime) -> None:
    result = plus_hours(start, 24)
    assert result == expected_local
    assert result.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=24)


def test_plus_hours_steps_through_the_repeated_october_hour() -> None:
    first_0230 = datetime(2025, 10, 26, 0, 30, tzinfo=UTC).astimezone(STOCKHOLM)
    second = plus_hours(first_0230, 1)
    assert (second.hour, second.minute, second.fold) == (2, 30, 1)
    assert second.astimezone(UTC) == datetime(2025, 10, 26, 1, 30, tzinfo=UTC)


def test_weekday_hours_over_the_march_dst_weekend_land_at_the_same_wall_clock_time() -> None:
    start = at(2025, 3, 28, 15)
    result = plus_weekday_hours(start, 24)
    assert result == at(2025, 3, 31, 15)
    assert result.utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        pytest.param(at(2025, 3, 29, 12), at(2025, 3, 30, 13), id="23h_sunday_counts_23h"),
        pytest.param(at(2025, 10, 25, 12), at(2025, 10, 26, 11), id="25h_sunday_counts_25h"),
        pytest.param(at(2026, 3, 29, 0), at(2026, 3, 30, 1), id="whole_23h_day_plus_one_hour"),
    ],
)
def test_weekday_hours_count_a_dst_day_as_what_it_really_is(start: datetime, expected: datetime) -> None:
    assert plus_weekday_hours(start, 24, policy=EVERY_DAY_COUNTS) == expected


def test_end_of_day_plus_days_across_dst_is_local_23_59_59_999() -> None:
    result = end_of_day_plus_days(at(2025, 3, 28, 10), 3)
    assert result == at(2025, 3, 31, 23, 59, 59, 999000)
    assert result.utcoffset() == timedelta(hours=2)


def test_next_midnight_after_the_short_day_is_22_elapsed_hours_from_01_00() -> None:
    start = at(2025, 3, 30, 1)
    assert next_midnight(start) == at(2025, 3, 31)
    assert next_midnight(start).astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=22)


def test_local_date_of_a_utc_instant_is_the_stockholm_date() -> None:
    assert local_date(datetime(2025, 3, 7, 23, 30, tzinfo=UTC)) == date(2025, 3, 8)


@pytest.mark.parametrize(
    "call",
    [
        lambda: plus_hours(datetime(2025, 3, 7, 15), 24),
        lambda: plus_weekday_hours(datetime(2025, 3, 7, 15), 24),
        lambda: end_of_day_plus_days(datetime(2025, 3, 7, 15), 3),
        lambda: local_date(datetime(2025, 3, 7, 15)),
        lambda: next_midnight(datetime(2025, 3, 7, 15)),
    ],
)
def test_naive_datetimes_are_rejected(call: object) -> None:
    assert callable(call)
    with pytest.raises(ValueError, match="naive"):
        call()


def test_a_datetime_passed_as_a_date_is_rejected() -> None:
    with pytest.raises(TypeError, match="local_date"):
        is_weekday(at(2025, 3, 7, 10))


def test_invalid_arguments_are_rejected() -> None:
    with pytest.raises(ValueError, match="hours"):
        plus_weekday_hours(at(2025, 3, 7, 10), -1)
    with pytest.raises(ValueError, match="n must be"):
        end_of_weekdays_after(date(2025, 3, 7), 0)
    with pytest.raises(ValueError, match="rest_days"):
        WorkdayPolicy(rest_days=frozenset(range(7)))


# --- properties -------------------------------------------------------------------------------------------------

instants = st.datetimes(
    min_value=datetime(2018, 1, 1),
    max_value=datetime(2030, 12, 31),
    timezones=st.just(STOCKHOLM),
    allow_imaginary=False,
)
hours = st.integers(min_value=0, max_value=400)


def utc(t: datetime) -> datetime:
    return t.astimezone(UTC)


@given(instants, hours, hours)
def test_plus_weekday_hours_is_monotonic_in_hours(t: datetime, a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert utc(plus_weekday_hours(t, low)) <= utc(plus_weekday_hours(t, high))


@given(instants, hours)
def test_plus_weekday_hours_lands_in_a_weekday_or_exactly_on_a_midnight(t: datetime, h: int) -> None:
    result = plus_weekday_hours(t, h)
    on_midnight = (result.hour, result.minute, result.second, result.microsecond) == (0, 0, 0, 0)
    assert is_weekday(result.date()) or on_midnight


@given(instants, hours, st.integers(min_value=1, max_value=400))
def test_plus_weekday_hours_is_additive(t: datetime, a: int, b: int) -> None:
    # b > 0: adding 0 hours from a non-weekday midnight moves to the next weekday's start (the §2.1 loop)
    assert utc(plus_weekday_hours(t, a + b)) == utc(plus_weekday_hours(plus_weekday_hours(t, a), b))


@given(instants, hours)
def test_plus_weekday_hours_never_runs_faster_than_real_time(t: datetime, h: int) -> None:
    assert utc(plus_weekday_hours(t, h)) - utc(t) >= timedelta(hours=h)


@given(instants, hours)
def test_plus_weekday_hours_with_every_day_counting_is_plus_hours(t: datetime, h: int) -> None:
    assert utc(plus_weekday_hours(t, h, policy=EVERY_DAY_COUNTS)) == utc(plus_hours(t, h))


@given(st.dates(min_value=date(2018, 1, 1), max_value=date(2030, 12, 31)), st.integers(min_value=1, max_value=30))
def test_end_of_weekdays_after_ends_the_nth_weekday_after_the_date(d: date, n: int) -> None:
    last = nth_weekday_after(d, n)
    assert is_weekday(last)
    between = [d + timedelta(days=i) for i in range(1, (last - d).days + 1)]
    assert sum(is_weekday(day) for day in between) == n
    assert end_of_weekdays_after(d, n) == at(last.year, last.month, last.day, 23, 59, 59, 999000)


@given(st.integers(min_value=1953, max_value=2400))
def test_floating_holidays_fall_where_the_law_puts_them(year: int) -> None:
    holidays = swedish_public_holidays(year)
    easter = easter_sunday(year)
    assert easter.weekday() == 6
    assert date(year, 3, 22) <= easter <= date(year, 4, 25)
    (midsummer,) = [d for d, name in holidays.items() if name == "Midsommardagen"]
    (all_saints,) = [d for d, name in holidays.items() if name == "Alla helgons dag"]
    assert midsummer.weekday() == 5
    assert date(year, 6, 20) <= midsummer <= date(year, 6, 26)
    assert all_saints.weekday() == 5
    assert date(year, 10, 31) <= all_saints <= date(year, 11, 6)
