"""FHIRPath compiled to closures (profiles.fhirpath_compile) agrees with fhirpathpy, and its guards are sound.

Corpus: every value an R4 invariant applies to in the official examples, each also with one of its elements
removed at a time (so invariants are seen failing, not only holding); for our profiles' invariants, the
must-reject cases, the golden mapped resources and the benchmark resources.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from profiles.fhirpath_compile import Env, UnsupportedExpression, compile_fhirpath
from profiles.fhirpath_guards import absence_guards
from profiles.invariants import Invariant
from profiles.validator import ResourceValidator
from tests.must_reject import load_cases
from tests.unit.profiles.conftest import official_examples
from tests.unit.profiles.corpus import invariant_sites, reference_holds

REPO = Path(__file__).resolve().parents[3]
CHOICES = frozenset({"value", "deceased", "onset"})


def _variants(value: Any) -> Iterator[Any]:
    yield value
    if isinstance(value, dict):
        for dropped in value:
            if dropped != "resourceType":
                yield {k: v for k, v in value.items() if k != dropped}


def _r4_cases(validator: ResourceValidator) -> list[tuple[Invariant, str, Any, dict[str, Any], dict[str, Any]]]:
    cases = []
    for _, resource in official_examples():
        for site, invariants, value, current, root in invariant_sites(validator.tables, resource):
            for invariant in invariants:
                if invariant.engine == "compiled":
                    cases.extend((invariant, site, variant, current, root) for variant in _variants(value))
    return cases


def test_every_r4_invariant_but_one_compiles_to_a_closure(validator: ResourceValidator) -> None:
    engines: dict[str, set[str]] = {}
    for resource_type in validator.tables.resource_types:
        node = validator.tables.resource(resource_type)
        assert node is not None
        pending, seen = [node], set()
        while pending:
            current = pending.pop()
            if id(current) in seen:
                continue
            seen.add(id(current))
            for invariant in (*current.invariants, *(i for p in current.props.values() for i in p.invariants)):
                engines.setdefault(invariant.engine, set()).add(invariant.key)
            pending.extend(p.node for p in current.props.values() if p.node is not None)
    assert engines["fhirpathpy"] == {"ctm-1"}  # resolve(): not in the compiled subset
    assert len(engines["compiled"]) > 100


def test_compiled_r4_invariants_agree_with_fhirpathpy(validator: ResourceValidator) -> None:
    cases = _r4_cases(validator)
    assert len({case[0].key for case in cases}) >= 25
    assert len(cases) > 1000
    disagreements = []
    for invariant, site, value, current, root in cases:
        ours = invariant.holds(value, Env(value, current, root, value))
        if ours != reference_holds(invariant.expression, site, value, current, root):
            disagreements.append((invariant.key, value))
    assert disagreements == []


def _profile_invariants(validator: ResourceValidator) -> dict[str, list[Invariant]]:
    by_type: dict[str, list[Invariant]] = {}
    for rules in validator.profile_set.profiles.values():
        by_type.setdefault(rules.type, []).extend(rules.root.invariants)
    return by_type


def _profile_corpus() -> Iterator[dict[str, Any]]:
    for case in load_cases():
        yield case.resource()
    for path in sorted((REPO / "tests" / "fixtures" / "fhir-messages").glob("*.expected.json")):
        yield from json.loads(path.read_text(encoding="utf-8"))
    for path in sorted((REPO / "bench" / "fixtures").glob("*.json")):
        yield json.loads(path.read_text(encoding="utf-8"))


def test_our_profile_invariants_agree_with_fhirpathpy(validator: ResourceValidator) -> None:
    by_type = _profile_invariants(validator)
    assert {i.key for found in by_type.values() for i in found} >= {"dis-enc-1", "dis-enc-2", "dis-task-1", "dis-con-1"}
    compared = 0
    for resource in _profile_corpus():
        for invariant in by_type.get(resource["resourceType"], []):
            for variant in _variants(resource):
                ours = invariant.holds(variant, Env(variant, variant, variant, variant))
                reference = reference_holds(invariant.expression, resource["resourceType"], variant, variant, variant)
                assert ours == reference, (invariant.key, variant)
                compared += 1
    assert compared > 200


def test_absence_guards_are_sound(validator: ResourceValidator) -> None:
    """When a guard says an invariant holds, evaluating it says so too."""
    checked = 0
    for invariant, _, value, current, root in _r4_cases(validator):
        for keys in invariant.guards:
            if isinstance(value, dict) and not any(k in value for k in keys):
                assert invariant.holds(value, Env(value, current, root, value)), invariant.key
                checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    ("expression", "guards"),
    [
        ("a.empty() or b.exists()", (("_a", "a"),)),
        ("a.exists() implies b", (("_a", "a"),)),
        ("a.exists().not() or b.exists().not() or a <= b", (("_a", "a"), ("_b", "b"))),
        ("(a.empty() or x) and (b.all(y))", (("_a", "_b", "a", "b"),)),
        ("a.exists() or b.exists()", ()),
        ("value.empty() or x", ()),  # a choice element: its keys vary
    ],
)
def test_absence_guards_of_common_shapes(expression: str, guards: tuple[tuple[str, ...], ...]) -> None:
    assert absence_guards(expression, choice_names=CHOICES) == guards


def _run(expression: str, item: Any) -> list[Any]:
    return compile_fhirpath(expression, choice_names=CHOICES)([item], Env(item, item, item, item))


@pytest.mark.parametrize(
    ("expression", "item", "result"),
    [
        ("a <= b", {"a": "2020-06-01T10:00:00+02:00", "b": "2020-06-01T09:00:00Z"}, [True]),
        ("a < b", {"a": "2020", "b": "2020-06"}, []),  # unknown: equal as far as both go
        ("a = b", {"a": "2020-01-01T10:00:00Z", "b": "2020-01-01T11:00:00+01:00"}, [True]),
        ("a or b", {"a": False}, []),
        ("a and b", {"a": False}, [False]),
        ("a implies b", {"a": False}, [True]),
        ("a xor b", {"a": True, "b": False}, [True]),
        ("value.exists()", {"valueQuantity": {"value": 1}}, [True]),
        ("birthDate.exists() and birthDate.hasValue().not()", {"_birthDate": {"extension": [{"url": "x"}]}}, [True]),
        ("(a | b).count()", {"a": ["x", "y"], "b": ["y", "z"]}, [3]),
        ("a.where($this > 1).count()", {"a": [1, 2, 3]}, [2]),
        ("a.all($this > 0)", {"a": [1, 2]}, [True]),
        ("a.select(b).isDistinct()", {"a": [{"b": "x"}, {"b": "x"}]}, [False]),
        ("iif(a, 'y', 'n')", {"a": False}, ["n"]),
        ("a.substring(1)", {"a": "#id"}, ["id"]),
        ("a.matches('^[0-9]+$')", {"a": "123"}, [True]),
        (
            "extension('u').value",
            {"extension": [{"url": "u", "valueCode": "c"}, {"url": "v", "valueCode": "d"}]},
            ["c"],
        ),
        ("%ucum", {}, ["http://unitsofmeasure.org"]),
        ("a is decimal", {"a": 1.5}, [True]),
        ("resource.is(Patient)", {"resource": {"resourceType": "Patient"}}, [True]),
        ("'a' & b & 'c'", {}, ["ac"]),
        ("a.toString().contains('.')", {"a": 1.5}, [True]),
    ],
)
def test_semantics(expression: str, item: Any, result: list[Any]) -> None:
    assert _run(expression, item) == result


def test_expressions_outside_the_subset_are_refused() -> None:
    for expression in ("a.resolve()", "today() > a", "a.memberOf('http://x')", "a ~ b", "a.as(canonical)"):
        with pytest.raises(UnsupportedExpression):
            compile_fhirpath(expression, choice_names=CHOICES)
    with pytest.raises(ValueError, match="not a FHIRPath expression"):
        compile_fhirpath("a.(", choice_names=CHOICES)
