"""Content equality for idempotency (§3): equal JSON values, whatever the member order or white space.

Role: ``content_fingerprint`` reduces a body to a digest that is equal exactly when the two JSON values are equal:
members sorted, strings compared after JSON unescaping (``"\\u00e5"`` is ``"å"``; no Unicode normalisation),
numbers compared by value (``1``, ``1.0`` and ``1e0`` are equal), and message ids (the UUID members) compared
case-insensitively. Boundary: pure; meant for accepted bodies, yet total — bytes that are not JSON get a digest
of the raw bytes.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

__all__ = ["ID_MEMBERS", "content_fingerprint"]

# The members whose values are message or case ids (UUIDs, §3: compared case-insensitively).
ID_MEMBERS = frozenset(
    {
        "meddelandeId",
        "arendeId",
        "kvitterarMeddelandeId",
        "aterkallatMeddelandeId",
        "avserMeddelandeId",
        "svarPaMeddelandeId",
    }
)


def content_fingerprint(body: bytes) -> str:
    """``sha256:<hex>`` of the canonical form of the JSON value of ``body`` (``raw-sha256:`` if not JSON)."""
    try:
        value = json.loads(body.decode("utf-8"), parse_float=Decimal, parse_int=Decimal, parse_constant=_reject)
        canonical = _canonical(value)
    except (ValueError, RecursionError):
        return "raw-sha256:" + hashlib.sha256(body).hexdigest()
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8", "backslashreplace")).hexdigest()


def _reject(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _canonical(value: Any, member: str | None = None) -> str:
    if isinstance(value, dict):
        items = sorted(value.items())
        return "{" + ",".join(f"{json.dumps(k, ensure_ascii=False)}:{_canonical(v, k)}" for k, v in items) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_canonical(item) for item in value) + "]"
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, str) and member in ID_MEMBERS:
        value = value.lower()
    return json.dumps(value, ensure_ascii=False)


def _number(value: Decimal) -> str:
    if value.is_zero():
        return "0"
    return format(value.normalize(), "E")  # one spelling per value: 1 → 1E+0, 100 → 1E+2, 0.5 → 5E-1
