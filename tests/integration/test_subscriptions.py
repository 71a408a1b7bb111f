"""Topic-based Subscriptions (R4 Subscriptions Backport IG) end to end on SQLite and PostgreSQL, with a real
local webhook receiver: handshake, numbered event notifications through the outbox, filters, payload
content, heartbeat, ``$status``, ``$events``, dead letters, topics discovery and the 422 rules."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from discharge.codes import ConsentStatus
from discharge.events import DischargeEvent, event_from_dict
from gateway.app import create_app
from gateway.definitions import compiled_definitions
from gateway.delivery.outbox import rows
from gateway.settings import Settings
from gateway.store.sql_store import SqlResourceStore
from gateway.subscriptions.monitor import HANDSHAKE_LEASE, SubscriptionMonitor
from mappings.codes import episode_id
from tests.clock import Clock
from tests.conftest import load_fixture
from tests.receiver import Receiver, running_receiver

PROCESS = load_fixture("discharge/sto-gul-full-process.json")
EVENTS: list[DischargeEvent] = [event_from_dict(e) for e in PROCESS["events"]]  # M-01, 3 × M-02, M-04, …
CASE_ID = EVENTS[0].case_id
SOC1, WARD1 = "SE2120001777-SOC1", "SE2321000016-WARD1"
BASE = "http://gateway.test/fhir"
TOPIC = "https://discharge-gateway.example.se/fhir/SubscriptionTopic/"
BACKPORT = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/"
SECRET = b"subscription-secret-0123456789ab"
FHIR_JSON = {"content-type": "application/fhir+json"}


def subscription(
    endpoint: str, topic: str = "process-event", *, filters: tuple[str, ...] = (), content: str = "full-resource",
    heartbeat: int | None = None, channel_type: str = "rest-hook", headers: tuple[str, ...] = (),
    secret: str | None = None, status: str = "requested",
) -> dict[str, Any]:  # fmt: skip
    channel: dict[str, Any] = {
        "type": channel_type,
        "endpoint": endpoint,
        "payload": "application/fhir+json",
        "_payload": {"extension": [{"url": f"{BACKPORT}backport-payload-content", "valueCode": content}]},
    }
    extensions = []
    if heartbeat is not None:
        extensions.append({"url": f"{BACKPORT}backport-heartbeat-period", "valueUnsignedInt": heartbeat})
    if secret is not None:
        extensions.append(
            {
                "url": "https://discharge-gateway.example.se/fhir/StructureDefinition/endpoint-secret",
                "valueString": secret,
            }
        )
    if extensions:
        channel["extension"] = extensions
    if headers:
        channel["header"] = list(headers)
    resource: dict[str, Any] = {
        "resourceType": "Subscription",
        "status": status,
        "reason": "discharge coordination events for a municipality",
        "criteria": TOPIC + topic,
        "channel": channel,
    }
    if filters:
        resource["_criteria"] = {
            "extension": [{"url": f"{BACKPORT}backport-filter-criteria", "valueString": f} for f in filters]
        }
    return resource


def parameters(notification: dict[str, Any]) -> dict[str, Any]:
    """The status Parameters (first entry) as name → value (notification-event: list of part dicts)."""
    status = notification["entry"][0]["resource"]
    assert status["resourceType"] == "Parameters"
    found: dict[str, Any] = {"notification-event": []}
    for parameter in status["parameter"]:
        if parameter["name"] == "notification-event":
            part = {p["name"]: next(v for k, v in p.items() if k.startswith("value")) for p in parameter["part"]}
            found["notification-event"].append(part)
        else:
            found[parameter["name"]] = next(v for k, v in parameter.items() if k.startswith("value"))
    return found


@dataclass
class Gateway:
    app: FastAPI
    clock: Clock
    http: httpx.AsyncClient
    receiver: Receiver

    @property
    def runtime(self) -> Any:
        return self.app.state.runtime

    async def subscribe(self, path: str, topic: str = "process-event", **options: Any) -> str:
        body = subscription(f"{self.receiver.base}{path}", topic, **options)
        response = await self.http.post("/fhir/Subscription", json=body, headers=FHIR_JSON)
        assert response.status_code == 201, response.text
        assert response.json()["status"] == "requested"
        subscription_id: str = response.json()["id"]
        return subscription_id

    async def subscription(self, subscription_id: str) -> dict[str, Any]:
        found: dict[str, Any] = (await self.http.get(f"/fhir/Subscription/{subscription_id}")).json()
        return found

    async def submit(self, event: DischargeEvent, *, at: datetime | None = None) -> None:
        self.clock.now = at or event.sent_at + timedelta(minutes=1)
        async with self.runtime.service.store.transaction() as tx:
            await self.runtime.pipeline.apply_event(tx, event)

    async def deliver(self) -> None:
        while await self.runtime.delivery.run_once():
            pass

    def received(self, path: str) -> list[dict[str, Any]]:
        """What reached ``path``, once per delivered message (delivery is at least once: a retry after a
        slow 2xx repeats the same bytes, which receivers de-duplicate)."""
        seen: dict[bytes, dict[str, Any]] = {}
        for r in self.receiver.received:
            if r.path == path:
                seen.setdefault(r.body, json.loads(r.body))
        return list(seen.values())

    def notifications(self, path: str) -> list[dict[str, Any]]:
        return [n for n in self.received(path) if parameters(n)["type"] == "event-notification"]


async def open_gateway(store: SqlResourceStore, **settings: Any) -> AsyncIterator[Gateway]:
    clock = Clock(EVENTS[0].sent_at)
    config = Settings(database_url="unused://", base_url=BASE, scheduler_enabled=False, delivery_enabled=False,
                      **settings)  # fmt: skip
    app = create_app(config, store=store, clock=clock)
    async with running_receiver(SECRET) as receiver, app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as http:
            yield Gateway(app, clock, http, receiver)


@pytest.fixture
async def gateway(store: SqlResourceStore, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Gateway]:
    monkeypatch.setenv("TEST_SUBSCRIPTION_SECRET", SECRET.decode())
    async for gw in open_gateway(store):
        yield gw


async def test_a_rest_hook_subscription_shakes_hands_and_becomes_active(gateway: Gateway) -> None:
    body = subscription(f"{gateway.receiver.base}/hook", headers=("Authorization: Bearer t0k3n",),
                        secret="env:TEST_SUBSCRIPTION_SECRET", status="active")  # fmt: skip
    created = await gateway.http.post("/fhir/Subscription", json=body, headers=FHIR_JSON)
    assert created.status_code == 201, created.text
    assert created.json()["status"] == "requested"  # the server owns the status: handshake first
    subscription_id = created.json()["id"]
    assert await gateway.runtime.subscriptions.run_once() == 1
    (handshake,) = gateway.receiver.received
    assert handshake.headers["content-type"].startswith("application/fhir+json")
    assert handshake.headers["authorization"] == "Bearer t0k3n"
    assert gateway.receiver.verify(handshake, "x-signature")
    bundle = json.loads(handshake.body)
    assert bundle["type"] == "history"
    assert bundle["entry"][0]["request"] == {"method": "GET", "url": f"{BASE}/Subscription/{subscription_id}/$status"}
    status = parameters(bundle)
    assert status["type"] == "handshake"
    assert status["status"] == "requested"
    assert status["events-since-subscription-start"] == "0"
    assert status["subscription"] == {"reference": f"{BASE}/Subscription/{subscription_id}"}
    assert status["topic"] == TOPIC + "process-event"
    assert (await gateway.subscription(subscription_id))["status"] == "active"
    assert await gateway.runtime.subscriptions.run_once() == 0  # no second handshake, no heartbeat configured


async def test_a_failed_handshake_puts_the_subscription_in_error(gateway: Gateway) -> None:
    gateway.receiver.answer("/down", 503)
    subscription_id = await gateway.subscribe("/down")
    await gateway.runtime.subscriptions.run_once()
    stored = await gateway.subscription(subscription_id)
    assert stored["status"] == "error"
    assert "503" in stored["error"]
    answer = (await gateway.http.get(f"/fhir/Subscription/{subscription_id}/$status")).json()
    assert answer["type"] == "searchset"
    status = parameters(answer)
    assert (status["status"], status["type"]) == ("error", "query-status")
    assert "503" in status["error"]["text"]


async def later(seconds: float, run: Callable[[], Awaitable[int]]) -> int:
    await asyncio.sleep(seconds)
    return await run()


async def test_two_instances_send_one_handshake_and_a_lapsed_claim_is_taken_over(gateway: Gateway) -> None:
    other = SubscriptionMonitor(gateway.runtime.service, base=BASE, clock=gateway.clock)  # a second instance
    try:
        gateway.receiver.delays["/slow"] = 0.3  # the other instance looks while the first one is sending
        first = await gateway.subscribe("/slow")
        gateway.clock.now += timedelta(seconds=1)
        done = await asyncio.gather(gateway.runtime.subscriptions.run_once(), later(0.1, other.run_once))
        assert sorted(done) == [0, 1]
        assert len(gateway.receiver.received) == 1
        assert (await gateway.subscription(first))["status"] == "active"
        # an instance that claimed and died: the Subscription stays requested until the claim lapses
        second = await gateway.subscribe("/slow")
        gateway.clock.now += timedelta(seconds=1)
        stored = await gateway.runtime.service.store.read("Subscription", second)
        assert await other._claim_handshake(stored)  # claimed, never sent
        assert await gateway.runtime.subscriptions.run_once() == 0
        gateway.clock.now += HANDSHAKE_LEASE
        assert await gateway.runtime.subscriptions.run_once() == 1
        assert (await gateway.subscription(second))["status"] == "active"
        assert len(gateway.receiver.received) == 2
    finally:
        await other.stop()


@pytest.mark.parametrize(
    ("change", "expression"),
    [
        ({"channel_type": "email"}, "Subscription.channel.type"),
        ({"channel_type": "websocket"}, "Subscription.channel.type"),
        ({"topic": "no-such-topic"}, "Subscription.criteria"),
        ({"filters": ("Patient?identifier=191212121212",)}, "Subscription.criteria.extension[0]"),
        ({"filters": ("municipality=180",)}, "Subscription.criteria.extension[0]"),
        ({"content": "everything"}, "Subscription.channel.payload.extension[backport-payload-content]"),
        ({"headers": ("X-Signature: forged",)}, "Subscription.channel.header[0]"),
        ({"heartbeat": 0}, "Subscription.channel.extension[backport-heartbeat-period]"),
    ],
)
async def test_subscriptions_the_gateway_cannot_serve_are_rejected_422(
    gateway: Gateway, change: dict[str, Any], expression: str
) -> None:
    options = {"topic": "process-event", **change}
    body = subscription(f"{gateway.receiver.base}/hook", **options)
    response = await gateway.http.post("/fhir/Subscription", json=body, headers=FHIR_JSON)
    assert response.status_code == 422, response.text
    outcome = response.json()
    assert outcome["resourceType"] == "OperationOutcome"
    assert expression in [i.get("expression", [""])[0] for i in outcome["issue"]]


async def test_event_notifications_are_numbered_per_subscription_and_carry_the_focus(gateway: Gateway) -> None:
    subscription_id = await gateway.subscribe("/all", headers=("Authorization: Bearer t0k3n",))
    await gateway.runtime.subscriptions.run_once()
    for event in EVENTS[:5]:
        await gateway.submit(event)
    async with gateway.runtime.service.store.reader() as conn:
        queued = [r for r in await rows(conn) if r.message.endpoint_id == f"subscription/{subscription_id}"]
    assert [r.message.format for r in queued] == ["fhir"] * 5  # in the outbox, written with the events
    await gateway.deliver()
    notifications = gateway.notifications("/all")
    statuses = [parameters(n) for n in notifications]
    assert [s["events-since-subscription-start"] for s in statuses] == ["1", "2", "3", "4", "5"]
    assert [s["notification-event"][0]["event-number"] for s in statuses] == ["1", "2", "3", "4", "5"]
    episode = f"{BASE}/EpisodeOfCare/{episode_id(CASE_ID)}"
    for event, notification, status in zip(EVENTS, notifications, statuses, strict=False):
        assert notification["type"] == "history"
        assert status["status"] == "active"
        assert status["subscription"] == {"reference": f"{BASE}/Subscription/{subscription_id}"}
        (notified,) = status["notification-event"]
        assert notified["focus"] == {"reference": episode}
        assert datetime.fromisoformat(notified["timestamp"]) == event.sent_at + timedelta(minutes=1)
        focus = notification["entry"][1]
        assert focus["fullUrl"] == episode
        assert focus["resource"]["resourceType"] == "EpisodeOfCare"
        assert focus["request"]["method"] in ("POST", "PUT")
    validator = compiled_definitions()[0]
    for bundle in gateway.received("/all"):
        assert [i for i in validator.validate(bundle, today=gateway.clock.now.date()) if i.is_error] == []
    deliveries = [r for r in gateway.receiver.received if r.path == "/all"]
    assert all(r.headers["authorization"] == "Bearer t0k3n" for r in deliveries)
    assert all("x-signature" not in r.headers for r in deliveries)  # no secret reference: unsigned


async def test_filters_select_by_receiver_sender_municipality_and_topic(gateway: Gateway) -> None:
    await gateway.subscribe("/soc1", filters=(f"EpisodeOfCare?receiver={SOC1}",))
    await gateway.subscribe("/acks", "acknowledgement")
    await gateway.subscribe("/elsewhere", filters=("municipality=1480",))
    await gateway.subscribe("/contact", "care-contact", filters=("municipality=urn:oid:1.2.752.129.2.2.1.17|0180",))
    await gateway.subscribe("/admission", "admission-notice", filters=(f"receiver={SOC1},SE2120001777-XXX9",
                                                                       f"sender={WARD1}"))  # fmt: skip
    await gateway.subscribe("/other-sender", "admission-notice", filters=(f"sender={SOC1}",))
    await gateway.runtime.subscriptions.run_once()
    for event in EVENTS[:5]:  # M-01 (WARD1 → SOC1, HSV1, VC01), 3 × M-02 (→ WARD1), M-04 (VC01 → WARD1, SOC1)
        await gateway.submit(event)
    await gateway.deliver()

    def applied(path: str) -> list[datetime]:
        return [
            datetime.fromisoformat(parameters(n)["notification-event"][0]["timestamp"])
            for n in gateway.notifications(path)
        ]

    minute = timedelta(minutes=1)
    assert applied("/soc1") == [EVENTS[0].sent_at + minute, EVENTS[4].sent_at + minute]
    assert len(applied("/acks")) == 3
    assert applied("/elsewhere") == []
    assert applied("/contact") == [EVENTS[4].sent_at + minute]
    assert applied("/admission") == [EVENTS[0].sent_at + minute]
    assert applied("/other-sender") == []
    numbers = [parameters(n)["notification-event"][0]["event-number"] for n in gateway.notifications("/acks")]
    assert numbers == ["1", "2", "3"]  # numbered per Subscription


async def test_payload_content_empty_id_only_and_full_resource(gateway: Gateway) -> None:
    for content in ("empty", "id-only", "full-resource"):
        await gateway.subscribe(f"/{content}", "admission-notice", content=content)
    await gateway.runtime.subscriptions.run_once()
    await gateway.submit(EVENTS[0])
    await gateway.deliver()
    (empty,), (id_only,), (full,) = (gateway.notifications(f"/{c}") for c in ("empty", "id-only", "full-resource"))
    assert len(empty["entry"]) == 1
    assert "topic" not in parameters(empty)
    assert parameters(empty)["notification-event"] == [
        {"event-number": "1", "timestamp": parameters(empty)["notification-event"][0]["timestamp"]}
    ]
    assert len(id_only["entry"]) == 1
    assert parameters(id_only)["notification-event"][0]["focus"]["reference"].endswith(episode_id(CASE_ID))
    assert parameters(id_only)["topic"] == TOPIC + "admission-notice"
    assert len(full["entry"]) == 2
    assert full["entry"][1]["resource"]["id"] == episode_id(CASE_ID)


async def test_status_counts_events_and_events_replays_a_range(gateway: Gateway) -> None:
    subscription_id = await gateway.subscribe("/replay", content="id-only")
    await gateway.runtime.subscriptions.run_once()
    for event in EVENTS[:5]:
        await gateway.submit(event)
    status = parameters((await gateway.http.get(f"/fhir/Subscription/{subscription_id}/$status")).json())
    assert status["events-since-subscription-start"] == "5"
    assert (status["status"], status["topic"]) == ("active", TOPIC + "process-event")
    listed = (await gateway.http.get("/fhir/Subscription/$status", params={"status": "active"})).json()
    assert [parameters({"entry": [e]})["subscription"]["reference"] for e in listed["entry"]] == [
        f"{BASE}/Subscription/{subscription_id}"
    ]
    url = f"/fhir/Subscription/{subscription_id}/$events"
    query = {"eventsSinceNumber": "2", "eventsUntilNumber": "4", "content": "full-resource"}
    answer = (await gateway.http.get(url, params=query)).json()
    body = {"resourceType": "Parameters", "parameter": [{"name": k, "valueString": v} for k, v in query.items()]}
    posted = (await gateway.http.post(url, json=body, headers=FHIR_JSON)).json()
    for replay in (answer, posted):
        assert replay["type"] == "history"
        replayed = parameters(replay)
        assert replayed["type"] == "query-event"
        assert replayed["events-since-subscription-start"] == "5"
        assert [e["event-number"] for e in replayed["notification-event"]] == ["2", "3", "4"]
        assert [e["resource"]["resourceType"] for e in replay["entry"][1:]] == ["EpisodeOfCare"] * 3
    id_only = (await gateway.http.get(url, params={"eventsSinceNumber": "5"})).json()
    assert [e["event-number"] for e in parameters(id_only)["notification-event"]] == ["5"]
    assert len(id_only["entry"]) == 1  # the Subscription's own content: id-only
    bad = await gateway.http.get(url, params={"eventsSinceNumber": "two"})
    assert bad.status_code == 400


async def test_a_heartbeat_is_sent_when_nothing_was_sent_for_the_period(gateway: Gateway) -> None:
    start = gateway.clock.now
    await gateway.subscribe("/beat", "admission-notice", heartbeat=60)
    assert await gateway.runtime.subscriptions.run_once() == 1  # the handshake
    gateway.clock.now = start + timedelta(seconds=30)
    assert await gateway.runtime.subscriptions.run_once() == 0
    gateway.clock.now = start + timedelta(seconds=61)
    assert await gateway.runtime.subscriptions.run_once() == 1
    await gateway.deliver()
    beats = [parameters(n) for n in gateway.received("/beat") if parameters(n)["type"] == "heartbeat"]
    assert [(b["status"], b["events-since-subscription-start"]) for b in beats] == [("active", "0")]
    gateway.clock.now = start + timedelta(seconds=100)
    assert await gateway.runtime.subscriptions.run_once() == 0  # the last heartbeat was 39 s ago
    await gateway.submit(EVENTS[0], at=start + timedelta(seconds=110))  # a notification counts as sent
    gateway.clock.now = start + timedelta(seconds=165)
    assert await gateway.runtime.subscriptions.run_once() == 0
    gateway.clock.now = start + timedelta(seconds=171)
    assert await gateway.runtime.subscriptions.run_once() == 1
    await gateway.deliver()
    beats = [parameters(n) for n in gateway.received("/beat") if parameters(n)["type"] == "heartbeat"]
    assert [b["events-since-subscription-start"] for b in beats] == ["0", "1"]


async def test_an_active_subscription_past_its_end_is_turned_off(gateway: Gateway) -> None:
    body = subscription(f"{gateway.receiver.base}/ending")
    body["end"] = (gateway.clock.now + timedelta(minutes=1)).isoformat()
    created = (await gateway.http.post("/fhir/Subscription", json=body, headers=FHIR_JSON)).json()
    await gateway.runtime.subscriptions.run_once()
    assert (await gateway.subscription(created["id"]))["status"] == "active"
    gateway.clock.now += timedelta(minutes=2)
    assert await gateway.runtime.subscriptions.run_once() == 1
    assert (await gateway.subscription(created["id"]))["status"] == "off"
    await gateway.submit(EVENTS[0])
    await gateway.deliver()
    assert gateway.notifications("/ending") == []


async def test_an_overdue_deadline_notifies_the_overdue_topic_for_the_responsible_unit(gateway: Gateway) -> None:
    await gateway.subscribe("/overdue", "deadline-overdue", filters=(f"receiver={SOC1}",))
    await gateway.runtime.subscriptions.run_once()
    await gateway.submit(EVENTS[0])  # M-01: R-03 acknowledgement deadline per recipient, Tuesday 11:00
    at = datetime.fromisoformat("2025-03-04T11:00:01+01:00")
    gateway.clock.now = at
    assert await gateway.runtime.scheduler.tick(at) >= 3
    await gateway.deliver()
    (notification,) = gateway.notifications("/overdue")
    focus = notification["entry"][1]["resource"]
    assert focus["resourceType"] == "Communication"
    assert focus["recipient"][0]["identifier"]["value"] == SOC1
    assert parameters(notification)["notification-event"][0]["focus"]["reference"] == (
        f"{BASE}/Communication/{focus['id']}"
    )


async def test_a_dead_lettered_notification_puts_the_subscription_in_error(gateway: Gateway) -> None:
    gateway.receiver.answer("/gone", 200, 400)  # the handshake succeeds, the first notification is refused
    subscription_id = await gateway.subscribe("/gone")
    await gateway.runtime.subscriptions.run_once()
    await gateway.submit(EVENTS[0])
    await gateway.deliver()
    stored = await gateway.subscription(subscription_id)
    assert stored["status"] == "error"
    assert "400" in stored["error"]
    await gateway.submit(EVENTS[1])  # an error Subscription gets no more (the receiver repairs with $events)
    async with gateway.runtime.service.store.reader() as conn:
        queued = [r for r in await rows(conn) if r.message.endpoint_id == f"subscription/{subscription_id}"]
    assert [r.state for r in queued] == ["dead"]


async def test_topics_are_published_as_basic_and_in_the_capability_statement(gateway: Gateway) -> None:
    topics = (await gateway.http.get("/fhir/Basic", params={"code": "SubscriptionTopic"})).json()
    ids = {e["resource"]["id"] for e in topics["entry"]}
    assert {"admission-notice", "acknowledgement", "care-contact", "sip", "ready-for-discharge", "discharge",
            "deadline-overdue", "process-event"} == ids  # fmt: skip
    topic = (await gateway.http.get("/fhir/Basic/sip")).json()
    assert topic["code"]["coding"][0]["code"] == "SubscriptionTopic"
    assert {"url": "http://hl7.org/fhir/StructureDefinition/artifact-url", "valueUri": TOPIC + "sip"} in topic[
        "extension"
    ]
    assert (await gateway.http.get("/fhir/Basic/nope")).status_code == 404
    metadata = (await gateway.http.get("/fhir/metadata")).json()
    (resource,) = [r for r in metadata["rest"][0]["resource"] if r["type"] == "Subscription"]
    assert {e["valueCanonical"] for e in resource["extension"]} == {TOPIC + i for i in ids}
    assert {"status", "events"} <= {o["name"] for o in resource["operation"]}


async def test_a_contract_message_notifies_subscribers_in_the_accepting_transaction(
    store: SqlResourceStore,
) -> None:
    async for gw in open_gateway(store, directory_file="demo/directory.json"):
        subscription_id = await gw.subscribe("/inbound", "admission-notice", filters=("municipality=0180",))
        await gw.runtime.subscriptions.run_once()
        message = load_fixture("lifecare/example-1-inskrivningsmeddelande-sto-gron.json")
        gw.clock.now = datetime.fromisoformat(message["skapad"]) + timedelta(minutes=1)
        answer = await gw.http.post("/inbound/lifecare-sp-style/v1", content=json.dumps(message).encode(),
                                    headers={"content-type": "application/json"})  # fmt: skip
        assert answer.status_code == 200, answer.text
        async with gw.runtime.service.store.reader() as conn:
            queued = await rows(conn, source_message_id=message["meddelandeId"])
        assert f"subscription/{subscription_id}" in {r.message.endpoint_id for r in queued}
        await gw.deliver()
        (notification,) = gw.notifications("/inbound")
        assert parameters(notification)["notification-event"][0]["event-number"] == "1"
        assert notification["entry"][1]["resource"]["id"] == episode_id(message["arende"]["arendeId"])


async def test_c_rules_a_receiver_filtered_subscription_gets_no_resource_its_receiver_may_not_see(
    gateway: Gateway,
) -> None:
    refused = replace(EVENTS[0], consent=ConsentStatus.REFUSED)  # M-01 reaches SOC1 redacted (D5–D8 withheld)
    subscription_id = await gateway.subscribe("/soc1", filters=(f"receiver={SOC1}",), content="full-resource")
    everything = await gateway.subscribe("/all", content="full-resource")
    await gateway.runtime.subscriptions.run_once()
    await gateway.submit(refused)
    await gateway.deliver()
    (filtered,) = gateway.notifications("/soc1")
    assert [e for e in filtered["entry"][1:] if "resource" in e] == []  # id-only: the stored resource is not redacted
    assert parameters(filtered)["notification-event"][0]["focus"]["reference"].endswith(episode_id(CASE_ID))
    (unfiltered,) = gateway.notifications("/all")
    assert unfiltered["entry"][1]["resource"]["resourceType"] == "EpisodeOfCare"  # (who may subscribe: access control)
    replay = (await gateway.http.get(f"/fhir/Subscription/{subscription_id}/$events",
                                     params={"content": "full-resource"})).json()  # fmt: skip
    assert [e for e in replay["entry"][1:] if "resource" in e] == []  # a replay is not judged per event: ids only
    assert everything
