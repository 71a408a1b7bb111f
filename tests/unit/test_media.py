"""Body parsing limits and JSON errors (pure parts of gateway.fhir.media)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gateway.errors import BadRequest
from gateway.fhir.media import json_depth, parse_json, parse_resource_body


def nested(depth: int) -> object:
    value: object = 1
    for _ in range(depth):
        value = [value]
    return value


@given(st.integers(min_value=0, max_value=200))
def test_json_depth_counts_containers(depth: int) -> None:
    assert json_depth(nested(depth), limit=1000) == depth


def test_json_depth_stops_early_past_the_limit() -> None:
    assert json_depth(nested(500), limit=10) == 11


def test_parse_json_rejects_nesting_past_the_limit() -> None:
    body = b"[" * 65 + b"]" * 65
    with pytest.raises(BadRequest, match="nesting"):
        parse_json(body, max_depth=64)
    assert parse_json(b"[" * 64 + b"]" * 64, max_depth=64)


def test_parse_json_error_names_the_position_not_the_content() -> None:
    with pytest.raises(BadRequest) as caught:
        parse_json(b'{"value": "191212121212",', max_depth=64)
    assert "191212121212" not in caught.value.message
    assert "line 1" in caught.value.message


def test_empty_body_is_rejected() -> None:
    with pytest.raises(BadRequest, match="empty"):
        parse_json(b"  ", max_depth=64)


@pytest.mark.parametrize("body", [b"[]", b'"Patient"', b'{"id": "1"}', b'{"resourceType": 3}'])
def test_a_resource_body_must_be_an_object_with_resource_type(body: bytes) -> None:
    with pytest.raises(BadRequest) as caught:
        parse_resource_body(body, max_depth=64)
    assert caught.value.issues[0].expression == "resourceType"
