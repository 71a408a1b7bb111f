"""Compiling official R4 SearchParameters (sample fixture) and the FHIRPath subset behind them."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

import gateway.search.parameters as parameters_module
from gateway.search.fhirpath_subset import UnsupportedExpression, compile_expression, parse_reference
from gateway.search.parameters import SearchRegistry, compile_search_parameters

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "search-parameters-sample.json"
TYPES = ("Task", "Encounter", "Patient", "Consent", "CarePlan", "Communication", "Provenance", "Appointment")


def _defs() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def _registry(types: tuple[str, ...] = TYPES) -> SearchRegistry:
    return compile_search_parameters(_defs(), types)


def _path(expression: str, resource_type: str) -> Any:
    return compile_expression(expression).for_resource_type(resource_type)


@pytest.mark.parametrize(
    ("resource_type", "code", "kind"),
    [
        *[("Task", c, "reference") for c in ("patient", "subject", "owner", "requester", "focus")],
        *[("Task", c, "reference") for c in ("based-on", "part-of")],
        *[("Task", c, "token") for c in ("status", "code", "identifier", "business-status", "_tag")],
        *[("Task", c, "date") for c in ("period", "authored-on")],
        ("Encounter", "date", "date"),
        ("Encounter", "status", "token"),
        ("Encounter", "patient", "reference"),
        ("Encounter", "class", "token"),
        ("Patient", "name", "string"),
        ("Patient", "identifier", "token"),
        ("Patient", "birthdate", "date"),
        ("Patient", "telecom", "token"),
        ("Patient", "email", "token"),
        ("Consent", "date", "date"),
        ("Consent", "category", "token"),
        ("CarePlan", "category", "token"),
        ("Communication", "sent", "date"),
        ("Provenance", "when", "date"),
        ("Patient", "_profile", "uri"),
    ],
)
def test_the_sample_parameters_compile_with_their_official_type(resource_type: str, code: str, kind: str) -> None:
    param = _registry().params(resource_type)[code]
    assert (param.name, param.type, param.resource_type) == (code, kind, resource_type)
    assert param.column is None


def test_reference_parameters_keep_their_official_targets() -> None:
    assert _registry().params("Task")["patient"].targets == ("Patient",)
    assert "Organization" in _registry().params("Task")["owner"].targets


def test_id_and_last_updated_are_store_columns_for_every_type_even_without_definitions() -> None:
    registry = compile_search_parameters([], ["Task", "Bundle"])
    for resource_type in ("Task", "Bundle"):
        params = registry.params(resource_type)
        assert (params["_id"].column, params["_id"].type) == ("id", "token")
        assert (params["_lastUpdated"].column, params["_lastUpdated"].type) == ("last_updated", "date")
        assert params["_id"].from_store_column


def test_the_experimental_example_id_parameter_does_not_replace_the_builtin_id() -> None:
    assert _registry().params("Patient")["_id"].expression == "Resource.id"


def test_skipped_parameters_are_listed_with_a_reason() -> None:
    reasons = {(s.resource_type, s.code): s.reason for s in _registry().skipped}
    assert "special" in reasons[("Task", "_filter")]
    assert reasons[("Task", "_content")] == "no expression"
    assert "phonetic" in reasons[("Patient", "phonetic")]
    assert "quantity" in reasons[("Encounter", "length")]
    assert "number" in reasons[("Patient", "age")]
    assert "exists()" in reasons[("Patient", "deceased")]
    assert "deceased" not in _registry().params("Patient")


def test_phonetic_parameters_are_skipped_even_when_xpath_usage_was_trimmed_away() -> None:
    phonetic = dict(next(d for d in _defs() if d["id"] == "individual-phonetic"))
    del phonetic["xpathUsage"]
    registry = compile_search_parameters([phonetic], ["Patient"])
    assert "phonetic" not in registry.params("Patient")
    assert [s.code for s in registry.skipped] == ["phonetic"]


def test_parameters_of_types_outside_the_collection_are_ignored() -> None:
    registry = _registry(("Task",))
    assert registry.resource_types == frozenset({"Task"})
    assert {s.resource_type for s in registry.skipped} == {"Task"}
    with pytest.raises(KeyError, match="Observation"):
        registry.params("Observation")


def test_a_multi_base_expression_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def counting(expression: str) -> Any:
        seen.append(expression)
        return compile_expression(expression)

    monkeypatch.setattr(parameters_module, "compile_expression", counting)
    clinical_date = next(d for d in _defs() if d["id"] == "clinical-date")
    registry = compile_search_parameters([clinical_date], ["Encounter", "Consent", "CarePlan"])
    assert seen.count(clinical_date["expression"]) == 1
    assert {registry.params(t)["date"].expression for t in ("Encounter", "Consent", "CarePlan")} == {
        clinical_date["expression"]
    }


def test_a_duplicate_code_keeps_the_non_experimental_definition() -> None:
    official = next(d for d in _defs() if d["id"] == "Task-subject")
    rogue = copy.deepcopy(official) | {"experimental": True, "expression": "Task.owner"}
    registry = compile_search_parameters([rogue, official], ["Task"])
    assert registry.params("Task")["subject"].expression == "Task.for"
    assert any("duplicate" in s.reason for s in registry.skipped if s.code == "subject")


def test_a_union_keeps_only_the_branches_of_the_resource_type() -> None:
    path = _path("Patient.birthDate | Person.birthDate | RelatedPerson.birthDate", "Patient")
    assert len(path.branches) == 1
    assert path({"resourceType": "Patient", "birthDate": "1950-01-02"}) == ["1950-01-02"]


def test_an_unsupported_branch_matters_only_for_its_own_type() -> None:
    compiled = compile_expression("Patient.name | Person.name.where(given.exists())")
    assert len(compiled.for_resource_type("Patient").branches) == 1
    with pytest.raises(UnsupportedExpression):
        compiled.for_resource_type("Person")
    with pytest.raises(UnsupportedExpression, match="no branch"):
        compiled.for_resource_type("Task")


def test_a_path_flattens_lists_at_every_step() -> None:
    patient = {"name": [{"given": ["Anna", "Maria"]}, {"given": ["Lisa"]}, {"family": "X"}]}
    assert _path("Patient.name.given", "Patient")(patient) == ["Anna", "Maria", "Lisa"]


def test_resource_rooted_expressions_apply_to_every_type() -> None:
    task = {"resourceType": "Task", "meta": {"tag": [{"code": "a"}, {"code": "b"}]}}
    assert _path("Resource.meta.tag", "Task")(task) == [{"code": "a"}, {"code": "b"}]


def test_a_choice_element_without_cast_matches_its_typed_key() -> None:
    plan = {"activity": [{"detail": {"scheduledPeriod": {"start": "2026"}}}, {"detail": {"scheduledString": "x"}}]}
    assert _path("CarePlan.activity.detail.scheduled", "CarePlan")(plan) == [{"start": "2026"}, "x"]


@pytest.mark.parametrize(
    "expression",
    ["(Patient.deceased as dateTime)", "Patient.deceased as dateTime", "Patient.deceased.as(dateTime)"],
)
def test_a_cast_selects_only_the_typed_choice_key(expression: str) -> None:
    path = _path(expression, "Patient")
    assert path({"deceasedDateTime": "2026-01-01"}) == ["2026-01-01"]
    assert path({"deceasedBoolean": True}) == []


def test_a_parenthesised_cast_can_be_followed_by_more_steps() -> None:
    path = _path("(Observation.value as CodeableConcept).text", "Observation")
    assert path({"valueCodeableConcept": {"text": "t"}, "valueString": "s"}) == ["t"]


def test_where_resolve_is_keeps_references_to_that_type() -> None:
    task = {
        "contained": [{"resourceType": "Patient", "id": "p9"}, {"resourceType": "Group", "id": "g"}],
        "for": [
            {"reference": "Patient/1"},
            {"reference": "http://example.org/fhir/Patient/2"},
            {"reference": "Patient/3/_history/4"},
            {"reference": "#p9"},
            {"reference": "#g"},
            {"reference": "Group/5"},
            {"reference": "urn:uuid:6f0a1c3e-0000-4000-8000-000000000000"},
            {"identifier": {"value": "191212121212"}},
            {"reference": "Practitioner/Patient"},
        ],
    }
    found = _path("Task.for.where(resolve() is Patient)", "Task")(task)
    assert [r["reference"] for r in found] == [
        "Patient/1",
        "http://example.org/fhir/Patient/2",
        "Patient/3/_history/4",
        "#p9",
    ]


def test_where_equality_filters_on_a_field() -> None:
    patient = {"telecom": [{"system": "phone", "value": "1"}, {"system": "email", "value": "a@b.se"}]}
    assert _path("Patient.telecom.where(system='email')", "Patient")(patient) == [
        {"system": "email", "value": "a@b.se"}
    ]


def test_extension_selects_extensions_by_url() -> None:
    wanted = {"url": "http://x/a", "valueString": "v"}
    patient = {"extension": [wanted, {"url": "http://x/b", "valueString": "w"}]}
    assert _path("Patient.extension('http://x/a')", "Patient")(patient) == [wanted]


@pytest.mark.parametrize(
    "expression",
    [
        "Patient.deceased.exists() and Patient.deceased != false",
        "Bundle.entry[0].resource",
        "name",
        "Observation",
        "QuestionnaireResponse.item.where(hasExtension('http://x')).answer",
        "Patient.name.first()",
        "Patient.resolve() as Period",
        "Patient.name.where(use = 1)",
        "Patient.name # comment",
    ],
)
def test_expressions_outside_the_subset_are_unsupported(expression: str) -> None:
    root = expression.split(".")[0].split("[")[0].split(" ")[0]
    with pytest.raises(UnsupportedExpression):
        compile_expression(expression).for_resource_type(root if root[:1].isupper() else "Patient")


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("Patient/123", ("Patient", "123")),
        ("Patient/123/_history/2", ("Patient", "123")),
        ("https://example.org/fhir/r4/Organization/a.b-c", ("Organization", "a.b-c")),
        ("urn:uuid:6f0a1c3e-0000-4000-8000-000000000000", None),
        ("#contained", None),
        ("Patient", None),
        ("patient/1", None),
        ("Patient/1/extra", None),
    ],
)
def test_parse_reference_reads_relative_versioned_and_absolute_references(
    reference: str, expected: tuple[str, str] | None
) -> None:
    assert parse_reference(reference) == expected
