"""Every rejection is an OperationOutcome with the right status and the element path."""

from __future__ import annotations

import httpx

from tests.fhir_http import FHIR_JSON, expressions, resource


async def test_task_with_status_bogus_is_400_naming_task_status(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/fhir/Task", json=resource("task-admission-notice", status="bogus"), headers=FHIR_JSON
    )
    assert response.status_code == 400
    assert expressions(response.json()) == ["Task.status"]
    assert response.json()["issue"][0]["code"] == "code-invalid"


async def test_unknown_element_is_400_naming_it(client: httpx.AsyncClient) -> None:
    response = await client.post("/fhir/Patient", json=resource("patient-tolvan", colour="blue"), headers=FHIR_JSON)
    assert response.status_code == 400
    assert expressions(response.json()) == ["Patient.colour"]


async def test_wrong_primitive_type_deep_in_the_resource_is_400_with_the_indexed_path(
    client: httpx.AsyncClient,
) -> None:
    body = resource("patient-tolvan", identifier=[{"system": "urn:x", "value": "1"}, {"system": 7, "value": "2"}])
    response = await client.post("/fhir/Patient", json=body, headers=FHIR_JSON)
    assert response.status_code == 400
    assert expressions(response.json()) == ["Patient.identifier[1].system"]


async def test_missing_required_element_is_400_naming_it(client: httpx.AsyncClient) -> None:
    body = resource("encounter-inpatient")
    del body["class"]
    response = await client.post("/fhir/Encounter", json=body, headers=FHIR_JSON)
    assert response.status_code == 400
    assert expressions(response.json()) == ["Encounter.class"]
    assert response.json()["issue"][0]["code"] == "required"


async def test_several_problems_are_reported_together(client: httpx.AsyncClient) -> None:
    body = resource("patient-tolvan", gender="robot", identifier=[{"use": "nope", "value": "1"}])
    response = await client.post("/fhir/Patient", json=body, headers=FHIR_JSON)
    assert response.status_code == 400
    assert sorted(expressions(response.json())) == ["Patient.gender", "Patient.identifier[0].use"]


async def test_resource_type_that_differs_from_the_url_is_400(client: httpx.AsyncClient) -> None:
    response = await client.post("/fhir/Task", json=resource("patient-tolvan"), headers=FHIR_JSON)
    assert response.status_code == 400
    assert expressions(response.json()) == ["resourceType"]


async def test_body_that_is_not_json_is_400(client: httpx.AsyncClient) -> None:
    response = await client.post("/fhir/Patient", content=b'{"resourceType": "Patient",', headers=FHIR_JSON)
    assert response.status_code == 400
    assert response.json()["resourceType"] == "OperationOutcome"


async def test_json_nested_deeper_than_the_limit_is_400(client: httpx.AsyncClient) -> None:
    deep: object = "x"
    for _ in range(100):
        deep = {"extension": [deep]}
    body = resource("patient-tolvan", _gender=deep)
    response = await client.post("/fhir/Patient", json=body, headers=FHIR_JSON)
    assert response.status_code == 400
    assert "nesting" in response.json()["issue"][0]["diagnostics"]


async def test_body_above_the_size_limit_is_413(client: httpx.AsyncClient) -> None:
    huge = resource("patient-tolvan", name=[{"text": "x" * (11 * 1024 * 1024)}])
    response = await client.post("/fhir/Patient", json=huge, headers=FHIR_JSON)
    assert response.status_code == 413
    assert response.json()["issue"][0]["code"] == "too-long"


async def test_xml_body_is_415(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/fhir/Patient",
        content=b"<Patient xmlns='http://hl7.org/fhir'/>",
        headers={"content-type": "application/fhir+xml"},
    )
    assert response.status_code == 415
    assert expressions(response.json()) == ["Content-Type"]


async def test_accepting_only_xml_is_406(client: httpx.AsyncClient) -> None:
    response = await client.get("/fhir/metadata", headers={"accept": "application/fhir+xml"})
    assert response.status_code == 406


async def test_unknown_resource_type_is_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/fhir/Spaceship/1")
    assert response.status_code == 404
    assert response.json()["issue"][0]["code"] == "not-found"


async def test_patch_is_405(client: httpx.AsyncClient) -> None:
    response = await client.patch("/fhir/Patient/1", json=[], headers={"content-type": "application/json-patch+json"})
    assert response.status_code == 405
    assert response.json()["resourceType"] == "OperationOutcome"
    assert set(response.headers["allow"].split(", ")) >= {"GET", "PUT", "DELETE"}  # every method of the path


async def test_invalid_id_in_the_url_is_400(client: httpx.AsyncClient) -> None:
    response = await client.get("/fhir/Patient/" + "x" * 65)
    assert response.status_code == 400
    assert expressions(response.json()) == ["id"]


async def test_malformed_if_match_is_400(client: httpx.AsyncClient) -> None:
    body = resource("organization-karlskoga", id="a")
    response = await client.put("/fhir/Organization/a", json=body, headers={**FHIR_JSON, "if-match": "three"})
    assert response.status_code == 400
    assert expressions(response.json()) == ["If-Match"]


async def test_unknown_route_is_404_operation_outcome(client: httpx.AsyncClient) -> None:
    response = await client.get("/nothing/here")
    assert response.status_code == 404
    assert response.json()["resourceType"] == "OperationOutcome"


async def test_every_response_carries_a_correlation_id_and_echoes_a_given_one(
    client: httpx.AsyncClient,
) -> None:
    assert (await client.get("/healthz")).headers["x-correlation-id"]
    echoed = await client.get("/healthz", headers={"x-correlation-id": "abc-123"})
    assert echoed.headers["x-correlation-id"] == "abc-123"


async def test_reference_to_a_resource_that_does_not_exist_is_422_naming_the_reference(
    client: httpx.AsyncClient,
) -> None:
    body = resource("task-admission-notice", owner={"reference": "Organization/nowhere"})
    response = await client.post("/fhir/Task", json=body, headers=FHIR_JSON)
    assert response.status_code == 422
    assert expressions(response.json()) == ["Task.owner.reference"]
    assert (await client.get("/fhir/Task")).json()["total"] == 0


async def test_absolute_contained_and_logical_references_are_not_resolved(client: httpx.AsyncClient) -> None:
    body = resource(
        "task-admission-notice",
        owner={"reference": "https://other.example.se/fhir/Organization/1"},
        requester={"identifier": {"system": "urn:oid:1.2.752.29.4.19", "value": "SE2321000164-X"}},
    )
    response = await client.post("/fhir/Task", json=body, headers=FHIR_JSON)
    assert response.status_code == 201


async def test_readyz_is_503_with_an_outcome_when_the_store_is_unreachable(
    client: httpx.AsyncClient, store: object
) -> None:
    assert (await client.get("/readyz")).status_code == 200
    await store.close()  # type: ignore[attr-defined]
    response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["issue"][0]["code"] == "transient"


async def test_an_http_level_problem_is_also_located_as_http_dot_name(client: httpx.AsyncClient) -> None:
    created = await client.post("/fhir/Patient", json=resource("patient-tolvan"), headers=FHIR_JSON)
    stale = await client.put(
        f"/fhir/Patient/{created.json()['id']}", json=created.json(), headers={**FHIR_JSON, "if-match": 'W/"9"'}
    )
    (issue,) = stale.json()["issue"]
    assert (issue["expression"], issue["location"]) == (["If-Match"], ["http.If-Match"])
    invalid = await client.post("/fhir/Task", json={"resourceType": "Task", "status": "bogus"}, headers=FHIR_JSON)
    assert all("location" not in i for i in invalid.json()["issue"])  # element paths need no HTTP location
