"""Wire codes ↔ neutral codes: the few renamed values, the process ↔ track table, fallbacks outward.

Role: most enumerations are spelled alike in the contract and in ``discharge.codes``; this module holds the
exceptions (``MUNICIPAL_HEALTHCARE`` ↔ ``MUNICIPAL_HEALTH_CARE``, ``HOME_HEALTHCARE`` ↔ ``HOME_HEALTH_CARE``)
and the region-native tracks. Outward, a neutral value the contract cannot name falls back to ``OTHER``
where the contract has one, else the event is unrenderable. Boundary: codes only.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from adapters.cosmic_link.errors import UnrenderableEventError
from adapters.cosmic_link.vocabulary import Process, RegionProfile
from discharge.regions import Region, Track

__all__ = ["from_neutral", "process_of", "region_of", "to_neutral", "track_of"]

E = TypeVar("E", bound=StrEnum)

_TO_NEUTRAL = {"MUNICIPAL_HEALTHCARE": "MUNICIPAL_HEALTH_CARE", "HOME_HEALTHCARE": "HOME_HEALTH_CARE"}
_FROM_NEUTRAL = {neutral: wire for wire, neutral in _TO_NEUTRAL.items()}

_TRACKS: dict[tuple[RegionProfile, Process], Track] = {
    (RegionProfile.VAR, Process.GREEN): Track.VAR_GRON,
    (RegionProfile.VAR, Process.YELLOW): Track.VAR_GUL,
    (RegionProfile.VAR, Process.RED): Track.VAR_ROD,
    (RegionProfile.VAR, Process.PURPLE): Track.VAR_LILA,
    (RegionProfile.ORE, Process.GREEN): Track.ORE_GREEN,
    (RegionProfile.ORE, Process.YELLOW): Track.ORE_YELLOW,
    (RegionProfile.ORE, Process.RED): Track.ORE_RED,
    (RegionProfile.STO, Process.GREY): Track.STO_GRA,
    (RegionProfile.STO, Process.BLUE): Track.STO_BLA,
    (RegionProfile.STO, Process.GREEN): Track.STO_GRON,
    (RegionProfile.STO, Process.YELLOW): Track.STO_GUL,
    (RegionProfile.STO, Process.RED): Track.STO_ROD,
}
_PROCESSES = {track: key for key, track in _TRACKS.items()}


def to_neutral(value: StrEnum, target: type[E]) -> E:
    """The neutral code of a wire code (every wire code has one)."""
    return target(_TO_NEUTRAL.get(value.value, value.value))


def from_neutral(value: StrEnum, target: type[E], *, fallback: E | None = None) -> E:
    """The wire code of a neutral code; ``fallback`` (e.g. ``OTHER``) when the contract has no such value."""
    name = _FROM_NEUTRAL.get(value.value, value.value)
    try:
        return target(name)
    except ValueError:
        if fallback is None:
            raise UnrenderableEventError(f"{target.__name__} has no value for {value.value}") from None
        return fallback


def track_of(region: RegionProfile, process: Process | None) -> Track | None:
    """CL episode.regionProfile + episode.process → the region-native track."""
    return None if process is None else _TRACKS[(region, process)]


def region_of(region: Region) -> RegionProfile:
    """Neutral region → ``regionProfile``; only VAR, ORE and STO have rules in this contract (§8)."""
    return from_neutral(region, RegionProfile)


def process_of(track: Track | None, region: RegionProfile) -> Process | None:
    """Region-native track → ``episode.process``; a track of another region cannot be named."""
    if track is None:
        return None
    track_region, process = _PROCESSES[track]
    if track_region is not region:
        raise UnrenderableEventError(f"track {track.value} is not a process of region {region.value}")
    return process
