"""The published JSON Schema: equal to the one generated from the dataclasses, and agreeing with the validator.

Regenerate the shipped file after changing a message dataclass::

    LIFECARE_WRITE_SCHEMA=1 .venv/bin/pytest tests/unit/adapters/lifecare/test_schema.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from adapters.lifecare.json_schema import SCHEMA_FILE, json_schema, load_published_schema
from tests.unit.adapters.lifecare.builders import FIXTURES, edited, valid, valid_names
from tests.unit.adapters.lifecare.test_must_reject_bodies import ROWS, Row

SHIPPED = Path(__file__).resolve().parents[4] / "adapters" / "lifecare" / "schema" / SCHEMA_FILE
VALIDATOR = Draft202012Validator(json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
# Codes whose defects JSON Schema can express (check digits, code lists of identity issuers and rules cannot).
STRUCTURAL = {"type", "required", "unknown-member", "enum", "format", "length", "cardinality", "invalid-char"}


def test_the_shipped_schema_is_the_generated_one() -> None:
    generated = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("LIFECARE_WRITE_SCHEMA") == "1":
        SHIPPED.write_text(generated, encoding="utf-8")
    assert SHIPPED.read_text(encoding="utf-8") == generated, (
        "regenerate: LIFECARE_WRITE_SCHEMA=1 pytest …/test_schema.py"
    )
    assert load_published_schema() == json_schema()


def test_the_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(json_schema())


@pytest.mark.parametrize("name", valid_names())
def test_every_valid_fixture_satisfies_the_schema(name: str) -> None:
    assert [error.message for error in VALIDATOR.iter_errors(valid(name))] == []


@pytest.mark.parametrize("name", sorted(path.name for path in FIXTURES.glob("example-*.json")))
def test_every_contract_example_satisfies_the_schema(name: str) -> None:
    assert [error.message for error in VALIDATOR.iter_errors(json.loads((FIXTURES / name).read_text()))] == []


# Rows whose defect the schema cannot state: calendar validity, region-dependent tracks and conditional members.
NOT_IN_SCHEMA = {
    "skapad on 29 February 2025",
    "LILA in STO",
    "BLA in ORE",
    "reserve number without fodelsedatum",
    "a child's admission without vardnadshavare",
    "maturity assessed without bedomdAv",
    "STO consent without responsible physician",
    "STO harm assessment permits, no contact reason",
    "LPT without intagningsbeslut",
    "LPT extended without ruling date",
    "estimated date not a date",
    "fodelsedatum not a date",
    "ANNAN without description",
    "neither discharge nor arrival time",
    "OVRIGT without orsakText",
    "PERMISSION without a period",
    "interpreter needed, no language",
    "an empty personal-data update",
}


def _structural(row: Row) -> bool:
    (_, code), *more = row.expected
    return not more and code in STRUCTURAL and row.case not in NOT_IN_SCHEMA


STRUCTURAL_ROWS = [row for row in ROWS if _structural(row)]


@pytest.mark.parametrize("row", STRUCTURAL_ROWS, ids=[row.case for row in STRUCTURAL_ROWS])
def test_the_schema_also_rejects_each_structural_defect(row: Row) -> None:
    document: Any = edited(valid(row.base), row.edits)
    assert list(VALIDATOR.iter_errors(document)), row.case
