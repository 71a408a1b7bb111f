"""The ``deadline_timers`` table: the durable record of every deadline the gateway must fire.

A timer is *pending* until claimed; claiming flips it to *fired* with a conditional update in
the caller's transaction, so whatever the handler writes commits together with the claim and a
timer can never fire twice — not across restarts, not across gateway instances.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson

from gateway.store.db import Connection, Row
from gateway.store.sql_store import from_us, to_us

_COLUMNS = "timer_id, case_id, due_us, payload"


@dataclass(frozen=True, slots=True)
class Timer:
    timer_id: str  # deterministic: case id + rule id + subject, so re-planning the same deadline updates it
    case_id: str
    due: datetime
    payload: dict[str, Any]


def _timer(row: Row) -> Timer:
    return Timer(row[0], row[1], from_us(int(row[2])), orjson.loads(row[3]))


async def upsert_timers(conn: Connection, timers: Sequence[Timer]) -> None:
    """Plan (or re-plan) timers; one that already fired or was cancelled is re-armed only if its due moved."""
    await conn.executemany(
        "INSERT INTO deadline_timers (timer_id, case_id, due_us, state, payload) VALUES ($1, $2, $3, 'pending', $4)"
        " ON CONFLICT (timer_id) DO UPDATE SET due_us = excluded.due_us, payload = excluded.payload,"
        " state = CASE WHEN deadline_timers.due_us = excluded.due_us THEN deadline_timers.state ELSE 'pending' END",
        [(t.timer_id, t.case_id, to_us(t.due), orjson.dumps(t.payload).decode()) for t in timers],
    )


async def cancel_timers(conn: Connection, case_id: str, *, keep: Sequence[str] = ()) -> None:
    """Cancel the case's pending timers except ``keep`` (deadlines met, revoked or no longer applicable)."""
    rows = await conn.fetch("SELECT timer_id FROM deadline_timers WHERE case_id = $1 AND state = 'pending'", case_id)
    stale = [(row[0],) for row in rows if row[0] not in set(keep)]
    await conn.executemany("UPDATE deadline_timers SET state = 'cancelled' WHERE timer_id = $1", stale)


async def claim_due(conn: Connection, dialect: str, now: datetime, *, limit: int) -> list[Timer]:
    """Claim up to ``limit`` due timers (earliest first). Concurrent claimers never get the same one."""
    skip_locked = " FOR UPDATE SKIP LOCKED" if dialect == "postgresql" else ""
    rows = await conn.fetch(
        f"UPDATE deadline_timers SET state = 'fired', fired_us = $1 WHERE timer_id IN ("
        f" SELECT timer_id FROM deadline_timers WHERE state = 'pending' AND due_us <= $1"
        f" ORDER BY due_us LIMIT {int(limit)}{skip_locked}) AND state = 'pending' RETURNING {_COLUMNS}",
        to_us(now),
    )
    return sorted((_timer(r) for r in rows), key=lambda t: (t.due, t.timer_id))


async def claim(conn: Connection, timer_id: str, now: datetime) -> Timer | None:
    """Claim one timer by id if it is still pending and due (the Redis path's durable guard)."""
    row = await conn.fetchrow(
        "UPDATE deadline_timers SET state = 'fired', fired_us = $2"
        f" WHERE timer_id = $1 AND state = 'pending' AND due_us <= $2 RETURNING {_COLUMNS}",
        timer_id,
        to_us(now),
    )
    return None if row is None else _timer(row)


async def pending(conn: Connection, *, due_before: datetime | None = None, limit: int = 1000) -> list[Timer]:
    if due_before is None:
        rows = await conn.fetch(
            f"SELECT {_COLUMNS} FROM deadline_timers WHERE state = 'pending' ORDER BY due_us LIMIT {int(limit)}"
        )
    else:
        rows = await conn.fetch(
            f"SELECT {_COLUMNS} FROM deadline_timers WHERE state = 'pending' AND due_us <= $1"
            f" ORDER BY due_us LIMIT {int(limit)}",
            to_us(due_before),
        )
    return [_timer(r) for r in rows]


async def states(conn: Connection, case_id: str) -> dict[str, str]:
    rows = await conn.fetch("SELECT timer_id, state FROM deadline_timers WHERE case_id = $1", case_id)
    return {row[0]: row[1] for row in rows}
