"""Property tests: round trips of generated valid messages, and a parser that never raises."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.lifecare import codec
from adapters.lifecare.codes import Meddelandetyp
from adapters.lifecare.event_to_message import event_to_message
from adapters.lifecare.formats import parse_tidpunkt
from adapters.lifecare.idempotency import content_fingerprint
from adapters.lifecare.validation import Parsed, Rejected
from discharge.events import event_from_dict, event_to_dict
from tests.unit.adapters.lifecare.builders import RECEIVED_AT, encode, parsed
from tests.unit.adapters.lifecare.strategies import valid_messages

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


def _received(document: dict[str, Any]) -> datetime:
    skapad = parse_tidpunkt(document["skapad"])
    assert skapad is not None
    return skapad + timedelta(minutes=1)


@SETTINGS
@given(valid_messages())
def test_any_valid_message_survives_bytes_message_event_message_bytes(document: dict[str, Any]) -> None:
    received = _received(document)
    message = parsed(encode(document), received_at=received)
    event = codec.to_event(message)
    assert event_from_dict(event_to_dict(event)) == event  # the event persists as the domain stores it
    assert event_to_message(event, message_id=message.meddelande_id) == message
    rendered = codec.render(event, message_id=message.meddelande_id)
    assert parsed(rendered, received_at=received) == message
    assert codec.render_message(parsed(rendered, received_at=received)) == rendered  # canonical bytes are stable


@pytest.mark.parametrize("meddelandetyp", list(Meddelandetyp), ids=str)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_each_message_type_survives_bytes_message_event_message(
    meddelandetyp: Meddelandetyp, data: st.DataObject
) -> None:
    document = data.draw(valid_messages(meddelandetyp))
    message = parsed(encode(document), received_at=_received(document))
    assert event_to_message(codec.to_event(message), message_id=message.meddelande_id) == message


def _shuffled(value: Any, rng: random.Random) -> Any:
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {key: _shuffled(item, rng) for key, item in items}
    if isinstance(value, list):
        return [_shuffled(item, rng) for item in value]
    return value


@SETTINGS
@given(valid_messages(), st.randoms(use_true_random=False), st.booleans(), st.sampled_from([None, 0, 2]))
def test_member_order_white_space_and_escapes_change_neither_the_message_nor_the_fingerprint(
    document: dict[str, Any], rng: random.Random, ascii_only: bool, indent: int | None
) -> None:
    original = encode(document)
    variant = json.dumps(_shuffled(document, rng), ensure_ascii=ascii_only, indent=indent).encode(
        "utf-8", "backslashreplace"
    )
    variant = variant.replace(document["meddelandeId"].encode(), document["meddelandeId"].upper().encode())
    received = _received(document)
    assert parsed(variant, received_at=received) == parsed(original, received_at=received)
    assert content_fingerprint(variant) == content_fingerprint(original)


def _check_outcome(body: bytes) -> None:
    result = codec.parse(body, received_at=RECEIVED_AT)
    assert isinstance(result, Parsed | Rejected)
    if isinstance(result, Rejected):
        assert result.errors
        assert all(error.pointer == "" or error.pointer.startswith("/") for error in result.errors)
        assert all(error.text for error in result.errors)


@SETTINGS
@given(st.binary(max_size=400))
def test_the_parser_never_raises_on_arbitrary_bytes(body: bytes) -> None:
    _check_outcome(body)


@SETTINGS
@given(JSON_VALUES)
def test_the_parser_never_raises_on_arbitrary_json(value: Any) -> None:
    _check_outcome(json.dumps(value).encode())


def _pointers(value: Any, prefix: str = "") -> list[str]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _pointers(item, f"{prefix}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _pointers(item, f"{prefix}/{index}")
    return found


def _mutate(document: dict[str, Any], pointer: str, replacement: Any, delete: bool) -> dict[str, Any]:
    copy: dict[str, Any] = json.loads(json.dumps(document))
    *path, last = pointer.split("/")[1:]
    node: Any = copy
    for token in path:
        node = node[int(token)] if isinstance(node, list) else node[token]
    key: Any = int(last) if isinstance(node, list) else last
    if delete:
        del node[key]
    else:
        node[key] = replacement
    return copy


@SETTINGS
@given(valid_messages(), st.data())
def test_the_parser_never_raises_on_a_mutated_valid_message(document: dict[str, Any], data: st.DataObject) -> None:
    pointer = data.draw(st.sampled_from(_pointers(document)))
    mutated = _mutate(document, pointer, data.draw(JSON_VALUES), data.draw(st.booleans()))
    _check_outcome(encode(mutated))
