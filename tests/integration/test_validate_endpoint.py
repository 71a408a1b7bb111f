"""$validate, the published definitions and the 400/422 split of writes, over HTTP on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import httpx

from tests.fhir_http import FHIR_JSON, expressions, resource

SD = "https://discharge-gateway.example.se/fhir/StructureDefinition/"
PNR = "http://electronichealth.se/identifier/personnummer"


def _bad_personnummer() -> dict[str, Any]:
    return resource("patient-tolvan", identifier=[{"system": PNR, "value": "191212121213"}])


def _errors(outcome: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for i in outcome["issue"] if i["severity"] in ("error", "fatal")]


async def test_validate_answers_200_with_all_ok_for_a_valid_resource(client: httpx.AsyncClient) -> None:
    response = await client.post("/fhir/Patient/$validate", json=resource("patient-tolvan"), headers=FHIR_JSON)
    assert response.status_code == 200
    outcome = response.json()
    assert outcome["resourceType"] == "OperationOutcome"
    assert _errors(outcome) == []
    assert any("dom-6" in i["diagnostics"] for i in outcome["issue"])  # warnings are reported by $validate


async def test_validate_answers_200_naming_every_problem_of_an_invalid_resource(client: httpx.AsyncClient) -> None:
    body = {**_bad_personnummer(), "gender": "robot"}
    response = await client.post("/fhir/Patient/$validate", json=body, headers=FHIR_JSON)
    assert response.status_code == 200
    errors = _errors(response.json())
    assert sorted(e["expression"][0] for e in errors) == ["Patient.gender", "Patient.identifier[0].value"]
    assert "191212121213" not in response.text


async def test_validate_takes_a_parameters_body_with_a_profile(client: httpx.AsyncClient) -> None:
    encounter = resource("encounter-inpatient")
    encounter["class"] = {**encounter["class"], "code": "AMB"}
    body = {
        "resourceType": "Parameters",
        "parameter": [
            {"name": "resource", "resource": encounter},
            {"name": "profile", "valueUri": SD + "discharge-encounter"},
            {"name": "mode", "valueCode": "create"},
        ],
    }
    response = await client.post("/fhir/Encounter/$validate", json=body, headers=FHIR_JSON)
    assert response.status_code == 200
    assert expressions({"resourceType": "OperationOutcome", "issue": _errors(response.json())}) == ["Encounter.class"]


async def test_instance_validate_is_not_taken_for_a_read_and_checks_the_id(client: httpx.AsyncClient) -> None:
    body = resource("patient-tolvan", id="other")
    response = await client.post("/fhir/Patient/p1/$validate", json=body, headers=FHIR_JSON)
    assert response.status_code == 200
    assert [e["expression"] for e in _errors(response.json())] == [["Patient.id"]]
    ok = await client.post("/fhir/Patient/p1/$validate", json=resource("patient-tolvan", id="p1"), headers=FHIR_JSON)
    assert _errors(ok.json()) == []


async def test_validate_refuses_what_it_cannot_answer(client: httpx.AsyncClient) -> None:
    unknown_profile = await client.post(
        "/fhir/Patient/$validate", params={"profile": "http://example.org/x"}, json=resource("patient-tolvan"),
        headers=FHIR_JSON,
    )  # fmt: skip
    assert unknown_profile.status_code == 400
    other_type = await client.post("/fhir/Task/$validate", json=resource("patient-tolvan"), headers=FHIR_JSON)
    assert other_type.status_code == 400
    delete_mode = await client.post(
        "/fhir/Patient/$validate", params={"mode": "delete"}, json=resource("patient-tolvan"), headers=FHIR_JSON
    )
    assert delete_mode.status_code == 400
    unknown_type = await client.post("/fhir/Gadget/$validate", json={"resourceType": "Gadget"}, headers=FHIR_JSON)
    assert unknown_type.status_code == 404


async def test_validate_works_for_types_the_server_does_not_store(client: httpx.AsyncClient) -> None:
    bundle = resource("transaction-admission")
    response = await client.post("/fhir/Bundle/$validate", json=bundle, headers=FHIR_JSON)
    assert response.status_code == 200
    assert _errors(response.json()) == []


async def test_a_write_that_is_not_valid_fhir_is_400_and_one_that_breaks_a_profile_is_422(
    client: httpx.AsyncClient,
) -> None:
    invalid = await client.post("/fhir/Patient", json={**_bad_personnummer(), "gender": "robot"}, headers=FHIR_JSON)
    assert invalid.status_code == 400
    assert sorted(expressions(invalid.json())) == ["Patient.gender", "Patient.identifier[0].value"]
    unconforming = await client.post("/fhir/Patient", json=_bad_personnummer(), headers=FHIR_JSON)
    assert unconforming.status_code == 422
    assert expressions(unconforming.json()) == ["Patient.identifier[0].value"]
    assert (await client.get("/fhir/Patient")).json()["total"] == 0


async def test_the_definitions_are_published_read_only(client: httpx.AsyncClient) -> None:
    found = await client.get("/fhir/StructureDefinition", params={"url": SD + "se-patient"})
    assert found.status_code == 200
    [entry] = found.json()["entry"]
    assert entry["resource"]["snapshot"]["element"][0]["path"] == "Patient"
    read = await client.get("/fhir/StructureDefinition/discharge-task")
    assert read.json()["type"] == "Task"
    value_sets = (await client.get("/fhir/ValueSet", params={"name": "ProcessStep"})).json()
    assert [e["resource"]["id"] for e in value_sets["entry"]] == ["process-step"]
    kommun = (await client.get("/fhir/CodeSystem/kv-kommun")).json()
    assert kommun["count"] == 290
    assert (await client.get("/fhir/NamingSystem/personnummer")).status_code == 200
    assert (await client.get("/fhir/StructureDefinition/nowhere")).status_code == 404
    assert (await client.get("/fhir/StructureDefinition", params={"publisher": "x"})).status_code == 400
    written = await client.post(
        "/fhir/StructureDefinition", json={"resourceType": "StructureDefinition"}, headers=FHIR_JSON
    )
    assert written.status_code == 404


async def test_the_capability_statement_lists_validate_the_definitions_and_the_profiles(
    client: httpx.AsyncClient,
) -> None:
    statement = (await client.get("/fhir/metadata")).json()
    by_type = {r["type"]: r for r in statement["rest"][0]["resource"]}
    assert by_type["Task"]["supportedProfile"] == [SD + "discharge-task"]
    assert {"name": "validate", "definition": "http://hl7.org/fhir/OperationDefinition/Resource-validate"} in by_type[
        "Patient"
    ]["operation"]
    assert [i["code"] for i in by_type["StructureDefinition"]["interaction"]] == ["read", "search-type"]


def empty_arrays(node: Any, path: str = "") -> list[str]:
    if isinstance(node, list):
        return [path] if not node else [p for i, v in enumerate(node) for p in empty_arrays(v, f"{path}[{i}]")]
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in empty_arrays(v, f"{path}.{k}")]
    return []


async def test_the_capability_statement_is_valid_r4_and_declares_what_the_server_does(
    client: httpx.AsyncClient,
) -> None:
    statement = (await client.get("/fhir/metadata")).json()
    assert empty_arrays(statement) == []  # R4 JSON: arrays are never empty
    checked = await client.post("/fhir/CapabilityStatement/$validate", json=statement, headers=FHIR_JSON)
    assert [i for i in checked.json()["issue"] if i["severity"] in ("error", "fatal")] == []
    rest = statement["rest"][0]
    assert "process-message" in {o["name"] for o in rest["operation"]}
    by_type = {r["type"]: r for r in rest["resource"]}
    assert by_type["Patient"]["conditionalRead"] == "not-match"
    assert "enforced" in by_type["Task"]["referencePolicy"]
    assert "timeline" in {o["name"] for o in by_type["EpisodeOfCare"]["operation"]}
