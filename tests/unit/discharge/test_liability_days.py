"""Day counting of §5.2: the §5.8 day-counting examples DC-1…DC-8, the R-09 12:00 rule, DST, months, leave."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from discharge.liability.days import (
    day_zero,
    leave_days,
    ready_days,
    settlement_month,
    sip_invitation_deadline,
    spread_backwards,
)
from discharge.liability.errors import InvalidStayError
from discharge.liability.model import Leave, Month, RfdNotice, Stay
from discharge.regions import Region
from tests.unit.discharge.test_liability_builders import at, stay


def counted(region: Region, subject: Stay) -> tuple[date, int]:
    notice = subject.active_notice
    assert notice is not None
    assert subject.end_at is not None
    zero = day_zero(region, notice)
    return zero, ready_days(zero, subject.end_at)


DC_8_NOTICES = (
    RfdNotice(at("2025-03-03 09:00"), revoked_at=at("2025-03-04 10:00")),
    RfdNotice(at("2025-03-06 14:00")),
)


@pytest.mark.parametrize(
    ("region", "rfd", "end", "expected_day_zero", "expected_n"),
    [
        pytest.param(
            Region.STO, "2025-03-03 09:00", "2025-03-03 18:00", date(2025, 3, 3), 0, id="DC-1-sto-before-noon"
        ),
        pytest.param(Region.STO, "2025-03-03 14:00", "2025-03-05", date(2025, 3, 4), 1, id="DC-2-sto-after-noon"),
        pytest.param(
            Region.STO, "2025-03-03 12:00:00", "2025-03-05", date(2025, 3, 4), 1, id="DC-3-sto-noon-not-before"
        ),
        pytest.param(
            Region.ORE, "2025-03-03 12:00:00", "2025-03-05", date(2025, 3, 3), 2, id="DC-4-ore-noon-not-after"
        ),
        pytest.param(Region.ORE, "2025-03-03 12:00:01", "2025-03-05", date(2025, 3, 4), 1, id="DC-5-ore-after-noon"),
        pytest.param(Region.NAT, "2025-03-03 15:00", "2025-03-08", date(2025, 3, 3), 5, id="DC-7-nat-no-cut-off"),
        pytest.param(Region.STO, DC_8_NOTICES, "2025-03-08", date(2025, 3, 7), 1, id="DC-8-sto-revoked-then-resent"),
    ],
)
def test_r09_day_zero_and_ready_days_match_the_day_counting_examples(
    region: Region, rfd: str | tuple[RfdNotice, ...], end: str, expected_day_zero: date, expected_n: int
) -> None:
    assert counted(region, stay("dc", region=region, rfd=rfd, end=end)) == (expected_day_zero, expected_n)


def test_dc_6_ble_counts_from_the_assessment_not_the_notice() -> None:
    notice = RfdNotice(at("2025-04-08 08:00"), assessed_at=at("2025-04-07 16:00"))
    zero, n = counted(Region.BLE, stay("dc-6", region=Region.BLE, rfd=notice, end="2025-04-12"))
    assert (zero, n) == (date(2025, 4, 7), 5)  # day 1 = 2025-04-08


def test_dc_7_nat_day_4_is_friday() -> None:
    zero, n = counted(Region.NAT, stay("dc-7", region=Region.NAT, rfd="2025-03-03 15:00", end="2025-03-08"))
    first_liable = spread_backwards(zero, n, Decimal(n - 3))[0]
    assert first_liable == (date(2025, 3, 7), 4, Decimal(1))


def test_dc_8_a_revoked_notice_is_dropped_and_the_resent_one_counts() -> None:
    subject = stay("dc-8", region=Region.STO, rfd=DC_8_NOTICES, end="2025-03-08")
    assert subject.active_notice == DC_8_NOTICES[1]


def test_a_notice_revoked_and_never_resent_leaves_no_active_notice() -> None:
    notice = RfdNotice(at("2025-03-03 09:00"), revoked_at=at("2025-03-04 10:00"))
    assert stay("revoked", region=Region.STO, rfd=notice, end="2025-03-08").active_notice is None


@pytest.mark.parametrize(
    ("region", "sent_utc", "expected_day_zero"),
    [
        # 2025-03-30: clocks go 02:00 → 03:00; 10:30 UTC is 12:30 CEST (a fixed +01:00 would say 11:30).
        pytest.param(
            Region.STO, datetime(2025, 3, 30, 10, 30, tzinfo=UTC), date(2025, 3, 31), id="sto-spring-dst-12-30"
        ),
        pytest.param(
            Region.ORE, datetime(2025, 3, 30, 10, 30, tzinfo=UTC), date(2025, 3, 31), id="ore-spring-dst-12-30"
        ),
        pytest.param(
            Region.STO, datetime(2025, 3, 30, 9, 59, tzinfo=UTC), date(2025, 3, 30), id="sto-spring-dst-11-59"
        ),
        # 2025-10-26: clocks go 03:00 → 02:00; 11:00 UTC is exactly 12:00 CET.
        pytest.param(
            Region.STO, datetime(2025, 10, 26, 11, 0, tzinfo=UTC), date(2025, 10, 27), id="sto-autumn-dst-noon"
        ),
        pytest.param(
            Region.ORE, datetime(2025, 10, 26, 11, 0, tzinfo=UTC), date(2025, 10, 26), id="ore-autumn-dst-noon"
        ),
    ],
)
def test_r09_noon_rule_reads_stockholm_wall_clock_on_dst_days(
    region: Region, sent_utc: datetime, expected_day_zero: date
) -> None:
    assert day_zero(region, RfdNotice(sent_utc)) == expected_day_zero


def test_p_gen_04_a_23_or_25_hour_dst_day_is_one_calendar_day() -> None:
    # P-GEN-04: all calendar days count; 2025-03-30 is 23 h long but still one day.
    assert ready_days(date(2025, 3, 29), at("2025-04-01 08:00")) == 3
    assert ready_days(date(2025, 10, 25), at("2025-10-28 08:00")) == 3


def test_a_discharge_before_day_zero_gives_zero_days_not_negative() -> None:
    # STO RFD at 14:00, discharged the same evening: day zero is tomorrow, N = max(0, −1) = 0.
    assert counted(Region.STO, stay("x", region=Region.STO, rfd="2025-03-03 14:00", end="2025-03-03 19:00"))[1] == 0


@pytest.mark.parametrize(
    ("end_utc", "expected"),
    [
        pytest.param(datetime(2025, 3, 31, 21, 30, tzinfo=UTC), Month(2025, 3), id="23-30-cest-is-march"),
        pytest.param(datetime(2025, 3, 31, 22, 30, tzinfo=UTC), Month(2025, 4), id="00-30-cest-is-april"),
        pytest.param(datetime(2024, 12, 31, 23, 30, tzinfo=UTC), Month(2025, 1), id="new-year-in-stockholm"),
    ],
)
def test_amb_04_settlement_month_is_the_local_end_date_month(end_utc: datetime, expected: Month) -> None:
    assert settlement_month(end_utc) == expected


def test_dl_6_sip_invitation_deadline_is_end_of_the_third_day() -> None:
    # §5.8 DL-6 (R-07, used by P-STO-4): M-12 sent Fri 2025-03-07 10:00 → M-10 due Mon 2025-03-10 23:59:59.
    assert sip_invitation_deadline(at("2025-03-07 10:00")) == at("2025-03-10 23:59:59.999")


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param("2025-03-05 06:00", "2025-03-05 18:00", {date(2025, 3, 5)}, id="exactly-12h-in-window"),
        pytest.param("2025-03-05 05:00", "2025-03-05 17:59", set(), id="11h59-inside-window"),
        pytest.param("2025-03-07 18:00", "2025-03-09 20:00", {date(2025, 3, 8), date(2025, 3, 9)}, id="weekend-leave"),
        pytest.param("2025-03-30 00:00", "2025-03-30 18:00", {date(2025, 3, 30)}, id="dst-day-06-to-18"),
    ],
)
def test_r25_leave_day_needs_12_continuous_hours_between_06_and_24(start: str, end: str, expected: set[date]) -> None:
    assert leave_days([Leave(at(start), at(end))]) == expected


def test_two_short_leaves_on_one_day_do_not_add_up() -> None:
    leaves = [
        Leave(at("2025-03-05 06:00"), at("2025-03-05 12:00")),
        Leave(at("2025-03-05 13:00"), at("2025-03-05 20:00")),
    ]
    assert leave_days(leaves) == frozenset()


def test_spread_backwards_dates_the_latest_days_and_puts_a_fraction_first() -> None:
    assert spread_backwards(date(2025, 3, 4), 3, Decimal("1.7")) == (
        (date(2025, 3, 6), 2, Decimal("0.7")),
        (date(2025, 3, 7), 3, Decimal("1")),
    )


def test_month_arithmetic_wraps_years() -> None:
    assert Month(2024, 12).next() == Month(2025, 1)
    assert Month(2025, 1).previous() == Month(2024, 12)
    assert list(Month(2024, 11).through(Month(2025, 2))) == [Month(2024, m) for m in (11, 12)] + [
        Month(2025, m) for m in (1, 2)
    ]
    with pytest.raises(ValueError, match="month must be"):
        Month(2025, 13)


def test_naive_datetimes_are_rejected() -> None:
    with pytest.raises(InvalidStayError, match="naive"):
        RfdNotice(datetime(2025, 3, 3, 9, 0))


def test_a_second_notice_while_the_first_is_active_is_rejected() -> None:
    notices = (RfdNotice(at("2025-03-03 09:00")), RfdNotice(at("2025-03-04 09:00")))
    with pytest.raises(InvalidStayError, match="still active"):
        stay("x", region=Region.STO, rfd=notices, end="2025-03-08")


def test_a_notice_sent_after_the_end_of_the_stay_is_rejected() -> None:
    with pytest.raises(InvalidStayError, match="after the stay ended"):
        stay("x", region=Region.STO, rfd="2025-03-09 09:00", end="2025-03-08")


def test_revocation_before_sending_and_backwards_leave_are_rejected() -> None:
    with pytest.raises(InvalidStayError, match="revoked before"):
        RfdNotice(at("2025-03-03 09:00"), revoked_at=at("2025-03-02 09:00"))
    with pytest.raises(InvalidStayError, match="end after"):
        Leave(at("2025-03-03 09:00"), at("2025-03-03 09:00"))
