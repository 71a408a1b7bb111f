"""P-ORE (§5.5): Örebro's monthly average above three calendar days, then retroactive individual liability.

Per payer municipality and month, somatic and psychiatric care apart («hanteras separat»), children by
their discharging clinic (ORE-5). Every target-group episode counts in the average whatever its track or
preconditions (AMB-05); if the average exceeds 3, each episode with N > 3 that meets P-ORE-1..4 is charged
``N − 3`` (Proposal ORE-A, default) or all ``N`` days (ORE-B).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Literal

from discharge.liability.population import Episode
from discharge.liability.preconditions import Finding, all_met, ore_preconditions, unmet
from discharge.liability.report import (
    ZERO,
    EpisodeLiability,
    GroupLiability,
    RateLookup,
    average,
    by_group,
    episode_liability,
    group_amount,
    show,
)

OreVariant = Literal["A", "B"]  # AMB-05: A = days beyond three, B = all days
THRESHOLD = Fraction(3)  # «överskrider tre kalenderdagar … under en månad»
FREE_DAYS = 3


def compute_ore(
    episodes: tuple[Episode, ...], *, variant: OreVariant, rate: RateLookup | None
) -> tuple[GroupLiability, ...]:
    """One group per (payer, care type); all episodes end in one month."""
    groups = []
    for (payer, care_type), members in by_group(episodes, lambda e: (e.payer, e.stay.care_type)).items():
        mean = average(members)
        triggered = mean > THRESHOLD  # R-09 noon rule already applied to N (days.day_zero)
        verdict = f"{care_type} average {show(mean)} {'>' if triggered else '≤'} 3"
        results = tuple(_episode(e, triggered=triggered, variant=variant, verdict=verdict, rate=rate) for e in members)
        liable = sum((result.liable_days for result in results), ZERO)
        consequence = f"retroactive individual liability (ORE-{variant})" if triggered else "no liability"
        explanation = f"P-ORE: {payer}: {verdict} → {consequence}; {liable} days"
        groups.append(
            GroupLiability(
                payer, care_type, mean, THRESHOLD, triggered, liable, group_amount(results), explanation, results
            )
        )
    return tuple(groups)


def _episode(
    episode: Episode, *, triggered: bool, variant: OreVariant, verdict: str, rate: RateLookup | None
) -> EpisodeLiability:
    findings = ore_preconditions(episode.stay, episode.notice, episode.end_at)
    n = episode.ready_days
    share, reason = _share(n, findings, triggered=triggered, variant=variant)
    head = f"P-ORE/{variant}: day zero {episode.day_zero}, N = {n}; {verdict}"
    return episode_liability(
        episode, share=share, rule=f"P-ORE/{variant}", findings=findings, explanation=f"{head}; {reason}", rate=rate
    )


def _share(n: int, findings: tuple[Finding, ...], *, triggered: bool, variant: OreVariant) -> tuple[Decimal, str]:
    if not triggered:
        return ZERO, "average not exceeded: nothing liable"
    if n <= FREE_DAYS:
        return ZERO, f"not more than {FREE_DAYS} days as ready for discharge: nothing liable"
    if not all_met(findings):
        # AMB-05: still in the average, but not charged (ORE-4).
        return ZERO, f"counts in the average but is not chargeable: {unmet(findings)}"
    if variant == "A":
        return Decimal(n - FREE_DAYS), f"days {FREE_DAYS + 1}–{n} liable ({n - FREE_DAYS} days, ORE-A)"
    return Decimal(n), f"all {n} days liable retroactively (ORE-B)"
