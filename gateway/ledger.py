"""The inbound message ledger: idempotency for every message channel (both contracts and
``$process-message``).

Only accepted messages are recorded, together with the first answer, in the same transaction
as their effects. A replay with equal content gets the first answer back; the same id with other
content is a conflict; a rejected message leaves no trace (contracts §3).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gateway.store import StoreTransaction
from gateway.store.sql_store import from_us, to_us


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    channel: str
    message_id: str
    fingerprint: str
    status: int  # the HTTP status of the first answer
    answer: bytes  # the first answer's body, as sent
    received_at: datetime
    case_id: str | None
    content: bytes = b""  # the accepted message as received (nothing accepted is ever lost)


def _key(message_id: str) -> str:
    return message_id.strip().lower()  # ids compare case-insensitively (contracts §3)


async def find(tx: StoreTransaction, channel: str, message_id: str) -> LedgerEntry | None:
    """Look up a message id; locks the id first, so a concurrent request with it waits for us."""
    key = _key(message_id)
    await tx.lock(f"inbound:{channel}:{key}")
    row = await tx.conn.fetchrow(
        "SELECT fingerprint, status, answer, received_us, case_id FROM inbound_messages"
        " WHERE channel = $1 AND message_id = $2",
        channel,
        key,
    )
    if row is None:
        return None
    return LedgerEntry(channel, key, row[0], int(row[1]), str(row[2]).encode(), from_us(int(row[3])), row[4])


async def record(tx: StoreTransaction, entry: LedgerEntry) -> None:
    await tx.conn.execute(
        "INSERT INTO inbound_messages (channel, message_id, fingerprint, status, answer, received_us, case_id, content)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        entry.channel,
        _key(entry.message_id),
        entry.fingerprint,
        entry.status,
        entry.answer.decode(),
        to_us(entry.received_at),
        entry.case_id,
        entry.content.decode("utf-8", errors="replace"),
    )
