"""Structured logs never carry personal identity numbers."""

from __future__ import annotations

import logging

import orjson
import pytest

from gateway.logs import JsonFormatter, redact


@pytest.mark.parametrize("number", ["191212121212", "19121212-1212", "121212-1212", "121212+1212", "201212121212"])
def test_redact_masks_personnummer_shapes(number: str) -> None:
    assert number not in redact(f"patient {number} admitted")


def test_redact_keeps_other_numbers() -> None:
    assert redact("took 1234 ms, status 201") == "took 1234 ms, status 201"


def test_json_formatter_writes_one_object_with_extras_and_redacts_them() -> None:
    record = logging.LogRecord("gateway", logging.INFO, __file__, 1, "request", None, None)
    record.route = "/fhir/{resource_type}"
    record.note = "for 191212121212"
    entry = orjson.loads(JsonFormatter().format(record))
    assert entry["event"] == "request"
    assert entry["route"] == "/fhir/{resource_type}"
    assert "191212121212" not in entry["note"]
