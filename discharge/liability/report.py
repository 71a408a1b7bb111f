"""The result of a liability computation: per payer group, per episode and per liable day, each with its reason.

Days are ``Decimal`` (whole days except under the STO averages, which give tenths); averages are exact
``Fraction``s. Amounts are ``liable days × daily amount`` without rounding, because no source gives a
rounding rule (rounding to whole öre belongs to invoicing). ``None`` amounts mean no tariff was supplied.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from discharge.liability.days import leave_days, spread_backwards
from discharge.liability.model import CareType, Month, Payer
from discharge.liability.population import Episode, Exclusion
from discharge.liability.preconditions import Finding
from discharge.regions import Region

RateLookup = Callable[[CareType], Decimal]  # P-GEN-03: dailyAmount[year][careType] of the settlement year
ZERO = Decimal(0)


@dataclass(frozen=True)
class LiableDay:
    """One charged calendar day (or the charged part of it) and the rule that charged it."""

    date: date
    day_number: int  # 1..N after day zero
    portion: Decimal  # 1, or a fraction under the STO averages
    rule: str
    on_leave: bool  # R-25 leave day; recorded only, it does not change N (AMB-25)


@dataclass(frozen=True)
class EpisodeLiability:
    """One episode's outcome: its ready days, whether it may be charged, and what was charged."""

    case_id: str
    patient_id: str
    payer: Payer
    care_type: CareType
    day_zero: date
    ready_days: int
    chargeable: bool  # every precondition met
    liable_days: Decimal
    amount: Decimal | None
    days: tuple[LiableDay, ...]
    findings: tuple[Finding, ...]
    explanation: str


@dataclass(frozen=True)
class GroupLiability:
    """One payer's result (per care type in ORE); the unit every average is taken over."""

    payer: Payer
    care_type: CareType | None
    average: Fraction  # Σ N / number of episodes, exact
    threshold: Fraction | None  # None: individual rule without averaging (NAT)
    triggered: bool
    liable_days: Decimal
    amount: Decimal | None
    explanation: str
    episodes: tuple[EpisodeLiability, ...]

    @property
    def ready_days_total(self) -> int:
        return sum(episode.ready_days for episode in self.episodes)


@dataclass(frozen=True)
class LiabilityReport:
    """Everything one region owes for one settlement month, with the reasons."""

    region: Region
    rule: str  # the algorithm applied: P-NAT, P-STO, P-ORE or P-BLE
    month: Month
    variant: str | None  # STO allocation (AMB-01) or ORE variant (AMB-05)
    active: bool  # AMB-30: inactive reports charge nothing
    groups: tuple[GroupLiability, ...]
    pending: tuple[str, ...]  # open stays with an active notice (AMB-04)
    excluded: tuple[Exclusion, ...]

    @property
    def liable_days(self) -> Decimal:
        return sum((group.liable_days for group in self.groups), ZERO)

    def by_payer(self) -> dict[Payer, Decimal]:
        totals: dict[Payer, Decimal] = defaultdict(Decimal)
        for group in self.groups:
            totals[group.payer] += group.liable_days
        return dict(totals)

    def amounts_by_payer(self) -> dict[Payer, Decimal | None]:
        """Amount per payer; ``None`` when no tariff table was given (P-GEN-03)."""
        totals: dict[Payer, Decimal | None] = {}
        for group in self.groups:
            known = totals.get(group.payer, ZERO)
            totals[group.payer] = None if known is None or group.amount is None else known + group.amount
        return totals

    def by_patient(self) -> dict[tuple[Payer, str], Decimal]:
        totals: dict[tuple[Payer, str], Decimal] = defaultdict(Decimal)
        for group in self.groups:
            for episode in group.episodes:
                totals[group.payer, episode.patient_id] += episode.liable_days
        return dict(totals)

    def episode(self, case_id: str) -> EpisodeLiability:
        for group in self.groups:
            for episode in group.episodes:
                if episode.case_id == case_id:
                    return episode
        raise KeyError(case_id)


def episode_liability(
    episode: Episode,
    *,
    share: Decimal,
    rule: str,
    findings: tuple[Finding, ...],
    explanation: str,
    rate: RateLookup | None,
) -> EpisodeLiability:
    """Date ``share`` liable days on the episode's latest days and price them."""
    stay = episode.stay
    on_leave = leave_days(stay.leaves)
    days = tuple(
        LiableDay(day, number, portion, rule, day in on_leave)
        for day, number, portion in spread_backwards(episode.day_zero, episode.ready_days, share)
    )
    return EpisodeLiability(
        case_id=stay.case_id,
        patient_id=stay.patient_id,
        payer=episode.payer,
        care_type=stay.care_type,
        day_zero=episode.day_zero,
        ready_days=episode.ready_days,
        chargeable=all(finding.met for finding in findings),
        liable_days=share,
        amount=_price(share, rate, stay.care_type),
        days=days,
        findings=findings,
        explanation=explanation,
    )


def _price(days: Decimal, rate: RateLookup | None, care_type: CareType) -> Decimal | None:
    if rate is None:
        return None
    return ZERO if days == 0 else days * rate(care_type)


def group_amount(episodes: tuple[EpisodeLiability, ...]) -> Decimal | None:
    amounts = [episode.amount for episode in episodes]
    if any(amount is None for amount in amounts):
        return None
    return sum((amount for amount in amounts if amount is not None), ZERO)


def average(episodes: tuple[Episode, ...]) -> Fraction:
    return Fraction(sum(episode.ready_days for episode in episodes), len(episodes))


def switched_off(group: GroupLiability, region: Region) -> GroupLiability:
    """AMB-30: keep averages and reasons, charge nothing, and say what would have been charged."""

    def off(episode: EpisodeLiability) -> EpisodeLiability:
        note = Finding(
            "AMB-30", False, f"payment liability not active in {region}; would be {episode.liable_days} days"
        )
        zero_amount = None if episode.amount is None else ZERO
        return replace(episode, liable_days=ZERO, amount=zero_amount, days=(), findings=(*episode.findings, note))

    episodes = tuple(off(episode) for episode in group.episodes)
    explanation = f"{group.explanation}; AMB-30: liability switched off, nothing charged"
    return replace(group, liable_days=ZERO, amount=group_amount(episodes), explanation=explanation, episodes=episodes)


def by_group(
    episodes: tuple[Episode, ...], key: Callable[[Episode], tuple[Payer, CareType | None]]
) -> Mapping[tuple[Payer, CareType | None], tuple[Episode, ...]]:
    """Episodes grouped by payer (and care type), groups and members in a stable order."""
    groups: dict[tuple[Payer, CareType | None], list[Episode]] = defaultdict(list)
    for episode in episodes:
        groups[key(episode)].append(episode)
    return {
        group: tuple(sorted(members, key=lambda e: e.stay.case_id))
        for group, members in sorted(groups.items(), key=lambda item: (item[0][0], item[0][1] or ""))
    }


def show(value: Fraction) -> str:
    """An exact average for an explanation: ``4``, or ``4/3 ≈ 1.333``."""
    return str(value) if value.denominator == 1 else f"{value} ≈ {float(value):.3f}"
