"""Search URL parameters -> SearchQuery (gateway.search.parse)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gateway.app import compiled_definitions
from gateway.errors import BadRequest
from gateway.search.parse import parse_search, split_escaped
from gateway.search.query import Clause, DateMatch, ReferenceMatch, SortKey, StringMatch, TokenMatch

TZ = ZoneInfo("Europe/Stockholm")


def parse(resource_type: str, *params: tuple[str, str]):  # type: ignore[no-untyped-def]
    _, registry = compiled_definitions()
    return parse_search(resource_type, list(params), registry, tz=TZ, default_count=50, max_count=100)


def test_token_forms_system_code_bar_code_and_system_bar() -> None:
    clause = parse("Task", ("status", "a,|b,sys|c,sys|")).query.clauses[0]
    assert clause == Clause(
        param="status",
        table="token",
        values=(
            TokenMatch(None, "a"),
            TokenMatch(None, "b", no_system=True),
            TokenMatch("sys", "c"),
            TokenMatch("sys", None),
        ),
    )


def test_escaped_comma_and_bar_stay_in_the_value() -> None:
    clause = parse("Patient", ("identifier", r"urn:x|a\,b")).query.clauses[0]
    assert clause.values == (TokenMatch("urn:x", "a,b"),)


@given(st.lists(st.text(alphabet="ab,|\\", max_size=5), min_size=1, max_size=4))
def test_split_escaped_round_trips_escaped_values(values: list[str]) -> None:
    escaped = ",".join(v.replace("\\", "\\\\").replace(",", "\\,") for v in values)
    assert split_escaped(escaped, ",") == values


def test_reference_forms() -> None:
    clause = parse("Task", ("patient", "123,Patient/456,http://other/fhir/Patient/789")).query.clauses[0]
    assert clause.values == (
        ReferenceMatch("Patient", "123"),
        ReferenceMatch("Patient", "456"),
        ReferenceMatch("Patient", "789"),
    )


def test_string_default_is_normalised_prefix_and_exact_is_verbatim() -> None:
    plain, exact = parse("Organization", ("name", "Örebro"), ("name:exact", "Örebro")).query.clauses
    assert plain.values == (StringMatch("orebro", "prefix"),)
    assert exact.values == (StringMatch("Örebro", "exact"),)


def test_date_prefix_and_precision() -> None:
    clause = parse("Encounter", ("date", "ge2026-11")).query.clauses[0]
    match = clause.values[0]
    assert isinstance(match, DateMatch)
    assert match.prefix == "ge"
    assert match.end_us - match.start_us == 30 * 86_400_000_000  # November, no DST change inside


def test_repeated_parameters_are_and_ed_as_separate_clauses() -> None:
    clauses = parse("Encounter", ("date", "ge2026-01-01"), ("date", "lt2027-01-01")).query.clauses
    assert len(clauses) == 2


def test_paging_sort_and_include() -> None:
    parsed = parse("Task", ("_count", "500"), ("_offset", "10"), ("_sort", "-_lastUpdated"), ("_include", "Task:focus"))
    assert parsed.query.count == 100  # capped at max_count
    assert parsed.query.offset == 10
    assert parsed.query.sort == (SortKey("_lastUpdated", descending=True),)
    assert parsed.query.includes == (("Task", "focus", None),)


def test_unknown_parameters_modifiers_and_sorts_are_collected_not_fatal() -> None:
    parsed = parse("Task", ("colour", "x"), ("status:fuzzy", "y"), ("_sort", "priority"), ("_include", "Task:status"))
    assert parsed.unknown == ("colour", "status:fuzzy", "_sort=priority", "_include=Task:status")
    assert parsed.query.clauses == ()


@pytest.mark.parametrize(
    ("name", "value"), [("_count", "-1"), ("_count", "x"), ("date", "2026-02-30"), ("status:missing", "maybe")]
)
def test_malformed_values_are_400_naming_the_parameter(name: str, value: str) -> None:
    resource_type = "Encounter"
    with pytest.raises(BadRequest) as caught:
        parse(resource_type, (name, value))
    assert caught.value.issues[0].expression == name
