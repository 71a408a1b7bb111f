"""Required bindings of FHIR R4, checked by the checker compiled from the vendored definitions."""

from __future__ import annotations

import copy
import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from gateway.profile_data import load_r4_definitions
from profiles.bindings import BindingChecker, compile_binding_checker
from profiles.issues import Issue
from profiles.r4_data import R4Definitions

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "r4-examples"
TASK_STATUS = "http://hl7.org/fhir/ValueSet/task-status|4.0.1"


@pytest.fixture(scope="module")
def definitions() -> R4Definitions:
    return load_r4_definitions()


@pytest.fixture(scope="module")
def checker(definitions: R4Definitions) -> BindingChecker:
    return compile_binding_checker(definitions)


def _example(name: str) -> dict[str, Any]:
    content: dict[str, Any] = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return content


def _task(**changes: Any) -> dict[str, Any]:
    task: dict[str, Any] = {
        "resourceType": "Task",
        "id": "t1",
        "status": "requested",
        "intent": "order",
        "priority": "routine",
        "identifier": [{"use": "official", "system": "urn:oid:1.2.752.29.4.13", "value": "123"}],
        "for": {"reference": "Patient/p1"},
        "input": [
            {"type": {"text": "note"}, "valueString": "hello"},
            {"type": {"text": "weight"}, "valueQuantity": {"value": 70, "comparator": "<"}},
        ],
    }
    task.update(changes)
    return task


def _expressions(issues: list[Issue]) -> list[str]:
    return [issue.expression for issue in issues]


# ------------------------------------------------------------------------------------- real definitions


def test_task_with_bogus_status_is_rejected_naming_task_status(checker: BindingChecker) -> None:
    issues = checker.check(_task(status="bogus"))

    assert issues == [
        Issue(
            severity="error",
            code="code-invalid",
            expression="Task.status",
            message=f"Task.status: 'bogus' is not in the required value set {TASK_STATUS}",
        )
    ]


def test_a_valid_task_passes_the_binding_check(checker: BindingChecker) -> None:
    assert checker.check(_task()) == []


def test_task_intent_and_priority_are_checked_too(checker: BindingChecker) -> None:
    issues = checker.check(_task(intent="wish", priority="whenever"))

    assert _expressions(issues) == ["Task.intent", "Task.priority"]
    assert all(issue.is_error and issue.code == "code-invalid" for issue in issues)


def test_encounter_with_bogus_status_is_rejected(checker: BindingChecker) -> None:
    encounter = {"resourceType": "Encounter", "status": "done", "class": {"code": "IMP"}}

    issues = checker.check(encounter)

    assert _expressions(issues) == ["Encounter.status"]
    assert "http://hl7.org/fhir/ValueSet/encounter-status|4.0.1" in issues[0].message


def test_patient_identifier_use_bogus_is_rejected_with_the_indexed_path(checker: BindingChecker) -> None:
    patient = {
        "resourceType": "Patient",
        "identifier": [{"use": "usual", "value": "1"}, {"use": "bogus", "value": "2"}],
        "name": [{"use": "official", "family": "Svensson"}],
        "telecom": [{"system": "phone", "use": "home"}, {"system": "pager-ish", "use": "work"}],
        "gender": "female",
    }

    assert _expressions(checker.check(patient)) == ["Patient.identifier[1].use", "Patient.telecom[1].system"]


def test_datatype_bindings_are_found_through_references_and_narrative(checker: BindingChecker) -> None:
    task = _task(
        text={"status": "made-up", "div": "<div xmlns='http://www.w3.org/1999/xhtml'>x</div>"},
        owner={"identifier": {"use": "nope", "value": "SE2321000016-1234"}},
    )

    assert _expressions(checker.check(task)) == ["Task.text.status", "Task.owner.identifier.use"]


def test_a_codeable_concept_needs_one_coding_from_the_required_value_set(checker: BindingChecker) -> None:
    active = {"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}
    local = {"system": "http://example.org/local", "code": "A"}
    condition: dict[str, Any] = {"resourceType": "Condition", "subject": {"reference": "Patient/p1"}}

    assert checker.check({**condition, "clinicalStatus": {"coding": [local, active]}}) == []
    [issue] = checker.check({**condition, "clinicalStatus": {"coding": [local]}})
    assert issue.expression == "Condition.clinicalStatus"
    assert "none of the codings ('http://example.org/local#A')" in issue.message
    [text_only] = checker.check({**condition, "verificationStatus": {"text": "confirmed"}})
    assert text_only.expression == "Condition.verificationStatus"
    assert "has no coding from the required value set" in text_only.message


def test_a_coding_with_the_right_code_but_another_system_is_rejected(checker: BindingChecker) -> None:
    wrong_system = {"system": "http://hl7.org/fhir/condition-clinical", "code": "active"}
    no_system = {"code": "active"}
    condition = {"resourceType": "Condition", "clinicalStatus": {"coding": [wrong_system, no_system]}}

    [issue] = checker.check(condition)

    assert issue.expression == "Condition.clinicalStatus"
    assert "'http://hl7.org/fhir/condition-clinical#active', 'active' (no system)" in issue.message


def test_choice_type_values_are_checked_by_their_datatype(checker: BindingChecker) -> None:
    observation = {
        "resourceType": "Observation",
        "status": "final",
        "code": {"text": "weight"},
        "valueQuantity": {"value": 3, "comparator": "about"},
        "component": [{"code": {"text": "x"}, "valueQuantity": {"value": 1, "comparator": ">="}}],
    }
    task = _task(input=[{"type": {"text": "age"}, "valueAge": {"value": 3, "comparator": "~"}}])

    assert _expressions(checker.check(observation)) == ["Observation.valueQuantity.comparator"]
    assert _expressions(checker.check(task)) == ["Task.input[0].valueAge.comparator"]


def test_nested_backbone_elements_are_checked_with_their_indexes(checker: BindingChecker) -> None:
    encounter = _example("Encounter-emerg.json")
    encounter["statusHistory"][0]["status"] = "wandering"
    encounter["participant"] = [{"period": {"start": "2017"}}, {"period": {"start": "2017"}}]
    encounter["location"] = [{"location": {"reference": "Location/1"}, "status": "somewhere"}]

    issues = checker.check(encounter)

    assert _expressions(issues) == ["Encounter.statusHistory[0].status", "Encounter.location[0].status"]


def test_consent_provision_type_is_checked_also_in_nested_provisions(checker: BindingChecker) -> None:
    consent = _example("Consent-consent-example-Out.json")
    consent["provision"]["type"] = "maybe"
    consent["provision"]["provision"] = [{"type": "permit"}, {"type": "deny", "provision": [{"type": "x"}]}]

    issues = checker.check(consent)

    assert _expressions(issues) == ["Consent.provision.type", "Consent.provision.provision[1].provision[0].type"]


def test_contained_resources_are_checked_with_the_container_path(checker: BindingChecker) -> None:
    patient = {
        "resourceType": "Patient",
        "contained": [
            {"resourceType": "Organization", "id": "o1", "telecom": [{"system": "phone"}]},
            {"resourceType": "Task", "id": "t1", "status": "bogus", "intent": "order"},
            {"resourceType": "UnknownThing", "status": "whatever"},
        ],
        "managingOrganization": {"reference": "#o1"},
    }

    [issue] = checker.check(patient)

    assert issue.expression == "Patient.contained[1].status"
    assert TASK_STATUS in issue.message


def test_codes_inside_lists_are_checked_one_by_one(checker: BindingChecker) -> None:
    location = {
        "resourceType": "Location",
        "status": "active",
        "hoursOfOperation": [{"daysOfWeek": ["mon", "funday", "fri"], "allDay": True}],
    }

    assert _expressions(checker.check(location)) == ["Location.hoursOfOperation[0].daysOfWeek[1]"]


def test_bindings_inside_extensions_and_primitive_extensions_are_checked(checker: BindingChecker) -> None:
    patient = {
        "resourceType": "Patient",
        "extension": [{"url": "http://example.org/x", "valueQuantity": {"value": 1, "comparator": "!"}}],
        "birthDate": "1970-01-01",
        "_birthDate": {"extension": [{"url": "http://example.org/y", "valueContactPoint": {"system": "fax2"}}]},
    }

    assert _expressions(checker.check(patient)) == [
        "Patient.extension[0].valueQuantity.comparator",
        "Patient.birthDate.extension[0].valueContactPoint.system",
    ]


def test_unknown_resource_types_and_non_resources_give_no_issues(checker: BindingChecker) -> None:
    assert checker.check({"resourceType": "Gadget", "status": "bogus"}) == []
    assert checker.check({"resourceType": ["Task"], "status": "bogus"}) == []
    assert checker.check({"status": "bogus"}) == []


def test_values_of_the_wrong_json_type_are_left_to_structural_validation(checker: BindingChecker) -> None:
    assert checker.check(_task(status=7, identifier=["not-an-object"], input={"type": 1})) == []


def test_bundle_entries_are_not_entered_but_the_bundle_itself_is_checked(checker: BindingChecker) -> None:
    bundle = {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [{"resource": _task(status="bogus"), "request": {"method": "FETCH", "url": "Task"}}],
    }

    assert _expressions(checker.check(bundle)) == ["Bundle.entry[0].request.method"]


def test_long_values_are_cut_short_in_messages(checker: BindingChecker) -> None:
    [issue] = checker.check(_task(status="x" * 500))

    assert len(issue.message) < 200
    assert "…" in issue.message


def test_unexpandable_value_sets_are_skipped_and_listed(checker: BindingChecker) -> None:
    skipped = {binding.path: binding for binding in checker.skipped}

    assert "mimetypes" in skipped["Attachment.contentType"].value_set
    assert "urn:ietf:bcp:13" in skipped["Attachment.contentType"].reason
    assert "urn:iso:std:iso:4217" in skipped["Money.currency"].reason
    document = {
        "resourceType": "DocumentReference",
        "status": "current",
        "content": [{"attachment": {"contentType": "application/x-whatever"}}],
    }
    assert checker.check(document) == []


def test_the_compiled_bindings_cover_resources_and_datatypes(checker: BindingChecker) -> None:
    bindings = checker.bindings

    assert bindings["Task.status"] == TASK_STATUS
    for path in ("Identifier.use", "HumanName.use", "ContactPoint.system", "Narrative.status"):
        assert path in bindings
    assert "Quantity.comparator" in bindings
    assert "Timing.repeat.periodUnit" in bindings  # UCUM, but enumerated in the ValueSet
    assert checker.allowed_codes("Task.status") == frozenset(
        {
            "draft",
            "requested",
            "received",
            "accepted",
            "rejected",
            "ready",
            "cancelled",
            "in-progress",
            "on-hold",
            "failed",
            "completed",
            "entered-in-error",
        }
    )
    assert checker.allowed_codes("Task.description") is None
    assert {"Task", "Patient", "Consent", "Bundle"} <= checker.resource_types


def test_task_intent_allows_the_request_intent_codes_the_value_set_adds(checker: BindingChecker) -> None:
    allowed = checker.allowed_codes("Task.intent")

    assert allowed is not None
    assert {"unknown", "proposal", "plan", "order", "original-order", "option"} <= allowed


OFFICIAL_EXAMPLES = sorted(path.name for path in EXAMPLES.glob("*.json"))


@pytest.mark.parametrize("name", OFFICIAL_EXAMPLES)
def test_official_r4_examples_pass_the_binding_check(checker: BindingChecker, name: str) -> None:
    # All copied examples pass; run over the whole hl7.fhir.r4.examples package, none of its
    # ~16,800 resources of the vendored types (bundle entries included) fails either.
    resource = _example(name)

    assert checker.check(resource) == []


def test_the_official_examples_cover_the_resource_types_we_exchange() -> None:
    types = {_example(name)["resourceType"] for name in OFFICIAL_EXAMPLES}

    assert types >= {
        "Patient",
        "Encounter",
        "Task",
        "CarePlan",
        "Communication",
        "Consent",
        "Appointment",
        "Organization",
        "Practitioner",
        "PractitionerRole",
        "CareTeam",
        "EpisodeOfCare",
    }


def test_checking_does_not_modify_the_resource(checker: BindingChecker) -> None:
    task = _example("Task-example1.json")
    before = copy.deepcopy(task)
    task["status"] = "bogus"
    before["status"] = "bogus"

    checker.check(task)

    assert task == before


# --------------------------------------------------------------------------- synthetic definitions

ANIMALS = "http://example.org/cs/animals"


def _element(path: str, type_code: str | None = None, value_set: str | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {"id": path, "path": path}
    if type_code is not None:
        element["type"] = [{"code": code} for code in type_code.split("|")]
    if value_set is not None:
        element["binding"] = {"strength": "required", "valueSet": value_set}
    return element


def _synthetic(real: R4Definitions) -> R4Definitions:
    """A made-up resource type ``Widget`` bound to ValueSets that use filters, includes and excludes."""
    widget = {
        "resourceType": "StructureDefinition",
        "url": "http://hl7.org/fhir/StructureDefinition/Widget",
        "type": "Widget",
        "kind": "resource",
        "abstract": False,
        "derivation": "specialization",
        "snapshot": {
            "element": [
                _element("Widget"),
                _element("Widget.kind", "code", "http://example.org/vs/mammals|1"),
                _element("Widget.family", "code", "http://example.org/vs/below-animal"),
                _element("Widget.flora", "code", "http://example.org/vs/plants"),
                _element("Widget.pet", "Coding", "http://example.org/vs/pets"),
                _element("Widget.value[x]", "code|Coding|CodeableConcept|string", "http://example.org/vs/pets"),
                _element("Widget.mime", "code", "http://example.org/vs/external"),
                _element("Widget.part", "BackboneElement"),
                _element("Widget.part.kind", "code", "http://example.org/vs/mammals"),
                {"id": "Widget.part.part", "path": "Widget.part.part", "contentReference": "#Widget.part"},
            ]
        },
    }
    animals = {
        "resourceType": "CodeSystem",
        "url": ANIMALS,
        "content": "complete",
        "concept": [
            {
                "code": "animal",
                "concept": [
                    {"code": "mammal", "concept": [{"code": "dog"}, {"code": "cat"}]},
                    {"code": "bird", "concept": [{"code": "parrot"}]},
                ],
            },
            {"code": "fern", "property": [{"code": "kingdom", "valueCode": "plantae"}]},
            {"code": "moss", "property": [{"code": "kingdom", "valueCode": "plantae"}]},
        ],
    }

    def value_set(name: str, *, include: list[Any], exclude: list[Any] | None = None) -> dict[str, Any]:
        compose: dict[str, Any] = {"include": include}
        if exclude is not None:
            compose["exclude"] = exclude
        return {"resourceType": "ValueSet", "url": f"http://example.org/vs/{name}", "compose": compose}

    def is_a(op: str, value: str) -> dict[str, Any]:
        return {"system": ANIMALS, "filter": [{"property": "concept", "op": op, "value": value}]}

    value_sets = [
        value_set("mammals", include=[is_a("is-a", "mammal")]),
        value_set("below-animal", include=[is_a("descendent-of", "animal")]),
        value_set(
            "plants",
            include=[{"system": ANIMALS, "filter": [{"property": "kingdom", "op": "=", "value": "plantae"}]}],
        ),
        value_set(
            "pets",
            include=[
                {"valueSet": ["http://example.org/vs/mammals"]},
                {"system": ANIMALS, "concept": [{"code": "parrot"}]},
            ],
            exclude=[{"system": ANIMALS, "concept": [{"code": "cat"}]}],
        ),
        value_set("external", include=[{"system": "urn:ietf:bcp:13"}]),
    ]
    return R4Definitions(
        structure_definitions=[*real.structure_definitions, widget],
        value_sets=[*real.value_sets, *value_sets],
        code_systems=[*real.code_systems, animals],
        search_parameters=[],
    )


@pytest.fixture(scope="module")
def widget_checker(definitions: R4Definitions) -> BindingChecker:
    return compile_binding_checker(_synthetic(definitions))


def test_value_set_filters_expand_nested_code_system_hierarchies(widget_checker: BindingChecker) -> None:
    assert widget_checker.allowed_codes("Widget.kind") == frozenset({"mammal", "dog", "cat"})
    assert widget_checker.allowed_codes("Widget.family") == frozenset({"mammal", "dog", "cat", "bird", "parrot"})
    assert widget_checker.allowed_codes("Widget.flora") == frozenset({"fern", "moss"})


def test_value_set_includes_and_excludes_are_applied(widget_checker: BindingChecker) -> None:
    assert widget_checker.allowed_codes("Widget.pet") == frozenset({"mammal", "dog", "parrot"})


def test_a_value_set_with_an_external_code_system_is_skipped_not_enforced(
    widget_checker: BindingChecker,
) -> None:
    [skipped] = [binding for binding in widget_checker.skipped if binding.path == "Widget.mime"]

    assert skipped.value_set == "http://example.org/vs/external"
    assert widget_checker.check({"resourceType": "Widget", "mime": "anything/at-all"}) == []


def test_a_required_coding_binding_checks_system_and_code(widget_checker: BindingChecker) -> None:
    def pet(coding: dict[str, str]) -> list[str]:
        return _expressions(widget_checker.check({"resourceType": "Widget", "pet": coding}))

    assert pet({"system": ANIMALS, "code": "dog"}) == []
    assert pet({"system": "http://example.org/other", "code": "dog"}) == ["Widget.pet"]
    assert pet({"code": "dog"}) == ["Widget.pet"]
    assert pet({"system": ANIMALS, "code": "cat"}) == ["Widget.pet"]  # excluded


def test_a_bound_choice_element_is_checked_in_every_form(widget_checker: BindingChecker) -> None:
    def value(key: str, content: Any) -> list[Issue]:
        return widget_checker.check({"resourceType": "Widget", key: content})

    assert value("valueCode", "dog") == []
    assert value("valueCoding", {"system": ANIMALS, "code": "parrot"}) == []
    assert value("valueCodeableConcept", {"coding": [{"system": ANIMALS, "code": "mammal"}]}) == []
    assert _expressions(value("valueCode", "cat")) == ["Widget.valueCode"]
    assert _expressions(value("valueString", "fern")) == ["Widget.valueString"]
    assert _expressions(value("valueCoding", {"system": ANIMALS, "code": "moss"})) == ["Widget.valueCoding"]
    [concept] = value("valueCodeableConcept", {"coding": [{"system": ANIMALS, "code": "bird"}]})
    assert concept.expression == "Widget.valueCodeableConcept"
    assert concept.message.endswith("the required value set http://example.org/vs/pets")


def test_content_references_reuse_the_backbone_definition(widget_checker: BindingChecker) -> None:
    widget = {"resourceType": "Widget", "part": {"kind": "dog", "part": [{"kind": "cat"}, {"kind": "fern"}]}}

    assert _expressions(widget_checker.check(widget)) == ["Widget.part.part[1].kind"]


# ------------------------------------------------------------------------------------------- loader


def test_the_loader_reads_the_vendored_files(definitions: R4Definitions) -> None:
    assert definitions.structure_definition("Task") is not None
    assert definitions.structure_definition("HumanName") is not None
    assert definitions.value_set(TASK_STATUS) is not None
    assert definitions.code_system("http://hl7.org/fhir/task-status") is not None
    codes = {parameter["code"] for parameter in definitions.search_parameters}
    assert {"_id", "_lastUpdated", "status", "patient"} <= codes


def test_the_loader_reads_plain_and_gzipped_json_from_a_directory(tmp_path: Path) -> None:
    def write(stem: str, resource_type: str, gzipped: bool) -> None:
        data = json.dumps([{"resourceType": resource_type, "url": f"urn:{stem}"}]).encode()
        if gzipped:
            (tmp_path / f"{stem}.json.gz").write_bytes(gzip.compress(data))
        else:
            (tmp_path / f"{stem}.json").write_bytes(data)

    write("structure-definitions", "StructureDefinition", gzipped=True)
    write("value-sets", "ValueSet", gzipped=False)
    write("code-systems", "CodeSystem", gzipped=True)
    write("search-parameters", "SearchParameter", gzipped=False)

    loaded = load_r4_definitions(tmp_path)

    assert [len(part) for part in (loaded.structure_definitions, loaded.search_parameters)] == [1, 1]
    assert loaded.code_system("urn:code-systems") is not None


def test_the_loader_refuses_missing_or_wrong_files(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="structure-definitions"):
        load_r4_definitions(tmp_path)
    for stem in ("structure-definitions", "value-sets", "code-systems", "search-parameters"):
        (tmp_path / f"{stem}.json").write_text('[{"resourceType": "Patient"}]', encoding="utf-8")
    with pytest.raises(ValueError, match="not a JSON list of StructureDefinition"):
        load_r4_definitions(tmp_path)
