"""P-BLE (§5.6): the §5.8 examples BLE-1…BLE-4 and the unit and streak choices of AMB-06."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest

from discharge.liability.ble import ble_liable_months
from discharge.liability.compute import compute_liability
from discharge.liability.model import Month, Payer, RfdNotice, Stay
from discharge.regions import Region
from tests.unit.discharge.test_liability_builders import at, stay

KARLSKRONA = Payer("Karlskrona")


def months_2025(*averages: str | None) -> dict[Month, Fraction | None]:
    return {Month(2025, i + 1): None if a is None else Fraction(a) for i, a in enumerate(averages)}


def liable(schedule: dict[Month, bool]) -> list[int]:
    return [month.month for month, is_liable in schedule.items() if is_liable]


@pytest.mark.parametrize(
    ("averages", "through", "expected_liable"),
    [
        pytest.param(
            months_2025("3.5", "3.2", "4.0", "2.5", "3.1", "2.0", "3.0", "2.9", "3.6"),
            None,
            [4, 5, 6, 7, 8],
            id="BLE-1-liable-apr-to-aug-then-new-streak-in-sep",
        ),
        pytest.param(
            months_2025("3.5", "2.9", "3.8", "3.9", "3.2"), Month(2025, 6), [6], id="BLE-2-streak-restarts-in-mar"
        ),
        pytest.param(months_2025("3.0", "3.0", "3.0"), Month(2025, 4), [], id="BLE-3-exactly-3-never-exceeds"),
    ],
)
def test_p_ble_examples_ble_1_to_ble_3_three_months_above_three_make_month_4_liable(
    averages: dict[Month, Fraction | None], through: Month | None, expected_liable: list[int]
) -> None:
    assert liable(ble_liable_months(averages, through=through)) == expected_liable


def test_amb_06_months_without_episodes_break_an_over_streak() -> None:
    assert liable(ble_liable_months(months_2025("4", None, "4", "4"), through=Month(2025, 5))) == []


def test_amb_06_months_without_episodes_extend_an_under_streak() -> None:
    schedule = ble_liable_months(months_2025("4", "4", "4"), through=Month(2025, 8))
    assert liable(schedule) == [4, 5, 6]  # Apr, May, Jun are empty: liability ends after Jun


def test_ble_liable_months_of_nothing_is_empty() -> None:
    assert ble_liable_months({}) == {}


def history(payer: Payer = KARLSKRONA) -> list[Stay]:
    """January–March 2025: one episode a month waiting 4 days (average 4 > 3)."""
    return [
        stay(f"h{m}", region=Region.BLE, rfd=f"2025-0{m}-03 09:00", end=f"2025-0{m}-07", payer=payer) for m in (1, 2, 3)
    ]


def dc_6(payer: Payer = KARLSKRONA) -> Stay:
    notice = RfdNotice(at("2025-04-08 08:00"), assessed_at=at("2025-04-07 16:00"))
    return stay("dc-6", region=Region.BLE, rfd=notice, end="2025-04-12", payer=payer)


def test_p_ble_example_ble_4_dc_6_in_a_liable_month_is_charged_n_minus_3() -> None:
    report = compute_liability(Region.BLE, [*history(), dc_6()], month=Month(2025, 4))
    episode = report.episode("dc-6")
    assert (episode.ready_days, episode.liable_days) == (5, Decimal(2))
    assert {day.rule for day in episode.days} == {"P-BLE"}
    assert report.groups[0].triggered
    assert "2025-01 4, 2025-02 4, 2025-03 4" in report.groups[0].explanation


def test_p_ble_the_same_episode_in_a_month_that_is_not_liable_is_not_charged() -> None:
    report = compute_liability(Region.BLE, [*history()[1:], dc_6()], month=Month(2025, 4))
    assert report.episode("dc-6").liable_days == 0
    assert not report.groups[0].triggered


def test_amb_06_streaks_are_per_payer_municipality() -> None:
    ronneby = Payer("Ronneby")
    in_ronneby = replace(dc_6(ronneby), case_id="dc-6-ronneby")
    report = compute_liability(Region.BLE, [*history(), dc_6(), in_ronneby], month=Month(2025, 4))
    assert {g.payer: g.liable_days for g in report.groups} == {KARLSKRONA: 2, ronneby: 0}


def test_p_ble_has_no_noon_rule_and_no_somatic_psychiatric_split() -> None:
    afternoon = stay(
        "pm", region=Region.BLE, rfd="2025-04-08 15:00", end="2025-04-12", care_type="psychiatric", payer=KARLSKRONA
    )
    report = compute_liability(Region.BLE, [*history(), afternoon], month=Month(2025, 4))
    assert report.episode("pm").ready_days == 4
    assert report.episode("pm").liable_days == 1
    assert [g.care_type for g in report.groups] == [None]


def test_p_ble_preconditions_are_nat_ones() -> None:
    no_admission_notice = replace(dc_6(), admission_notice_sent_at=None)
    report = compute_liability(Region.BLE, [*history(), no_admission_notice], month=Month(2025, 4))
    assert [f.rule for f in report.episode("dc-6").findings if not f.met] == ["P-NAT-1"]
    assert report.episode("dc-6").liable_days == 0


def test_amb_42_before_february_2018_blekinge_falls_back_to_the_act() -> None:
    january = stay("jan", region=Region.BLE, rfd="2018-01-08 09:00", end="2018-01-15", payer=KARLSKRONA)
    report = compute_liability(Region.BLE, [january], month=Month(2018, 1))
    assert report.rule == "P-NAT"
    assert report.episode("jan").liable_days == 4  # N 7 − 3, no streak needed
    assert "AMB-42" in report.groups[0].explanation
