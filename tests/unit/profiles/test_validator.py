"""ResourceValidator: which profiles apply, the base/profile split, Bundles, contained resources, messages."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from gateway.profile_data import load_profile_definitions, load_r4_definitions
from profiles.issues import Issue
from profiles.validator import ResourceValidator

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SD = "https://discharge-gateway.example.se/fhir/StructureDefinition/"
TODAY = date(2026, 11, 22)


def _fixture(fixture: str, /, **changes: Any) -> dict[str, Any]:
    resource: dict[str, Any] = json.loads((FIXTURES / "resources" / f"{fixture}.json").read_text(encoding="utf-8"))
    resource.update(changes)
    return resource


def _errors(validator: ResourceValidator, resource: dict[str, Any], **options: Any) -> list[Issue]:
    return [i for i in validator.validate(resource, today=TODAY, **options) if i.is_error]


def test_a_patient_without_the_profile_declared_still_gets_the_mandated_one(validator: ResourceValidator) -> None:
    patient = _fixture("patient-tolvan", identifier=[{"system": "http://electronichealth.se/identifier/personnummer",
                                                      "value": "191212121213"}])  # fmt: skip
    [issue] = _errors(validator, patient)
    assert (issue.profile, issue.is_base) == (SD + "se-patient", False)


def test_without_mandated_profiles_only_base_r4_and_declared_profiles_apply() -> None:
    bare = ResourceValidator.compile(load_r4_definitions(), load_profile_definitions())
    bad_number = [{"system": "http://electronichealth.se/identifier/personnummer", "value": "191212121213"}]
    patient = _fixture("patient-tolvan", identifier=bad_number)
    assert _errors(bare, patient) == []
    assert len(_errors(bare, {**patient, "meta": {"profile": [SD + "se-patient|0.1.0"]}})) == 1
    assert len(_errors(bare, patient, profiles=[SD + "se-patient"])) == 1


def test_an_unknown_declared_profile_is_a_warning_and_a_requested_one_an_error(validator: ResourceValidator) -> None:
    unknown = "http://example.org/StructureDefinition/nowhere"
    declared = validator.validate({**_fixture("patient-tolvan"), "meta": {"profile": [unknown]}})
    assert [(i.severity, i.code) for i in declared if i.profile == unknown] == [("warning", "not-supported")]
    requested = validator.validate(_fixture("patient-tolvan"), profiles=[unknown])
    assert [(i.severity, i.code) for i in requested if i.profile == unknown] == [("error", "not-supported")]


def test_a_profile_of_another_type_is_an_error(validator: ResourceValidator) -> None:
    [issue] = _errors(validator, _fixture("patient-tolvan"), profiles=[SD + "discharge-task"])
    assert (issue.code, issue.profile) == ("invalid", SD + "discharge-task")


def test_bundle_entries_get_their_mandated_profiles_with_their_paths(validator: ResourceValidator) -> None:
    bundle = _fixture("transaction-admission")
    del bundle["entry"][2]["resource"]["code"]
    [issue] = _errors(validator, bundle)
    assert (issue.expression, issue.profile) == ("Bundle.entry[2].resource.code", SD + "discharge-task")


def test_contained_resources_get_only_the_profiles_they_declare(validator: ResourceValidator) -> None:
    patient = _fixture("patient-tolvan", managingOrganization={"reference": "#o1"})
    patient["contained"] = [{"resourceType": "Organization", "id": "o1", "name": "X",
                             "identifier": [{"system": "urn:oid:2.5.4.97", "value": "2120001182"}]}]  # fmt: skip
    assert _errors(validator, patient) == []
    patient["contained"][0]["meta"] = {"profile": [SD + "se-organization"]}
    [issue] = _errors(validator, patient)
    assert issue.expression == "Patient.contained[0].identifier[0].value"


def test_an_unknown_or_missing_resource_type_is_refused_at_once(validator: ResourceValidator) -> None:
    assert [i.code for i in validator.validate({"resourceType": "Gadget"})] == ["not-supported"]
    assert [i.code for i in validator.validate({"id": "x"})] == ["structure"]


def test_warnings_are_reported_only_when_asked_for(validator: ResourceValidator) -> None:
    patient = _fixture("patient-tolvan")
    assert [i.message for i in validator.validate(patient) if i.severity == "warning"] == [
        "Patient: dom-6: A resource should have narrative for robust management"
    ]
    assert validator.validate(patient, warnings=False) == []


def test_issues_hold_indexed_fhirpaths_and_never_the_values(validator: ResourceValidator) -> None:
    patient = _fixture("patient-tolvan", name=[{"family": "Tolvansson", "given": ["Tolvan", 7]}])
    [issue] = _errors(validator, patient)
    assert issue.expression == "Patient.name[0].given[1]"
    assert issue.message == "Patient.name[0].given[1]: must be a JSON string"


@pytest.mark.parametrize(
    ("changes", "expression"),
    [
        ({"name": [{"given": ["A", None], "_given": [None, {"extension": [{"url": "u", "valueCode": "x"}]}]}]}, None),
        ({"name": [{"given": ["A", None]}]}, "Patient.name[0].given[1]"),
        ({"birthDate": "1912-12-12", "_birthDate": {"id": "b1"}}, None),
        ({"_birthDate": {"id": "b1"}, "birthDate": None}, "Patient.birthDate"),
        ({"_active": {"extension": [{"url": "u", "valueBoolean": True}]}}, None),
        ({"_active": {"id": "a"}}, "Patient.active"),
        ({"name": [{"given": ["A", "B"], "_given": [None]}]}, "Patient.name[0].given"),
    ],
)
def test_primitive_elements_and_nulls(
    validator: ResourceValidator, changes: dict[str, Any], expression: str | None
) -> None:
    patient = {**_fixture("patient-tolvan"), **changes}
    expressions = [i.expression for i in _errors(validator, patient)]
    assert expressions == ([] if expression is None else [expression])


def test_a_parameters_resource_validates_its_resources_by_their_type(validator: ResourceValidator) -> None:
    parameters = {"resourceType": "Parameters", "parameter": [{"name": "r", "resource": {"resourceType": "Task"}}]}
    expressions = {i.expression for i in _errors(validator, parameters)}
    assert {"Parameters.parameter[0].resource.status", "Parameters.parameter[0].resource.intent"} <= expressions


def test_references_by_absolute_url_and_search_are_checked_for_their_type(validator: ResourceValidator) -> None:
    for reference in ("https://other.example.se/fhir/Device/1/_history/2", "Device?identifier=x"):
        encounter = _fixture("encounter-inpatient", serviceProvider={"reference": reference})
        assert [i.expression for i in _errors(validator, encounter)] == ["Encounter.serviceProvider.reference"]
    for reference in ("urn:uuid:3b0d3bb8-4b67-4f1b-9d2b-6d5a8d0c0001", "https://example.org/some/where"):
        assert _errors(validator, _fixture("encounter-inpatient", serviceProvider={"reference": reference})) == []


def test_the_validator_does_not_change_what_it_validates(validator: ResourceValidator) -> None:
    bundle = _fixture("transaction-admission")
    before = copy.deepcopy(bundle)
    validator.validate(bundle, today=TODAY)
    assert bundle == before


def test_a_mandated_profile_must_be_known_when_compiling() -> None:
    with pytest.raises(ValueError, match="mandated profile"):
        ResourceValidator.compile(load_r4_definitions(), load_profile_definitions(), mandated={"Patient": [SD + "x"]})


@pytest.mark.parametrize(
    ("div", "problem"),
    [
        ('<div xmlns="http://www.w3.org/1999/xhtml"><p>Tolvan <b>Tolvansson</b></p><img src="a.png"/></div>', None),
        ('<div xmlns="http://www.w3.org/1999/xhtml">a&nbsp;b<!-- note --></div>', None),
        ("<div>a</div>", "txt-1"),
        ('<div xmlns="http://www.w3.org/1999/xhtml"><iframe src="x"></iframe>a</div>', "txt-1"),
        ('<div xmlns="http://www.w3.org/1999/xhtml"><a href=" JavaScript:x()">a</a></div>', "txt-1"),
        ('<div xmlns="http://www.w3.org/1999/xhtml">a</div><div>b</div>', "txt-1"),
        ('<div xmlns="http://www.w3.org/1999/xhtml"><p> </p></div>', "txt-2"),
    ],
)
def test_narratives(validator: ResourceValidator, div: str, problem: str | None) -> None:
    patient = _fixture("patient-tolvan", text={"status": "generated", "div": div})
    keys = [i.message.split(": ")[1] for i in _errors(validator, patient)]
    assert keys == ([] if problem is None else [problem])
