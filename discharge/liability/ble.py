"""P-BLE (§5.6): Blekinge's three consecutive months with an average above three days → liability from month 4.

A state machine over calendar months per payer municipality (AMB-06: no somatic/psychiatric split),
monthly averages as in ORE but counted from the physician's assessment, with no noon rule (§5.2). In a
liable month each episode meeting P-NAT-1..3 is charged ``N − 3``; liability ends after three consecutive
months at or below three, and those three months are still charged (AMB-06).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from discharge.liability.model import Month
from discharge.liability.nat import beyond_free_days
from discharge.liability.population import Episode
from discharge.liability.preconditions import nat_preconditions
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
from discharge.regions import BLE_RULES

START = Month.of(BLE_RULES.effective_from)  # «tillämpningen startar den 1 februari i Blekinge»
THRESHOLD = Fraction(3)  # «överskrider 3 kalenderdagar»
STREAK = 3  # «under 3 månader i följd» / «under tre sammanhängande månader»


def ble_liable_months(averages: Mapping[Month, Fraction | None], *, through: Month | None = None) -> dict[Month, bool]:
    """Whether each month from the first given one to ``through`` (or the last given) is liable.

    A month's liability depends only on the months before it. A month without episodes (missing, or
    ``None``) has no average above three: it breaks an over-streak and extends an under-streak (AMB-LIAB-04).
    """
    months = sorted(averages)
    if through is not None:
        months.append(through)
    if not months:
        return {}
    liable_now, over, under = False, 0, 0
    result: dict[Month, bool] = {}
    for month in months[0].through(max(months)):
        mean = averages.get(month)
        above = mean is not None and mean > THRESHOLD
        result[month] = liable_now
        if not liable_now:
            over = over + 1 if above else 0
            if over == STREAK:  # liable from the next month («från månad 4»)
                liable_now, under = True, 0
        else:
            under = 0 if above else under + 1
            if under == STREAK:  # the claim ends; this third month was still charged (AMB-06)
                liable_now, over = False, 0
    return result


def compute_ble(episodes: tuple[Episode, ...], *, month: Month, rate: RateLookup | None) -> tuple[GroupLiability, ...]:
    """One group per payer with episodes ending in ``month``; ``episodes`` is every month up to it."""
    groups = []
    for (payer, _), history in by_group(episodes, lambda episode: (episode.payer, None)).items():
        members = tuple(e for e in history if e.month == month)
        if not members:
            continue
        averages: dict[Month, Fraction | None] = {
            m: average(tuple(e for e in history if e.month == m)) for m in {e.month for e in history} if m >= START
        }
        liable = ble_liable_months(averages, through=month)[month]
        results = tuple(_episode(e, liable=liable, month=month, rate=rate) for e in members)
        days = sum((result.liable_days for result in results), ZERO)
        state = "a liable month" if liable else "not a liable month"
        explanation = f"P-BLE: {payer}: {month} is {state} (before it: {_trail(averages, month)}); {days} days"
        mean = average(members)
        groups.append(
            GroupLiability(payer, None, mean, THRESHOLD, liable, days, group_amount(results), explanation, results)
        )
    return tuple(groups)


def _episode(episode: Episode, *, liable: bool, month: Month, rate: RateLookup | None) -> EpisodeLiability:
    findings = nat_preconditions(episode.stay, episode.notice, episode.end_at)  # P-NAT-1..3 (AMB-06)
    if liable:
        return beyond_free_days(episode, rule="P-BLE", findings=findings, rate=rate)
    explanation = f"P-BLE: day zero {episode.day_zero}, N = {episode.ready_days}; {month} is not a liable month"
    return episode_liability(episode, share=ZERO, rule="P-BLE", findings=findings, explanation=explanation, rate=rate)


def _trail(averages: Mapping[Month, Fraction | None], month: Month) -> str:
    months = [month.previous()]
    while len(months) < STREAK:
        months.append(months[-1].previous())
    shown = (f"{m} {show(mean)}" if (mean := averages.get(m)) is not None else f"{m} none" for m in reversed(months))
    return ", ".join(shown)
