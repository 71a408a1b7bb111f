"""§3: content equality of two bodies with the same meddelandeId."""

from __future__ import annotations

import json

import pytest

from adapters.lifecare.idempotency import content_fingerprint
from tests.unit.adapters.lifecare.builders import encode, valid

BODY = valid("INSKRIVNINGSMEDDELANDE")


def _fp(document: object) -> str:
    return content_fingerprint(json.dumps(document, ensure_ascii=False).encode())


def test_member_order_and_white_space_do_not_matter() -> None:
    reordered = dict(reversed(list(BODY.items())))
    pretty = json.dumps(reordered, indent=4, ensure_ascii=True).encode()
    assert content_fingerprint(pretty) == content_fingerprint(encode(BODY))


def test_ids_compare_case_insensitively_but_other_text_does_not() -> None:
    upper_ids = BODY | {"meddelandeId": BODY["meddelandeId"].upper()}
    upper_ids["arende"] = BODY["arende"] | {"arendeId": BODY["arende"]["arendeId"].upper()}
    assert _fp(upper_ids) == _fp(BODY)
    assert _fp(BODY | {"avsandare": BODY["avsandare"] | {"namn": BODY["avsandare"]["namn"].upper()}}) != _fp(BODY)


@pytest.mark.parametrize(
    ("left", "right", "equal"),
    [
        (b'{"a": 1}', b'{"a": 1.0}', True),
        (b'{"a": 100}', b'{"a": 1e2}', True),
        (b'{"a": 0}', b'{"a": -0.0}', True),
        (b'{"a": 1}', b'{"a": "1"}', False),
        (b'{"a": "\\u00e5"}', '{"a": "å"}'.encode(), True),
        (b'{"a": "a\\u0308"}', '{"a": "ä"}'.encode(), False),  # equal JSON values, not equal after normalisation
        (b'{"a": [1, 2]}', b'{"a": [2, 1]}', False),
        (b'{"a": null}', b"{}", False),
        (b'{"a": {"b": 1, "c": 2}}', b'{"a":{"c":2,"b":1}}', True),
    ],
)
def test_json_values_are_compared_not_their_spelling(left: bytes, right: bytes, equal: bool) -> None:
    assert (content_fingerprint(left) == content_fingerprint(right)) is equal


def test_different_content_gives_a_different_fingerprint() -> None:
    assert _fp(BODY | {"skapad": "2025-01-23T16:48:01+01:00"}) != _fp(BODY)


def test_any_bytes_get_a_fingerprint() -> None:
    assert content_fingerprint(b"\xff").startswith("raw-sha256:")
    assert content_fingerprint(b"[" * 50_000 + b"]" * 50_000).startswith("raw-sha256:")
    assert content_fingerprint(b'"x"') != content_fingerprint(b"x")
