"""A case's timeline: the events applied, the states passed through, and every deadline with its
status (met / missed / pending / overdue) — what ``$timeline`` shows and what the scheduler arms.

Pure: ``now`` decides only whether an unfulfilled deadline is pending or overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from discharge.calendar import start_of_day
from discharge.case import Case, State
from discharge.case_facts import case_deadline_facts, rule_set_of
from discharge.deadlines import Deadline, DeadlineKind, DeadlineStatus, deadlines_for, status
from discharge.kpi_compliance import fulfilment

# Deadlines the gateway chases with a task and a timer; validation deadlines are checked at events.
CHASED_KINDS = frozenset({DeadlineKind.HARD, DeadlineKind.SOFT, DeadlineKind.KPI_THRESHOLD})


@dataclass(frozen=True, slots=True)
class DeadlineView:
    deadline: Deadline
    status: DeadlineStatus
    fulfilled_at: datetime | None

    @property
    def overdue_at(self) -> datetime:
        """The first instant at which an unfulfilled deadline is overdue (when its timer should fire)."""
        if self.deadline.due_date is not None:
            return start_of_day(self.deadline.due_date + timedelta(days=1))  # date-based: the next local day
        return self.deadline.due + timedelta(microseconds=1)

    @property
    def key(self) -> str:
        """Stable within the case: the rule and, for per-recipient deadlines, the recipient."""
        return f"{self.deadline.rule.value}/{self.deadline.subject or '-'}"


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    message_id: str
    message_type: str
    sent_at: datetime
    applied_at: datetime
    transition: str
    from_state: State
    to_state: State


def deadline_views(case: Case, *, now: datetime) -> list[DeadlineView]:
    """Every determinable deadline of ``case`` with its status as of ``now`` (empty before the case opens)."""
    if case.region is None or case.state is State.NO_CASE:
        return []
    views = []
    for deadline in deadlines_for(case_deadline_facts(case), rule_set_of(case)):
        fulfilled = fulfilment(case, deadline)
        views.append(DeadlineView(deadline, status(deadline, fulfilled, now), fulfilled))
    return views


def chased(views: list[DeadlineView]) -> list[DeadlineView]:
    return [v for v in views if v.deadline.kind in CHASED_KINDS]


def timeline_events(case: Case) -> list[TimelineEvent]:
    return [
        TimelineEvent(
            message_id=entry.event.message_id,
            message_type=entry.event.type.value,
            sent_at=entry.event.sent_at,
            applied_at=entry.applied_at,
            transition=entry.transition,
            from_state=entry.from_state,
            to_state=entry.to_state,
        )
        for entry in case.history
    ]
