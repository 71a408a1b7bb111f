"""Properties of every liability rule (hypothesis): what no input may break, whatever the region or strategy."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from discharge.liability.ble import ble_liable_months
from discharge.liability.compute import compute_liability
from discharge.liability.days import day_zero
from discharge.liability.model import Leave, Month, Needs, Payer, RfdNotice, Stay
from discharge.liability.report import LiabilityReport
from discharge.liability.sto import ALLOCATION_A, ALLOCATION_B, ALLOCATION_C, StoAllocation
from discharge.regions import Region

MARCH = Month(2025, 3)
START = datetime(2025, 3, 1, tzinfo=UTC)
PAYERS = (Payer("Kumla"), Payer("Stockholm", "Södermalm"))
REGIONS = tuple(Region)
ALLOCATIONS: tuple[StoAllocation, ...] = (ALLOCATION_A, ALLOCATION_B, ALLOCATION_C)
PROPERTY = settings(max_examples=150, deadline=None)

minutes = st.integers(min_value=0, max_value=60 * 24 * 10)
maybe = st.booleans()


@st.composite
def stays_of(draw: st.DrawFn, region: Region) -> list[Stay]:
    """1–8 closed stays ending in March 2025 (Europe/Stockholm), with random facts and preconditions."""
    result = []
    for index in range(draw(st.integers(min_value=1, max_value=8))):
        sent = START + timedelta(minutes=draw(st.integers(min_value=0, max_value=60 * 24 * 19)))
        end = sent + timedelta(minutes=draw(minutes))
        admission = sent - timedelta(hours=30)
        needs = Needs(draw(maybe), draw(maybe), draw(maybe))
        result.append(
            Stay(
                case_id=f"c{index}",
                patient_id=f"p{index % 3}",
                region=region,
                registered=draw(st.sampled_from(PAYERS)),
                care_type=draw(st.sampled_from(("somatic", "psychiatric"))),
                needs=needs,
                rfd_notices=(RfdNotice(sent, assessed_at=sent - timedelta(minutes=draw(minutes))),),
                end_at=end,
                admission_notice_sent_at=admission if draw(maybe) else None,
                admission_notice_due_at=admission + timedelta(hours=draw(st.sampled_from((-1, 24)))),
                fvk_appointed_at=admission if draw(maybe) else None,
                sip_required=draw(maybe),
                sip_invitation_sent_at=sent + timedelta(minutes=draw(minutes)) if draw(maybe) else None,
                home_ready_confirmed_at=end if draw(maybe) else None,
                interventions_refused=draw(st.booleans()),
            )
        )
    return result


@st.composite
def region_and_stays(draw: st.DrawFn) -> tuple[Region, list[Stay]]:
    region = draw(st.sampled_from(REGIONS))
    return region, draw(stays_of(region))


def compute(region: Region, stays: list[Stay], allocation: StoAllocation = ALLOCATION_A) -> LiabilityReport:
    return compute_liability(region, stays, month=MARCH, allocation=allocation, active=True)


def charges(report: LiabilityReport) -> dict[str, tuple[object, ...]]:
    return {
        episode.case_id: (episode.liable_days, tuple((day.date, day.portion) for day in episode.days))
        for group in report.groups
        for episode in group.episodes
    }


@PROPERTY
@given(region_and_stays(), st.sampled_from(ALLOCATIONS))
def test_liable_days_never_exceed_waiting_days_and_are_dated_inside_the_wait(
    case: tuple[Region, list[Stay]], allocation: StoAllocation
) -> None:
    region, stays = case
    for group in compute(region, stays, allocation).groups:
        assert group.liable_days == sum(episode.liable_days for episode in group.episodes)
        for episode in group.episodes:
            assert 0 <= episode.liable_days <= episode.ready_days
            assert episode.chargeable or episode.liable_days == 0
            assert sum(day.portion for day in episode.days) == episode.liable_days
            for day in episode.days:
                assert 0 < (day.date - episode.day_zero).days == day.day_number <= episode.ready_days


@PROPERTY
@given(region_and_stays(), st.lists(st.tuples(minutes, minutes), max_size=3))
def test_amb_25_leave_changes_no_charge(case: tuple[Region, list[Stay]], absences: list[tuple[int, int]]) -> None:
    region, stays = case
    leaves = tuple(Leave(START + timedelta(minutes=a), START + timedelta(minutes=a + b + 1)) for a, b in absences)
    on_leave = [replace(subject, leaves=leaves) for subject in stays]
    assert charges(compute(region, on_leave)) == charges(compute(region, stays))


@PROPERTY
@given(region_and_stays(), st.sampled_from(("outpatient-only", "open", "revoked", "next-month")))
def test_adding_a_stay_that_never_waits_in_scope_changes_nothing(case: tuple[Region, list[Stay]], kind: str) -> None:
    region, stays = case
    template = replace(stays[0], case_id="extra")
    notice = template.rfd_notices[0]
    assert template.end_at is not None
    extra = {
        "outpatient-only": replace(template, needs=Needs(False, False, True)),
        "open": replace(template, end_at=None),
        "revoked": replace(template, rfd_notices=(replace(notice, revoked_at=notice.sent_at),)),
        "next-month": replace(template, end_at=datetime(2025, 4, 2, tzinfo=UTC)),
    }[kind]
    assert compute(region, [*stays, extra]).groups == compute(region, stays).groups


@PROPERTY
@given(region_and_stays(), st.sampled_from(PAYERS))
def test_a_payer_filter_keeps_that_payers_groups_unchanged(case: tuple[Region, list[Stay]], payer: Payer) -> None:
    region, stays = case
    everyone = compute(region, stays)
    only = compute_liability(region, stays, month=MARCH, payer=payer, active=True)
    assert only.groups == tuple(group for group in everyone.groups if group.payer == payer)


@PROPERTY
@given(stays_of(Region.STO))
def test_amb_01_aggregate_excess_never_charges_more_than_per_episode_excess(stays: list[Stay]) -> None:
    # max(0, Σ (N − 1.3)) ≤ Σ max(0, N − 1.3), payer by payer.
    a, b = compute(Region.STO, stays, ALLOCATION_A).by_payer(), compute(Region.STO, stays, ALLOCATION_B).by_payer()
    assert a.keys() == b.keys()
    assert all(a[payer] <= b[payer] for payer in a)


@PROPERTY
@given(stays_of(Region.ORE))
def test_p_ore_charges_only_above_three_and_only_when_the_average_exceeds_three(stays: list[Stay]) -> None:
    for group in compute(Region.ORE, stays).groups:
        for episode in group.episodes:
            if episode.liable_days:
                assert group.average > 3
                assert episode.ready_days > 3


@PROPERTY
@given(st.datetimes(min_value=datetime(2018, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)))
def test_r09_sto_never_counts_more_days_than_ore_nor_ore_more_than_nat(sent: datetime) -> None:
    notice = RfdNotice(sent)
    nat, ore, sto = day_zero(Region.NAT, notice), day_zero(Region.ORE, notice), day_zero(Region.STO, notice)
    assert nat <= ore <= sto <= nat + timedelta(days=1)


@PROPERTY
@given(st.lists(st.one_of(st.none(), st.fractions(min_value=0, max_value=8, max_denominator=10)), max_size=30))
def test_p_ble_liability_starts_only_after_three_consecutive_months_above_three(
    values: list[Fraction | None],
) -> None:
    months = list(Month(2020, 1).through(Month(2030, 12)))[: len(values)]
    averages = dict(zip(months, values, strict=True))
    schedule = ble_liable_months(averages)
    for position, month in enumerate(months):
        starts = schedule[month] and (position == 0 or not schedule[months[position - 1]])
        if starts:
            preceding = values[position - 3 : position]
            assert position >= 3
            assert all(value is not None and value > 3 for value in preceding)
