"""P-NAT (§5.3): individual liability from day 4 after the ready-for-discharge notice, with no averaging.

Also the rule of VAR (§5.7, AMB-31) and, per episode, of BLE in a liable month (P-BLE). Every episode
meeting P-NAT-1..3 is charged for its days numbered 4..N; groups exist only to total per payer.
"""

from __future__ import annotations

from decimal import Decimal

from discharge.liability.population import Episode
from discharge.liability.preconditions import Finding, all_met, nat_preconditions, unmet
from discharge.liability.report import (
    EpisodeLiability,
    GroupLiability,
    RateLookup,
    average,
    by_group,
    episode_liability,
    group_amount,
)

FREE_DAYS = 3  # P-NAT: «Inträder tre dagar (dag 4) efter underrättelse»; P-GEN-04: calendar days


def compute_nat(
    episodes: tuple[Episode, ...], *, rate: RateLookup | None, note: str = ""
) -> tuple[GroupLiability, ...]:
    """One group per payer; ``note`` prefixes the explanations (VAR says why NAT applies)."""
    groups = []
    for (payer, _), members in by_group(episodes, lambda episode: (episode.payer, None)).items():
        results = tuple(
            beyond_free_days(e, rule="P-NAT", findings=nat_preconditions(e.stay, e.notice, e.end_at), rate=rate)
            for e in members
        )
        liable = sum((result.liable_days for result in results), Decimal(0))
        groups.append(
            GroupLiability(
                payer=payer,
                care_type=None,
                average=average(members),
                threshold=None,
                triggered=True,
                liable_days=liable,
                amount=group_amount(results),
                explanation=f"{note}P-NAT: individual liability from day {FREE_DAYS + 1}; {liable} days in total",
                episodes=results,
            )
        )
    return tuple(groups)


def beyond_free_days(
    episode: Episode, *, rule: str, findings: tuple[Finding, ...], rate: RateLookup | None
) -> EpisodeLiability:
    """Charge days 4..N of a chargeable episode (P-NAT; BLE per AMB-06)."""
    n = episode.ready_days
    if not all_met(findings):
        share, explanation = Decimal(0), f"{rule}: not chargeable: {unmet(findings)}"
    elif n <= FREE_DAYS:
        share, explanation = Decimal(0), f"{rule}: N = {n} ≤ {FREE_DAYS} free days; nothing liable"
    else:
        share = Decimal(n - FREE_DAYS)
        explanation = f"{rule}: day zero {episode.day_zero}, N = {n}; days {FREE_DAYS + 1}–{n} liable ({share} days)"
    return episode_liability(episode, share=share, rule=rule, findings=findings, explanation=explanation, rate=rate)
