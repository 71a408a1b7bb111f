"""The value types a deadline rule returns: ``Deadline``, ``Issue``, ``CoveragePeriod``, and how a deadline is judged.

A ``Deadline`` is either instant-based (met when fulfilled at or before ``due``) or date-based (``due_date``
set: met when fulfilled on or before that local date; ``due`` is then 23:59:59.999 of it, for display and
sorting). R-08 adds a window start (``earliest``): fulfilment before it is too early and counts as missed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from discharge.calendar import local, local_date, require_aware, to_utc
from discharge.regions import Region, RuleId


class DeadlineKind(StrEnum):
    HARD = "hard"  # a "shall … at the latest" in the source
    SOFT = "soft"  # "preferably" (helst) or optional: flagged late, never a breach
    KPI_THRESHOLD = "kpi-threshold"  # the source says "without delay"/"immediately"; the number is a Proposal
    VALIDATION = "validation"  # checked at an event (e.g. discharge) rather than chased as a task


class Party(StrEnum):
    """The role that must act."""

    INPATIENT = "inpatient"
    OUTPATIENT = "outpatient"
    MUNICIPALITY = "municipality"
    SOCIAL_SERVICES = "social-services"
    MUNICIPAL_HEALTH_CARE = "municipal-health-care"
    FVK = "fvk"


class DeadlineStatus(StrEnum):
    MET = "met"
    MISSED = "missed"  # fulfilled, but late (or before an R-08 window opened)
    PENDING = "pending"  # not fulfilled, still time
    OVERDUE = "overdue"  # not fulfilled, time is up


@dataclass(frozen=True, kw_only=True)
class Deadline:
    rule: RuleId
    region: Region
    kind: DeadlineKind
    responsible: Party
    due: datetime
    description: str
    due_date: date | None = None
    earliest: datetime | None = None
    message: str | None = None  # the M-nn message that fulfils it
    subject: str | None = None  # e.g. the recipient unit for per-recipient deadlines

    def __post_init__(self) -> None:
        object.__setattr__(self, "due", local(self.due))
        if self.earliest is not None:
            object.__setattr__(self, "earliest", local(self.earliest))


def is_met(deadline: Deadline, at: datetime) -> bool:
    """Whether fulfilling ``deadline`` at instant ``at`` meets it."""
    require_aware(at)
    if deadline.due_date is not None:
        day = local_date(at)
        if deadline.earliest is not None and day < deadline.earliest.date():
            return False
        return day <= deadline.due_date
    if deadline.earliest is not None and to_utc(at) < to_utc(deadline.earliest):
        return False
    return to_utc(at) <= to_utc(deadline.due)


def _is_past(deadline: Deadline, now: datetime) -> bool:
    if deadline.due_date is not None:
        return local_date(now) > deadline.due_date
    return to_utc(now) > to_utc(deadline.due)


def status(deadline: Deadline, fulfilled_at: datetime | None, now: datetime) -> DeadlineStatus:
    """Met / missed once fulfilled; pending / overdue (as of ``now``) while not."""
    require_aware(now)
    if fulfilled_at is not None:
        return DeadlineStatus.MET if is_met(deadline, fulfilled_at) else DeadlineStatus.MISSED
    return DeadlineStatus.OVERDUE if _is_past(deadline, now) else DeadlineStatus.PENDING


class Severity(StrEnum):
    ERROR = "error"  # a guard: the event must be refused or flagged
    WARNING = "warning"


@dataclass(frozen=True, kw_only=True)
class Issue:
    """A rule broken by the facts as they stand (validation problems are data, not exceptions)."""

    rule: RuleId
    region: Region
    severity: Severity
    message: str


@dataclass(frozen=True, kw_only=True)
class CoveragePeriod:
    """A period something must be provided for after discharge (R-13, R-14, R-15); both dates inclusive."""

    rule: RuleId
    region: Region
    responsible: Party
    first_day: date
    last_day: date
    description: str
