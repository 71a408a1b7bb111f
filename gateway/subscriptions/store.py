"""The Subscription tables (migration 6): numbered events and when each channel last got something.

``subscription_events`` holds one row per (Subscription, event number), with the focus reference and
its version at the time, so ``$events`` can replay exactly what was notified. Numbers start at 1 and
increase by one per Subscription; callers hold the ``subscription:<id>`` lock while numbering.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gateway.store.db import Connection
from gateway.store.sql_store import from_us, to_us
from mappings.subscription_bundles import EventRecord


@dataclass(frozen=True, slots=True)
class NewEvent:
    occurred: datetime
    event_type: str  # the message type (M-01 …) or deadline-overdue
    focus: str  # "EpisodeOfCare/<id>"
    focus_version: int | None
    message_id: str  # the event's message id (overdue: the Communication id)
    case_id: str


async def event_count(conn: Connection, subscription_id: str) -> int:
    row = await conn.fetchrow(
        "SELECT COALESCE(MAX(event_number), 0) FROM subscription_events WHERE subscription_id = $1", subscription_id
    )
    return int(row[0]) if row else 0


async def record_event(conn: Connection, subscription_id: str, event: NewEvent) -> EventRecord | None:
    """Number ``event`` for the Subscription; None when this message was already numbered for it (replay)."""
    seen = await conn.fetchrow(
        "SELECT 1 FROM subscription_events WHERE subscription_id = $1 AND message_id = $2",
        subscription_id,
        event.message_id,
    )
    if seen is not None:
        return None
    number = await event_count(conn, subscription_id) + 1
    await conn.execute(
        "INSERT INTO subscription_events (subscription_id, event_number, occurred_us, event_type, focus,"
        " focus_version, message_id, case_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        subscription_id, number, to_us(event.occurred), event.event_type, event.focus, event.focus_version,
        event.message_id, event.case_id,
    )  # fmt: skip
    return EventRecord(number, event.occurred, event.focus, event.focus_version)


async def events_between(
    conn: Connection, subscription_id: str, *, since: int, until: int | None, limit: int
) -> list[EventRecord]:
    rows = await conn.fetch(
        "SELECT event_number, occurred_us, focus, focus_version FROM subscription_events"
        " WHERE subscription_id = $1 AND event_number >= $2 AND event_number <= $3"
        f" ORDER BY event_number LIMIT {int(limit)}",
        subscription_id,
        since,
        until if until is not None else 2**62,
    )
    return [EventRecord(int(r[0]), from_us(int(r[1])), str(r[2]), None if r[3] is None else int(r[3])) for r in rows]


async def last_sent(conn: Connection, subscription_id: str) -> datetime | None:
    row = await conn.fetchrow(
        "SELECT last_sent_us FROM subscription_channels WHERE subscription_id = $1", subscription_id
    )
    return None if row is None else from_us(int(row[0]))


async def mark_sent(conn: Connection, subscription_id: str, now: datetime) -> None:
    await conn.execute(
        "INSERT INTO subscription_channels (subscription_id, last_sent_us) VALUES ($1, $2)"
        " ON CONFLICT (subscription_id) DO UPDATE SET last_sent_us = excluded.last_sent_us",
        subscription_id,
        to_us(now),
    )
