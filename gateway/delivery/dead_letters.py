"""Dead letters: each opens a manual-contact Task for the case; ``$resend`` puts one back in line.

A message that never made a case still gets its Task (focus: the case identifier, see
``manual_contact_task``); only rows without a case (Subscription heartbeats) get none.
"""

from __future__ import annotations

from datetime import datetime

from gateway.delivery.outbox import OutboxRow
from gateway.fhir.service import ResourceService
from gateway.store import StoreTransaction
from gateway.store.sql_store import to_us
from mappings.manual_contact import manual_contact_task


async def open_manual_contact(service: ResourceService, row: OutboxRow, now: datetime) -> None:
    detail = (
        f"Delivery of message {row.message.message_id} to {row.message.receiver} failed after {row.attempts} "
        f"attempt(s) (last status {row.last_status or row.last_error}); contact the unit by other means."
    )
    if not row.message.case_id:
        return
    async with service.store.transaction() as tx:
        await write_manual_contact(
            service, tx, case_id=row.message.case_id, receiver_hsa_id=row.message.receiver,
            message_id=row.message.message_id, reason="delivery-failed", detail=detail, now=now,
        )  # fmt: skip


async def write_manual_contact(
    service: ResourceService, tx: StoreTransaction, *, case_id: str, receiver_hsa_id: str, message_id: str,
    reason: str, detail: str, now: datetime,
) -> None:  # fmt: skip
    """The manual-contact Task (no endpoint, or a dead letter), focused on the case's EpisodeOfCare when it is
    stored and on the case identifier otherwise (a message that made no case)."""
    episode = await tx.current("EpisodeOfCare", case_id)
    await service.upsert(tx, manual_contact_task(
        case_id=case_id, receiver_hsa_id=receiver_hsa_id, message_id=message_id, reason=reason, detail=detail,
        now=now, episode_stored=episode is not None and not episode.deleted,
    ))  # fmt: skip


async def resend(service: ResourceService, delivery_id: str, *, now: datetime) -> bool:
    """Dead (or cancelled) → pending with a fresh retry window; False when there is no such dead letter."""
    async with service.store.transaction() as tx:
        row = await tx.conn.fetchrow(
            "UPDATE outbox SET state = 'pending', attempts = 0, first_attempt_us = NULL, next_attempt_us = $2,"
            " lease_until_us = NULL, last_error = NULL WHERE delivery_id = $1 AND state IN ('dead', 'cancelled')"
            " RETURNING seq",
            delivery_id,
            to_us(now),
        )
    return row is not None
