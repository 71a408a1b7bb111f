"""Snapshot generation: differentials applied to their base definitions (profiles.snapshot)."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.profile_data import load_r4_definitions
from profiles.r4_data import FhirJson
from profiles.snapshot import SnapshotError, element_path, generate_snapshot
from profiles.validator import ResourceValidator

BASE = load_r4_definitions()
BY_URL = {str(sd["url"]): sd for sd in BASE.structure_definitions}


def _profile(type_: str, *elements: dict[str, Any]) -> FhirJson:
    return {
        "url": "http://example.org/StructureDefinition/p",
        "type": type_,
        "baseDefinition": f"http://hl7.org/fhir/StructureDefinition/{type_}",
        "differential": {"element": list(elements)},
    }


def _ids(elements: list[dict[str, Any]]) -> list[str]:
    return [str(e["id"]) for e in elements]


def test_element_path_drops_slice_names() -> None:
    assert element_path("Patient.identifier:personnummer.system") == "Patient.identifier.system"


def test_a_slice_is_placed_after_its_element_with_the_datatype_unfolded_below_it() -> None:
    snapshot = generate_snapshot(
        _profile(
            "Patient",
            {"id": "Patient.identifier", "path": "Patient.identifier", "slicing": {"rules": "open"}},
            {"id": "Patient.identifier:pnr", "path": "Patient.identifier", "sliceName": "pnr", "max": "1"},
            {"id": "Patient.identifier:pnr.system", "path": "Patient.identifier.system", "fixedUri": "urn:x"},
        ),
        BY_URL.get,
    )
    ids = _ids(snapshot)
    at = ids.index("Patient.identifier:pnr")
    assert ids[at - 1] == "Patient.identifier"
    children = ("id", "extension", "use", "type", "system", "value", "period", "assigner")
    assert ids[at + 1 : at + 9] == [f"Patient.identifier:pnr.{c}" for c in children]
    system = snapshot[ids.index("Patient.identifier:pnr.system")]
    assert (system["path"], system["fixedUri"]) == ("Patient.identifier.system", "urn:x")
    assert (snapshot[at]["sliceName"], snapshot[at]["max"]) == ("pnr", "1")
    assert "slicing" not in snapshot[at]
    assert snapshot[at - 1]["slicing"] == {"rules": "open"}
    assert len(ids) == len(set(ids))


def test_merging_keeps_the_base_and_adds_constraints() -> None:
    snapshot = generate_snapshot(
        _profile("Task", {"id": "Task.code", "path": "Task.code", "min": 1,
                          "constraint": [{"key": "x-1", "severity": "error", "expression": "true"}]}),
        BY_URL.get,
    )  # fmt: skip
    code = next(e for e in snapshot if e["id"] == "Task.code")
    assert (code["min"], code["max"]) == (1, "1")
    assert [c["key"] for c in code["constraint"]] == ["ele-1", "x-1"]
    assert BY_URL["http://hl7.org/fhir/StructureDefinition/Task"]["snapshot"]["element"][0].get("min") == 0  # untouched


def test_backbone_children_are_unfolded_from_the_base() -> None:
    snapshot = generate_snapshot(
        _profile("Task", {"id": "Task.restriction.period.end", "path": "Task.restriction.period.end", "min": 1}),
        BY_URL.get,
    )
    assert "Task.restriction.period.start" in _ids(snapshot)


@pytest.mark.parametrize(
    "element",
    [
        {"id": "Patient.colour", "path": "Patient.colour"},
        {"id": "Patient.deceased[x].value", "path": "Patient.deceased[x].value"},  # two types: which children?
    ],
)
def test_an_element_the_base_does_not_have_is_an_error(element: dict[str, Any]) -> None:
    with pytest.raises(SnapshotError):
        generate_snapshot(_profile("Patient", element), BY_URL.get)


def test_every_published_definition_has_a_snapshot_rooted_at_its_type(validator: ResourceValidator) -> None:
    for sd in validator.profile_set.structure_definitions:
        elements = sd["snapshot"]["element"]
        assert elements[0]["path"] == sd["type"]
        assert len(_ids(elements)) == len(set(_ids(elements))), sd["id"]
        assert {e["id"] for e in sd["differential"]["element"]} <= set(_ids(elements)), sd["id"]
