"""The process pipeline: one neutral event in, everything it implies written in the caller's
transaction — the event on its case, the case's EpisodeOfCare, a Task per chased deadline, and
the deadline timers. Every input channel (contracts, ``$process-message``, REST writes) calls
``apply_event``; the channel decides how to answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from discharge.case import Case, Deviation, new_case
from discharge.deadlines import DeadlineStatus
from discharge.errors import TransitionRejected
from discharge.events import DischargeEvent
from discharge.timeline import DeadlineView, chased, deadline_views
from discharge.transitions import apply
from gateway.fhir.service import ResourceService
from gateway.process.cases import append_event, load_case
from gateway.scheduler.timers import Timer, cancel_timers, upsert_timers
from gateway.store import StoredResource, StoreTransaction
from mappings.deadline_task import deadline_to_task, overdue_notice
from mappings.episode import case_to_episode
from mappings.resources import event_to_resources

_OPEN = (DeadlineStatus.PENDING, DeadlineStatus.OVERDUE)


@dataclass(frozen=True, slots=True)
class EventOutcome:
    case: Case
    duplicate: bool = False  # the case had already applied this message id
    rejected: TransitionRejected | None = None  # the state machine refused it (nothing written)
    deviations: tuple[Deviation, ...] = ()  # new process deviations (accepted, flagged)
    timers: tuple[Timer, ...] = field(default=())  # armed; hand to the scheduler after commit


class Notifier(Protocol):
    """Told of every applied event and overdue notice, in the same transaction (topic-based Subscriptions)."""

    async def notify(self, tx: StoreTransaction, event: DischargeEvent, case: Case, *, now: datetime) -> None: ...

    async def overdue(self, tx: StoreTransaction, case: Case, notice: StoredResource, *, now: datetime) -> None: ...


def timer_id(case_id: str, view: DeadlineView) -> str:
    return f"{case_id}/{view.key}"


@dataclass
class ProcessPipeline:
    service: ResourceService
    clock: Callable[[], datetime]
    notifier: Notifier | None = None

    async def load(self, tx: StoreTransaction, case_id: str) -> Case | None:
        return await load_case(tx.conn, case_id)

    async def apply_event(self, tx: StoreTransaction, event: DischargeEvent) -> EventOutcome:
        now = self.clock()
        await tx.lock(f"case:{event.case_id}")
        case = await load_case(tx.conn, event.case_id) or new_case(event.case_id)
        try:
            updated = apply(case, event, now=now)
        except TransitionRejected as exc:
            return EventOutcome(case, rejected=exc)
        if updated is case or len(updated.history) == len(case.history):
            return EventOutcome(case, duplicate=True)
        await append_event(tx, updated, event, now=now)
        await self.write_event_resources(tx, event, updated, now=now)
        timers = await self.sync_deadlines(tx, updated, now=now)
        if self.notifier is not None:
            await self.notifier.notify(tx, event, updated, now=now)
        new = updated.deviations[len(case.deviations) :]
        return EventOutcome(updated, deviations=tuple(new), timers=tuple(timers))

    async def write_event_resources(
        self, tx: StoreTransaction, event: DischargeEvent, case: Case, *, now: datetime
    ) -> None:
        """The FHIR resources the event implies (mappings), validated and stored; references are
        checked once all are written (they refer to each other)."""
        resources = event_to_resources(event, case, now=now)
        await self.service.upsert(tx, case_to_episode(case), verify_references=False)
        for resource in resources:
            await self.service.upsert(tx, resource, verify_references=False)
        for resource in resources:
            await self.service.check_references(tx, resource)

    async def sync_deadlines(self, tx: StoreTransaction, case: Case, *, now: datetime) -> list[Timer]:
        """Write the case's EpisodeOfCare and deadline Tasks; arm timers for the open deadlines."""
        await self.service.upsert(tx, case_to_episode(case))
        authored = case.history[0].applied_at if case.history else now
        views = chased(deadline_views(case, now=now))
        for view in views:
            await self.service.upsert(tx, deadline_to_task(case, view, authored=authored))
        timers = [
            Timer(timer_id(case.case_id, v), case.case_id, v.overdue_at, {"key": v.key})
            for v in views
            if v.status in _OPEN
        ]
        await upsert_timers(tx.conn, timers)
        await cancel_timers(tx.conn, case.case_id, keep=[t.timer_id for t in timers])
        return timers

    async def on_timer(self, tx: StoreTransaction, timer: Timer, now: datetime) -> None:
        """A deadline's timer fired: if still unfulfilled, mark its Task overdue and notify the unit."""
        case = await load_case(tx.conn, timer.case_id)
        if case is None:
            return
        view = next((v for v in chased(deadline_views(case, now=now)) if v.key == timer.payload.get("key")), None)
        if view is None or view.status is not DeadlineStatus.OVERDUE:
            return  # met in the meantime, or no longer applicable
        authored = case.history[0].applied_at if case.history else now
        await self.service.upsert(tx, deadline_to_task(case, view, authored=authored))
        notice = await self.service.upsert(tx, overdue_notice(case, view, now=now))
        if self.notifier is not None:
            await self.notifier.overdue(tx, case, notice, now=now)
