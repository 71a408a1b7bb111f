"""Must-reject table (tests/fixtures/must-reject.json): one defect per case, for every kind of rule.

Each case must produce its expected issue (expression, IssueType code, layer), and every error the case
produces must be of that layer: a base-R4 defect is a 400, a profile defect a 422 (docs/adr/0002).
"""

from __future__ import annotations

from datetime import date

import pytest

from profiles.issues import Issue
from profiles.validator import ResourceValidator
from tests.must_reject import Case, load_cases

CASES = load_cases()
TODAY = date(2026, 11, 22)


def _layer(issue: Issue) -> str:
    return "base" if issue.is_base else issue.profile.rsplit("/", 1)[-1]


def test_every_base_fixture_is_valid_as_it_stands(validator: ResourceValidator) -> None:
    for base in sorted({case.base for case in CASES}):
        case = Case(base, base, (), {}, "", "", "")
        assert [i for i in validator.validate(case.resource(), today=TODAY) if i.is_error] == [], base


def test_the_table_covers_every_kind_of_rule() -> None:
    layers = {case.layer for case in CASES}
    codes = {case.code for case in CASES}
    assert {"base", "se-patient", "se-organization", "discharge-encounter", "discharge-task"} <= layers
    assert {"structure", "value", "required", "code-invalid", "invariant"} <= codes
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_defect_is_reported_in_its_layer(validator: ResourceValidator, case: Case) -> None:
    errors = [issue for issue in validator.validate(case.resource(), today=TODAY) if issue.is_error]

    expected = [i for i in errors if (i.expression, i.code, _layer(i)) == (case.expression, case.code, case.layer)]
    assert expected, [(i.expression, i.code, _layer(i), i.message) for i in errors]
    assert {_layer(i) == "base" for i in errors} == {case.layer == "base"}


def test_messages_never_quote_identity_numbers(validator: ResourceValidator) -> None:
    for case in CASES:
        resource = case.resource()
        for issue in validator.validate(resource, today=TODAY):
            for identifier in resource.get("identifier", []):
                value = identifier.get("value") if isinstance(identifier, dict) else None
                if isinstance(value, str) and value[:1].isdigit():
                    assert value not in issue.message
