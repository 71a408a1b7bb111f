"""Regional rule sets as values, the §3.4 cross-region track mapping and the rule-set chooser."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from discharge.calendar import WorkdayPolicy
from discharge.regions import (
    CanonicalTrack,
    Region,
    RuleId,
    RuleSet,
    Track,
    applicable_region,
    map_track,
    rule_set_for,
    track_to_canonical,
)


def test_each_region_has_the_tracks_of_spec_section_3() -> None:
    assert [t.label for t in rule_set_for(Region.STO).tracks] == ["GRÅ", "BLÅ", "GRÖN", "GUL", "RÖD"]
    assert [t.label for t in rule_set_for(Region.ORE).tracks] == ["grönt spår", "gult spår", "rött spår"]
    assert [t.label for t in rule_set_for(Region.VAR).tracks] == ["Grön", "Gul", "Röd", "Lila"]
    assert rule_set_for(Region.BLE).tracks == ()
    assert rule_set_for(Region.NAT).tracks == ()


def test_every_track_knows_its_region() -> None:
    for region in Region:
        for track in rule_set_for(region).tracks:
            assert track.region is region


@pytest.mark.parametrize("region", list(Region))
def test_r01_r02_and_r24_apply_in_every_region(region: Region) -> None:
    rules = rule_set_for(region)
    assert {RuleId.R01, RuleId.R02, RuleId.R24} <= rules.rules


@pytest.mark.parametrize(
    ("rule", "regions"),
    [
        (RuleId.R03, {Region.STO}),
        (RuleId.R05, {Region.STO, Region.ORE, Region.VAR, Region.BLE, Region.NAT}),
        (RuleId.R06, {Region.STO}),
        (RuleId.R08, {Region.VAR}),
        (RuleId.R09, {Region.STO, Region.ORE}),
        (RuleId.R16, {Region.VAR}),
        (RuleId.R20, {Region.VAR}),
        (RuleId.R22, {Region.ORE}),
        (RuleId.R26, {Region.ORE}),
        (RuleId.R28, {Region.ORE, Region.BLE, Region.VAR}),
        (RuleId.R29, {Region.STO}),
        (RuleId.R30, {Region.ORE}),
    ],
)
def test_regional_rules_r03_to_r30_apply_where_the_2_5_table_says(rule: RuleId, regions: set[Region]) -> None:
    assert {r for r in Region if rule_set_for(r).applies(rule)} == regions


def test_amb07_outpatient_only_cases_are_out_of_scope_only_in_ore() -> None:
    assert {r for r in Region if not rule_set_for(r).outpatient_only_in_scope} == {Region.ORE}


def test_r26_ore_requires_a_stay_over_24_hours_amb29() -> None:
    assert rule_set_for(Region.ORE).minimum_stay == timedelta(hours=24)
    assert rule_set_for(Region.STO).minimum_stay == timedelta(0)


def test_a_rule_set_is_a_value_a_region_can_configure_without_touching_others() -> None:
    lenient = dataclasses.replace(rule_set_for(Region.STO), workday_policy=WorkdayPolicy(eves_are_weekdays=True))
    assert lenient.workday_policy.is_weekday(date(2025, 12, 24))
    assert not rule_set_for(Region.STO).workday_policy.is_weekday(date(2025, 12, 24))
    with pytest.raises(dataclasses.FrozenInstanceError):
        lenient.region = Region.ORE  # type: ignore[misc]


def test_a_rule_set_refuses_tracks_of_another_region() -> None:
    with pytest.raises(ValueError, match="another region"):
        RuleSet(Region.BLE, (Track.STO_GUL,), frozenset(), effective_from=date(2018, 2, 1))


@pytest.mark.parametrize(
    ("region", "day", "expected"),
    [
        (Region.STO, date(2019, 6, 1), Region.NAT),
        (Region.STO, date(2020, 1, 1), Region.STO),
        (Region.BLE, date(2018, 1, 15), Region.NAT),
        (Region.BLE, date(2018, 2, 1), Region.BLE),
        (Region.ORE, date(2018, 1, 1), Region.ORE),
    ],
)
def test_amb42_rule_set_for_a_date_before_the_regional_agreement_is_nat(
    region: Region, day: date, expected: Region
) -> None:
    assert rule_set_for(region, on=day).region is expected


def test_amb42_there_is_no_rule_set_before_the_act() -> None:
    with pytest.raises(ValueError, match="2018-01-01"):
        rule_set_for(Region.NAT, on=date(2017, 12, 31))


def test_amb33_a_patient_from_another_region_gets_the_national_default() -> None:
    assert applicable_region(Region.STO, Region.STO) is Region.STO
    assert applicable_region(Region.STO, None) is Region.STO
    assert applicable_region(Region.STO, Region.ORE) is Region.NAT


@pytest.mark.parametrize(
    ("track", "canonical"),
    [
        (Track.STO_GRA, CanonicalTrack.OUT_OF_SCOPE),
        (Track.STO_BLA, CanonicalTrack.ONE_PRINCIPAL),
        (Track.STO_GRON, CanonicalTrack.BOTH_UNCHANGED_OR_BASIC),
        (Track.STO_GUL, CanonicalTrack.BOTH_NEW_OR_CHANGED),
        (Track.STO_ROD, CanonicalTrack.COMPLEX),
        (Track.ORE_GREEN, CanonicalTrack.BOTH_UNCHANGED_OR_BASIC),
        (Track.ORE_YELLOW, CanonicalTrack.BOTH_NEW_OR_CHANGED),
        (Track.ORE_RED, CanonicalTrack.COMPLEX),
        (Track.VAR_GRON, CanonicalTrack.BOTH_UNCHANGED_OR_BASIC),
        (Track.VAR_GUL, CanonicalTrack.BOTH_NEW_OR_CHANGED),
        (Track.VAR_ROD, CanonicalTrack.COMPLEX),
        (Track.VAR_LILA, CanonicalTrack.COMPULSORY_PSYCHIATRIC),
    ],
)
def test_spec_3_4_canonical_code_of_every_track(track: Track, canonical: CanonicalTrack) -> None:
    assert track_to_canonical(track) is canonical


@pytest.mark.parametrize(
    ("track", "to", "expected"),
    [
        (Track.STO_GRON, Region.VAR, Track.VAR_GRON),
        (Track.STO_GUL, Region.VAR, Track.VAR_GUL),
        (Track.STO_ROD, Region.ORE, Track.ORE_RED),
        (Track.STO_BLA, Region.VAR, Track.VAR_GRON),  # "no equivalent (nearest: Grön)"
        (Track.STO_BLA, Region.ORE, None),  # colour not defined in the seeds
        (Track.STO_GRA, Region.VAR, None),  # outside the guideline
        (Track.VAR_LILA, Region.STO, None),  # «not covered by the somatic STO routine»
        (Track.VAR_LILA, Region.ORE, None),  # «psychiatric routines on the ViSam site (not in seeds)»
        (Track.ORE_YELLOW, Region.STO, Track.STO_GUL),
        (Track.VAR_ROD, Region.BLE, None),  # BLE has no tracks in the seed
        (Track.VAR_GUL, Region.NAT, None),
        (Track.VAR_GUL, Region.VAR, Track.VAR_GUL),
    ],
)
def test_spec_3_4_map_track_to_the_closest_track_of_another_region(
    track: Track, to: Region, expected: Track | None
) -> None:
    assert map_track(track, to) is expected


def test_spec_3_4_new_interventions_not_starting_on_the_discharge_day_map_to_var_gron() -> None:
    assert map_track(Track.STO_GUL, Region.VAR, same_day_start=False) is Track.VAR_GRON
    assert map_track(Track.STO_GUL, Region.VAR, same_day_start=True) is Track.VAR_GUL


def test_spec_3_4_complex_maps_to_complex_in_every_region_with_tracks() -> None:
    # Cross-region invariant 1: complex/red always means a SIP before discharge.
    for region in (Region.STO, Region.ORE, Region.VAR):
        mapped = map_track(Track.STO_ROD, region)
        assert mapped is not None
        assert track_to_canonical(mapped) is CanonicalTrack.COMPLEX
