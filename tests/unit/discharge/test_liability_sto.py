"""P-STO (§5.4): the §5.8 examples STO-1…STO-6, the allocation strategies (AMB-01) and the switch (AMB-30)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from discharge.liability.compute import DailyAmounts, compute_liability
from discharge.liability.errors import LiabilityError
from discharge.liability.model import Month, Payer, Placement, Stay
from discharge.liability.sto import ALLOCATION_A, ALLOCATION_B, ALLOCATION_C, StoAllocation, StoCandidate
from discharge.regions import Region
from tests.unit.discharge.test_liability_builders import SODERMALM, at, stay

MARCH = Month(2025, 3)
R = Decimal("7470")
TARIFF: DailyAmounts = {(2025, "somatic"): R}


def s1() -> Stay:
    return stay("s1", region=Region.STO, rfd="2025-03-03 09:00", end="2025-03-03 18:00", payer=SODERMALM)  # DC-1, N 0


def s2() -> Stay:
    return stay("s2", region=Region.STO, rfd="2025-03-03 14:00", end="2025-03-05", payer=SODERMALM)  # DC-2, N 1


def s3() -> Stay:
    return stay("s3", region=Region.STO, rfd="2025-03-04 11:59", end="2025-03-07", payer=SODERMALM)  # N 3


def sto(stays: Sequence[Stay], allocation: StoAllocation = ALLOCATION_A) -> Decimal:
    return compute_liability(Region.STO, stays, month=MARCH, allocation=allocation, active=True).liable_days


@pytest.mark.parametrize(
    ("allocation", "expected"),
    [
        pytest.param(ALLOCATION_A, Decimal("0.1"), id="A-aggregate-excess-0.1"),
        pytest.param(ALLOCATION_B, Decimal("1.7"), id="B-per-episode-excess-1.7"),
        pytest.param(ALLOCATION_C, Decimal(1), id="C-individual-free-days-1"),
    ],
)
def test_p_sto_example_sto_1_average_4_thirds_exceeds_1_3(allocation: StoAllocation, expected: Decimal) -> None:
    report = compute_liability(Region.STO, [s1(), s2(), s3()], month=MARCH, allocation=allocation, active=True)
    (group,) = report.groups
    assert (group.average, group.triggered, group.payer) == (Fraction(4, 3), True, SODERMALM)
    assert [e.ready_days for e in group.episodes] == [0, 1, 3]
    assert group.liable_days == expected
    assert report.variant == allocation.name


def test_p_sto_example_sto_1_allocation_a_charges_0_1_r_on_the_last_day_of_the_longest_wait() -> None:
    report = compute_liability(Region.STO, [s1(), s2(), s3()], month=MARCH, active=True, daily_amounts=TARIFF)
    assert report.groups[0].amount == Decimal("0.1") * R
    days = report.episode("s3").days
    assert [(d.date, d.day_number, d.portion, d.rule) for d in days] == [
        (date(2025, 3, 7), 3, Decimal("0.1"), "P-STO/A")
    ]
    assert report.episode("s1").liable_days == report.episode("s2").liable_days == 0


@pytest.mark.parametrize(
    ("allocation", "expected"),
    [
        pytest.param(ALLOCATION_A, Decimal(0), id="A-0"),
        pytest.param(ALLOCATION_B, Decimal(0), id="B-0"),
        pytest.param(ALLOCATION_C, Decimal(1), id="C-1-ignores-the-average"),
    ],
)
def test_p_sto_example_sto_2_average_1_25_is_not_triggered(allocation: StoAllocation, expected: Decimal) -> None:
    s4 = stay("s4", region=Region.STO, rfd="2025-03-10 09:00", end="2025-03-11", payer=SODERMALM)  # N 1
    report = compute_liability(Region.STO, [s1(), s2(), s3(), s4], month=MARCH, allocation=allocation, active=True)
    assert (report.groups[0].average, report.groups[0].triggered) == (Fraction(5, 4), False)
    assert report.liable_days == expected


def test_p_sto_4_example_sto_3_late_sip_invitation_makes_s3_ineligible_and_a_gives_zero() -> None:
    late = replace(s3(), sip_invitation_sent_at=at("2025-03-08 08:00"))  # deadline Fri 03-07 23:59:59
    report = compute_liability(Region.STO, [s1(), s2(), late], month=MARCH, active=True)
    s3_result = report.episode("s3")
    assert [f.rule for f in s3_result.findings if not f.met] == ["P-STO-4"]
    assert not s3_result.chargeable
    assert report.groups[0].triggered  # s3 still counts in the average
    assert report.liable_days == 0  # max(0, (0 − 1.3) + (1 − 1.3)) = 0


def test_p_sto_5_example_sto_4_refused_interventions_make_s3_ineligible() -> None:
    refused = replace(s3(), interventions_refused=True)
    report = compute_liability(Region.STO, [s1(), s2(), refused], month=MARCH, active=True)
    assert [f.rule for f in report.episode("s3").findings if not f.met] == ["P-STO-5"]
    assert report.liable_days == 0


def test_p_gen_05_example_sto_5_placing_municipality_pays() -> None:
    placement = Placement(Payer("X"), municipality_of_stay="Y", housing="LSS")
    placed = replace(s3(), registered=Payer("Y"), placement=placement)
    report = compute_liability(Region.STO, [placed], month=MARCH, active=True)
    assert [group.payer for group in report.groups] == [Payer("X")]


def test_p_sto_1_example_sto_6_admission_notice_25_hours_after_ward_admission_is_not_in_time() -> None:
    ward_admission = at("2025-03-01 08:00")  # after 10 h in the emergency department, which does not count
    late = replace(
        s3(),
        admission_notice_due_at=ward_admission + timedelta(hours=24),
        admission_notice_sent_at=at("2025-03-02 09:00"),  # +25 h
    )
    report = compute_liability(Region.STO, [late], month=MARCH, active=True)
    assert [f.rule for f in report.episode("s3").findings if not f.met] == ["P-STO-1"]
    assert report.liable_days == 0


@pytest.mark.parametrize(
    ("facts", "failed"),
    [
        pytest.param({"admission_notice_due_at": None}, "P-STO-1", id="P-STO-1-deadline-unknown"),
        pytest.param({"fvk_appointed_at": None}, "P-STO-3", id="P-STO-3-no-fvk-with-outpatient-needs"),
        pytest.param({"region_interventions_unavailable_or_unclear": True}, "X1", id="X1-region-interventions"),
        pytest.param({"sip_required": True, "sip_invitation_sent_at": None}, "P-STO-4", id="X2-and-P-STO-4-no-sip"),
    ],
)
def test_p_sto_preconditions_each_block_the_charge(facts: dict[str, object], failed: str) -> None:
    subject = replace(s3(), **facts)  # type: ignore[arg-type]
    report = compute_liability(Region.STO, [subject], month=MARCH, active=True)
    assert failed in [f.rule for f in report.episode("s3").findings if not f.met]
    assert report.liable_days == 0


def test_p_sto_3_the_named_care_contact_must_be_appointed_by_the_end_of_the_stay() -> None:
    appointed = compute_liability(Region.STO, [s3()], month=MARCH, active=True)
    assert appointed.episode("s3").chargeable
    assert appointed.liable_days == Decimal("1.7")  # N 3 alone: average 3 > 1.3, A gives 3 − 1.3
    late = replace(s3(), fvk_appointed_at=at("2025-03-07 10:01"))  # one minute after discharge
    report = compute_liability(Region.STO, [late], month=MARCH, active=True)
    assert [f.rule for f in report.episode("s3").findings if not f.met] == ["P-STO-3"]
    assert report.groups[0].triggered  # it still counts in the average
    assert report.liable_days == 0


def test_amb_21_no_fvk_is_needed_without_outpatient_needs() -> None:
    municipal_only = replace(s3(), needs=replace(s3().needs, outpatient=False), fvk_appointed_at=None)
    assert compute_liability(Region.STO, [municipal_only], month=MARCH, active=True).episode("s3").chargeable


def test_r09_noon_exactly_moves_day_zero_in_sto_but_not_in_ore() -> None:
    sto_stay = stay("noon", region=Region.STO, rfd="2025-03-03 12:00", end="2025-03-07")
    ore_stay = replace(sto_stay, region=Region.ORE)
    sto_result = compute_liability(Region.STO, [sto_stay], month=MARCH, active=True).episode("noon")
    ore_result = compute_liability(Region.ORE, [ore_stay], month=MARCH).episode("noon")
    assert (sto_result.day_zero, sto_result.ready_days, sto_result.liable_days) == (date(2025, 3, 4), 3, Decimal("1.7"))
    assert (ore_result.day_zero, ore_result.ready_days, ore_result.liable_days) == (date(2025, 3, 3), 4, Decimal(1))


def test_amb_30_sto_liability_is_off_by_default_but_averages_and_reasons_remain() -> None:
    report = compute_liability(Region.STO, [s1(), s2(), s3()], month=MARCH, daily_amounts=TARIFF)
    assert not report.active
    assert report.groups[0].average == Fraction(4, 3)
    assert report.liable_days == 0
    assert report.groups[0].amount == 0
    note = report.episode("s3").findings[-1]
    assert (note.rule, note.met) == ("AMB-30", False)
    assert "would be 0.1" in note.detail


def test_amb_01_allocation_a_fills_the_longest_waits_first() -> None:
    longest = stay("long", region=Region.STO, rfd="2025-03-02 09:00", end="2025-03-07")  # N 5 → excess 3.7
    middle = stay("mid", region=Region.STO, rfd="2025-03-03 09:00", end="2025-03-07")  # N 4 → excess 2.7
    zero = stay("zero", region=Region.STO, rfd="2025-03-05 09:00", end="2025-03-05 15:00")  # N 0 → −1.3
    report = compute_liability(Region.STO, [zero, middle, longest], month=MARCH, active=True)
    assert report.liable_days == Decimal("5.1")
    assert [(e.case_id, e.liable_days) for e in report.groups[0].episodes] == [
        ("long", Decimal("3.7")),
        ("mid", Decimal("1.4")),
        ("zero", Decimal(0)),
    ]


def test_p_gen_05_city_districts_are_averaged_apart() -> None:
    other = Payer("Stockholm", "Kungsholmen")
    quick = stay("quick", region=Region.STO, rfd="2025-03-03 09:00", end="2025-03-03 15:00", payer=other)  # N 0
    report = compute_liability(Region.STO, [s3(), quick], month=MARCH, active=True)
    assert {g.payer: g.triggered for g in report.groups} == {SODERMALM: True, other: False}
    only_other = compute_liability(Region.STO, [s3(), quick], month=MARCH, active=True, payer=other)
    assert [g.payer for g in only_other.groups] == [other]


@dataclass(frozen=True)
class ChargesEveryone:
    """A broken allocation: it charges ineligible episodes too."""

    @property
    def name(self) -> str:
        return "broken"

    def allocate(self, candidates: Sequence[StoCandidate], *, triggered: bool) -> dict[str, Decimal]:
        return {candidate.case_id: Decimal(candidate.ready_days) for candidate in candidates}


def test_amb_01_an_allocation_that_charges_an_ineligible_episode_is_refused() -> None:
    refused = replace(s3(), interventions_refused=True)
    with pytest.raises(LiabilityError, match="impossible share"):
        compute_liability(Region.STO, [refused], month=MARCH, allocation=ChargesEveryone(), active=True)


def test_amb_42_before_2020_stockholm_falls_back_to_the_act_and_is_active() -> None:
    old = stay("old", region=Region.STO, rfd="2019-05-06 14:00", end="2019-05-11", payer=SODERMALM)
    report = compute_liability(Region.STO, [old], month=Month(2019, 5))
    assert (report.rule, report.active, report.variant) == ("P-NAT", True, None)
    assert report.episode("old").ready_days == 5  # NAT has no noon rule
    assert report.episode("old").liable_days == 2
