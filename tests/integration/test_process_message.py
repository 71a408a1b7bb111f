"""``POST /fhir/$process-message`` (issue 5): every message type enters as a FHIR message and runs
the same pipeline as the contract adapters; answers are response messages; ids are idempotent."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from discharge.events import DischargeEvent
from gateway.app import create_app
from gateway.settings import Settings
from gateway.store.sql_store import SqlResourceStore
from mappings.message import event_to_message
from tests.clock import Clock
from tests.unit.mappings.golden import GOLDEN, load_story

FHIR_JSON = {"content-type": "application/fhir+json"}
RECIPIENT_TASK = "https://discharge-gateway.example.se/fhir/NamingSystem/recipient-task"
STORIES = ("sto-gul-full-process", "var-lila-opt", "sto-rod-planning", "var-gul-child")


@pytest.fixture
async def gateway(store: SqlResourceStore) -> AsyncIterator[tuple[httpx.AsyncClient, Clock]]:
    clock = Clock(datetime.fromisoformat("2025-03-03T11:00:00+01:00"))
    settings = Settings(database_url="unused://", base_url="http://gateway.test/fhir", scheduler_enabled=False,
                        delivery_enabled=False, directory_file="demo/directory.json")  # fmt: skip
    app = create_app(settings, store=store, clock=clock)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as http:
            yield http, clock


async def post(http: httpx.AsyncClient, clock: Clock, event: DischargeEvent) -> dict[str, Any]:
    clock.now = event.sent_at + timedelta(minutes=1)
    response = await http.post("/fhir/$process-message", json=event_to_message(event), headers=FHIR_JSON)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def code(answer: dict[str, Any]) -> str:
    value: str = answer["entry"][0]["resource"]["response"]["code"]
    return value


def outcome(answer: dict[str, Any]) -> dict[str, Any]:
    resource: dict[str, Any] = answer["entry"][1]["resource"]
    return resource


async def test_every_message_type_enters_through_process_message_and_is_stored_as_fhir(
    gateway: tuple[httpx.AsyncClient, Clock],
) -> None:
    http, clock = gateway
    accepted: set[str] = set()
    for number, story in enumerate(STORIES):
        case_id = f"{number:08d}-0000-4000-8000-00000000ca5e"  # the stories share a case id; keep them apart
        for event in (replace(e, case_id=case_id) for e in load_story(story)):
            answer = await post(http, clock, event)
            assert code(answer) == "ok", (story, event.type.value, outcome(answer))
            accepted.add(event.type.value)
            focus = event_to_message(event)["entry"][0]["resource"]["focus"][0]["reference"]
            if focus.startswith("Patient/"):
                continue  # the gateway keeps one Patient per identity number, not the sender's resource id
            assert (await http.get(f"/fhir/{focus}")).status_code == 200, (event.type.value, focus)
    assert accepted >= set(GOLDEN)  # M-01 … M-25, E-01 and the three acknowledgements


async def test_the_same_message_header_id_twice_returns_the_first_answer_with_no_second_effect(
    gateway: tuple[httpx.AsyncClient, Clock],
) -> None:
    http, clock = gateway
    first_event = load_story("sto-gul-full-process")[0]
    first = await post(http, clock, first_event)
    case_id = first_event.case_id
    before = (await http.get(f"/fhir/EpisodeOfCare/{case_id}/_history")).json()["total"]
    again = await post(http, clock, first_event)
    assert again == first
    assert (await http.get(f"/fhir/EpisodeOfCare/{case_id}/_history")).json()["total"] == before


async def test_a_resend_with_a_new_bundle_id_is_the_same_message_but_other_content_is_409(
    gateway: tuple[httpx.AsyncClient, Clock],
) -> None:
    http, _ = gateway
    message = copy.deepcopy(event_to_message(load_story("sto-gul-full-process")[0]))
    first = await http.post("/fhir/$process-message", json=message, headers=FHIR_JSON)
    resent = {**message, "id": "another-bundle-id", "timestamp": "2025-03-03T12:00:00+01:00"}
    again = await http.post("/fhir/$process-message", json=resent, headers=FHIR_JSON)
    assert (again.status_code, again.json()) == (200, first.json())
    other = copy.deepcopy(message)
    other["entry"][0]["resource"]["eventCoding"]["code"] = "M-99"  # same MessageHeader.id, other content
    conflict = await http.post("/fhir/$process-message", json=other, headers=FHIR_JSON)
    assert conflict.status_code == 409
    assert code(conflict.json()) == "fatal-error"
    assert [i["code"] for i in outcome(conflict.json())["issue"]] == ["duplicate"]


async def test_an_unmappable_message_is_a_fatal_error_naming_the_element(
    gateway: tuple[httpx.AsyncClient, Clock],
) -> None:
    http, _ = gateway
    message = copy.deepcopy(event_to_message(load_story("sto-gul-full-process")[0]))
    message["entry"][0]["resource"]["eventCoding"]["code"] = "M-99"
    response = await http.post("/fhir/$process-message", json=message, headers=FHIR_JSON)
    assert response.status_code == 200
    assert code(response.json()) == "fatal-error"
    expressions = [e for i in outcome(response.json())["issue"] for e in i.get("expression", [])]
    assert any("eventCoding" in e for e in expressions)


async def test_a_transition_the_process_forbids_is_a_fatal_error_naming_the_rule(
    gateway: tuple[httpx.AsyncClient, Clock],
) -> None:
    http, clock = gateway
    ready = next(e for e in load_story("sto-gul-full-process") if e.type.value == "M-12")
    answer = await post(http, clock, ready)  # ready for discharge on a case that was never opened
    assert code(answer) == "fatal-error"
    assert outcome(answer)["issue"][0]["code"] == "business-rule"
    assert outcome(answer)["issue"][0]["diagnostics"].startswith("T")


async def test_a_body_that_is_not_a_message_bundle_is_400(gateway: tuple[httpx.AsyncClient, Clock]) -> None:
    http, _ = gateway
    response = await http.post("/fhir/$process-message", json={"resourceType": "Bundle", "type": "batch"},
                               headers=FHIR_JSON)  # fmt: skip
    assert response.status_code == 400
    assert response.json()["issue"][0]["expression"] == ["Bundle.type"]


async def test_a_message_without_destination_is_routed_by_the_directory(
    gateway: tuple[httpx.AsyncClient, Clock],
) -> None:
    http, clock = gateway
    notice = load_story("sto-gul-full-process")[0]
    message = event_to_message(notice)
    message["entry"][0]["resource"].pop("destination", None)
    clock.now = notice.sent_at + timedelta(minutes=1)
    response = await http.post("/fhir/$process-message", json=message, headers=FHIR_JSON)
    assert code(response.json()) == "ok", outcome(response.json())
    issues = outcome(response.json())["issue"]
    routed = {i["diagnostics"].split(":")[0] for i in issues if i["code"] == "informational"}
    # Patient registered in Stockholm (0180): the district's social services and home health care of the
    # demo directory, and the outpatient unit serving 0180 (for information, municipal needs).
    assert routed == {"SE2120000142-BIS20", "SE2120000142-HSV20", "SE2321000016-6VC3"}


async def test_a_recipient_accepting_its_admission_notice_task_is_the_acknowledgement(
    gateway: tuple[httpx.AsyncClient, Clock],
) -> None:
    """Issue 5 §3: a REST write that drives the process becomes the same event as an M-02 message."""
    http, clock = gateway
    notice = load_story("sto-gul-full-process")[0]
    await post(http, clock, notice)
    social = "SE2120001777-SOC1"
    tasks = (
        await http.get("/fhir/Task", params={"identifier": f"{RECIPIENT_TASK}|{notice.message_id}/{social}"})
    ).json()
    (task,) = [e["resource"] for e in tasks["entry"] if e["search"]["mode"] == "match"]
    clock.now += timedelta(hours=2)
    accepted = await http.put(f"/fhir/Task/{task['id']}", json={**task, "status": "accepted"}, headers=FHIR_JSON)
    assert accepted.status_code == 200, accepted.text
    timeline = (await http.get(f"/fhir/EpisodeOfCare/{notice.case_id}/$timeline")).json()["parameter"]
    transitions = [next(p["valueCode"] for p in e["part"] if p["name"] == "transition")
                   for e in timeline if e["name"] == "event"]  # fmt: skip
    assert transitions == ["T2", "T3"]
    r03 = [d for d in timeline if d["name"] == "deadline"
           and {"name": "subject", "valueString": social} in d["part"]]  # fmt: skip
    assert {"name": "status", "valueCode": "met"} in r03[0]["part"]


async def test_a_rest_write_the_process_forbids_is_422_naming_the_rule_and_is_not_kept(
    gateway: tuple[httpx.AsyncClient, Clock],
) -> None:
    http, clock = gateway
    notice = load_story("sto-gul-full-process")[0]
    await post(http, clock, notice)
    episode = (await http.get(f"/fhir/EpisodeOfCare/{notice.case_id}")).json()
    closed = {**episode, "status": "finished"}  # closing (M-22) without a close reason is refused (T13)
    response = await http.put(f"/fhir/EpisodeOfCare/{notice.case_id}", json=closed, headers=FHIR_JSON)
    assert response.status_code == 422, response.text
    assert response.json()["issue"][0]["code"] == "business-rule", response.text
    assert (await http.get(f"/fhir/EpisodeOfCare/{notice.case_id}")).json()["status"] == episode["status"]
