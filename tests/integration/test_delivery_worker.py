"""Webhook delivery from the outbox to a real local receiver: headers and HMAC, the contracts'
retry schedule, dead letters, first in first out per case, independence of endpoints, leases."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from gateway.delivery.outbox import OutboxMessage, OutboxRow, enqueue, rows
from gateway.delivery.retry import RetryPolicy
from gateway.delivery.worker import DeliveryWorker
from gateway.store.sql_store import SqlResourceStore
from tests.clock import Clock
from tests.receiver import free_port, running_receiver

SECRET = b"s" * 32
T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def message(n: int, *, endpoint: str = "ep-a", case: str = "case-1", fmt: str = "lifecare") -> OutboxMessage:
    return OutboxMessage(
        delivery_id=f"d-{endpoint}-{case}-{n}", endpoint_id=endpoint, receiver=f"SE2120001991-{endpoint}",
        case_id=case, message_id=f"00000000-0000-4000-8000-{n:012d}", source_message_id=f"src-{n}",
        format=fmt, content_type="application/json", body=f'{{"n": {n}}}'.encode(),
    )  # fmt: skip


def make_worker(
    store: SqlResourceStore, clock: Clock, addresses: dict[str, str], dead: list[OutboxRow]
) -> DeliveryWorker:
    async def target(endpoint_id: str) -> tuple[str | None, str | None, RetryPolicy]:
        return addresses.get(endpoint_id), "env:TEST_WEBHOOK_SECRET", RetryPolicy(timeout=timedelta(seconds=2))

    async def on_dead(row: OutboxRow, now: datetime) -> None:
        dead.append(row)

    return DeliveryWorker(store, target, clock=clock, on_dead=on_dead)


@pytest.fixture(autouse=True)
def webhook_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET.decode())


async def put(store: SqlResourceStore, *messages: OutboxMessage, now: datetime = T0) -> None:
    async with store.transaction() as tx:
        await enqueue(tx.conn, list(messages), now=now)


async def states(store: SqlResourceStore) -> dict[str, str]:
    async with store.reader() as conn:
        return {r.message.delivery_id: r.state for r in await rows(conn)}


async def test_a_delivery_carries_the_contract_headers_and_a_valid_hmac_of_the_exact_body(
    store: SqlResourceStore,
) -> None:
    clock, dead = Clock(T0), []
    async with running_receiver(SECRET) as receiver:
        worker = make_worker(store, clock, {"ep-a": f"{receiver.base}/a"}, dead)
        await put(store, message(1), message(2, endpoint="ep-b", fmt="cosmic-link"))
        worker_b = {"ep-a": f"{receiver.base}/a", "ep-b": f"{receiver.base}/b"}
        worker = make_worker(store, clock, worker_b, dead)
        assert await worker.run_once() == 2
        await worker.stop()
    by_path = {r.path: r for r in receiver.received}
    lifecare, cosmic = by_path["/a"], by_path["/b"]
    assert lifecare.headers["x-meddelande-id"] == message(1).message_id
    assert lifecare.headers["x-leveransforsok"] == "1"
    assert receiver.verify(lifecare, "x-signatur")
    assert cosmic.headers["x-message-id"] == message(2).message_id
    assert cosmic.headers["x-delivery-attempt"] == "1"
    assert receiver.verify(cosmic, "x-signature")
    assert lifecare.headers["traceparent"].startswith("00-")
    assert set((await states(store)).values()) == {"delivered"}


async def test_a_receiver_down_for_a_while_gets_everything_in_order_once_it_is_up(store: SqlResourceStore) -> None:
    clock, dead = Clock(T0), []
    port = free_port()
    worker = make_worker(store, clock, {"ep-a": f"http://127.0.0.1:{port}/a"}, dead)
    await put(store, *(message(n) for n in range(1, 4)))
    assert await worker.run_once() == 1  # FIFO per case: only the oldest is tried
    assert await worker.run_once() == 0  # its retry is 30 s away; the later ones wait behind it
    clock.now += timedelta(seconds=30)
    assert await worker.run_once() == 1  # second failure: next wait 1 min
    async with running_receiver(SECRET, port=port) as receiver:
        for _ in range(5):
            clock.now += timedelta(minutes=1)
            await worker.run_once()
        await worker.stop()
    assert [r.body for r in receiver.received] == [message(n).body for n in range(1, 4)]
    assert receiver.received[0].headers["x-leveransforsok"] == "3"
    assert set((await states(store)).values()) == {"delivered"}
    assert dead == []


async def test_retry_schedule_doubles_from_30_seconds_and_honours_retry_after(store: SqlResourceStore) -> None:
    clock, dead = Clock(T0), []
    async with running_receiver(SECRET) as receiver:
        receiver.answer("/a", 503, 500, 429, headers=None)
        receiver.answers["/a"][2] = (429, {"Retry-After": "600"})
        worker = make_worker(store, clock, {"ep-a": f"{receiver.base}/a"}, dead)
        await put(store, message(1))
        waits = []
        for _ in range(4):
            await worker.run_once()
            async with store.reader() as conn:
                (row,) = await rows(conn)
            waits.append(row.next_attempt - clock.now)
            clock.now = row.next_attempt
        await worker.stop()
    assert waits[:3] == [timedelta(seconds=30), timedelta(minutes=1), timedelta(minutes=10)]
    assert (await states(store)) == {"d-ep-a-case-1-1": "delivered"}


async def test_other_4xx_is_not_retried_and_becomes_a_dead_letter(store: SqlResourceStore) -> None:
    clock, dead = Clock(T0), []
    async with running_receiver(SECRET) as receiver:
        receiver.answer("/a", 400)
        worker = make_worker(store, clock, {"ep-a": f"{receiver.base}/a"}, dead)
        await put(store, message(1), message(2))
        await worker.run_once()
        await worker.run_once()  # the next message of the case continues after the dead letter
        await worker.stop()
    assert await states(store) == {"d-ep-a-case-1-1": "dead", "d-ep-a-case-1-2": "delivered"}
    assert [row.message.delivery_id for row in dead] == ["d-ep-a-case-1-1"]
    assert len(receiver.received) == 2


async def test_after_24_hours_of_failures_the_delivery_is_dead_lettered(store: SqlResourceStore) -> None:
    clock, dead = Clock(T0), []
    worker = make_worker(store, clock, {"ep-a": f"http://127.0.0.1:{free_port()}/a"}, dead)
    await put(store, message(1))
    attempts = 0
    while not dead and attempts < 100:
        await worker.run_once()
        attempts += 1
        clock.now += timedelta(hours=1)
    await worker.stop()
    assert [r.message.delivery_id for r in dead] == ["d-ep-a-case-1-1"]
    assert dead[0].first_attempt is not None
    assert 20 <= dead[0].attempts <= 30  # 30 s, 1, 2, … 60 min … until 24 h


async def test_one_failing_endpoint_does_not_hold_up_another(store: SqlResourceStore) -> None:
    clock, dead = Clock(T0), []
    async with running_receiver(SECRET) as receiver:
        worker = make_worker(
            store, clock, {"ep-a": f"http://127.0.0.1:{free_port()}/a", "ep-b": f"{receiver.base}/b"}, dead
        )
        await put(
            store, message(1, endpoint="ep-a"), message(2, endpoint="ep-b"), message(3, endpoint="ep-b", case="c2")
        )
        await worker.run_once()
        await worker.stop()
    assert sorted(r.body for r in receiver.received) == sorted([message(2).body, message(3).body])
    assert (await states(store))["d-ep-a-case-1-1"] == "pending"


async def test_two_workers_on_one_store_attempt_each_delivery_once(store: SqlResourceStore) -> None:
    clock, dead = Clock(T0), []
    async with running_receiver(SECRET) as receiver:
        addresses = {"ep-a": f"{receiver.base}/a"}
        first, second = make_worker(store, clock, addresses, dead), make_worker(store, clock, addresses, dead)
        await put(store, *(message(n, case=f"case-{n}") for n in range(20)))
        await asyncio.gather(first.run_once(), second.run_once())
        await first.stop()
        await second.stop()
    assert len(receiver.received) == 20
    assert len({r.headers["x-meddelande-id"] for r in receiver.received}) == 20


async def test_a_dead_letter_is_visible_in_outbox_and_resend_puts_it_back_in_line(
    client: httpx.AsyncClient, store: SqlResourceStore
) -> None:
    await put(store, message(1))
    async with store.transaction() as tx:
        await tx.conn.execute(
            "UPDATE outbox SET state = 'dead', attempts = 9 WHERE delivery_id = $1", "d-ep-a-case-1-1"
        )
    listed = (await client.get("/fhir/$outbox", params={"state": "dead"})).json()
    (delivery,) = listed["parameter"]
    parts = {p["name"]: p["valueString"] for p in delivery["part"]}
    assert parts["deliveryId"] == "d-ep-a-case-1-1"
    assert "body" not in parts  # metadata only: bodies hold personal data
    body = {"resourceType": "Parameters", "parameter": [{"name": "delivery", "valueString": "d-ep-a-case-1-1"}]}
    resent = await client.post("/fhir/$resend", json=body, headers={"content-type": "application/fhir+json"})
    assert resent.status_code == 200
    assert await states(store) == {"d-ep-a-case-1-1": "pending"}
    again = await client.post("/fhir/$resend", json=body, headers={"content-type": "application/fhir+json"})
    assert again.status_code == 404  # no longer a dead letter


async def test_a_missing_secret_dead_letters_at_once_and_outbox_says_which_reference(
    store: SqlResourceStore, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TEST_WEBHOOK_SECRET")
    clock, dead = Clock(T0), []
    async with running_receiver(SECRET) as receiver:
        worker = make_worker(store, clock, {"ep-a": f"{receiver.base}/a"}, dead)
        await put(store, message(1))
        await worker.run_once()
        await worker.stop()
    assert receiver.received == []  # never sent unsigned
    assert [row.message.delivery_id for row in dead] == ["d-ep-a-case-1-1"]  # manual contact follows
    listed = (await client.get("/fhir/$outbox", params={"state": "dead"})).json()
    parts = {p["name"]: p["valueString"] for p in listed["parameter"][0]["part"]}
    assert parts["lastError"] == "secret env:TEST_WEBHOOK_SECRET is not set"
    assert "nextAttempt" not in parts


async def test_a_receiver_outage_keeps_the_delivery_pending_with_its_next_attempt_shown(
    store: SqlResourceStore, client: httpx.AsyncClient
) -> None:
    clock, dead = Clock(T0), []
    worker = make_worker(store, clock, {"ep-a": "http://127.0.0.1:9/unreachable"}, dead)
    await put(store, message(1))
    await worker.run_once()
    await worker.stop()
    assert dead == []
    listed = (await client.get("/fhir/$outbox", params={"state": "pending"})).json()
    parts = {p["name"]: p["valueString"] for p in listed["parameter"][0]["part"]}
    assert parts["lastError"] == "ConnectError"
    assert parts["attempts"] == "1"
    assert datetime.fromisoformat(parts["nextAttempt"]) == clock() + timedelta(seconds=30)  # the contracts' first retry


async def test_a_receiver_slower_than_the_timeout_is_an_attempt_that_failed_and_is_retried(
    store: SqlResourceStore,
) -> None:
    clock, dead = Clock(T0), []
    async with running_receiver(SECRET) as receiver:
        receiver.delays["/slow"] = 3.0  # the policy allows 2 s for the whole attempt
        worker = make_worker(store, clock, {"ep-a": f"{receiver.base}/slow"}, dead)
        await put(store, message(1))
        await worker.run_once()
        await worker.stop()
    async with store.reader() as conn:
        (row,) = await rows(conn)
    assert (row.state, row.attempts, row.last_status) == ("pending", 1, None)
    assert row.last_error in ("ReadTimeout", "TimeoutError")
    assert row.next_attempt == clock() + timedelta(seconds=30)
