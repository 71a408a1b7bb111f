"""FHIR search over HTTP on SQLite and PostgreSQL: the parameters integrations use, paging,
sorting, _include and the handling of unknown parameters."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.fhir_http import FHIR_JSON, create, ids, resource

PNR = "http://electronichealth.se/identifier/personnummer"
STEP = "https://discharge-gateway.example.se/fhir/CodeSystem/process-step"
PLAN = "https://discharge-gateway.example.se/fhir/CodeSystem/care-plan-category"  # discharge-careplan's binding


@pytest.fixture
async def case(client: httpx.AsyncClient) -> dict[str, Any]:
    """A small admission: patient, municipality, hospital ward, encounter, two tasks, care plan."""
    patient = await create(client, resource("patient-tolvan"))
    other = await create(client, resource("patient-tolvan", identifier=[{"system": PNR, "value": "201212121212"}]))
    municipality = await create(client, resource("organization-karlskoga"))
    ward = await create(client, resource("organization-karlskoga", name="Centralsjukhuset Karlstad, avd 5"))
    encounter = await create(
        client,
        resource(
            "encounter-inpatient",
            subject={"reference": f"Patient/{patient['id']}"},
            serviceProvider={"reference": f"Organization/{ward['id']}"},
        ),
    )
    base_task = resource(
        "task-admission-notice",
        **{"for": {"reference": f"Patient/{patient['id']}"}},
        encounter={"reference": f"Encounter/{encounter['id']}"},
        focus={"reference": f"Encounter/{encounter['id']}"},
        owner={"reference": f"Organization/{municipality['id']}"},
        requester={"reference": f"Organization/{ward['id']}"},
    )
    notice = await create(client, base_task)
    ack = await create(
        client,
        {
            **base_task,
            "status": "accepted",
            "code": {"coding": [{"system": STEP, "code": "ready-for-discharge"}]},
            "basedOn": [{"reference": f"Task/{notice['id']}"}],
            "partOf": [{"reference": f"Task/{notice['id']}"}],
            "authoredOn": "2026-11-24T08:00:00+01:00",
        },
    )
    plan = await create(
        client,
        {
            "resourceType": "CarePlan",
            "status": "draft",
            "intent": "plan",
            "subject": {"reference": f"Patient/{patient['id']}"},
            "category": [{"coding": [{"system": PLAN, "code": "sip"}]}],
            "period": {"start": "2026-11-25", "end": "2026-11-25"},
        },
    )
    return {
        "patient": patient,
        "other": other,
        "municipality": municipality,
        "ward": ward,
        "encounter": encounter,
        "notice": notice,
        "ack": ack,
        "plan": plan,
    }


async def search(client: httpx.AsyncClient, resource_type: str, **params: str) -> dict[str, Any]:
    response = await client.get(f"/fhir/{resource_type}", params=params)
    assert response.status_code == 200, response.text
    bundle: dict[str, Any] = response.json()
    assert bundle["type"] == "searchset"
    return bundle


async def test_search_by_identifier_system_and_value(client: httpx.AsyncClient, case: dict[str, Any]) -> None:
    found = await search(client, "Patient", identifier=f"{PNR}|191212121212")
    assert ids(found) == [case["patient"]["id"]]
    assert (await search(client, "Patient", identifier="191212121212"))["total"] == 1
    assert (await search(client, "Patient", identifier=f"{PNR}|"))["total"] == 2
    assert (await search(client, "Patient", identifier="urn:other|191212121212"))["total"] == 0


async def test_search_by_patient_and_subject_accept_plain_and_typed_ids(
    client: httpx.AsyncClient, case: dict[str, Any]
) -> None:
    patient_id = case["patient"]["id"]
    expected = sorted([case["notice"]["id"], case["ack"]["id"]])
    assert sorted(ids(await search(client, "Task", patient=patient_id))) == expected
    assert sorted(ids(await search(client, "Task", subject=f"Patient/{patient_id}"))) == expected
    assert ids(await search(client, "Encounter", patient=patient_id)) == [case["encounter"]["id"]]
    assert ids(await search(client, "Task", patient=case["other"]["id"])) == []


async def test_search_task_by_encounter_owner_requester_focus_based_on_and_part_of(
    client: httpx.AsyncClient, case: dict[str, Any]
) -> None:
    both = sorted([case["notice"]["id"], case["ack"]["id"]])
    assert sorted(ids(await search(client, "Task", encounter=case["encounter"]["id"]))) == both
    assert sorted(ids(await search(client, "Task", owner=f"Organization/{case['municipality']['id']}"))) == both
    assert sorted(ids(await search(client, "Task", requester=case["ward"]["id"]))) == both
    assert sorted(ids(await search(client, "Task", focus=f"Encounter/{case['encounter']['id']}"))) == both
    assert ids(await search(client, "Task", **{"based-on": f"Task/{case['notice']['id']}"})) == [case["ack"]["id"]]
    assert ids(await search(client, "Task", **{"part-of": case["notice"]["id"]})) == [case["ack"]["id"]]


async def test_search_by_status_code_and_category(client: httpx.AsyncClient, case: dict[str, Any]) -> None:
    assert ids(await search(client, "Task", status="accepted")) == [case["ack"]["id"]]
    assert ids(await search(client, "Task", status="requested,accepted", code=f"{STEP}|ready-for-discharge")) == [
        case["ack"]["id"]
    ]
    assert ids(await search(client, "Task", **{"status:not": "accepted"})) == [case["notice"]["id"]]
    assert ids(await search(client, "CarePlan", category=f"{PLAN}|sip")) == [case["plan"]["id"]]
    assert ids(await search(client, "CarePlan", category="other")) == []


async def test_search_by_date_with_prefixes(client: httpx.AsyncClient, case: dict[str, Any]) -> None:
    encounter_id = case["encounter"]["id"]
    assert ids(await search(client, "Encounter", date="ge2026-11-20")) == [encounter_id]
    assert ids(await search(client, "Encounter", date="lt2026-11-01")) == []
    assert ids(await search(client, "CarePlan", date="2026-11-25")) == [case["plan"]["id"]]
    assert ids(await search(client, "CarePlan", date="2026-11-24")) == []
    assert ids(await search(client, "Task", **{"authored-on": "gt2026-11-21"})) == [case["ack"]["id"]]


async def test_search_by_organization_and_string(client: httpx.AsyncClient, case: dict[str, Any]) -> None:
    role = await create(
        client,
        {
            "resourceType": "PractitionerRole",
            "organization": {"reference": f"Organization/{case['ward']['id']}"},
        },
    )
    assert ids(await search(client, "PractitionerRole", organization=case["ward"]["id"])) == [role["id"]]
    # string search: case- and accent-insensitive prefix; :exact is exact
    assert ids(await search(client, "Organization", name="centralsjukhuset")) == [case["ward"]["id"]]
    assert ids(await search(client, "Organization", name="karlskoga kommun, bistandshandlaggning")) == [
        case["municipality"]["id"]
    ]
    assert ids(await search(client, "Organization", **{"name:exact": "centralsjukhuset"})) == []
    assert ids(await search(client, "Organization", **{"name:contains": "avd 5"})) == [case["ward"]["id"]]


async def test_search_by_id_and_last_updated(client: httpx.AsyncClient, case: dict[str, Any]) -> None:
    patient_id = case["patient"]["id"]
    assert ids(await search(client, "Patient", _id=patient_id)) == [patient_id]
    assert (await search(client, "Patient", _lastUpdated="gt2000-01-01"))["total"] == 2
    assert (await search(client, "Patient", _lastUpdated="lt2000-01-01"))["total"] == 0


async def test_paging_with_count_gives_next_and_previous_links(client: httpx.AsyncClient, case: dict[str, Any]) -> None:
    first = await search(client, "Organization", _count="1")
    assert first["total"] == 2
    assert len(first["entry"]) == 1
    relations = {link["relation"]: link["url"] for link in first["link"]}
    assert "previous" not in relations
    second = (await client.get(relations["next"])).json()
    assert len(second["entry"]) == 1
    assert second["entry"][0]["resource"]["id"] != first["entry"][0]["resource"]["id"]
    links = {link["relation"] for link in second["link"]}
    assert links == {"self", "previous"}


async def test_sort_by_last_updated_descending(client: httpx.AsyncClient, case: dict[str, Any]) -> None:
    newest_first = ids(await search(client, "Task", _sort="-_lastUpdated"))
    assert newest_first == [case["ack"]["id"], case["notice"]["id"]]
    oldest_first = ids(await search(client, "Task", _sort="_lastUpdated"))
    assert oldest_first == [case["notice"]["id"], case["ack"]["id"]]


async def test_include_task_focus_and_task_patient(client: httpx.AsyncClient, case: dict[str, Any]) -> None:
    response = await client.get(
        "/fhir/Task",
        params=[("_id", case["notice"]["id"]), ("_include", "Task:focus"), ("_include", "Task:patient")],
    )
    bundle = response.json()
    assert ids(bundle) == [case["notice"]["id"]]
    included = {
        (e["resource"]["resourceType"], e["resource"]["id"])
        for e in bundle["entry"]
        if e["search"]["mode"] == "include"
    }
    assert included == {("Encounter", case["encounter"]["id"]), ("Patient", case["patient"]["id"])}


async def test_unknown_parameter_is_reported_in_an_outcome_entry(
    client: httpx.AsyncClient, case: dict[str, Any]
) -> None:
    bundle = await search(client, "Task", status="accepted", colour="blue")
    assert ids(bundle) == [case["ack"]["id"]]
    outcome = [e["resource"] for e in bundle["entry"] if e["search"]["mode"] == "outcome"]
    assert outcome[0]["issue"][0]["expression"] == ["colour"]


async def test_unknown_parameter_under_strict_handling_is_400(client: httpx.AsyncClient) -> None:
    response = await client.get("/fhir/Task", params={"colour": "blue"}, headers={"prefer": "handling=strict"})
    assert response.status_code == 400
    assert response.json()["issue"][0]["expression"] == ["colour"]


async def test_malformed_date_is_400_naming_the_parameter(client: httpx.AsyncClient) -> None:
    response = await client.get("/fhir/Encounter", params={"date": "ge2026-13-45"})
    assert response.status_code == 400
    assert response.json()["issue"][0]["expression"] == ["date"]


async def test_summary_count_returns_only_the_total(client: httpx.AsyncClient, case: dict[str, Any]) -> None:
    bundle = await search(client, "Task", _summary="count")
    assert bundle["total"] == 2
    assert "entry" not in bundle  # JSON arrays are never empty


async def test_post_search_takes_form_parameters(client: httpx.AsyncClient, case: dict[str, Any]) -> None:
    response = await client.post(
        "/fhir/Task/_search",
        content=b"status=accepted",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert ids(response.json()) == [case["ack"]["id"]]


async def test_deleted_resources_are_not_found_by_search(client: httpx.AsyncClient, case: dict[str, Any]) -> None:
    await client.delete(f"/fhir/CarePlan/{case['plan']['id']}", headers=FHIR_JSON)
    assert (await search(client, "CarePlan", category=f"{PLAN}|sip"))["total"] == 0


async def test_chained_search_on_a_reference_finds_by_the_targets_identifier(
    client: httpx.AsyncClient, case: dict[str, Any]
) -> None:
    both = sorted([case["notice"]["id"], case["ack"]["id"]])
    assert sorted(ids(await search(client, "Task", **{"patient.identifier": f"{PNR}|191212121212"}))) == both
    assert ids(await search(client, "Task", **{"patient.identifier": f"{PNR}|201212121212"})) == []  # the other one
    encounter = case["encounter"]["id"]
    assert ids(await search(client, "Encounter", **{"subject:Patient.identifier": "191212121212"})) == [encounter]
    assert ids(await search(client, "Encounter", **{"subject.identifier": "191212121212"})) == [encounter]
    assert ids(await search(client, "Encounter", **{"patient._id": case["patient"]["id"]})) == [encounter]
    assert sorted(ids(await search(client, "Task", **{"owner.name": "karlskoga"}))) == both
    await client.delete(f"/fhir/Task/{case['ack']['id']}")
    assert ids(await search(client, "Task", **{"patient.identifier": "191212121212"})) == [case["notice"]["id"]]


async def test_an_unsupported_chain_is_ignored_visibly_never_silently(
    client: httpx.AsyncClient, case: dict[str, Any]
) -> None:
    bundle = await search(client, "Task", status="accepted", **{"patient.organization.name": "x"})
    assert ids(bundle) == [case["ack"]["id"]]
    outcome = [e["resource"] for e in bundle["entry"] if e["search"]["mode"] == "outcome"]
    assert outcome[0]["issue"][0]["expression"] == ["patient.organization.name"]
    (self_link,) = [link["url"] for link in bundle["link"] if link["relation"] == "self"]
    assert "status=accepted" in self_link
    assert "organization" not in self_link  # R4: the self link states the parameters actually used


async def test_the_self_link_leaves_out_ignored_parameters_and_keeps_used_ones(
    client: httpx.AsyncClient, case: dict[str, Any]
) -> None:
    response = await client.get(
        "/fhir/Task",
        params=[("status", "accepted"), ("colour", "blue"), ("_sort", "-_lastUpdated,family"), ("_include", "x")],
    )
    (self_link,) = [link["url"] for link in response.json()["link"] if link["relation"] == "self"]
    query = self_link.split("?", 1)[1]
    assert query == "status=accepted&_sort=-_lastUpdated&_count=50&_offset=0"


async def test_a_resource_is_listed_once_however_many_includes_reach_it(
    client: httpx.AsyncClient, case: dict[str, Any]
) -> None:
    response = await client.get(
        "/fhir/Encounter",
        params=[("_id", case["encounter"]["id"]), ("_include", "Encounter:subject"), ("_include", "Encounter:patient")],
    )
    entries = response.json()["entry"]
    assert [(e["resource"]["resourceType"], e["search"]["mode"]) for e in entries] == [
        ("Encounter", "match"),
        ("Patient", "include"),
    ]
    tasks = await client.get("/fhir/Task", params=[("_id", case["ack"]["id"]), ("_include", "Task:based-on")])
    modes = [(e["resource"]["id"], e["search"]["mode"]) for e in tasks.json()["entry"]]
    assert modes == [(case["ack"]["id"], "match"), (case["notice"]["id"], "include")]
    both = await client.get("/fhir/Task", params=[("_include", "Task:based-on")])
    listed = [e["resource"]["id"] for e in both.json()["entry"]]
    assert sorted(listed) == sorted([case["notice"]["id"], case["ack"]["id"]])  # a match is not included again


async def test_an_empty_result_has_no_empty_entry_array(client: httpx.AsyncClient) -> None:
    bundle = await search(client, "Task", status="cancelled")
    assert bundle["total"] == 0
    assert "entry" not in bundle  # R4 JSON: arrays are never empty


@pytest.mark.parametrize(
    "prefer",
    [
        ["handling=strict, return=minimal"],
        ["return=minimal; handling=strict"],
        ["return=minimal", "handling=strict"],  # two header fields
    ],
)
async def test_prefer_handling_strict_is_read_from_any_form_of_the_prefer_header(
    client: httpx.AsyncClient, prefer: list[str]
) -> None:
    headers = httpx.Headers([("prefer", value) for value in prefer])
    response = await client.get("/fhir/Task", params={"colour": "blue"}, headers=headers)
    assert response.status_code == 400
