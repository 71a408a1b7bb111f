"""The process engine wired into the gateway (issue 4): cases persist, deadlines become Tasks and
timers, an overdue deadline marks its Task and notifies the unit, reports answer over HTTP.
Runs on SQLite and PostgreSQL; the scale-out case on the real Redis."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from discharge.events import DischargeEvent, event_from_dict
from gateway.app import create_app
from gateway.process.pipeline import EventOutcome
from gateway.settings import Settings
from gateway.store.sql_store import SqlResourceStore
from tests.clock import Clock
from tests.conftest import load_fixture

PROCESS = load_fixture("discharge/sto-gul-full-process.json")
EVENTS: list[DischargeEvent] = [event_from_dict(e) for e in PROCESS["events"]]
CASE_ID = EVENTS[0].case_id
SOCIAL = "SE2120001777-SOC1"
BUSINESS_STATUS = "https://discharge-gateway.example.se/fhir/CodeSystem/task-business-status"


@dataclass
class Gateway:
    app: FastAPI
    clock: Clock
    http: httpx.AsyncClient

    async def submit(self, event: DischargeEvent, *, at: datetime | None = None) -> EventOutcome:
        self.clock.now = at or event.sent_at + timedelta(minutes=1)
        runtime = self.app.state.runtime
        async with runtime.service.store.transaction() as tx:
            outcome: EventOutcome = await runtime.pipeline.apply_event(tx, event)
        await runtime.scheduler.armed(outcome.timers)
        return outcome

    async def tick(self, at: datetime) -> int:
        self.clock.now = at
        fired: int = await self.app.state.runtime.scheduler.tick(at)
        return fired

    async def tasks(self, **params: str) -> list[dict[str, Any]]:
        bundle = (await self.http.get("/fhir/Task", params={"focus": f"EpisodeOfCare/{CASE_ID}", **params})).json()
        return [e["resource"] for e in bundle.get("entry", []) if e["search"]["mode"] == "match"]


async def open_gateway(store: SqlResourceStore, settings: Settings) -> AsyncIterator[Gateway]:
    clock = Clock(EVENTS[0].sent_at)
    app = create_app(settings, store=store, clock=clock)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as http:
            yield Gateway(app, clock, http)


@pytest.fixture
async def gateway(store: SqlResourceStore) -> AsyncIterator[Gateway]:
    settings = Settings(
        database_url="unused://", base_url="http://gateway.test/fhir", scheduler_enabled=False, delivery_enabled=False
    )
    async for gw in open_gateway(store, settings):
        yield gw


def business_status(task: dict[str, Any]) -> str:
    code: str = task["businessStatus"]["coding"][0]["code"]
    return code


def owner(task: dict[str, Any]) -> str:
    value: str = task["owner"]["identifier"]["value"]
    return value


async def test_r03_admission_notice_creates_a_pending_task_per_recipient_with_the_deadline(gateway: Gateway) -> None:
    await gateway.submit(EVENTS[0])  # M-01, Monday 2025-03-03 11:00
    r03 = [t for t in await gateway.tasks() if t["reasonCode"]["coding"][0]["code"] == "R-03"]
    assert sorted(owner(t) for t in r03) == sorted(u.hsa_id for u in EVENTS[0].recipients)
    assert {business_status(t) for t in r03} == {"pending"}
    # R-03 (STO): 24 hours on weekdays after receipt → Tuesday 11:00
    assert {t["restriction"]["period"]["end"] for t in r03} == {"2025-03-04T11:00:00+01:00"}
    episode = (await gateway.http.get(f"/fhir/EpisodeOfCare/{CASE_ID}")).json()
    assert episode["status"] == "active"


async def test_r03_overdue_deadline_marks_the_task_overdue_and_notifies_the_unit_exactly_once(
    gateway: Gateway,
) -> None:
    await gateway.submit(EVENTS[0])
    assert await gateway.tick(datetime.fromisoformat("2025-03-04T10:59:00+01:00")) == 0
    fired = await gateway.tick(datetime.fromisoformat("2025-03-04T11:00:01+01:00"))
    assert fired >= 3  # one per recipient's R-03 (other deadlines may fall due too)
    r03 = [t for t in await gateway.tasks() if t["reasonCode"]["coding"][0]["code"] == "R-03"]
    assert {business_status(t) for t in r03} == {"overdue"}
    notices = (await gateway.http.get("/fhir/Communication", params={"category": "R-03"})).json()
    assert sorted(n["resource"]["recipient"][0]["identifier"]["value"] for n in notices["entry"]) == sorted(
        owner(t) for t in r03
    )
    assert await gateway.tick(datetime.fromisoformat("2025-03-05T12:00:00+01:00")) == 0  # never twice


async def test_r03_acknowledgement_completes_that_recipients_task_and_cancels_its_timer(gateway: Gateway) -> None:
    await gateway.submit(EVENTS[0])
    await gateway.submit(EVENTS[1])  # M-02 from the first recipient, on time
    by_owner = {owner(t): t for t in await gateway.tasks() if t["reasonCode"]["coding"][0]["code"] == "R-03"}
    acknowledged = EVENTS[1].sender.hsa_id
    assert by_owner[acknowledged]["status"] == "completed"
    assert business_status(by_owner[acknowledged]) == "met"
    await gateway.tick(datetime.fromisoformat("2025-03-04T12:00:00+01:00"))
    by_owner = {owner(t): t for t in await gateway.tasks() if t["reasonCode"]["coding"][0]["code"] == "R-03"}
    assert business_status(by_owner[acknowledged]) == "met"
    assert {business_status(t) for o, t in by_owner.items() if o != acknowledged} == {"overdue"}


async def test_a_replayed_message_has_no_second_effect(gateway: Gateway) -> None:
    await gateway.submit(EVENTS[0])
    again = await gateway.submit(EVENTS[0])
    assert again.duplicate
    history = (await gateway.http.get(f"/fhir/EpisodeOfCare/{CASE_ID}/_history")).json()
    assert history["total"] == 1


async def test_an_illegal_transition_is_rejected_naming_the_transition_and_nothing_is_written(
    gateway: Gateway,
) -> None:
    outcome = await gateway.submit(EVENTS[7])  # M-12 ready-for-discharge on a case that does not exist
    assert outcome.rejected is not None
    assert str(outcome.rejected).startswith("T")
    assert (await gateway.http.get(f"/fhir/EpisodeOfCare/{CASE_ID}")).status_code == 404


async def test_the_whole_sto_gul_process_closes_and_its_timeline_shows_events_states_and_deadlines(
    gateway: Gateway,
) -> None:
    for event in EVENTS:
        outcome = await gateway.submit(event)
        assert outcome.rejected is None, outcome.rejected
    response = await gateway.http.get(f"/fhir/EpisodeOfCare/{CASE_ID}/$timeline")
    assert response.status_code == 200
    parameters = response.json()["parameter"]
    assert next(p["valueCode"] for p in parameters if p["name"] == "state") == "S6"
    transitions = [
        next(part["valueCode"] for part in p["part"] if part["name"] == "transition")
        for p in parameters
        if p["name"] == "event"
    ]
    assert transitions == PROCESS["transitions"]
    deadlines = {
        next(part["valueCode"] for part in p["part"] if part["name"] == "rule"): next(
            part["valueCode"] for part in p["part"] if part["name"] == "status"
        )
        for p in parameters
        if p["name"] == "deadline"
    }
    assert deadlines["R-03"] == "met"
    assert deadlines["R-07"] == "met"  # SIP invitation the day after ready-for-discharge
    episode = (await gateway.http.get(f"/fhir/EpisodeOfCare/{CASE_ID}")).json()
    assert episode["status"] == "finished"


async def test_payment_liability_and_kpis_answer_parameters_for_a_region_and_month(gateway: Gateway) -> None:
    for event in EVENTS:
        await gateway.submit(event)
    liability = await gateway.http.get("/fhir/$payment-liability", params={"region": "STO", "month": "2025-03"})
    assert liability.status_code == 200
    names = {p["name"] for p in liability.json()["parameter"]}
    assert {"region", "month", "rule", "liableDays"} <= names
    kpis = await gateway.http.get("/fhir/$kpi", params={"region": "STO", "month": "2025-03"})
    assert kpis.status_code == 200
    ids = {next(part["valueCode"] for part in p["part"] if part["name"] == "id")
           for p in kpis.json()["parameter"] if p["name"] == "kpi"}  # fmt: skip
    assert {"K-10", "K-11"} <= ids
    bad = await gateway.http.get("/fhir/$kpi", params={"region": "XX", "month": "2025-3"})
    assert bad.status_code == 400
    assert bad.json()["issue"][0]["expression"] == ["region"]


async def test_two_instances_sharing_the_database_and_redis_fire_an_overdue_deadline_once(
    store: SqlResourceStore, redis_prefix: tuple[Any, str]
) -> None:
    _, prefix = redis_prefix
    settings = Settings(
        database_url="unused://",
        redis_url="redis://127.0.0.1:6379/0",
        redis_prefix=prefix,
        base_url="http://gateway.test/fhir",
        scheduler_enabled=False,
    )
    first_ctx, second_ctx = open_gateway(store, settings), open_gateway(store, settings)
    first, second = await anext(first_ctx), await anext(second_ctx)
    try:
        await first.submit(EVENTS[0])
        due = datetime.fromisoformat("2025-03-04T11:00:01+01:00")
        counts = await asyncio.gather(first.tick(due), second.tick(due))
        r03 = [t for t in await first.tasks() if t["reasonCode"]["coding"][0]["code"] == "R-03"]
        assert {business_status(t) for t in r03} == {"overdue"}
        assert sum(counts) == len(await first.tasks(status="requested"))  # each open deadline fired once
        notices = (await first.http.get("/fhir/Communication", params={"category": "R-03"})).json()
        assert notices["total"] == 3
    finally:
        for ctx in (first_ctx, second_ctx):
            await ctx.aclose()
