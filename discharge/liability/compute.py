"""The entry point: ``compute_liability`` applies one region's payment rule (§5.3–§5.7) to one settlement month.

It selects the countable episodes (``population``) and dispatches to P-NAT, P-STO, P-ORE or P-BLE; VAR, and
any region before its own agreement started, uses P-NAT (§5.7, AMB-42). It prices liable days when a tariff
table is given (P-GEN-03) and applies the activation switch (AMB-30). Everything it reads is an argument:
no clock, no configuration files, no environment."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from discharge.liability.ble import compute_ble
from discharge.liability.errors import MissingDailyAmountError, RuleNotInForceError
from discharge.liability.model import CareType, Month, Payer, Stay
from discharge.liability.nat import compute_nat
from discharge.liability.ore import OreVariant, compute_ore
from discharge.liability.population import select
from discharge.liability.report import GroupLiability, LiabilityReport, RateLookup, switched_off
from discharge.liability.sto import ALLOCATION_A, StoAllocation, compute_sto
from discharge.regions import NAT_RULES, Region, rule_set_for

DailyAmounts = Mapping[tuple[int, CareType], Decimal]  # P-GEN-03: dailyAmount[year][careType], SEK per day

ACT_IN_FORCE = Month.of(NAT_RULES.effective_from)  # Lag (2017:612) from 2018-01-01
# AMB-42: effective-dated rule sets; before a regional agreement starts the Act's default (NAT) applies,
# as in discharge.regions.rule_set_for, whose dates these are.
AGREEMENT_FROM: Mapping[Region, Month] = {
    region: Month.of(rule_set_for(region).effective_from) for region in (Region.ORE, Region.BLE, Region.STO)
}
# AMB-30: STO liability is off until Lifecare SP data are reliable; every other rule is on.
ACTIVE_BY_DEFAULT: Mapping[Region, bool] = {Region.STO: False}
RULE: Mapping[Region, str] = {Region.NAT: "P-NAT", Region.STO: "P-STO", Region.ORE: "P-ORE", Region.BLE: "P-BLE"}


def compute_liability(
    region: Region,
    stays: Iterable[Stay],
    *,
    month: Month,
    payer: Payer | None = None,
    allocation: StoAllocation = ALLOCATION_A,
    ore_variant: OreVariant = "A",
    daily_amounts: DailyAmounts | None = None,
    active: bool | None = None,
) -> LiabilityReport:
    """Liable days (and amounts) per payer and episode for stays of ``region`` settled in ``month``.

    ``stays`` may hold every stay of the region; those ending after ``month`` are ignored, and only BLE
    reads the earlier months (its three-month streaks). ``payer`` restricts the report to one payer; since
    every average is per payer, that changes nothing else. ``allocation`` applies to STO (AMB-01),
    ``ore_variant`` to ORE (AMB-05); ``active`` overrides the rule's default switch (AMB-30).
    """
    rule_region, note = applied_rule(region, month)
    population = select(region, rule_region, stays, month=month, payer=payer)
    rate = _rates(daily_amounts, month)
    current = population.in_month(month)
    groups: tuple[GroupLiability, ...]
    variant: str | None = None
    if rule_region is Region.STO:
        groups, variant = compute_sto(current, allocation=allocation, rate=rate), allocation.name
    elif rule_region is Region.ORE:
        groups, variant = compute_ore(current, variant=ore_variant, rate=rate), ore_variant
    elif rule_region is Region.BLE:
        groups = compute_ble(population.episodes, month=month, rate=rate)
    else:
        groups = compute_nat(current, rate=rate, note=note)
    is_active = ACTIVE_BY_DEFAULT.get(rule_region, True) if active is None else active
    if not is_active:
        groups = tuple(switched_off(group, rule_region) for group in groups)
    return LiabilityReport(
        region=region,
        rule=RULE[rule_region],
        month=month,
        variant=variant,
        active=is_active,
        groups=groups,
        pending=population.pending,
        excluded=population.excluded,
    )


def applied_rule(region: Region, month: Month) -> tuple[Region, str]:
    """The region whose payment rule applies to ``month``, and why when it is not the region's own."""
    if month < ACT_IN_FORCE:
        raise RuleNotInForceError(f"no payment rule before Lag (2017:612) came into force in {ACT_IN_FORCE}: {month}")
    if region is Region.VAR:
        return Region.NAT, "VAR has no payment rule of its own (§5.7, AMB-31); "
    start = AGREEMENT_FROM.get(region)
    if start is not None and month < start:
        return Region.NAT, f"the {region} agreement applies from {start}; before it the Act's default (AMB-42); "
    return region, ""


def _rates(daily_amounts: DailyAmounts | None, month: Month) -> RateLookup | None:
    if daily_amounts is None:
        return None
    table = daily_amounts

    def rate(care_type: CareType) -> Decimal:
        # P-GEN-03 / AMB-LIAB-01: the amount of the settlement month's year, by care type.
        try:
            return table[month.year, care_type]
        except KeyError:
            raise MissingDailyAmountError(f"no daily amount for {month.year} {care_type} care") from None

    return rate
