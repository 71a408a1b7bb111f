"""Dashboard KPIs of §6 for one region and calendar month: ``compute_kpis(cases, region=…, month=…, now=…)``.

Role: the goals of §6.1 (K-01…K-07) and the process-compliance KPIs of §6.2 (K-10…K-21, in
``discharge.kpi_compliance``), each as a ``KpiValue`` with numerator and denominator, plus the K-18 live list
(``ready_patients``). Averages and liable days reuse the payment rules (``discharge.liability``) through
``case_to_stay``, so N, day zero, month assignment (AMB-04) and revoked episodes (AMB-26) are counted once.
Boundary: pure; ``now`` only judges overdue deadlines and the live KPIs.

Not computed here: K-22 (amounts and disputes: ``compute_liability`` with a tariff gives the amounts) and the
disclosure half of K-20 (redactions and refusals are the gateway's audit data).

Ambiguities decided here (docs/ambiguities.md):
AMB-CASE-13 K-03 counts every later case of the same patient admitted within the window (30 days) after
        discharge as a readmission: no message says whether an admission was planned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from decimal import Decimal

from discharge.calendar import local_date, to_utc
from discharge.case import Case
from discharge.case_facts import rule_set_of
from discharge.case_stay import case_to_stay
from discharge.codes import Location, Sector
from discharge.day_zero import day_zero as rfd_day_zero
from discharge.kpi_compliance import compliance_kpis
from discharge.kpi_model import KpiReport, KpiValue, PayerAverage, ReadyPatient
from discharge.legal_basis import LegalBasis
from discharge.liability import LiabilityError, LiabilityReport, Month, Stay, compute_liability
from discharge.regions import Region, Track

__all__ = ["compute_kpis", "ready_patients"]

READMISSION_WINDOW = timedelta(days=30)  # K-03 Proposal, configurable
_AVERAGE_TARGET = {Region.STO: Decimal("1.3")}  # K-01: STO threshold; 3.0 elsewhere (ORE goal, BLE/NAT)
_DEFAULT_AVERAGE_TARGET = Decimal(3)
_RED = frozenset({Track.STO_ROD, Track.ORE_RED, Track.VAR_ROD})  # K-07 excludes red tracks
_COVERED = frozenset({LegalBasis.CONSENT, LegalBasis.HARM_ASSESSMENT_PERMIT})


def compute_kpis(
    cases: Iterable[Case],
    *,
    region: Region,
    month: Month,
    now: datetime,
    readmission_window: timedelta = READMISSION_WINDOW,
) -> KpiReport:
    """Every computable KPI of ``region`` for ``month``; ``cases`` may hold other regions and months too."""
    everything = tuple(cases)
    mine = tuple(case for case in everything if case.region is region)
    stays = tuple(stay for case in mine if (stay := _stay(case)) is not None)
    descriptive = compute_liability(region, stays, month=month, active=True)  # averages, whatever AMB-30 says
    charged = compute_liability(region, stays, month=month)
    ready_days = tuple(sorted(e.ready_days for g in descriptive.groups for e in g.episodes))
    basis_counts = _legal_basis_counts(mine, month)
    values = (
        *_goal_kpis(region, ready_days, descriptive, charged),
        _readmissions(mine, everything, month, readmission_window),
        _sip_in_home(mine, month),
        *compliance_kpis(mine, month=month, now=now),
        _legal_basis_kpi(basis_counts),
    )
    return KpiReport(
        region=region,
        month=month,
        values=tuple(sorted(values, key=lambda v: _order(v.kpi))),
        ready_days=ready_days,
        payers=_payers(descriptive),
        legal_basis_counts=tuple(sorted(basis_counts.items())),
    )


def ready_patients(cases: Iterable[Case], *, region: Region, now: datetime) -> tuple[ReadyPatient, ...]:
    """K-18 live list: patients of ``region`` with an active ready-for-discharge notice, N as of ``now``."""
    found = []
    for case in cases:
        active = case.rfd.active
        if case.region is not region or active is None or case.discharged_at or case.closed_at:
            continue
        day_zero = rfd_day_zero(rule_set_of(case).region, active.sent_at, assessed_at=active.assessed_at)
        stay = _stay(case)
        found.append(
            ReadyPatient(
                case_id=case.case_id,
                payer=stay.payer if stay is not None else None,
                ready_since=active.sent_at,
                ready_days=max(0, (local_date(now) - day_zero).days),
            )
        )
    return tuple(sorted(found, key=lambda p: (-p.ready_days, p.case_id)))


def _stay(case: Case) -> Stay | None:
    try:
        return case_to_stay(case)
    except LiabilityError:  # a history the payment rules cannot count is left out of the averages
        return None


def _goal_kpis(
    region: Region, ready_days: tuple[int, ...], descriptive: LiabilityReport, charged: LiabilityReport
) -> list[KpiValue]:
    episodes = len(ready_days)
    groups = descriptive.groups
    return [
        KpiValue(
            kpi="K-01",
            title="Average calendar days in inpatient care after RFD",
            rules=("§5.2",),
            numerator=Decimal(sum(ready_days)),
            denominator=episodes,
            target=_AVERAGE_TARGET.get(region, _DEFAULT_AVERAGE_TARGET),
        ),
        KpiValue(
            kpi="K-02",
            title="Municipal payment-liability days per episode",
            rules=("R-24",),
            numerator=charged.liable_days,
            denominator=episodes,
            target=Decimal(0),
        ),
        KpiValue(
            kpi="K-04",
            title="Share of zero-day discharges (N = 0)",
            rules=("§5.2",),
            numerator=Decimal(ready_days.count(0)),
            denominator=episodes,
        ),
        KpiValue(
            kpi="K-05" if region is Region.STO else "K-06",
            title="Payers whose average triggers liability",
            rules=("R-24",),
            numerator=Decimal(sum(g.triggered for g in groups)),
            denominator=len(groups),
            target=Decimal(0),
        ),
    ]


def _payers(report: LiabilityReport) -> tuple[PayerAverage, ...]:
    return tuple(
        PayerAverage(
            payer=group.payer,
            care_type=group.care_type,
            ready_days=sum(e.ready_days for e in group.episodes),
            episodes=len(group.episodes),
            threshold=group.threshold,
            triggered=group.triggered,
        )
        for group in report.groups
    )


def _in_month(t: datetime | None, month: Month) -> bool:
    return t is not None and Month.of(local_date(t)) == month


def _readmissions(mine: Sequence[Case], everything: Sequence[Case], month: Month, window: timedelta) -> KpiValue:
    """K-03: discharged cases in the month followed by another case of the same patient (AMB-CASE-13)."""
    discharged = [c for c in mine if c.patient is not None and _in_month(c.discharged_at, month)]
    readmitted = sum(any(_readmits(later, earlier, window) for later in everything) for earlier in discharged)
    return KpiValue(
        kpi="K-03",
        title="Readmissions within 30 days of discharge",
        rules=("§6.1",),
        numerator=Decimal(readmitted),
        denominator=len(discharged),
    )


def _readmits(later: Case, earlier: Case, window: timedelta) -> bool:
    if later.case_id == earlier.case_id or later.patient is None or earlier.patient is None:
        return False
    if later.patient.identifier != earlier.patient.identifier:
        return False
    if later.admitted_at is None or earlier.discharged_at is None:
        return False
    gap = to_utc(later.admitted_at) - to_utc(earlier.discharged_at)
    return timedelta(0) < gap <= window


def _sip_in_home(mine: Sequence[Case], month: Month) -> KpiValue:
    """K-07: SIPs held in the home or after discharge, red tracks excluded (they plan the SIP before)."""
    held = [c for c in mine if c.sip.held_on and Month.of(c.sip.held_on) == month and c.track not in _RED]
    at_home = sum(_home_or_after_discharge(c) for c in held)
    return KpiValue(
        kpi="K-07",
        title="SIPs held in the home or after discharge",
        rules=("§6.1",),
        numerator=Decimal(at_home),
        denominator=len(held),
    )


def _home_or_after_discharge(case: Case) -> bool:
    if case.sip.meeting_location is Location.HOME:
        return True
    held_on, discharged_at = case.sip.held_on, case.discharged_at
    return held_on is not None and discharged_at is not None and held_on > local_date(discharged_at)


def _legal_basis_counts(mine: Sequence[Case], month: Month) -> Counter[str]:
    opened = [c for c in mine if _in_month(c.admission_notice_sent_at, month)]
    return Counter(c.legal_basis.of(Sector.INPATIENT).basis.value for c in opened)


def _legal_basis_kpi(counts: Counter[str]) -> KpiValue:
    """K-20: cases opened in the month with a basis beyond the minimal notice (consent or harm assessment)."""
    covered = sum(counts[basis.value] for basis in _COVERED)
    return KpiValue(
        kpi="K-20",
        title="Cases with a legal basis for more than the minimal notice",
        rules=("§4",),
        numerator=Decimal(covered),
        denominator=sum(counts.values()),
    )


def _order(kpi: str) -> tuple[int, str]:
    return int(kpi[2:4]), kpi
