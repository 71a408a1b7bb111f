"""Result types of the dashboard KPIs (§6): one ``KpiValue`` per KPI with numerator and denominator.

Role: plain immutable values the KPI functions return and the gateway renders (dashboard, FHIR
``MeasureReport``). Boundary: no computation beyond the ratio and the target check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from discharge.liability import Month, Payer
from discharge.regions import Region

__all__ = ["KpiReport", "KpiValue", "PayerAverage", "ReadyPatient"]


@dataclass(frozen=True, slots=True, kw_only=True)
class KpiValue:
    """One KPI: ``value = numerator / denominator`` (``None`` with an empty denominator).

    ``target`` is the §6 goal for ``value``: a maximum (averages, liable days) or, with
    ``target_is_minimum``, a minimum share.
    """

    kpi: str  # "K-10"
    title: str
    rules: tuple[str, ...]  # the rules it measures ("R-01",)
    numerator: Decimal
    denominator: int
    target: Decimal | None = None
    target_is_minimum: bool = False

    @property
    def value(self) -> Fraction | None:
        if self.denominator == 0:
            return None
        return Fraction(self.numerator) / self.denominator

    @property
    def met(self) -> bool | None:
        value = self.value
        if value is None or self.target is None:
            return None
        target = Fraction(self.target)
        return value >= target if self.target_is_minimum else value <= target


@dataclass(frozen=True, slots=True, kw_only=True)
class PayerAverage:
    """K-05 / K-06: one payer's (and care type's) average ready days against the region's threshold."""

    payer: Payer
    care_type: str | None
    ready_days: int
    episodes: int
    threshold: Fraction | None
    triggered: bool

    @property
    def average(self) -> Fraction | None:
        return Fraction(self.ready_days, self.episodes) if self.episodes else None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadyPatient:
    """K-18 live list: a patient currently ready for discharge, with the current N and the payer."""

    case_id: str
    payer: Payer | None
    ready_since: datetime  # the active M-12
    ready_days: int


@dataclass(frozen=True, slots=True, kw_only=True)
class KpiReport:
    region: Region
    month: Month
    values: tuple[KpiValue, ...]
    ready_days: tuple[int, ...] = ()  # K-04: N of every episode ended in the month, sorted
    payers: tuple[PayerAverage, ...] = ()  # K-05 / K-06
    legal_basis_counts: tuple[tuple[str, int], ...] = ()  # K-20: inpatient basis → cases

    def get(self, kpi: str) -> KpiValue:
        return next(value for value in self.values if value.kpi == kpi)

    @property
    def ready_days_median(self) -> Fraction | None:
        """K-04 median of N."""
        days = self.ready_days
        if not days:
            return None
        middle = len(days) // 2
        return Fraction(days[middle]) if len(days) % 2 else Fraction(days[middle - 1] + days[middle], 2)

    @property
    def ready_days_p90(self) -> int | None:
        """K-04 90th percentile of N (nearest rank)."""
        if not self.ready_days:
            return None
        rank = -(-9 * len(self.ready_days) // 10)  # ceil(0.9 n)
        return self.ready_days[rank - 1]
