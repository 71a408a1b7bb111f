"""From stays to counted episodes: which stays enter a region's averages and charges, and which do not, and why.

An ``Episode`` is a closed stay's counting period: its last unrevoked ready-for-discharge notice up to
the end of the stay, with its payer, day zero and ready days N (§5.2). Stays that cannot be counted are
reported as an ``Exclusion`` (settlement month only) or as pending (still open, AMB-04).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from discharge.liability.days import day_zero, ready_days, settlement_month
from discharge.liability.errors import InvalidStayError, RegionMismatchError
from discharge.liability.model import Month, Payer, RfdNotice, Stay
from discharge.liability.preconditions import in_target_group
from discharge.regions import Region

PSYCHIATRIC_RULES_FROM = Month(2019, 1)  # AMB-42: «Samma regler för somatisk och psykiatrisk … fr.o.m. 2019-01-01»


@dataclass(frozen=True)
class Episode:
    """One counted ready-for-discharge period of a closed stay."""

    stay: Stay
    notice: RfdNotice
    end_at: datetime
    payer: Payer
    day_zero: date
    ready_days: int  # N
    month: Month  # settlement month (AMB-04)


@dataclass(frozen=True)
class Exclusion:
    """A stay ending in the settlement month that enters no average and no charge."""

    case_id: str
    rule: str
    reason: str


@dataclass(frozen=True)
class Population:
    """Every countable episode up to the settlement month, plus what was left out of that month."""

    episodes: tuple[Episode, ...]
    pending: tuple[str, ...]
    excluded: tuple[Exclusion, ...]

    def in_month(self, month: Month) -> tuple[Episode, ...]:
        return tuple(episode for episode in self.episodes if episode.month == month)


def select(region: Region, counting: Region, stays: Iterable[Stay], *, month: Month, payer: Payer | None) -> Population:
    """Episodes of ``region`` ending in or before ``month``; ``counting`` picks the day-zero rule (VAR → NAT)."""
    episodes: list[Episode] = []
    pending: list[str] = []
    excluded: list[Exclusion] = []
    seen: set[str] = set()
    for stay in stays:
        if stay.case_id in seen:
            raise InvalidStayError(f"case {stay.case_id} given twice: one stay per case (§2.2)")
        seen.add(stay.case_id)
        if stay.region != region:
            raise RegionMismatchError(f"stay {stay.case_id} is a {stay.region} case, not {region} (§0.3)")
        if payer is not None and stay.payer != payer:
            continue
        if stay.end_at is None:
            if stay.active_notice is not None:
                pending.append(stay.case_id)  # AMB-04: open episodes are in no average
            continue
        stay_month = settlement_month(stay.end_at)
        if stay_month > month:
            continue
        notice = stay.active_notice
        reason = _exclusion(stay, notice, stay_month)
        if reason is not None or notice is None:
            if reason is not None and stay_month == month:
                excluded.append(reason)
            continue
        zero = day_zero(counting, notice)
        n = ready_days(zero, stay.end_at)
        episodes.append(Episode(stay, notice, stay.end_at, stay.payer, zero, n, stay_month))
    return Population(tuple(episodes), tuple(pending), tuple(excluded))


def _exclusion(stay: Stay, notice: RfdNotice | None, stay_month: Month) -> Exclusion | None:
    if notice is None:
        # AMB-26: a revoked notice is dropped; a stay ending without an active one carries no liability.
        detail = "ready-for-discharge revoked and not re-sent" if stay.rfd_notices else "never declared ready"
        return Exclusion(stay.case_id, "AMB-26", f"no active ready-for-discharge notice at the end ({detail})")
    if stay.end_reason == "transferred":
        return Exclusion(stay.case_id, "AMB-26", "transferred to another inpatient provider: ends and is excluded")
    if not in_target_group(stay.needs):
        return Exclusion(stay.case_id, "P-GEN-01", "no social-services or municipal health-care needs")
    if stay.care_type == "psychiatric" and stay_month < PSYCHIATRIC_RULES_FROM:
        return Exclusion(stay.case_id, "AMB-42", "psychiatric care before 2019 followed transition rules not modelled")
    return None
