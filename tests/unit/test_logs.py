"""Structured logs never carry personal identity numbers."""

from __future__ import annotations

import logging
from datetime import date

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gateway.logs import JsonFormatter, redact
from tests.unit.profiles.test_swedish_ids import births, personnummer, serials


@pytest.mark.parametrize(
    "number",
    ["191212121212", "19121212-1212", "121212-1212", "121212+1212", "201212121212", "198001612384", "800161-2384"],
)
def test_redact_masks_personnummer_shapes(number: str) -> None:
    assert number not in redact(f"patient {number} admitted")


def test_redact_keeps_other_numbers() -> None:
    assert redact("took 1234 ms, status 201") == "took 1234 ms, status 201"


@given(births, serials, st.booleans(), st.sampled_from(["", "-", "+"]), st.sampled_from([0, 60]))
def test_redact_masks_every_valid_personnummer_and_samordningsnummer_in_either_length(
    born: date, serial: str, short: bool, separator: str, day_offset: int
) -> None:
    number = personnummer(born, serial, day_offset=day_offset, separator=separator)
    number = number[2:] if short else number
    assert number not in redact(f"x {number} y")
    assert number not in redact(f"pnr={number}")


@pytest.mark.parametrize(
    "text",
    [
        "endpoint ep-SE2120000142-BIS20",  # HSA-id: "month" 20
        "delivery d/ep-SE2321000016-6VC3",  # HSA-id: "month" 21
        "organisationsnummer 212000-0142",  # organisations have month digits >= 20
        "at 1700000000000 µs",  # 13 digits: no personnummer shape
    ],
)
def test_redact_keeps_unit_identifiers_that_cannot_be_a_persons_number(text: str) -> None:
    assert redact(text) == text


def test_json_formatter_writes_one_object_with_extras_and_redacts_them() -> None:
    record = logging.LogRecord("gateway", logging.INFO, __file__, 1, "request", None, None)
    record.route = "/fhir/{resource_type}"
    record.note = "for 191212121212"
    entry = orjson.loads(JsonFormatter().format(record))
    assert entry["event"] == "request"
    assert entry["route"] == "/fhir/{resource_type}"
    assert "191212121212" not in entry["note"]
