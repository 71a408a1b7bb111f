"""Corpus: every official R4 (4.0.1) example of the resource types the gateway stores is valid FHIR R4.

The examples are validated as base R4 (the profiles a write must conform to are ours, and the examples know
nothing of Swedish identifiers). Of the 5,306 examples of the whole specification, run through the same
validator during development, 13 resources are genuinely invalid — none of them of our types:
ImplementationGuide-fhir (no name/status), Bundles with versioned fullUrls (bdl-8) or a duplicate fullUrl
(bdl-7), v2 CodeSystems with codes holding double spaces, ActivityDefinition narratives without text (txt-2),
the logical models' StructureDefinitions without baseDefinition (sdf-4), RiskAssessment ras-2 (empty
probability), references to the wrong type (DeviceMetric.parent, DeviceUseStatement.reasonReference,
MedicationRequest.dispenseRequest.performer, Observation-clinical-gender.performer) and a SearchParameter
whose id is longer than 64 characters.
"""

from __future__ import annotations

from typing import Any

import pytest

from gateway.fhir.capability import SUPPORTED_TYPES
from profiles.validator import ResourceValidator
from tests.unit.profiles.conftest import official_examples

OURS = [(name, resource) for name, resource in official_examples() if resource["resourceType"] in SUPPORTED_TYPES]


def test_the_corpus_has_examples_of_every_type_we_store() -> None:
    assert {resource["resourceType"] for _, resource in OURS} == set(SUPPORTED_TYPES)
    assert len(OURS) >= 130


@pytest.mark.parametrize(("name", "resource"), OURS, ids=[name for name, _ in OURS])
def test_every_official_example_of_our_types_is_valid_r4(
    validator: ResourceValidator, name: str, resource: dict[str, Any]
) -> None:
    base = [issue for issue in validator.validate(resource) if issue.is_error and issue.is_base]
    assert base == []


def test_the_official_examples_hold_contained_resources_narratives_and_extensions(validator: ResourceValidator) -> None:
    """The corpus exercises what the walk must get right, not only flat resources."""
    contained = [name for name, r in OURS if r.get("contained")]
    narratives = [name for name, r in OURS if "div" in r.get("text", {})]
    assert len(contained) >= 10
    assert len(narratives) >= 100
