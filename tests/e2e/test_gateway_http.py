"""The running gateway over real HTTP: metadata, CRUD, concurrency, privacy of logs, restart."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx

from tests.e2e.conftest import RunningGateway, start_gateway
from tests.fhir_http import FHIR_JSON, resource

PNR_SYSTEM = "http://electronichealth.se/identifier/personnummer"


def test_metadata_is_a_capability_statement_for_fhir_4_0_1(gateway: RunningGateway) -> None:
    response = httpx.get(f"{gateway.fhir}/metadata")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/fhir+json")
    statement = response.json()
    assert statement["resourceType"] == "CapabilityStatement"
    assert statement["fhirVersion"] == "4.0.1"
    types = {r["type"] for r in statement["rest"][0]["resource"]}
    assert {"Patient", "Encounter", "Task", "CarePlan", "Communication", "Consent", "MessageHeader"} <= types
    task = next(r for r in statement["rest"][0]["resource"] if r["type"] == "Task")
    assert {"Task:focus", "Task:patient"} <= set(task["searchInclude"])
    assert {"owner", "requester", "focus", "based-on", "part-of", "patient"} <= {p["name"] for p in task["searchParam"]}


def test_health_and_readiness(gateway: RunningGateway) -> None:
    assert httpx.get(f"{gateway.base}/healthz").status_code == 200
    assert httpx.get(f"{gateway.base}/readyz").json() == {"status": "ready"}


def test_create_read_update_delete_over_http(gateway: RunningGateway) -> None:
    with httpx.Client(base_url=gateway.base, headers=FHIR_JSON) as http:
        created = http.post("/fhir/Organization", json=resource("organization-karlskoga"))
        assert created.status_code == 201
        url = created.headers["location"].split("/_history")[0]
        updated = http.put(url, json={**created.json(), "active": False}, headers={"if-match": created.headers["etag"]})
        assert updated.status_code == 200
        assert http.get(url).json()["active"] is False
        assert http.delete(url).status_code == 204
        assert http.get(url).status_code == 410


def test_eight_parallel_conditional_creates_over_real_connections_create_one(gateway: RunningGateway) -> None:
    value = "199001012385"  # a Skatteverket-style test number, unique to this test
    body = resource("patient-tolvan", identifier=[{"system": PNR_SYSTEM, "value": value}])
    headers = {**FHIR_JSON, "if-none-exist": f"identifier={PNR_SYSTEM}|{value}"}

    async def race() -> list[httpx.Response]:
        limits = httpx.Limits(max_connections=8)
        async with httpx.AsyncClient(base_url=gateway.base, limits=limits) as http:
            return await asyncio.gather(*(http.post("/fhir/Patient", json=body, headers=headers) for _ in range(8)))

    responses = asyncio.run(race())
    assert sorted(r.status_code for r in responses) == [200] * 7 + [201]
    found = httpx.get(f"{gateway.fhir}/Patient", params={"identifier": f"{PNR_SYSTEM}|{value}"}).json()
    assert found["total"] == 1


def test_logs_never_contain_bodies_query_strings_or_personal_identity_numbers(gateway: RunningGateway) -> None:
    value = "191111111111"
    body = resource("patient-tolvan", identifier=[{"system": PNR_SYSTEM, "value": value}])
    with httpx.Client(base_url=gateway.base, headers=FHIR_JSON) as http:
        http.post("/fhir/Patient", json=body)
        http.get("/fhir/Patient", params={"identifier": f"{PNR_SYSTEM}|{value}"})
        http.post("/fhir/Patient", json={**body, "gender": "robot"})  # rejected: must not be echoed in logs
    logs = gateway.logs()
    assert '"route":"/fhir/{resource_type}"' in logs  # the access log is there…
    assert value not in logs  # …but no identity number,
    assert "1111-1111" not in logs
    assert "Tolvansson" not in logs  # no body content,
    assert "identifier=" not in logs  # and no query string.


def test_data_survives_a_restart_on_the_embedded_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/gateway.sqlite3"
    first = start_gateway(url, tmp_path / "first.log")
    try:
        created = httpx.post(f"{first.fhir}/Organization", json=resource("organization-karlskoga"), headers=FHIR_JSON)
    finally:
        first.stop()
    second = start_gateway(url, tmp_path / "second.log")
    try:
        again = httpx.get(f"{second.fhir}/Organization/{created.json()['id']}")
        assert again.status_code == 200
        assert again.json() == created.json()
    finally:
        second.stop()
