"""Cases in the database, event-sourced: ``case_events`` holds every applied event (with the
``now`` it was applied at); a case is loaded by replaying them through the pure state machine.
``cases`` keeps a small snapshot (region, state) for listing and reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import orjson

from discharge.case import Case, new_case
from discharge.events import DischargeEvent, event_from_dict, event_to_dict
from discharge.transitions import apply
from gateway.store import StoreTransaction
from gateway.store.db import Connection
from gateway.store.sql_store import from_us, to_us


async def load_case(conn: Connection, case_id: str) -> Case | None:
    rows = await conn.fetch("SELECT content, recorded_us FROM case_events WHERE case_id = $1 ORDER BY seq", case_id)
    if not rows:
        return None
    case = new_case(case_id)
    for content, recorded_us in rows:
        case = apply(case, event_from_dict(orjson.loads(content)), now=from_us(int(recorded_us)))
    return case


async def append_event(tx: StoreTransaction, case: Case, event: DischargeEvent, *, now: datetime) -> None:
    """Record ``event`` (already applied to give ``case``) and refresh the snapshot, in the caller's transaction."""
    await tx.lock(f"case:{case.case_id}")
    await tx.conn.execute(
        "INSERT INTO case_events (case_id, message_id, event_type, occurred_us, recorded_us, content)"
        " VALUES ($1, $2, $3, $4, $5, $6)",
        case.case_id,
        event.message_id,
        event.type.value,
        to_us(event.occurred_at),
        to_us(now),
        orjson.dumps(event_to_dict(event)).decode(),
    )
    snapshot = orjson.dumps({"state": case.state.value, "track": case.track.value if case.track else None})
    await tx.conn.execute(
        "INSERT INTO cases (case_id, version, region, state, updated_us, content) VALUES ($1, 1, $2, $3, $4, $5)"
        " ON CONFLICT (case_id) DO UPDATE SET version = cases.version + 1, region = excluded.region,"
        " state = excluded.state, updated_us = excluded.updated_us, content = excluded.content",
        case.case_id,
        case.region.value if case.region else "",
        case.state.value,
        to_us(now),
        snapshot.decode(),
    )


async def case_ids(conn: Connection, *, region: str | None = None) -> Sequence[str]:
    if region is None:
        rows = await conn.fetch("SELECT case_id FROM cases ORDER BY case_id")
    else:
        rows = await conn.fetch("SELECT case_id FROM cases WHERE region = $1 ORDER BY case_id", region)
    return [row[0] for row in rows]
