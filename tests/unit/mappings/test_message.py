"""The FHIR message Bundle: its shape, and ``MappingError`` issues that name FHIRPath expressions."""

from __future__ import annotations

import copy
import dataclasses
import json
from typing import Any

import pytest

from discharge.events import EVENT_CLASSES
from mappings.catalogue import SPECS
from mappings.codes import DISCHARGE_EVENT, EXTENSIONS, HSA_ID, MESSAGE_IDENTIFIER, STRUCTURE_BASE, extension_url
from mappings.errors import MappingError
from mappings.message import event_to_message, message_to_event
from mappings.spec import ENVELOPE
from tests.unit.mappings.golden import MESSAGES, case_after, load_story


def _message(code: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((MESSAGES / f"{code}.json").read_text(encoding="utf-8"))
    return data


def _issues(bundle: Any) -> list[tuple[str, str]]:
    with pytest.raises(MappingError) as raised:
        message_to_event(bundle)
    return [(i.expression, i.code) for i in raised.value.issues]


@pytest.mark.parametrize("cls", list(EVENT_CLASSES.values()), ids=[c.value for c in EVENT_CLASSES])
def test_every_event_field_is_mapped_exactly_once(cls: type) -> None:
    spec = SPECS[cls.TYPE]
    mapped = [f.name for f in (*spec.fields, *spec.header)]
    assert len(mapped) == len(set(mapped))
    assert set(mapped) | ENVELOPE == {f.name for f in dataclasses.fields(cls)}


def test_message_header_comes_first_with_the_event_code_units_and_focus() -> None:
    bundle = _message("M-01")
    header = bundle["entry"][0]["resource"]
    assert bundle["type"] == "message"
    assert bundle["identifier"] == {"system": MESSAGE_IDENTIFIER, "value": header["id"]}
    assert header["eventCoding"]["system"] == DISCHARGE_EVENT
    assert header["eventCoding"]["code"] == "M-01"
    assert header["source"]["endpoint"] == f"{HSA_ID}|SE2321000016-WARD1"
    assert [d["endpoint"] for d in header["destination"]] == [
        f"{HSA_ID}|SE2120001777-SOC1",
        f"{HSA_ID}|SE2120001777-HSV1",
        f"{HSA_ID}|SE2321000016-VC01",
    ]
    assert header["focus"] == [{"reference": f"Encounter/{bundle['entry'][1]['resource']['id']}"}]


def test_an_acknowledgement_answers_the_acknowledged_message() -> None:
    header = _message("M-02")["entry"][0]["resource"]
    notice = load_story("sto-gul-full-process")[0]
    assert header["response"] == {"identifier": notice.message_id, "code": "ok"}


def test_a_delivery_gets_its_own_header_id_but_keeps_the_event_message_id() -> None:
    event = load_story("sto-gul-full-process")[1]
    bundle = event_to_message(event, message_id="0f1e2d3c-4b5a-4968-8776-655443322110", redacted=True)
    assert bundle["entry"][0]["resource"]["id"] == "0f1e2d3c-4b5a-4968-8776-655443322110"
    assert bundle["meta"]["security"][0]["code"] == "REDACTED"
    assert message_to_event(bundle) == event


def test_with_the_case_the_message_carries_the_case_encounter_and_still_round_trips() -> None:
    events = load_story("sto-gul-full-process")
    case = case_after(events[:8])
    bundle = event_to_message(events[7], case)
    assert "Encounter" in [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert message_to_event(bundle) == events[7]


def test_a_bundle_that_is_no_message_is_refused() -> None:
    assert _issues({"resourceType": "Patient"}) == [("Bundle", "structure")]
    assert _issues({"resourceType": "Bundle", "type": "message", "entry": []}) == [("Bundle.entry", "required")]
    first_not_header = copy.deepcopy(_message("M-01"))
    first_not_header["entry"].reverse()
    assert ("Bundle.entry[0].resource", "required") in _issues(first_not_header)


def test_an_unknown_event_code_names_the_event_coding() -> None:
    bundle = _message("M-01")
    bundle["entry"][0]["resource"]["eventCoding"]["code"] = "M-99"
    assert _issues(bundle) == [("Bundle.entry[0].resource.eventCoding", "code-invalid")]


def test_a_missing_required_field_names_its_element() -> None:
    bundle = _message("M-01")
    encounter = bundle["entry"][1]["resource"]
    url = extension_url("estimated-discharge-date")
    encounter["extension"] = [e for e in encounter["extension"] if e["url"] != url]
    assert _issues(bundle) == [
        (f"Bundle.entry[1].resource.extension.where(url='{url}').valueDate", "required"),
    ]


def test_every_problem_is_reported_at_once() -> None:
    bundle = _message("M-12")
    del bundle["timestamp"]
    bundle["entry"][0]["resource"]["sender"] = {"display": "okänd"}
    task = bundle["entry"][1]["resource"]
    task["executionPeriod"]["end"] = "2025-03-07"  # no time: not an instant
    assert sorted(_issues(bundle)) == [
        ("Bundle.entry[0].resource.sender", "required"),
        ("Bundle.entry[1].resource.executionPeriod.end", "value"),
        ("Bundle.timestamp", "required"),
    ]


def test_a_focus_of_the_wrong_type_is_refused() -> None:
    bundle = _message("M-23")
    bundle["entry"][0]["resource"]["focus"] = [{"reference": bundle["entry"][-1]["fullUrl"]}]
    assert _issues(bundle) == [("Bundle.entry[0].resource.focus[0]", "required")]


def test_units_resolve_by_full_url_as_well() -> None:
    bundle = _message("M-04")
    header = bundle["entry"][0]["resource"]
    organization = next(e for e in bundle["entry"] if e["resource"]["resourceType"] == "Organization")
    header["sender"] = {"reference": organization["fullUrl"]}
    assert message_to_event(bundle).sender.hsa_id == organization["resource"]["identifier"][0]["value"]


def test_every_extension_used_in_the_golden_files_is_registered() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in MESSAGES.glob("*.json"))
    used = {part.split('"')[0] for part in text.split(f"{STRUCTURE_BASE}/")[1:]}
    assert used <= set(EXTENSIONS)
