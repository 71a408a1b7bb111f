"""batch and transaction Bundles on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
from typing import Any

import httpx

from tests.conftest import load_fixture
from tests.fhir_http import FHIR_JSON, expressions

PNR = "http://electronichealth.se/identifier/personnummer"


def transaction() -> dict[str, Any]:
    return copy.deepcopy(load_fixture("resources/transaction-admission.json"))


async def post_bundle(client: httpx.AsyncClient, bundle: dict[str, Any]) -> httpx.Response:
    return await client.post("/fhir", json=bundle, headers=FHIR_JSON)


async def test_transaction_creates_all_and_resolves_urn_uuid_references(client: httpx.AsyncClient) -> None:
    response = await post_bundle(client, transaction())
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["type"] == "transaction-response"
    assert [e["response"]["status"] for e in result["entry"]] == ["201 Created"] * 3
    patient_id = result["entry"][0]["resource"]["id"]
    encounter_id = result["entry"][1]["resource"]["id"]
    task = result["entry"][2]["resource"]
    assert task["for"]["reference"] == f"Patient/{patient_id}"
    assert task["focus"]["reference"] == f"Encounter/{encounter_id}"
    stored = (await client.get(f"/fhir/Task/{task['id']}")).json()
    assert stored["encounter"]["reference"] == f"Encounter/{encounter_id}"


async def test_transaction_conditional_create_reuses_the_existing_patient(client: httpx.AsyncClient) -> None:
    first = (await post_bundle(client, transaction())).json()
    second = (await post_bundle(client, transaction())).json()
    assert second["entry"][0]["response"]["status"] == "200 OK"
    assert second["entry"][0]["resource"]["id"] == first["entry"][0]["resource"]["id"]
    assert second["entry"][2]["resource"]["for"] == first["entry"][2]["resource"]["for"]
    patients = (await client.get("/fhir/Patient", params={"identifier": f"{PNR}|201212121212"})).json()
    assert patients["total"] == 1


async def test_transaction_with_one_invalid_entry_stores_nothing(client: httpx.AsyncClient) -> None:
    bundle = transaction()
    bundle["entry"][2]["resource"]["status"] = "bogus"
    response = await post_bundle(client, bundle)
    assert response.status_code == 400
    assert expressions(response.json()) == ["Bundle.entry[2].resource.status"]
    assert (await client.get("/fhir/Patient")).json()["total"] == 0
    assert (await client.get("/fhir/Encounter")).json()["total"] == 0


async def test_transaction_failing_during_writes_is_rolled_back(client: httpx.AsyncClient) -> None:
    ward = {"resourceType": "Organization", "id": "ward", "name": "Avdelning 12"}
    assert (await client.put("/fhir/Organization/ward", json=ward, headers=FHIR_JSON)).status_code == 201
    bundle = transaction()
    bundle["entry"].append(
        {
            "resource": {"resourceType": "Organization", "id": "ward", "name": "x"},
            "request": {"method": "PUT", "url": "Organization/ward", "ifMatch": 'W/"7"'},
        }
    )
    response = await post_bundle(client, bundle)
    assert response.status_code == 412
    assert expressions(response.json()) == ["Bundle.entry[3].request.If-Match"]
    assert (await client.get("/fhir/Patient")).json()["total"] == 0
    assert (await client.get("/fhir/Organization/ward")).json()["name"] == "Avdelning 12"


async def test_transaction_with_a_dangling_urn_uuid_reference_is_400(client: httpx.AsyncClient) -> None:
    bundle = transaction()
    bundle["entry"][2]["resource"]["owner"] = {"reference": "urn:uuid:00000000-0000-4000-8000-00000000dead"}
    response = await post_bundle(client, bundle)
    assert response.status_code == 400
    assert expressions(response.json()) == ["Task.owner.reference"]


async def test_batch_processes_entries_independently(client: httpx.AsyncClient) -> None:
    bundle = transaction()
    bundle["type"] = "batch"
    bundle["entry"][1]["resource"]["subject"] = {"reference": "Patient/nobody"}
    bundle["entry"][2]["resource"]["status"] = "bogus"
    bundle["entry"][2]["resource"]["for"] = {"reference": "Patient/nobody"}
    bundle["entry"][2]["resource"].pop("encounter")
    bundle["entry"][2]["resource"].pop("focus")
    bundle["entry"].append({"request": {"method": "GET", "url": "Patient/does-not-exist"}})
    response = await post_bundle(client, bundle)
    assert response.status_code == 200
    statuses = [e["response"]["status"] for e in response.json()["entry"]]
    assert statuses == ["201 Created", "422", "400", "404"]
    assert expressions(response.json()["entry"][1]["response"]["outcome"]) == [
        "Bundle.entry[1].resource.subject.reference"
    ]
    outcome = response.json()["entry"][2]["response"]["outcome"]
    assert expressions(outcome) == ["Bundle.entry[2].resource.status"]


async def test_transaction_get_entries_see_the_transactions_writes(client: httpx.AsyncClient) -> None:
    bundle = transaction()
    bundle["entry"].append({"request": {"method": "GET", "url": f"Patient?identifier={PNR}|201212121212"}})
    result = (await post_bundle(client, bundle)).json()
    assert result["entry"][3]["resource"]["total"] == 1


async def test_posting_a_bundle_that_is_not_batch_or_transaction_is_400(client: httpx.AsyncClient) -> None:
    response = await post_bundle(client, {"resourceType": "Bundle", "type": "collection"})
    assert response.status_code == 400
    assert expressions(response.json()) == ["Bundle.type"]


async def test_same_resource_twice_in_a_transaction_is_400(client: httpx.AsyncClient) -> None:
    org = {"resourceType": "Organization", "id": "a", "name": "Avdelning A"}
    bundle = {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {"resource": org, "request": {"method": "PUT", "url": "Organization/a"}},
            {"resource": org, "request": {"method": "PUT", "url": "Organization/a"}},
        ],
    }
    response = await post_bundle(client, bundle)
    assert response.status_code == 400


async def test_transaction_entries_may_refer_to_resources_created_later_in_the_bundle(
    client: httpx.AsyncClient,
) -> None:
    bundle = {"resourceType": "Bundle", "type": "transaction", "entry": [
        {"resource": {"resourceType": "Organization", "id": "ward-5", "name": "Avd 5",
                      "partOf": {"reference": "Organization/region"}},
         "request": {"method": "PUT", "url": "Organization/ward-5"}},
        {"resource": {"resourceType": "Organization", "id": "region", "name": "Region Värmland"},
         "request": {"method": "PUT", "url": "Organization/region"}},
    ]}  # fmt: skip
    response = await post_bundle(client, bundle)
    assert response.status_code == 200, response.text


async def test_transaction_with_a_reference_to_nothing_is_422_and_stores_nothing(client: httpx.AsyncClient) -> None:
    bundle = transaction()
    bundle["entry"][2]["resource"]["owner"] = {"reference": "Organization/nowhere"}
    response = await post_bundle(client, bundle)
    assert response.status_code == 422
    assert expressions(response.json()) == ["Bundle.entry[2].resource.owner.reference"]
    assert (await client.get("/fhir/Patient")).json()["total"] == 0


def encounter_entry(subject: str) -> dict[str, Any]:
    encounter = copy.deepcopy(transaction()["entry"][1])
    encounter["resource"]["subject"] = {"reference": subject}
    return encounter


async def test_a_conditional_reference_in_a_transaction_resolves_to_its_one_match(client: httpx.AsyncClient) -> None:
    patient_id = (await post_bundle(client, transaction())).json()["entry"][0]["resource"]["id"]
    bundle = {"resourceType": "Bundle", "type": "transaction",
              "entry": [encounter_entry(f"Patient?identifier={PNR}|201212121212")]}  # fmt: skip
    response = await post_bundle(client, bundle)
    assert response.status_code == 200, response.text
    assert response.json()["entry"][0]["resource"]["subject"] == {"reference": f"Patient/{patient_id}"}


async def test_a_conditional_reference_with_no_match_or_several_fails_the_transaction(
    client: httpx.AsyncClient,
) -> None:
    await post_bundle(client, transaction())
    other = copy.deepcopy(transaction()["entry"][0]["resource"])
    other["identifier"][0]["value"] = "191212121212"
    await client.post("/fhir/Patient", json=other, headers=FHIR_JSON)
    before = (await client.get("/fhir/Encounter", params={"_summary": "count"})).json()["total"]
    nothing = {"resourceType": "Bundle", "type": "transaction",
               "entry": [encounter_entry(f"Patient?identifier={PNR}|199001019999")]}  # fmt: skip
    response = await post_bundle(client, nothing)
    assert response.status_code == 404
    assert expressions(response.json()) == ["Bundle.entry[0].resource.subject.reference"]
    several = {"resourceType": "Bundle", "type": "transaction",
               "entry": [encounter_entry(f"Patient?identifier={PNR}|"), transaction()["entry"][2]]}  # fmt: skip
    several["entry"][1]["resource"]["for"] = {"reference": f"Patient?identifier={PNR}|201212121212"}
    several["entry"][1]["resource"]["encounter"] = {"reference": "Encounter/none"}
    several["entry"][1]["resource"].pop("focus")
    response = await post_bundle(client, several)
    assert response.status_code == 412
    assert (await client.get("/fhir/Encounter", params={"_summary": "count"})).json()["total"] == before


async def test_a_conditional_reference_outside_a_transaction_is_422(client: httpx.AsyncClient) -> None:
    await post_bundle(client, transaction())
    encounter = encounter_entry(f"Patient?identifier={PNR}|201212121212")["resource"]
    response = await client.post("/fhir/Encounter", json=encounter, headers=FHIR_JSON)
    assert response.status_code == 422
    assert expressions(response.json()) == ["Encounter.subject.reference"]


async def test_urn_uuid_links_in_the_narrative_are_replaced_too(client: httpx.AsyncClient) -> None:
    bundle = transaction()
    patient_url = bundle["entry"][0]["fullUrl"]
    bundle["entry"][1]["resource"]["text"] = {
        "status": "generated",
        "div": f'<div xmlns="http://www.w3.org/1999/xhtml">Stay of <a href="{patient_url}">the patient</a></div>',
    }
    result = (await post_bundle(client, bundle)).json()
    patient_id = result["entry"][0]["resource"]["id"]
    assert f'href="Patient/{patient_id}"' in result["entry"][1]["resource"]["text"]["div"]
