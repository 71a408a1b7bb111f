"""§5.2 ``dayZero`` — the one definition, used by the deadlines (R-09 KPI), the KPIs and payment liability.

The date numbered 0 for a ready-for-discharge notice; the next date is day 1. Dates are Europe/Stockholm
calendar dates, so a DST day is one day like any other.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from discharge.calendar import local, local_date
from discharge.regions import Region

_NOON = time(12)
_ONE_DAY = timedelta(days=1)


def day_zero(region: Region, sent_at: datetime, *, assessed_at: datetime | None = None) -> date:
    """Day zero of a notice sent at ``sent_at`` under ``region``'s rules (R-09, AMB-02)."""
    sent = local(sent_at)
    if region is Region.STO:
        # R-09 (STO): «före kl 12» — 12:00:00 itself is not before noon, so day zero moves on (DC-3).
        return sent.date() if sent.time() < _NOON else sent.date() + _ONE_DAY
    if region is Region.ORE:
        # R-09 (ORE): «efter kl. 12.00 räknas denna dag bort» — 12:00:00 itself still counts (DC-4, AMB-02).
        return sent.date() if sent.time() <= _NOON else sent.date() + _ONE_DAY
    if region is Region.BLE:
        # P-BLE: «Dagen efter bedömning som utskrivningsklar räknas som dag 1» — no noon rule.
        return local_date(assessed_at if assessed_at is not None else sent_at)
    # P-NAT (and VAR under the NAT fallback, §5.7, AMB-31): «tre dagar (dag 4) efter underrättelse».
    return sent.date()
