"""Regional rule sets (spec §3, §2.5) as values: regions, region-native tracks, which rules apply, workday policy.

A case picks its ``RuleSet`` per case (the caring region, AMB-33) with ``rule_set_for``; nothing here is a
global switch. The §3.4 cross-region track mapping (``map_track``) is approximate and for reporting only:
it MUST NOT drive routing or deadlines, which always follow the region-native track.

Ambiguities decided here (see docs/ambiguities.md):
AMB-07 ``RuleSet.outpatient_only_in_scope`` (ORE false; STO, VAR, BLE, NAT true).
AMB-29 ``RuleSet.minimum_stay`` (ORE 24 h, R-26; others zero).
AMB-33 ``applicable_region``: the treating region's rules when the patient lives there, otherwise NAT.
AMB-35 ORE ViSam colours are assumed to mean what the STO colours mean (§3.4 "assumed").
AMB-42 rule sets are effective-dated; before a regional agreement starts, the Act's default (NAT) applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from discharge.calendar import DEFAULT_POLICY, WorkdayPolicy


class Region(StrEnum):
    NAT = "NAT"  # Lag (2017:612) default
    STO = "STO"
    ORE = "ORE"
    VAR = "VAR"
    BLE = "BLE"


class Track(StrEnum):
    """Region-native track codes (§3.1–3.3); the value is ``<region>-<colour>`` in ASCII."""

    STO_GRA = "STO-GRA"
    STO_BLA = "STO-BLA"
    STO_GRON = "STO-GRON"
    STO_GUL = "STO-GUL"
    STO_ROD = "STO-ROD"
    ORE_GREEN = "ORE-GREEN"
    ORE_YELLOW = "ORE-YELLOW"
    ORE_RED = "ORE-RED"
    VAR_GRON = "VAR-GRON"
    VAR_GUL = "VAR-GUL"
    VAR_ROD = "VAR-ROD"
    VAR_LILA = "VAR-LILA"

    @property
    def region(self) -> Region:
        return Region(self.value.split("-", 1)[0])

    @property
    def label(self) -> str:
        """The colour as the source writes it."""
        return _LABELS[self]


_LABELS = {
    Track.STO_GRA: "GRÅ",
    Track.STO_BLA: "BLÅ",
    Track.STO_GRON: "GRÖN",
    Track.STO_GUL: "GUL",
    Track.STO_ROD: "RÖD",
    Track.ORE_GREEN: "grönt spår",
    Track.ORE_YELLOW: "gult spår",
    Track.ORE_RED: "rött spår",
    Track.VAR_GRON: "Grön",
    Track.VAR_GUL: "Gul",
    Track.VAR_ROD: "Röd",
    Track.VAR_LILA: "Lila",
}


class CanonicalTrack(StrEnum):
    """§3.4 canonical cross-region codes (Proposal; approximate)."""

    OUT_OF_SCOPE = "out-of-scope"
    ONE_PRINCIPAL = "one-principal"
    BOTH_UNCHANGED_OR_BASIC = "both-unchanged-or-basic"
    BOTH_NEW_OR_CHANGED = "both-new-or-changed"
    COMPLEX = "complex"
    COMPULSORY_PSYCHIATRIC = "compulsory-psychiatric"


_TO_CANONICAL = {
    Track.STO_GRA: CanonicalTrack.OUT_OF_SCOPE,
    Track.STO_BLA: CanonicalTrack.ONE_PRINCIPAL,
    Track.STO_GRON: CanonicalTrack.BOTH_UNCHANGED_OR_BASIC,
    Track.STO_GUL: CanonicalTrack.BOTH_NEW_OR_CHANGED,
    Track.STO_ROD: CanonicalTrack.COMPLEX,
    Track.ORE_GREEN: CanonicalTrack.BOTH_UNCHANGED_OR_BASIC,  # AMB-35: assumed
    Track.ORE_YELLOW: CanonicalTrack.BOTH_NEW_OR_CHANGED,  # AMB-35: assumed
    Track.ORE_RED: CanonicalTrack.COMPLEX,
    Track.VAR_GRON: CanonicalTrack.BOTH_UNCHANGED_OR_BASIC,
    Track.VAR_GUL: CanonicalTrack.BOTH_NEW_OR_CHANGED,
    Track.VAR_ROD: CanonicalTrack.COMPLEX,
    Track.VAR_LILA: CanonicalTrack.COMPULSORY_PSYCHIATRIC,
}

# Closest region-native track per canonical code; a missing key means "no equivalent" (§3.4 table).
_FROM_CANONICAL: dict[Region, dict[CanonicalTrack, Track]] = {
    Region.STO: {
        CanonicalTrack.OUT_OF_SCOPE: Track.STO_GRA,
        CanonicalTrack.ONE_PRINCIPAL: Track.STO_BLA,
        CanonicalTrack.BOTH_UNCHANGED_OR_BASIC: Track.STO_GRON,
        CanonicalTrack.BOTH_NEW_OR_CHANGED: Track.STO_GUL,
        CanonicalTrack.COMPLEX: Track.STO_ROD,
        # compulsory-psychiatric: «not covered by the somatic STO routine» (§3.4) — no track
    },
    Region.ORE: {  # outside the target group and one-principal colours are not defined in the seeds
        CanonicalTrack.BOTH_UNCHANGED_OR_BASIC: Track.ORE_GREEN,
        CanonicalTrack.BOTH_NEW_OR_CHANGED: Track.ORE_YELLOW,
        CanonicalTrack.COMPLEX: Track.ORE_RED,
        # compulsory-psychiatric: «psychiatric routines on the ViSam site (not in seeds)» (§3.4) — no track
    },
    Region.VAR: {
        CanonicalTrack.ONE_PRINCIPAL: Track.VAR_GRON,  # §3.4: "no equivalent (nearest: Grön)"
        CanonicalTrack.BOTH_UNCHANGED_OR_BASIC: Track.VAR_GRON,
        CanonicalTrack.BOTH_NEW_OR_CHANGED: Track.VAR_GUL,
        CanonicalTrack.COMPLEX: Track.VAR_ROD,
        CanonicalTrack.COMPULSORY_PSYCHIATRIC: Track.VAR_LILA,
    },
}


def track_to_canonical(track: Track) -> CanonicalTrack:
    """The §3.4 canonical code of a region-native track (approximate)."""
    return _TO_CANONICAL[track]


def map_track(track: Track, to: Region, *, same_day_start: bool = True) -> Track | None:
    """The closest track of region ``to`` for ``track`` (§3.4; approximate, for reporting only).

    ``None`` when the target has no equivalent (NAT and BLE have no tracks; ORE defines no colour for
    one-principal or out-of-scope cases; VAR has no out-of-scope track). VAR splits "new or changed"
    interventions by start: Gul when they must start on the discharge day, else Grön.
    """
    if track.region is to:
        return track
    canonical = track_to_canonical(track)
    mapped = _FROM_CANONICAL.get(to, {}).get(canonical)
    if mapped is Track.VAR_GUL and not same_day_start:
        return Track.VAR_GRON
    return mapped


class RuleId(StrEnum):
    """§2.5 rule identifiers."""

    R01 = "R-01"
    R02 = "R-02"
    R03 = "R-03"
    R04 = "R-04"
    R05 = "R-05"
    R06 = "R-06"
    R07 = "R-07"
    R08 = "R-08"
    R09 = "R-09"
    R10 = "R-10"
    R11 = "R-11"
    R12 = "R-12"
    R13 = "R-13"
    R14 = "R-14"
    R15 = "R-15"
    R16 = "R-16"
    R17 = "R-17"
    R18 = "R-18"
    R19 = "R-19"
    R20 = "R-20"
    R21 = "R-21"
    R22 = "R-22"
    R23 = "R-23"
    R24 = "R-24"
    R25 = "R-25"
    R26 = "R-26"
    R27 = "R-27"
    R28 = "R-28"
    R29 = "R-29"
    R30 = "R-30"
    R31 = "R-31"


def _rules(*numbers: int) -> frozenset[RuleId]:
    return frozenset(RuleId(f"R-{n:02d}") for n in numbers)


@dataclass(frozen=True)
class RuleSet:
    """One region's profile: its tracks, the §2.5 rules that apply and its calendar policy."""

    region: Region
    tracks: tuple[Track, ...]
    rules: frozenset[RuleId]
    effective_from: date  # AMB-42
    workday_policy: WorkdayPolicy = DEFAULT_POLICY
    outpatient_only_in_scope: bool = True  # AMB-07
    minimum_stay: timedelta = timedelta(0)  # R-26 / AMB-29

    def __post_init__(self) -> None:
        foreign = [t for t in self.tracks if t.region is not self.region]
        if foreign:
            raise ValueError(f"tracks of another region in the {self.region} rule set: {foreign}")

    def applies(self, rule: RuleId) -> bool:
        return rule in self.rules


# apply everywhere; the rest per the region column of §2.5.
NAT_RULES = RuleSet(Region.NAT, (), _rules(1, 2, 5, 7, 12, 24), effective_from=date(2018, 1, 1))
STO_RULES = RuleSet(
    Region.STO,
    (Track.STO_GRA, Track.STO_BLA, Track.STO_GRON, Track.STO_GUL, Track.STO_ROD),
    _rules(1, 2, 3, 5, 6, 7, 9, 10, 11, 12, 14, 23, 24, 25, 27, 29, 31),
    effective_from=date(2020, 1, 1),
)
ORE_RULES = RuleSet(
    Region.ORE,
    (Track.ORE_GREEN, Track.ORE_YELLOW, Track.ORE_RED),
    _rules(1, 2, 4, 5, 7, 9, 12, 13, 22, 24, 26, 28, 30),
    effective_from=date(2018, 1, 1),
    outpatient_only_in_scope=False,  # AMB-07
    minimum_stay=timedelta(hours=24),  # «vårdavdelning med vård överstigande ett dygn»
)
VAR_RULES = RuleSet(
    Region.VAR,
    (Track.VAR_GRON, Track.VAR_GUL, Track.VAR_ROD, Track.VAR_LILA),
    _rules(1, 2, 5, 7, 8, 12, 15, 16, 17, 18, 19, 20, 21, 24, 28, 31),
    effective_from=date(2018, 1, 1),  # the guideline's own start is not in the seed; the Act's date
)
BLE_RULES = RuleSet(Region.BLE, (), _rules(1, 2, 5, 7, 12, 24, 28), effective_from=date(2018, 2, 1))

_BY_REGION = {rs.region: rs for rs in (NAT_RULES, STO_RULES, ORE_RULES, VAR_RULES, BLE_RULES)}


def rule_set_for(region: Region, *, on: date | None = None) -> RuleSet:
    """The rule set of ``region``; with ``on``, the one in force that day (AMB-42).

    Before a regional agreement starts the Act's default applies (NAT); before the Act (2018-01-01)
    there is no rule set and ``ValueError`` is raised.
    """
    rules = _BY_REGION[region]
    if on is None or on >= rules.effective_from:
        return rules
    if on >= NAT_RULES.effective_from:
        return NAT_RULES
    raise ValueError(f"no discharge rule set before Lag (2017:612) came into force on 2018-01-01: {on}")


def applicable_region(treating: Region, patient_home: Region | None) -> Region:
    """AMB-33: the treating region's agreement covers its own residents; anyone else falls back to NAT."""
    if patient_home is None or patient_home is treating:
        return treating
    return Region.NAT
