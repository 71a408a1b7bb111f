"""The published JSON Schema (draft 2020-12): well-formed, accepts every valid fixture, rejects structural defects."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from adapters.cosmic_link import message_schema
from adapters.cosmic_link.vocabulary import MessageTypeName
from tests.unit.adapters.cosmic_link.support import EXAMPLES, VALID, Row, load, mutated
from tests.unit.adapters.cosmic_link.test_must_reject_members import ROWS

SCHEMA = message_schema()
VALIDATOR = Draft202012Validator(SCHEMA)
# Member checks JSON Schema cannot state; the gateway's validator does (see test_must_reject_members).
SCHEMA_BLIND = {
    "not a real date": "real calendar dates",
    "25 o'clock": "real times",
    "offset above 14:00": "offset range",
    "personnummer date does not exist": "real dates inside identity numbers",
    "personnummer Luhn digit": "check digits",
    "HSA organisation number Luhn digit": "check digits",
    "process of another region": "processes per region",
    "proposed process of another region": "processes per region",
    "repeated receiver": "uniqueness by id",
}


def test_the_schema_is_a_valid_draft_2020_12_schema_with_every_message_type():
    Draft202012Validator.check_schema(SCHEMA)

    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert {rule["if"]["properties"]["header"]["properties"]["messageType"]["const"] for rule in SCHEMA["allOf"]} == {
        name.value for name in MessageTypeName
    }
    assert SCHEMA["$defs"]["Header"]["properties"]["messageType"]["enum"] == [name.value for name in MessageTypeName]


def test_the_schema_is_built_once_and_handed_out_as_a_copy():
    first = message_schema()
    first["title"] = "changed"

    assert message_schema()["title"] != "changed"


@pytest.mark.parametrize("path", sorted([*EXAMPLES.glob("*.json"), *VALID.glob("*.json")]), ids=lambda p: p.stem)
def test_every_valid_fixture_satisfies_the_schema(path):
    assert list(VALIDATOR.iter_errors(json.loads(path.read_bytes()))) == []


@pytest.mark.parametrize("case", ROWS, ids=[r.id for r in ROWS])
def test_the_schema_rejects_each_structural_defect_it_can_express(case: Row):
    base = load(case.base)
    value: Any = [base] if not case.changes else mutated(base, *case.changes)

    rejected = bool(list(VALIDATOR.iter_errors(value)))

    assert rejected is (case.id not in SCHEMA_BLIND)
