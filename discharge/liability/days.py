"""Day counting of §5.2: day zero per region (R-09 12:00 rule), ready days N, leave days, settlement month.

Calendar arithmetic only: every rule here works on Europe/Stockholm *dates*, so a 23- or 25-hour DST day is
one day like any other (P-GEN-04: all calendar days count). Elapsed durations (the leave predicate) are
measured between instants in UTC, so DST changes count as real hours (§0.3).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from discharge.day_zero import day_zero as rule_day_zero
from discharge.liability.model import STOCKHOLM, Leave, Month, RfdNotice
from discharge.regions import Region

ONE_DAY = timedelta(days=1)
SIP_INVITATION_DAYS = 3  # R-07 / P-STO-4: «senast tre dagar efter meddelande om … utskrivningsklar»
_LEAVE_WINDOW_START = time(6)  # «mellan klockan 06.00- 24.00»
_LEAVE_MINIMUM = timedelta(hours=12)  # «sammanhållet minst 12 timmar»


def local(instant: datetime) -> datetime:
    """The instant as Europe/Stockholm wall-clock time."""
    return instant.astimezone(STOCKHOLM)


def local_date(instant: datetime) -> date:
    return local(instant).date()


def day_zero(region: Region, notice: RfdNotice) -> date:
    """The date numbered 0 for ``notice`` (§5.2; the rule itself is ``discharge.day_zero``)."""
    return rule_day_zero(region, notice.sent_at, assessed_at=notice.assessed_at)


def ready_days(zero: date, end_at: datetime) -> int:
    """N: calendar-date changes from day zero to the end date; a same-day discharge is N = 0 (AMB-03)."""
    return max(0, (local_date(end_at) - zero).days)


def settlement_month(end_at: datetime) -> Month:
    """AMB-04: an episode belongs to the calendar month of its (local) end date."""
    return Month.of(local_date(end_at))


def sip_invitation_deadline(rfd_sent_at: datetime) -> datetime:
    """``endOfDayPlusDays(rfdSentAt, 3)`` (§2.1, R-07): 23:59:59.999 local time three dates later (DL-6)."""
    last_day = local_date(rfd_sent_at) + timedelta(days=SIP_INVITATION_DAYS)
    return datetime.combine(last_day, time(23, 59, 59, 999_000), tzinfo=STOCKHOLM)


def sent_by_sip_deadline(rfd_sent_at: datetime, invitation_sent_at: datetime) -> bool:
    """P-STO-4 on local dates, so no instant within the last local day falls between .999 and midnight."""
    return local_date(invitation_sent_at) <= local_date(rfd_sent_at) + timedelta(days=SIP_INVITATION_DAYS)


def leave_days(leaves: Iterable[Leave]) -> frozenset[date]:
    """R-25: dates with ≥ 12 h of one continuous absence inside local 06:00–24:00."""
    days: set[date] = set()
    for leave in leaves:
        day = local_date(leave.start)
        while day <= local_date(leave.end):
            window_start = datetime.combine(day, _LEAVE_WINDOW_START, tzinfo=STOCKHOLM)
            window_end = datetime.combine(day + ONE_DAY, time(0), tzinfo=STOCKHOLM)
            # In UTC: Python compares and subtracts same-zone aware datetimes by wall-clock time.
            start = max(leave.start.astimezone(UTC), window_start.astimezone(UTC))
            end = min(leave.end.astimezone(UTC), window_end.astimezone(UTC))
            if end - start >= _LEAVE_MINIMUM:
                days.add(day)
            day += ONE_DAY
    return frozenset(days)


def spread_backwards(zero: date, n: int, share: Decimal) -> tuple[tuple[date, int, Decimal], ...]:
    """Date the liable ``share`` of an episode: whole days from day N backwards, a fraction last.

    NAT's «dag 4» onwards, ORE/BLE's days beyond three and the STO allocations all charge the *latest*
    waiting days, so one rule dates them all (AMB-LIAB-03). Returns ``(date, day number, portion)`` oldest first.
    """
    if share < 0 or share > n:
        raise ValueError(f"a liable share of {share} days does not fit {n} ready days")
    dated: list[tuple[date, int, Decimal]] = []
    remaining = share
    number = n
    while remaining > 0:
        portion = min(Decimal(1), remaining)
        dated.append((zero + timedelta(days=number), number, portion))
        remaining -= portion
        number -= 1
    return tuple(reversed(dated))
