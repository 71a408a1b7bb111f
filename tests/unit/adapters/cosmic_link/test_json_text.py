"""§7.1 JSON text rules (``encoding``, ``json-syntax``), §1 body size, and §3 content equality."""

from __future__ import annotations

import json

import pytest

from adapters.cosmic_link import MAX_BODY_BYTES, content_fingerprint, parse
from tests.unit.adapters.cosmic_link.support import ADMISSION, RECEIVED_AT, encode, error_pairs, load, mutated

VALID = encode(load(ADMISSION))


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"\xff\xfe{}", "encoding"),
        (b'{"header": "\xc3"}', "encoding"),  # truncated UTF-8 sequence
        (b"\xed\xa0\x80", "encoding"),  # an encoded surrogate is not UTF-8
        (b"\xef\xbb\xbf" + VALID, "json-syntax"),  # byte-order mark
        (b"", "json-syntax"),
        (b"{", "json-syntax"),
        (b'{"a": 1,}', "json-syntax"),
        (b"{} {}", "json-syntax"),  # two JSON texts
        (b'{"a": NaN}', "json-syntax"),
        (b'{"a": Infinity}', "json-syntax"),
        (b"{'a': 1}", "json-syntax"),
        (b'{"a": "tab\tinside"}', "json-syntax"),  # raw control character in a string
        (b'{"header": {}, "header": {}}', "json-syntax"),  # duplicate member names
        (b'{"body": {"a": 1, "a": 2}}', "json-syntax"),  # … at any depth
        (b"[" * 100_000 + b"]" * 100_000, "json-syntax"),  # too deep to decode
        (b'"just a string"', "type"),
        (b"null", "type"),
        (b"42", "type"),
    ],
    ids=lambda value: value[:20].decode("latin-1") if isinstance(value, bytes) else value,
)
def test_a_body_that_is_not_one_json_object_stops_at_pointer_root(body, code):
    result = parse(body, received_at=RECEIVED_AT)

    assert error_pairs(result) == [("", code)]
    assert result.message_id is None


def test_a_duplicate_member_in_a_valid_message_is_a_syntax_error():
    text = VALID.decode("utf-8").replace('"version": "1.0",', '"version": "1.0", "version": "1.0",', 1)

    assert error_pairs(parse(text.encode("utf-8"), received_at=RECEIVED_AT)) == [("", "json-syntax")]


def test_a_body_over_one_mebibyte_is_too_large():
    padding = b" " * (MAX_BODY_BYTES - len(VALID) + 1)

    assert error_pairs(parse(VALID + padding, received_at=RECEIVED_AT)) == [("", "too-large")]
    assert parse(VALID + padding[:-1], received_at=RECEIVED_AT).errors == ()


def test_a_very_long_integer_is_read_without_failing():
    value = mutated(load("sip-invitation"), ("/body/durationMinutes", 0))
    body = encode(value).replace(b'"durationMinutes": 0', b'"durationMinutes": ' + b"9" * 5000)

    assert error_pairs(parse(body, received_at=RECEIVED_AT)) == [("/body/durationMinutes", "type")]


def test_same_content_has_the_same_fingerprint_whatever_the_order_white_space_and_escapes():
    value = load(ADMISSION)
    reordered = json.dumps(dict(reversed(list(value.items()))), indent=4).encode("ascii")  # \u escapes, new order

    assert content_fingerprint(reordered) == content_fingerprint(VALID)


def test_the_message_id_is_compared_case_insensitively_and_numbers_by_value():
    upper = mutated(load(ADMISSION), ("/header/messageId", "DB589BDD-1A84-4F0D-9549-49EFE35FED0D"))
    sip = load("sip-invitation")

    assert content_fingerprint(encode(upper)) == content_fingerprint(VALID)
    assert content_fingerprint(encode(mutated(sip, ("/body/durationMinutes", 90.0)))) == content_fingerprint(
        encode(sip)
    )


def test_different_content_has_a_different_fingerprint():
    changed = mutated(load(ADMISSION), ("/body/estimatedDischargeDate", "2025-03-18"))

    assert content_fingerprint(encode(changed)) != content_fingerprint(VALID)
    assert content_fingerprint(b"\xff") != content_fingerprint(b"\xfe")
