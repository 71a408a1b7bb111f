"""STO routine rules that are not case deadlines: reading cadence (R-23), leave days (R-25), basic home health
care (R-27). Pure predicates over explicit instants."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from discharge.calendar import STOCKHOLM, next_midnight, plus_weekday_hours, to_utc
from discharge.deadlines.model import Deadline, DeadlineKind, Party
from discharge.regions import RuleId, RuleSet

UNREAD_WEEKDAY_HOURS = 4  # R-23 Proposal: KPI "unread > 4 weekday-hours"
LEAVE_DAY_FROM = time(6)  # «mellan klockan 06.00- 24.00»
LEAVE_DAY_MINIMUM = timedelta(hours=12)  # «sammanhållet minst 12 timmar»
BASIC_HOME_HEALTH_CARE_DAYS = 14  # «minst 14 dagar»
BASIC_HOME_HEALTH_CARE_VISITS = 2  # «minst två insatser i hemmet per månad»


def message_read_deadline(
    received_at: datetime, rules: RuleSet, *, responsible: Party, subject: str | None = None
) -> Deadline | None:
    # R-23 (STO): parties open Lifecare SP twice per weekday → a message unread after 4 weekday-hours is late
    if not rules.applies(RuleId.R23):
        return None
    return Deadline(
        rule=RuleId.R23,
        region=rules.region,
        kind=DeadlineKind.KPI_THRESHOLD,
        responsible=responsible,
        due=plus_weekday_hours(received_at, UNREAD_WEEKDAY_HOURS, policy=rules.workday_policy),
        description="Read new messages at least twice per weekday (KPI: within 4 weekday-hours)",
        subject=subject,
    )


def is_leave_day(d: date, absences: Iterable[tuple[datetime, datetime]]) -> bool:
    """R-25 (STO): ``d`` is a leave day if one unbroken absence covers ≥ 12 h of [d 06:00, d+1 00:00).

    Measured in elapsed time, so the window is 18 h even on a DST day (Swedish clocks change at 02:00/03:00).
    """
    if isinstance(d, datetime):
        raise TypeError("expected a date, got a datetime")
    window_start = to_utc(datetime.combine(d, LEAVE_DAY_FROM, tzinfo=STOCKHOLM))
    window_end = to_utc(next_midnight(window_start))
    for start, end in absences:
        overlap = min(to_utc(end), window_end) - max(to_utc(start), window_start)
        if overlap >= LEAVE_DAY_MINIMUM:
            return True
    return False


def is_basic_home_health_care(expected_days: int, home_visits_per_month: int) -> bool:
    """R-27 (STO): basal hemsjukvård = needs lasting ≥ 14 days with ≥ 2 home visits a month."""
    return expected_days >= BASIC_HOME_HEALTH_CARE_DAYS and home_visits_per_month >= BASIC_HOME_HEALTH_CARE_VISITS
