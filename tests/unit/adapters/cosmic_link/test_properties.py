"""Properties (hypothesis): every valid message survives bytes → message → event → message; the parser and the
fingerprint never raise, whatever the bytes; the JSON Schema accepts every valid message."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from adapters.cosmic_link import content_fingerprint, message_schema, message_to_bytes, parse, to_event
from adapters.cosmic_link.codec import event_to_message
from adapters.cosmic_link.vocabulary import MessageTypeName
from tests.unit.adapters.cosmic_link.message_strategies import messages
from tests.unit.adapters.cosmic_link.support import RECEIVED_AT, VALID, encode, load, mutated

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PER_TYPE = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FIXTURE_NAMES = sorted(path.stem for path in VALID.glob("*.json"))
SCHEMA = Draft202012Validator(message_schema())


@PROPERTY
@given(messages())
def test_a_valid_message_survives_bytes_message_event_message(message):
    body = message_to_bytes(message)

    parsed = parse(body, received_at=message.header.created_at)

    assert parsed.errors == ()
    assert parsed.message == message
    back = event_to_message(to_event(message), message_id=message.header.message_id)
    assert back == message  # every member, every kind of every type (no event-model gaps left)
    assert message_to_bytes(back) == message_to_bytes(message)  # offsets and order too


@pytest.mark.parametrize("message_type", list(MessageTypeName), ids=str)
@PER_TYPE
@given(st.data())
def test_each_message_type_survives_bytes_message_event_message(message_type, data):
    message = data.draw(messages(message_type))

    assert parse(message_to_bytes(message), received_at=message.header.created_at).message == message
    back = event_to_message(to_event(message), message_id=message.header.message_id)
    assert back == message


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messages())
def test_the_json_schema_accepts_every_valid_message(message):
    assert list(SCHEMA.iter_errors(json.loads(message_to_bytes(message)))) == []


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=2000))
def test_the_parser_never_raises_on_arbitrary_bytes(body):
    result = parse(body, received_at=RECEIVED_AT)

    assert result.errors
    content_fingerprint(body)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_the_parser_never_raises_on_arbitrary_json(value):
    result = parse(json.dumps(value).encode("utf-8"), received_at=RECEIVED_AT)

    assert (result.message is None) == bool(result.errors)


def _pointers(value: Any, prefix: str = "") -> list[str]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _pointers(item, f"{prefix}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _pointers(item, f"{prefix}/{index}")
    return found


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(FIXTURE_NAMES), st.data(), json_values)
def test_the_parser_never_raises_on_a_valid_message_with_any_member_replaced(name, data, replacement):
    base = load(name)
    target = data.draw(st.sampled_from(_pointers(base)), label="pointer")

    result = parse(encode(mutated(base, (target, replacement))), received_at=RECEIVED_AT)

    assert all(error.pointer == "" or error.pointer.startswith("/") for error in result.errors)
    assert (result.message is None) == bool(result.errors)
