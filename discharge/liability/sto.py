"""P-STO (§5.4): Stockholm's average of 1.3 calendar days per municipality / city district and month.

The threshold test is exact (``Fraction``): the payer's average N over every target-group episode ending in
the month, zero days included, must exceed 1.3. How liable days are then allocated is not in the source
(AMB-01), so it is a strategy: ``AggregateExcess`` (Proposal A, default), ``PerEpisodeExcess`` (B) and
``IndividualFreeDays`` (C). Liability is off unless switched on (AMB-30, handled by the entry point).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

from discharge.liability.errors import LiabilityError
from discharge.liability.population import Episode
from discharge.liability.preconditions import Finding, all_met, sto_preconditions, unmet
from discharge.liability.report import (
    ZERO,
    GroupLiability,
    RateLookup,
    average,
    by_group,
    episode_liability,
    group_amount,
    show,
)

THRESHOLD = Fraction(13, 10)  # P-STO: «när 1,3 kalenderdagar har passerat»
FREE = Decimal("1.3")
INDIVIDUAL_FREE_DAYS = 2  # C: «dag noll, ett och två» read as free days


@dataclass(frozen=True)
class StoCandidate:
    """What an allocation may look at: an episode's ready days and whether it is chargeable."""

    case_id: str
    ready_days: int
    eligible: bool  # P-STO-1..5, not X1, not X2


class StoAllocation(Protocol):
    """AMB-01: turns one payer's month into liable days per episode (by case id).

    Must return a share for every candidate, zero for an ineligible one, never more than its ready days.
    """

    @property
    def name(self) -> str: ...

    def allocate(self, candidates: Sequence[StoCandidate], *, triggered: bool) -> dict[str, Decimal]: ...


@dataclass(frozen=True)
class AggregateExcess:
    """Proposal A (default): ``max(0, Σ_eligible (N − 1.3))`` when triggered.

    The source charges a payer, not a person, so the total is attributed to eligible episodes in order of
    their own excess, longest wait first (ties by case id), each at most ``N − 1.3`` (AMB-LIAB-03).
    """

    @property
    def name(self) -> str:
        return "A"

    def allocate(self, candidates: Sequence[StoCandidate], *, triggered: bool) -> dict[str, Decimal]:
        shares = {candidate.case_id: ZERO for candidate in candidates}
        eligible = [candidate for candidate in candidates if candidate.eligible]
        if not triggered:
            return shares
        remaining = max(ZERO, sum((candidate.ready_days - FREE for candidate in eligible), ZERO))
        for candidate in sorted(eligible, key=lambda c: (-c.ready_days, c.case_id)):
            take = min(remaining, max(ZERO, candidate.ready_days - FREE))
            shares[candidate.case_id] = take
            remaining -= take
        return shares


@dataclass(frozen=True)
class PerEpisodeExcess:
    """Alternative B: ``Σ_eligible max(0, N − 1.3)`` when triggered."""

    @property
    def name(self) -> str:
        return "B"

    def allocate(self, candidates: Sequence[StoCandidate], *, triggered: bool) -> dict[str, Decimal]:
        return {c.case_id: max(ZERO, c.ready_days - FREE) if triggered and c.eligible else ZERO for c in candidates}


@dataclass(frozen=True)
class IndividualFreeDays:
    """Alternative C: ``Σ_eligible max(0, N − 2)``, ignoring the average («dag noll, ett och två»)."""

    @property
    def name(self) -> str:
        return "C"

    def allocate(self, candidates: Sequence[StoCandidate], *, triggered: bool) -> dict[str, Decimal]:
        return {
            c.case_id: Decimal(max(0, c.ready_days - INDIVIDUAL_FREE_DAYS)) if c.eligible else ZERO for c in candidates
        }


ALLOCATION_A = AggregateExcess()
ALLOCATION_B = PerEpisodeExcess()
ALLOCATION_C = IndividualFreeDays()


def compute_sto(
    episodes: tuple[Episode, ...], *, allocation: StoAllocation, rate: RateLookup | None
) -> tuple[GroupLiability, ...]:
    """One group per payer (municipality or city district, P-GEN-05); all episodes end in one month."""
    groups = []
    for (payer, _), members in by_group(episodes, lambda episode: (episode.payer, None)).items():
        mean = average(members)
        triggered = mean > THRESHOLD
        findings = {e.stay.case_id: sto_preconditions(e.stay, e.notice, e.end_at) for e in members}
        candidates = [StoCandidate(e.stay.case_id, e.ready_days, all_met(findings[e.stay.case_id])) for e in members]
        shares = allocation.allocate(candidates, triggered=triggered)
        _check(allocation, candidates, shares)
        verdict = f"average {show(mean)} {'>' if triggered else '≤'} 1.3"
        results = tuple(
            episode_liability(
                e,
                share=shares[e.stay.case_id],
                rule=f"P-STO/{allocation.name}",
                findings=findings[e.stay.case_id],
                explanation=_explain(e, findings[e.stay.case_id], shares[e.stay.case_id], verdict, allocation),
                rate=rate,
            )
            for e in members
        )
        liable = sum((result.liable_days for result in results), ZERO)
        explanation = f"P-STO: {payer}: {verdict}; allocation {allocation.name} (AMB-01): {liable} days"
        groups.append(
            GroupLiability(payer, None, mean, THRESHOLD, triggered, liable, group_amount(results), explanation, results)
        )
    return tuple(groups)


def _check(allocation: StoAllocation, candidates: Sequence[StoCandidate], shares: dict[str, Decimal]) -> None:
    for candidate in candidates:
        share = shares.get(candidate.case_id)
        if share is None or share < 0 or share > candidate.ready_days or (share > 0 and not candidate.eligible):
            raise LiabilityError(f"allocation {allocation.name} gave {candidate.case_id} an impossible share {share}")


def _explain(
    episode: Episode, findings: tuple[Finding, ...], share: Decimal, verdict: str, allocation: StoAllocation
) -> str:
    head = f"P-STO/{allocation.name}: day zero {episode.day_zero}, N = {episode.ready_days}; payer {verdict}"
    if not all_met(findings):
        return f"{head}; counts in the average but is not chargeable: {unmet(findings)}"
    return f"{head}; {share} liable days allocated" if share else f"{head}; no liable days allocated"
