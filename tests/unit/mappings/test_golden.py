"""Golden tests (issue 5 §4): for each message type, FHIR message → event → stored resources equals the file.

Files: ``tests/fixtures/fhir-messages/<type>.json`` (the message) and ``<type>.expected.json`` (the
resources); see ``tests.unit.mappings.golden`` for the stories they come from and how to regenerate them.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from discharge.event_base import MessageType
from gateway.app import compiled_definitions
from mappings.message import event_to_message, message_to_event
from mappings.resources import event_to_resources
from profiles.validator import ResourceValidator
from tests.unit.mappings.golden import GOLDEN, MESSAGES, NOW, case_after, load_story

CODES = sorted(GOLDEN)


def _load(name: str) -> Any:
    return json.loads((MESSAGES / name).read_text(encoding="utf-8"))


@cache
def _validator() -> ResourceValidator:
    validator, _ = compiled_definitions()
    return validator


def test_every_message_type_has_a_golden_example() -> None:
    assert set(GOLDEN) == {code.value for code in MessageType}


@pytest.mark.parametrize("code", CODES)
def test_golden_message_maps_to_the_expected_resources(code: str) -> None:
    story, index = GOLDEN[code]
    events = load_story(story)
    event = message_to_event(_load(f"{code}.json"))
    assert event == events[index]
    resources = event_to_resources(event, case_after(events[: index + 1]), now=NOW)
    assert resources == _load(f"{code}.expected.json")


@pytest.mark.parametrize("code", CODES)
def test_golden_message_is_what_the_event_renders(code: str) -> None:
    story, index = GOLDEN[code]
    assert event_to_message(load_story(story)[index]) == _load(f"{code}.json")


@pytest.mark.parametrize("code", CODES)
def test_mapping_the_same_message_twice_gives_the_same_resources(code: str) -> None:
    story, index = GOLDEN[code]
    events = load_story(story)
    case = case_after(events[: index + 1])
    first = event_to_resources(events[index], case, now=NOW)
    again = event_to_resources(message_to_event(_load(f"{code}.json")), case, now=NOW)
    assert [(r["resourceType"], r["id"]) for r in first] == [(r["resourceType"], r["id"]) for r in again]
    assert len({(r["resourceType"], r["id"]) for r in first}) == len(first)  # no duplicates within one set


@pytest.mark.parametrize("code", CODES)
def test_golden_resources_and_messages_pass_the_gateway_validator(code: str) -> None:
    resources = [*_load(f"{code}.expected.json"), *(e["resource"] for e in _load(f"{code}.json")["entry"])]
    errors = [(r["resourceType"], issue) for r in resources for issue in _validator().validate(r) if issue.is_error]
    assert errors == []
    assert [i for i in _validator().validate(_load(f"{code}.json")) if i.is_error] == []


def _references(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["reference"]] if isinstance(node.get("reference"), str) else []
        return own + [r for key, value in node.items() if key != "contained" for r in _references(value)]
    if isinstance(node, list):
        return [r for item in node for r in _references(item)]
    return []


@pytest.mark.parametrize("code", CODES)
def test_stored_resources_reference_only_each_other_or_the_case(code: str) -> None:
    resources = _load(f"{code}.expected.json")
    story, index = GOLDEN[code]
    known = {f"{r['resourceType']}/{r['id']}" for r in resources} | {
        f"EpisodeOfCare/{load_story(story)[index].case_id}"
    }
    dangling = [ref for r in resources for ref in _references(r) if not ref.startswith("#") and ref not in known]
    assert dangling == []


@pytest.mark.parametrize("code", CODES)
def test_message_references_resolve_inside_the_bundle(code: str) -> None:
    bundle = _load(f"{code}.json")
    known = {f"{e['resource']['resourceType']}/{e['resource']['id']}" for e in bundle["entry"]}
    dangling = [ref for e in bundle["entry"] for ref in _references(e["resource"]) if not ref.startswith("#")]
    assert [ref for ref in dangling if ref not in known] == []
    assert all(
        e["fullUrl"].endswith(f"/{e['resource']['resourceType']}/{e['resource']['id']}") for e in bundle["entry"]
    )


@pytest.mark.parametrize("code", CODES)
def test_a_message_rendered_with_its_case_round_trips_validates_and_resolves(code: str) -> None:
    story, index = GOLDEN[code]
    events = load_story(story)
    bundle = json.loads(json.dumps(event_to_message(events[index], case_after(events[: index + 1]))))
    assert message_to_event(bundle) == events[index]
    assert [i for e in bundle["entry"] for i in _validator().validate(e["resource"]) if i.is_error] == []
    known = {f"{e['resource']['resourceType']}/{e['resource']['id']}" for e in bundle["entry"]}
    refs = [ref for e in bundle["entry"] for ref in _references(e["resource"]) if not ref.startswith("#")]
    assert [ref for ref in refs if ref not in known] == []
