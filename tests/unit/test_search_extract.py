"""Index rows extracted from resources with the official sample SearchParameters."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gateway.search.extract import (
    MAX_US,
    MIN_US,
    DateRow,
    ReferenceRow,
    StringRow,
    TokenRow,
    extract_index,
    normalize_string,
    parse_date_range,
)
from gateway.search.parameters import SearchRegistry, compile_search_parameters

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "search-parameters-sample.json"
TYPES = (
    "Task",
    "Encounter",
    "Patient",
    "Consent",
    "CarePlan",
    "Communication",
    "Provenance",
    "MessageHeader",
)
STOCKHOLM = ZoneInfo("Europe/Stockholm")
REGISTRY: SearchRegistry = compile_search_parameters(json.loads(FIXTURE.read_text(encoding="utf-8")), TYPES)


def _us(text: str) -> int:
    return (datetime.fromisoformat(text) - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)


def _index(resource: dict[str, Any]) -> Any:
    return extract_index(resource, REGISTRY, tz=STOCKHOLM)


def _refs(resource: dict[str, Any], param: str) -> list[ReferenceRow]:
    return [r for r in _index(resource).references if r.param == param]


def _tokens(resource: dict[str, Any], param: str) -> list[tuple[str | None, str]]:
    return [(r.system, r.code) for r in _index(resource).tokens if r.param == param]


def _strings(resource: dict[str, Any], param: str) -> list[tuple[str, str]]:
    return [(r.value_normalized, r.value_exact) for r in _index(resource).strings if r.param == param]


def _dates(resource: dict[str, Any], param: str) -> list[tuple[int, int]]:
    return [(r.start_us, r.end_us) for r in _index(resource).dates if r.param == param]


def test_task_patient_param_indexes_only_patient_references() -> None:
    for_patient = {"resourceType": "Task", "for": {"reference": "Patient/p1"}}
    for_group = {"resourceType": "Task", "for": {"reference": "Group/g1"}}
    assert _refs(for_patient, "patient") == [ReferenceRow("patient", "Patient", "p1", "Patient/p1")]
    assert _refs(for_group, "patient") == []
    assert _refs(for_group, "subject") == [ReferenceRow("subject", "Group", "g1", "Group/g1")]


def test_a_typical_task_yields_its_tokens_references_and_dates() -> None:
    task = {
        "resourceType": "Task",
        "status": "in-progress",
        "businessStatus": {"coding": [{"system": "urn:x:bs", "code": "planned"}], "text": "Planned"},
        "identifier": [{"system": "urn:oid:1.2.3", "value": "T-1"}],
        "owner": {"reference": "Organization/o2"},
        "requester": {"reference": "Organization/o1", "display": "Avd 3"},
        "focus": {"reference": "ServiceRequest/sr1"},
        "basedOn": [{"reference": "ServiceRequest/sr1"}],
        "partOf": [{"reference": "Task/t0"}],
        "authoredOn": "2026-11-05T09:30:00+01:00",
    }
    assert _tokens(task, "status") == [(None, "in-progress")]
    assert _tokens(task, "business-status") == [("urn:x:bs", "planned")]
    assert _tokens(task, "identifier") == [("urn:oid:1.2.3", "T-1")]
    assert {(r.param, r.target_type, r.target_id) for r in _index(task).references} == {
        ("owner", "Organization", "o2"),
        ("requester", "Organization", "o1"),
        ("focus", "ServiceRequest", "sr1"),
        ("based-on", "ServiceRequest", "sr1"),
        ("part-of", "Task", "t0"),
    }
    start = _us("2026-11-05T08:30:00+00:00")
    assert _dates(task, "authored-on") == [(start, start + 1_000_000)]


def test_a_codeable_concept_indexes_each_coding_but_not_its_text() -> None:
    task = {
        "resourceType": "Task",
        "code": {"coding": [{"system": "s", "code": "a"}, {"code": "b"}], "text": "T"},
    }
    assert _tokens(task, "code") == [("s", "a"), (None, "b")]


def test_a_coding_token_comes_from_the_encounter_class() -> None:
    encounter = {"resourceType": "Encounter", "class": {"system": "http://x/v3-ActCode", "code": "IMP"}}
    assert _tokens(encounter, "class") == [("http://x/v3-ActCode", "IMP")]


def test_booleans_are_tokens_true_and_false() -> None:
    assert _tokens({"resourceType": "Patient", "active": False}, "active") == [(None, "false")]
    assert _tokens({"resourceType": "Patient", "active": True}, "active") == [(None, "true")]


def test_contact_points_index_their_value_without_system_and_email_takes_only_emails() -> None:
    patient = {
        "resourceType": "Patient",
        "telecom": [
            {"system": "phone", "value": "+46 8 123"},
            {"system": "email", "value": "a@b.se", "rank": 1},
        ],
    }
    assert _tokens(patient, "telecom") == [(None, "+46 8 123"), (None, "a@b.se")]
    assert _tokens(patient, "email") == [(None, "a@b.se")]


def test_a_name_indexes_each_part_normalised_and_exact() -> None:
    patient = {
        "resourceType": "Patient",
        "name": [{"family": "Öberg", "given": ["Åsa", "Lena"], "prefix": ["Dr"], "text": "Åsa Öberg"}],
    }
    assert _strings(patient, "name") == [
        ("asa oberg", "Åsa Öberg"),
        ("oberg", "Öberg"),
        ("asa", "Åsa"),
        ("lena", "Lena"),
        ("dr", "Dr"),
    ]


def test_an_address_indexes_each_part() -> None:
    patient = {
        "resourceType": "Patient",
        "address": [{"line": ["Storgatan 1"], "city": "Malmö", "postalCode": "211 22"}],
    }
    assert [exact for _, exact in _strings(patient, "address")] == ["Storgatan 1", "Malmö", "211 22"]


def test_an_extension_value_is_unwrapped() -> None:
    url = "http://hl7.org/fhir/StructureDefinition/patient-extensions-Patient-mothersMaidenName"
    patient = {"resourceType": "Patient", "extension": [{"url": url, "valueString": "Ek"}]}
    assert _strings(patient, "mothersMaidenName") == [("ek", "Ek")]


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("Patient/p1", ("Patient", "p1")),
        ("Patient/p1/_history/3", ("Patient", "p1")),
        ("http://other.example/fhir/Patient/p1", ("Patient", "p1")),
        ("urn:uuid:6f0a1c3e-0000-4000-8000-000000000000", (None, None)),
        ("#c1", (None, None)),
    ],
)
def test_references_keep_type_and_id_when_readable_and_always_the_url(
    reference: str, expected: tuple[str | None, str | None]
) -> None:
    task = {"resourceType": "Task", "focus": {"reference": reference}}
    assert _refs(task, "focus") == [ReferenceRow("focus", *expected, reference)]


def test_a_logical_reference_without_literal_reference_is_not_indexed() -> None:
    task = {"resourceType": "Task", "owner": {"identifier": {"system": "urn:oid:1.2", "value": "x"}}}
    assert _refs(task, "owner") == []


def test_a_canonical_reference_keeps_only_its_url() -> None:
    url = "http://example.org/fhir/PlanDefinition/p|1.0"
    communication = {"resourceType": "Communication", "instantiatesCanonical": [url]}
    assert _refs(communication, "instantiates-canonical") == [ReferenceRow("instantiates-canonical", None, None, url)]


def test_a_uri_parameter_is_stored_as_a_token_without_system() -> None:
    profile = "http://example.org/StructureDefinition/p"
    assert _tokens({"resourceType": "Patient", "meta": {"profile": [profile]}}, "_profile") == [(None, profile)]


def test_tags_are_tokens_but_id_and_last_updated_produce_no_rows() -> None:
    task = {
        "resourceType": "Task",
        "id": "t1",
        "meta": {"lastUpdated": "2026-01-01T00:00:00Z", "tag": [{"system": "urn:t", "code": "x"}]},
    }
    rows = _index(task)
    assert [(r.param, r.system, r.code) for r in rows.tokens] == [("_tag", "urn:t", "x")]
    assert rows.dates == ()


def test_a_birth_year_covers_the_whole_year_in_the_server_time_zone() -> None:
    assert _dates({"resourceType": "Patient", "birthDate": "1950"}, "birthdate") == [
        (_us("1950-01-01T00:00:00+01:00"), _us("1951-01-01T00:00:00+01:00"))
    ]


def test_a_period_with_a_missing_side_is_open_ended() -> None:
    open_end = {"resourceType": "Task", "executionPeriod": {"start": "2026-11-05"}}
    open_start = {"resourceType": "Encounter", "period": {"end": "2026-11-05"}}
    assert _dates(open_end, "period") == [(_us("2026-11-05T00:00:00+01:00"), MAX_US)]
    assert _dates(open_start, "date") == [(MIN_US, _us("2026-11-06T00:00:00+01:00"))]


def test_clinical_date_reads_the_consent_date_time_and_the_encounter_period() -> None:
    consent = {"resourceType": "Consent", "dateTime": "2026-11-05T10:00:00Z"}
    start = _us("2026-11-05T10:00:00+00:00")
    assert _dates(consent, "date") == [(start, start + 1_000_000)]
    encounter = {"resourceType": "Encounter", "period": {"start": "2026-11-05", "end": "2026-11-06"}}
    assert _dates(encounter, "date") == [(_us("2026-11-05T00:00+01:00"), _us("2026-11-07T00:00+01:00"))]


def test_provenance_when_takes_only_occurred_date_time() -> None:
    assert _dates({"resourceType": "Provenance", "occurredPeriod": {"start": "2026"}}, "when") == []
    assert len(_dates({"resourceType": "Provenance", "occurredDateTime": "2026-02"}, "when")) == 1


def test_timing_and_non_date_strings_are_skipped_for_dates() -> None:
    plan = {
        "resourceType": "CarePlan",
        "activity": [
            {"detail": {"scheduledString": "varje morgon"}},
            {"detail": {"scheduledTiming": {"event": ["2026-01-01"]}}},
            {"detail": {"scheduledPeriod": {"start": "2026-01-01", "end": "2026-01-02"}}},
        ],
    }
    assert _dates(plan, "activity-date") == [(_us("2026-01-01T00:00+01:00"), _us("2026-01-03T00:00+01:00"))]


def test_a_choice_token_reads_either_coding_or_uri() -> None:
    coded = {"resourceType": "MessageHeader", "eventCoding": {"system": "urn:e", "code": "admit"}}
    assert _tokens(coded, "event") == [("urn:e", "admit")]
    assert _tokens({"resourceType": "MessageHeader", "eventUri": "urn:e:x"}, "event") == [(None, "urn:e:x")]


def test_rows_are_deduplicated() -> None:
    task = {"resourceType": "Task", "basedOn": [{"reference": "Task/a"}, {"reference": "Task/a"}]}
    assert len(_refs(task, "based-on")) == 1
    rows = _index({"resourceType": "Patient", "name": [{"given": ["Eva", "Eva"]}, {"given": ["Eva"]}]})
    assert rows.strings == (StringRow("name", "eva", "Eva"),)


def test_a_resource_without_resource_type_is_rejected() -> None:
    with pytest.raises(ValueError, match="resourceType"):
        extract_index({"id": "x"}, REGISTRY, tz=UTC)


def test_row_types_are_hashable_values() -> None:
    assert len({TokenRow("a", None, "b"), TokenRow("a", None, "b"), DateRow("d", 0, 1)}) == 2


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2026", "2026-01-01T00:00+01:00", "2027-01-01T00:00+01:00"),
        ("2026-11", "2026-11-01T00:00+01:00", "2026-12-01T00:00+01:00"),
        ("2026-03-29", "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00"),  # 23 h: DST starts
        ("2026-11-05T10:00", "2026-11-05T10:00+01:00", "2026-11-05T10:01+01:00"),
        ("2026-07-05T10:00:00", "2026-07-05T10:00+02:00", "2026-07-05T10:00:01+02:00"),
        ("2026-11-05T10:00:00.25Z", "2026-11-05T10:00:00.25+00:00", "2026-11-05T10:00:00.26+00:00"),
        ("2026-11-05T10:00:00-05:30", "2026-11-05T15:30+00:00", "2026-11-05T15:30:01+00:00"),
        (
            "2026-11-05T10:00:00.1234567+01:00",
            "2026-11-05T10:00:00.123456+01:00",
            "2026-11-05T10:00:00.123457+01:00",
        ),
    ],
)
def test_parse_date_range_covers_the_precision_of_the_value(value: str, start: str, end: str) -> None:
    assert parse_date_range(value, tz=STOCKHOLM) == (_us(start), _us(end))


def test_the_last_year_ends_without_overflow() -> None:
    start, end = parse_date_range("9999", tz=timezone(timedelta(hours=-3)))
    assert end - start == 365 * 86_400 * 1_000_000
    assert MIN_US < start < end < MAX_US
    assert parse_date_range("0001-01-01T00:00:00+14:00", tz=UTC)[0] > MIN_US


@pytest.mark.parametrize(
    "value",
    [
        "",
        "26",
        "2026-13",
        "2026-02-30",
        "2026-11-05T25:00",
        "2026-11-05T10",
        "2026-11-05 10:00",
        "2026-11-05T10:00+15:00",
        "0000",
        "2026-11-05Z",
        "٢٠٢٦",
        "2026-11-05\n",
        "10:00:00",
    ],
)
def test_parse_date_range_rejects_malformed_values_with_a_clear_message(value: str) -> None:
    with pytest.raises(ValueError, match="invalid date"):
        parse_date_range(value, tz=UTC)


ZONES = st.sampled_from([STOCKHOLM, UTC, ZoneInfo("America/Santiago"), timezone(timedelta(hours=-9, minutes=-30))])
MOMENTS = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30))


def _chain(moment: datetime) -> list[str]:
    """The same instant written with decreasing precision: year, month, day, minute, second, ms."""
    full = f"{moment:%m-%dT%H:%M:%S}.{moment.microsecond // 1000:03d}"
    full = f"{moment.year:04d}-{full}"
    return [full[:4], full[:7], full[:10], full[:16], full[:19], full]


@settings(deadline=None)
@given(moment=MOMENTS, tz=ZONES)
def test_nested_precisions_give_nested_non_empty_ranges(moment: datetime, tz: Any) -> None:
    ranges = [parse_date_range(text, tz=tz) for text in _chain(moment)]
    for (outer_start, outer_end), (inner_start, inner_end) in pairwise(ranges):
        assert outer_start <= inner_start < inner_end <= outer_end


@settings(deadline=None)
@given(moment=MOMENTS, offset=st.integers(min_value=-14 * 60, max_value=14 * 60))
def test_an_explicit_offset_ignores_the_server_time_zone(moment: datetime, offset: int) -> None:
    sign, minutes = ("-" if offset < 0 else "+"), abs(offset)
    text = f"{moment.year:04d}-{moment:%m-%dT%H:%M:%S}{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    assert parse_date_range(text, tz=STOCKHOLM) == parse_date_range(text, tz=UTC)
    assert parse_date_range(text, tz=UTC)[1] - parse_date_range(text, tz=UTC)[0] == 1_000_000


@given(st.text(max_size=40))
def test_parse_date_range_raises_only_value_error(text: str) -> None:
    try:
        start, end = parse_date_range(text, tz=STOCKHOLM)
    except ValueError:
        return
    assert start < end


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [("Ö", "o"), ("  Åsa   Öberg ", "asa oberg"), ("STRASSE", "strasse"), ("Straße", "strasse"), ("ﬁ", "fi")],
)
def test_normalize_string_ignores_case_accents_and_extra_spaces(raw: str, normalized: str) -> None:
    assert normalize_string(raw) == normalized


@given(st.text())
def test_normalize_string_is_idempotent(text: str) -> None:
    once = normalize_string(text)
    assert normalize_string(once) == once
