"""Swedish working calendar and the time primitives of spec §2.1, in Europe/Stockholm local time.

Pure: no clock, no environment; every function takes the moments it needs and rejects naive
datetimes with ``ValueError``. Returned instants are Stockholm-local aware datetimes.

Two representations of "end of a day" appear in §2.1 and both are kept, each where the spec uses it:

* the *date-based* helpers (``end_of_day``, ``end_of_day_plus_days``, ``end_of_weekdays_after``) return
  23:59:59.999 local time (the §2.1 ``endOfDayPlusDays`` vector);
* the *elapsed-hours* helper ``plus_weekday_hours`` returns the next local midnight when the clock runs out
  exactly at the end of a weekday (the §2.1 vector ``plusWeekdayHours(Sat 09:00, 24) = Tue 00:00``).

Callers compare date-granular deadlines by local date (``discharge.deadlines`` does), so the last
millisecond of a day is never lost to the 23:59:59.999 convention.

AMB-13: "n days" means calendar days ending at the end of the local day (``end_of_day_plus_days``).
AMB-14: "24 timmar på vardagar" runs the clock only on weekdays (``plus_weekday_hours``); Midsummer Eve,
Christmas Eve and New Year's Eve are non-weekdays by default and configurable per region (``WorkdayPolicy``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
END_OF_DAY = time(23, 59, 59, 999000)  # §2.1: "23:59:59.999 local time"
_SATURDAY, _SUNDAY = 5, 6
_FIRST_SUPPORTED_YEAR = 1953  # Midsommardagen and Alla helgons dag have been floating Saturdays since 1953


def easter_sunday(year: int) -> date:
    """Påskdagen by the anonymous Gregorian computus (Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _saturday_between(start: date) -> date:
    """The Saturday in the seven days starting at ``start``."""
    return start + timedelta(days=(_SATURDAY - start.weekday()) % 7)


@lru_cache(maxsize=256)
def _holidays(year: int) -> Mapping[date, str]:
    if year < _FIRST_SUPPORTED_YEAR:
        raise ValueError(f"Swedish holidays before {_FIRST_SUPPORTED_YEAR} are not modelled: {year}")
    easter = easter_sunday(year)
    days = {
        date(year, 1, 1): "Nyårsdagen",
        date(year, 1, 6): "Trettondedag jul",
        easter - timedelta(days=2): "Långfredagen",
        easter: "Påskdagen",
        easter + timedelta(days=1): "Annandag påsk",
        date(year, 5, 1): "Första maj",
        easter + timedelta(days=39): "Kristi himmelsfärdsdag",
        easter + timedelta(days=49): "Pingstdagen",
        _saturday_between(date(year, 6, 20)): "Midsommardagen",
        _saturday_between(date(year, 10, 31)): "Alla helgons dag",
        date(year, 12, 25): "Juldagen",
        date(year, 12, 26): "Annandag jul",
    }
    if year >= 2005:
        days[date(year, 6, 6)] = "Sveriges nationaldag"
    else:  # until 2004 Annandag pingst was the holiday that the national day replaced
        days[easter + timedelta(days=50)] = "Annandag pingst"
    return MappingProxyType(dict(sorted(days.items())))


def swedish_public_holidays(year: int) -> Mapping[date, str]:
    """The allmänna helgdagar of ``year`` that are not Sundays by definition, keyed by date."""
    return _holidays(year)


def swedish_eves(year: int) -> Mapping[date, str]:
    """Midsommarafton, Julafton and Nyårsafton: working days in law, non-weekdays by default here (§2.1)."""
    midsummer_eve = _saturday_between(date(year, 6, 20)) - timedelta(days=1)
    return MappingProxyType(
        {midsummer_eve: "Midsommarafton", date(year, 12, 24): "Julafton", date(year, 12, 31): "Nyårsafton"}
    )


@dataclass(frozen=True)
class WorkdayPolicy:
    """What counts as a weekday (vardag) for one region's rule set (§2.1 ``isWeekday``; AMB-14)."""

    eves_are_weekdays: bool = False
    rest_days: frozenset[int] = frozenset({_SATURDAY, _SUNDAY})  # date.weekday() numbers
    observe_public_holidays: bool = True

    def __post_init__(self) -> None:
        if not self.rest_days <= frozenset(range(7)) or len(self.rest_days) == 7:
            raise ValueError(f"rest_days must be weekday numbers 0-6 leaving at least one weekday: {self.rest_days}")

    def is_weekday(self, d: date) -> bool:
        d = _plain_date(d)
        if d.weekday() in self.rest_days:
            return False
        if self.observe_public_holidays and d in swedish_public_holidays(d.year):
            return False
        return self.eves_are_weekdays or d not in swedish_eves(d.year)


DEFAULT_POLICY = WorkdayPolicy()


def _plain_date(d: date) -> date:
    if isinstance(d, datetime):
        raise TypeError("expected a date, got a datetime; use local_date(t)")
    return d


def require_aware(t: datetime) -> datetime:
    """Return ``t`` unchanged, or raise ``ValueError`` if it is naive."""
    if t.tzinfo is None or t.utcoffset() is None:
        raise ValueError(f"naive datetime not allowed (give a timezone): {t.isoformat()}")
    return t


def local(t: datetime) -> datetime:
    """``t`` as Stockholm local time."""
    return require_aware(t).astimezone(STOCKHOLM)


def to_utc(t: datetime) -> datetime:
    """``t`` in UTC; compare and subtract instants in UTC (same-zone aware arithmetic is wall-clock)."""
    return require_aware(t).astimezone(UTC)


def local_date(t: datetime) -> date:
    """The Stockholm calendar date of instant ``t``."""
    return local(t).date()


def start_of_day(d: date) -> datetime:
    """Local midnight at the start of ``d`` (Swedish DST changes at 02:00/03:00, so midnight always exists)."""
    return datetime.combine(_plain_date(d), time(0), tzinfo=STOCKHOLM)


def end_of_day(d: date) -> datetime:
    """23:59:59.999 local time on ``d``."""
    return datetime.combine(_plain_date(d), END_OF_DAY, tzinfo=STOCKHOLM)


def next_midnight(t: datetime) -> datetime:
    """The first local midnight strictly after ``t``."""
    return start_of_day(local_date(t) + timedelta(days=1))


def is_weekday(d: date, *, policy: WorkdayPolicy = DEFAULT_POLICY) -> bool:
    """§2.1 ``isWeekday``: Monday–Friday, not a public holiday, not an eve unless the policy says so."""
    return policy.is_weekday(d)


def plus_hours(t: datetime, hours: float) -> datetime:
    """§2.1 ``plusHours``: ``t`` + elapsed hours, so a DST change counts as the real 23 or 25 hours."""
    return (to_utc(t) + timedelta(hours=hours)).astimezone(STOCKHOLM)


def plus_weekday_hours(t: datetime, hours: float, *, policy: WorkdayPolicy = DEFAULT_POLICY) -> datetime:
    """§2.1 ``plusWeekdayHours``: add ``hours`` of clock time that runs only during weekdays.

    Follows the spec's loop literally, measuring each day's remaining time in UTC so a 23 h or 25 h day
    counts as what it is. When the hours run out exactly at the end of a weekday the result is the
    following local midnight ("Tue 00:00 = end of Monday").
    """
    if hours < 0:
        raise ValueError(f"hours must be >= 0: {hours}")
    remaining = timedelta(hours=hours)
    cur = local(t)
    while True:
        midnight = next_midnight(cur)
        if not policy.is_weekday(cur.date()):
            cur = midnight
            continue
        available = to_utc(midnight) - to_utc(cur)
        if remaining <= available:
            return (to_utc(cur) + remaining).astimezone(STOCKHOLM)
        remaining -= available
        cur = midnight


def end_of_day_plus_days(t: datetime, n: int) -> datetime:
    """§2.1 ``endOfDayPlusDays``: 23:59:59.999 local time on ``local_date(t)`` + ``n`` calendar days."""
    return end_of_day(local_date(t) + timedelta(days=n))


def nth_weekday_after(d: date, n: int, *, policy: WorkdayPolicy = DEFAULT_POLICY) -> date:
    """The ``n``-th weekday strictly after date ``d`` (``n`` >= 1)."""
    if n < 1:
        raise ValueError(f"n must be >= 1: {n}")
    cur = _plain_date(d)
    while n:
        cur += timedelta(days=1)
        if policy.is_weekday(cur):
            n -= 1
    return cur


def end_of_weekdays_after(d: date, n: int, *, policy: WorkdayPolicy = DEFAULT_POLICY) -> datetime:
    """§2.1 ``endOfWeekdaysAfter``: 23:59:59.999 local time on the ``n``-th weekday strictly after ``d``."""
    return end_of_day(nth_weekday_after(d, n, policy=policy))
