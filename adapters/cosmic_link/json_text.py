"""The JSON text rules of §7.1 and content equality for idempotency (§3).

Role: ``decode`` turns the request body into one JSON value or the first-step error (``encoding`` for
invalid UTF-8; ``json-syntax`` for a byte-order mark, a syntax error, a duplicate member name, a non-RFC
8259 constant or a nesting too deep to decode). ``content_fingerprint`` hashes the JSON *value*, so member
order, white space and escapes do not matter. Boundary: bytes in, Python values out; never raises.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from adapters.cosmic_link.errors import ContractError, ErrorCode

__all__ = ["content_fingerprint", "decode"]

_MAX_INT_DIGITS = 4000  # below CPython's int-parsing limit; longer integers are read as (infinite) floats


class _DuplicateMember(ValueError):
    pass


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateMember("duplicate member name")
    return result


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON (RFC 8259)")


def _integer(digits: str) -> int | float:
    return int(digits) if len(digits) <= _MAX_INT_DIGITS else float(digits)


def _loads(text: str) -> Any:
    return json.loads(text, object_pairs_hook=_object, parse_constant=_constant, parse_int=_integer)


def decode(body: bytes) -> Any | ContractError:
    """The body's JSON value, or the §7.1 error at pointer ``""``."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return ContractError("", ErrorCode.ENCODING, "body is not valid UTF-8")
    if text.startswith("\ufeff"):
        return ContractError("", ErrorCode.JSON_SYNTAX, "byte-order mark is not allowed")
    try:
        return _loads(text)
    except _DuplicateMember:
        return ContractError("", ErrorCode.JSON_SYNTAX, "an object repeats a member name")
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
        return ContractError("", ErrorCode.JSON_SYNTAX, "body is not one JSON text")


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)  # 15.0 and 15 are the same JSON number
    return value


def content_fingerprint(body: bytes) -> str:
    """SHA-256 (hex) of the body's JSON value in canonical form (§3 "equal JSON values").

    ``header.messageId`` is compared case-insensitively (§3), so it is lower-cased first. A body that is
    not JSON is fingerprinted as raw bytes (it can never have been accepted).
    """
    value = decode(body)
    if isinstance(value, ContractError):
        return hashlib.sha256(b"raw:" + body).hexdigest()
    try:
        value = _canonical(value)
        header = value.get("header") if isinstance(value, dict) else None
        if isinstance(header, dict) and isinstance(header.get("messageId"), str):
            header["messageId"] = header["messageId"].lower()
        text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    except RecursionError:
        return hashlib.sha256(b"raw:" + body).hexdigest()
    return hashlib.sha256(text.encode("ascii")).hexdigest()
