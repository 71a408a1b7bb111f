"""P-ORE (§5.5): the §5.8 examples ORE-1…ORE-5 (payer Kumla, March 2025), variants ORE-A/ORE-B (AMB-05)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest

from discharge.liability.compute import compute_liability
from discharge.liability.model import CHILD_CLINIC_CARE_TYPE, Month, Stay
from discharge.liability.ore import OreVariant
from discharge.regions import Region
from tests.unit.discharge.test_liability_builders import KUMLA, SOCIAL_ONLY, stay

MARCH = Month(2025, 3)


def somatic_ore_1() -> list[Stay]:
    return [
        stay("e1", region=Region.ORE, rfd="2025-03-03 10:00", end="2025-03-07"),  # N 4
        stay("e2", region=Region.ORE, rfd="2025-03-03 13:30", end="2025-03-04"),  # after 12:00 → N 0
        stay("e3", region=Region.ORE, rfd="2025-03-04 09:00", end="2025-03-10"),  # N 6
        stay("e4", region=Region.ORE, rfd="2025-03-05 11:00", end="2025-03-06"),  # N 1
    ]


def p1() -> Stay:
    return stay("p1", region=Region.ORE, rfd="2025-03-10 08:00", end="2025-03-17", care_type="psychiatric")  # N 7


def p2() -> Stay:
    return stay("p2", region=Region.ORE, rfd="2025-03-11 14:00", end="2025-03-13", care_type="psychiatric")  # N 1


def test_p_ore_example_ore_1_somatic_average_2_75_gives_no_liability_even_beyond_day_3() -> None:
    report = compute_liability(Region.ORE, somatic_ore_1(), month=MARCH)
    (group,) = report.groups
    assert [e.ready_days for e in group.episodes] == [4, 0, 6, 1]
    assert (group.care_type, group.average, group.triggered) == ("somatic", Fraction(11, 4), False)
    assert report.liable_days == 0


@pytest.mark.parametrize(
    ("variant", "p1_days"),
    [pytest.param("A", Decimal(4), id="ORE-A-days-beyond-three"), pytest.param("B", Decimal(7), id="ORE-B-all-days")],
)
def test_p_ore_example_ore_2_psychiatric_average_4_makes_p1_liable_retroactively(
    variant: OreVariant, p1_days: Decimal
) -> None:
    report = compute_liability(Region.ORE, [p1(), p2()], month=MARCH, ore_variant=variant)
    (group,) = report.groups
    assert (group.care_type, group.average, group.triggered) == ("psychiatric", Fraction(4), True)
    assert report.episode("p1").liable_days == p1_days
    assert report.episode("p2").liable_days == 0
    assert report.variant == variant
    assert {day.rule for day in report.episode("p1").days} == {f"P-ORE/{variant}"}


def test_p_ore_4_example_ore_3_social_services_only_needs_waive_the_fvk() -> None:
    no_fvk = replace(p1(), needs=SOCIAL_ONLY, fvk_appointed_at=None)
    report = compute_liability(Region.ORE, [no_fvk, p2()], month=MARCH)
    assert report.episode("p1").liable_days == 4


def test_p_ore_3_example_ore_4_home_ready_missing_is_not_charged_but_still_averaged() -> None:
    not_home_ready = replace(p1(), home_ready_confirmed_at=None)
    report = compute_liability(Region.ORE, [not_home_ready, p2()], month=MARCH)
    assert report.groups[0].average == 4
    assert report.episode("p1").liable_days == 0
    assert [f.rule for f in report.episode("p1").findings if not f.met] == ["P-ORE-3"]


def test_p_ore_example_ore_5_children_are_averaged_by_their_discharging_clinic() -> None:
    buk = stay(
        "buk", region=Region.ORE, rfd="2025-03-03 09:00", end="2025-03-08", care_type=CHILD_CLINIC_CARE_TYPE["BUK"]
    )
    bup = stay(
        "bup", region=Region.ORE, rfd="2025-03-03 09:00", end="2025-03-08", care_type=CHILD_CLINIC_CARE_TYPE["BUP"]
    )
    report = compute_liability(Region.ORE, [buk, bup], month=MARCH)
    assert {(g.payer, g.care_type): [e.case_id for e in g.episodes] for g in report.groups} == {
        (KUMLA, "psychiatric"): ["bup"],
        (KUMLA, "somatic"): ["buk"],
    }
    assert all(e.ready_days == 5 for g in report.groups for e in g.episodes)


def test_p_ore_somatic_and_psychiatric_averages_are_computed_apart() -> None:
    report = compute_liability(Region.ORE, [*somatic_ore_1(), p1(), p2()], month=MARCH)
    assert {g.care_type: g.triggered for g in report.groups} == {"somatic": False, "psychiatric": True}
    assert report.liable_days == 4


@pytest.mark.parametrize(
    ("p2_sent", "expected_average", "p1_days"),
    [
        pytest.param("2025-03-11 12:00:00", Fraction(9, 2), Decimal(4), id="noon-counts-the-day-average-4.5"),
        pytest.param("2025-03-11 12:00:01", Fraction(4), Decimal(4), id="after-noon-drops-the-day-average-4"),
    ],
)
def test_r09_ore_noon_rule_feeds_the_average(p2_sent: str, expected_average: Fraction, p1_days: Decimal) -> None:
    moved = stay("p2", region=Region.ORE, rfd=p2_sent, end="2025-03-13", care_type="psychiatric")
    report = compute_liability(Region.ORE, [p1(), moved], month=MARCH)
    assert report.groups[0].average == expected_average
    assert report.episode("p1").liable_days == p1_days


def test_p_ore_an_average_of_exactly_three_is_not_exceeded() -> None:
    ends = {"a": "2025-03-06", "b": "2025-03-06", "c": "2025-03-07", "d": "2025-03-05"}  # N 3, 3, 4, 2
    stays = [stay(case, region=Region.ORE, rfd="2025-03-03 09:00", end=end) for case, end in ends.items()]
    report = compute_liability(Region.ORE, stays, month=MARCH)
    assert (report.groups[0].average, report.groups[0].triggered, report.liable_days) == (
        Fraction(3),
        False,
        Decimal(0),
    )
