"""An unmodified real FHIR client library (fhirpy) drives the running gateway."""

from __future__ import annotations

import asyncio

from fhirpy import AsyncFHIRClient, SyncFHIRClient

from tests.e2e.conftest import RunningGateway
from tests.fhir_http import resource

PNR_SYSTEM = "http://electronichealth.se/identifier/personnummer"


def test_fhirpy_sync_client_creates_searches_updates_and_deletes(gateway: RunningGateway) -> None:
    client = SyncFHIRClient(gateway.fhir, extra_headers={"Accept": "application/fhir+json"})
    patient = client.resource("Patient", **resource("patient-tolvan", identifier=[
        {"system": PNR_SYSTEM, "value": "194107079818"}]))  # fmt: skip
    patient.save()
    assert patient.id
    found = client.resources("Patient").search(identifier=f"{PNR_SYSTEM}|194107079818").fetch_all()
    assert [p.id for p in found] == [patient.id]

    step = {"coding": [{"system": "https://discharge-gateway.example.se/fhir/CodeSystem/process-step",
                        "code": "general-message"}]}  # fmt: skip
    task = client.resource(
        "Task", status="requested", intent="order", code=step, **{"for": patient.to_reference()},
        restriction={"period": {"end": "2030-01-01T12:00:00+01:00"}},
    )  # fmt: skip
    task.save()
    task["status"] = "accepted"
    task.save()
    assert client.reference("Task", task.id).to_resource()["status"] == "accepted"

    tasks = client.resources("Task").search(patient=patient.id).include("Task", "patient").fetch_raw()
    included = [e["resource"]["resourceType"] for e in tasks["entry"] if e["search"]["mode"] == "include"]
    assert included == ["Patient"]

    task.delete()
    patient.delete()
    assert client.resources("Patient").search(_id=patient.id).count() == 0


def test_fhirpy_async_client_pages_through_a_search(gateway: RunningGateway) -> None:
    async def scenario() -> list[str]:
        client = AsyncFHIRClient(gateway.fhir)
        for number in range(5):
            org = client.resource("Organization", name=f"Paging enhet {number}", identifier=[
                {"system": "urn:oid:1.2.752.29.4.19", "value": f"SE2321000164-PAGING{number}"}])  # fmt: skip
            await org.save()
        search = client.resources("Organization").search(name="paging enhet").limit(2)
        return [org["name"] async for org in search]

    names = asyncio.run(scenario())
    assert sorted(names) == [f"Paging enhet {n}" for n in range(5)]
