"""Payment liability (betalningsansvar, spec §5): which municipality pays for which ready-for-discharge days.

Pure: standard library only (plus ``discharge.regions.Region``); every input is an argument, never the
clock, disk or environment. Build ``Stay`` objects, call ``compute_liability(region, stays, month=...)``
and read the ``LiabilityReport``: per payer group, per episode and per liable day, each with the rule
that produced it (``LiableDay.rule``), the preconditions checked (``Finding``) and a sentence of why.

Rules (ids as in the spec): P-GEN-01…05 (§5.1), day counting §5.2 with R-09, P-NAT with P-NAT-1…3
(§5.3), P-STO with P-STO-1…5, X1, X2, X3 (§5.4), P-ORE with P-ORE-1…4 (§5.5), P-BLE (§5.6), VAR = P-NAT
(§5.7). Modules: ``model`` (inputs), ``days`` (counting), ``preconditions``, ``population`` (which stays
count), ``nat``, ``sto``, ``ore``, ``ble`` (the rules), ``report`` (results), ``compute`` (entry point).

Ambiguities decided here (details in docs/ambiguities.md):

- AMB-01 STO: monthly period; threshold ``average > 1.3`` exact; allocation is a strategy, A by default
  (``ALLOCATION_A``), B and C available, or any ``StoAllocation``.
- AMB-02 R-09 as coded in §5.2: STO moves day zero at 12:00:00, ORE does not; BLE counts from the assessment.
- AMB-03 the discharge day is counted: N is the date difference from day zero.
- AMB-04 an episode belongs to its local end-date month; open stays are ``pending``, in no average.
- AMB-05 ORE-A (N − 3) by default, ORE-B (all N) with ``ore_variant="B"``; failing episodes stay averaged.
- AMB-06 BLE per payer municipality, no somatic/psychiatric split, N − 3, the three ending months are
  charged, P-NAT-1…3 apply.
- AMB-07 / P-GEN-01 stays without social-services or municipal health-care needs enter no average anywhere.
- AMB-21 P-STO-3 is waived when there are no outpatient needs.
- AMB-25 leave days are marked on liable days (``on_leave``) but change neither N nor the charge.
- AMB-26 a revoked notice is dropped (the next notice restarts the count); death ends and counts;
  transfer ends and excludes.
- AMB-28 P-STO-1 needs M-01 by its R-01 deadline; an unknown deadline is not met. NAT/ORE: sent is enough.
- AMB-30 STO liability is off by default (``active=None``); an inactive report charges nothing but keeps
  averages and says what would have been charged.
- AMB-31 VAR applies P-NAT.
- AMB-33 the caller picks the region; a stay of another region is refused (``RegionMismatchError``).
- AMB-42 no rule before 2018-01; before a regional agreement starts, P-NAT applies; psychiatric stays
  settled before 2019 are excluded (the 2018 transition rules are not modelled).
- AMB-LIAB-01 the daily amount is the settlement month's year's, per care type; amounts are not rounded.
- AMB-LIAB-02 "met before the end" includes the end instant; X2 has the same allowance as P-STO-4.
- AMB-LIAB-03 A's payer total goes to the longest waits first; every share is dated on the latest days.
- AMB-LIAB-04 a BLE month without episodes is not above three (breaks an over-streak, extends an under-one).
- AMB-LIAB-05 an RFD history that re-sends without revoking, or runs past the end, is refused.
"""

from __future__ import annotations

from discharge.liability.ble import ble_liable_months
from discharge.liability.compute import DailyAmounts, applied_rule, compute_liability
from discharge.liability.errors import (
    InvalidStayError,
    LiabilityError,
    MissingDailyAmountError,
    RegionMismatchError,
    RuleNotInForceError,
)
from discharge.liability.model import (
    CHILD_CLINIC_CARE_TYPE,
    CareType,
    Leave,
    Month,
    Needs,
    Payer,
    Placement,
    RfdNotice,
    Stay,
)
from discharge.liability.ore import OreVariant
from discharge.liability.population import Exclusion
from discharge.liability.preconditions import Finding
from discharge.liability.report import EpisodeLiability, GroupLiability, LiabilityReport, LiableDay
from discharge.liability.sto import (
    ALLOCATION_A,
    ALLOCATION_B,
    ALLOCATION_C,
    AggregateExcess,
    IndividualFreeDays,
    PerEpisodeExcess,
    StoAllocation,
    StoCandidate,
)

__all__ = [
    "ALLOCATION_A",
    "ALLOCATION_B",
    "ALLOCATION_C",
    "CHILD_CLINIC_CARE_TYPE",
    "AggregateExcess",
    "CareType",
    "DailyAmounts",
    "EpisodeLiability",
    "Exclusion",
    "Finding",
    "GroupLiability",
    "IndividualFreeDays",
    "InvalidStayError",
    "Leave",
    "LiabilityError",
    "LiabilityReport",
    "LiableDay",
    "MissingDailyAmountError",
    "Month",
    "Needs",
    "OreVariant",
    "Payer",
    "PerEpisodeExcess",
    "Placement",
    "RegionMismatchError",
    "RfdNotice",
    "RuleNotInForceError",
    "Stay",
    "StoAllocation",
    "StoCandidate",
    "applied_rule",
    "ble_liable_months",
    "compute_liability",
]
