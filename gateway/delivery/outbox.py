"""The transactional outbox: rows written in the same transaction as the accepted message, so a
message is never accepted without its deliveries (nor delivered without being accepted).

States: ``pending`` → ``delivered`` | ``dead`` (retries exhausted or a non-retryable answer;
resendable) | ``cancelled`` (purged, e.g. consent withdrawn before delivery, §4.4 rule 3).
Per endpoint and case, rows are delivered first in first out (contracts §4).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from gateway.store.db import Connection, Row
from gateway.store.sql_store import from_us, to_us

COLUMNS = (
    "seq, delivery_id, endpoint_id, receiver, case_id, message_id, source_message_id, format, content_type, body,"
    " state, attempts, created_us, next_attempt_us, first_attempt_us, delivered_us, last_status, last_error"
)


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    delivery_id: str  # stable: the same for every retry and every gateway instance
    endpoint_id: str
    receiver: str  # the receiving unit's HSA-id
    case_id: str
    message_id: str  # the id the receiver sees (X-Meddelande-Id / messageId / MessageHeader.id)
    source_message_id: str  # the accepted inbound message it came from
    format: str  # lifecare | cosmic-link | fhir
    content_type: str
    body: bytes


@dataclass(frozen=True, slots=True)
class OutboxRow:
    seq: int
    message: OutboxMessage
    state: str
    attempts: int
    created: datetime
    next_attempt: datetime
    first_attempt: datetime | None
    delivered: datetime | None
    last_status: int | None
    last_error: str | None


def row_from_db(row: Row) -> OutboxRow:
    body = row[9]
    message = OutboxMessage(
        delivery_id=row[1],
        endpoint_id=row[2],
        receiver=row[3],
        case_id=row[4],
        message_id=row[5],
        source_message_id=row[6],
        format=row[7],
        content_type=row[8],
        body=body.encode() if isinstance(body, str) else body,
    )
    return OutboxRow(
        seq=int(row[0]),
        message=message,
        state=row[10],
        attempts=int(row[11]),
        created=from_us(int(row[12])),
        next_attempt=from_us(int(row[13])),
        first_attempt=None if row[14] is None else from_us(int(row[14])),
        delivered=None if row[15] is None else from_us(int(row[15])),
        last_status=None if row[16] is None else int(row[16]),
        last_error=row[17],
    )


async def enqueue(conn: Connection, messages: Sequence[OutboxMessage], *, now: datetime) -> None:
    """Add deliveries; a delivery id already present is left alone (a replay never enqueues twice)."""
    await conn.executemany(
        "INSERT INTO outbox (delivery_id, endpoint_id, receiver, case_id, message_id, source_message_id, format,"
        " content_type, body, state, attempts, created_us, next_attempt_us)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', 0, $10, $10) ON CONFLICT (delivery_id) DO NOTHING",
        [
            (m.delivery_id, m.endpoint_id, m.receiver, m.case_id, m.message_id, m.source_message_id, m.format,
             m.content_type, m.body.decode(), to_us(now))
            for m in messages
        ],
    )  # fmt: skip


async def rows(
    conn: Connection, *, source_message_id: str | None = None, state: str | None = None, limit: int = 1000
) -> list[OutboxRow]:
    conds, args = ["1 = 1"], []
    if source_message_id is not None:
        args.append(source_message_id)
        conds.append(f"source_message_id = ${len(args)}")
    if state is not None:
        args.append(state)
        conds.append(f"state = ${len(args)}")
    found = await conn.fetch(
        f"SELECT {COLUMNS} FROM outbox WHERE {' AND '.join(conds)} ORDER BY seq LIMIT {int(limit)}", *args
    )
    return [row_from_db(r) for r in found]


async def pending_of_case(conn: Connection, case_id: str) -> list[OutboxRow]:
    found = await conn.fetch(
        f"SELECT {COLUMNS} FROM outbox WHERE case_id = $1 AND state = 'pending' ORDER BY seq", case_id
    )
    return [row_from_db(r) for r in found]


async def cancel(conn: Connection, delivery_id: str, reason: str) -> None:
    """Take a pending delivery out of line for good (visible in ``$outbox`` as ``cancelled`` with ``reason``)."""
    await conn.execute(
        "UPDATE outbox SET state = 'cancelled', last_error = $2 WHERE delivery_id = $1 AND state = 'pending'",
        delivery_id,
        reason,
    )


async def get(conn: Connection, delivery_id: str) -> OutboxRow | None:
    row = await conn.fetchrow(f"SELECT {COLUMNS} FROM outbox WHERE delivery_id = $1", delivery_id)
    return None if row is None else row_from_db(row)


def as_json(row: OutboxRow) -> dict[str, Any]:
    """Metadata for operators and tests (never the body: it holds personal data)."""
    return {
        "deliveryId": row.message.delivery_id,
        "endpoint": row.message.endpoint_id,
        "receiver": row.message.receiver,
        "messageId": row.message.message_id,
        "format": row.message.format,
        "state": row.state,
        "attempts": row.attempts,
        "lastStatus": row.last_status,
        "lastError": row.last_error,  # ours: an exception type or a configuration fault, never a body
        "nextAttempt": row.next_attempt.isoformat() if row.state == "pending" else None,
        "delivered": row.delivered.isoformat() if row.delivered is not None else None,
    }
