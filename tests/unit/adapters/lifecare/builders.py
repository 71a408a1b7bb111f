"""Fixture access and small edits for the Lifecare SP–style codec tests (fictitious persons only).

The valid messages are files under ``tests/fixtures/lifecare/valid`` (one per meddelandetyp, plus variants);
tests copy one and edit members by JSON pointer, so each test states only the defect it is about.
"""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from adapters.lifecare import codec
from adapters.lifecare.message import Meddelande
from adapters.lifecare.validation import Parsed, Rejected

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "lifecare"
CET = timezone(timedelta(hours=1))
RECEIVED_AT = datetime(2025, 1, 23, 16, 49, tzinfo=CET)  # one minute after every valid fixture's skapad
DELETE = object()


def valid_names() -> list[str]:
    return sorted(path.stem for path in (FIXTURES / "valid").glob("*.json"))


def valid(name: str) -> dict[str, Any]:
    """A copy of ``valid/<name>.json``."""
    loaded: dict[str, Any] = json.loads((FIXTURES / "valid" / f"{name}.json").read_text(encoding="utf-8"))
    return loaded


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def encode(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8", "backslashreplace")  # a lone surrogate as an escape


def edited(document: dict[str, Any], edits: dict[str, Any]) -> dict[str, Any]:
    """A copy with each ``pointer: value`` applied (``DELETE`` removes the member; ``-`` appends)."""
    result = copy.deepcopy(document)
    for pointer, value in edits.items():
        *path, last = pointer.split("/")[1:]
        node: Any = result
        for token in path:
            node = node[int(token)] if isinstance(node, list) else node[token]
        if isinstance(node, list):
            if value is DELETE:
                del node[int(last)]
            elif last == "-":
                node.append(value)
            else:
                node[int(last)] = value
        elif value is DELETE:
            del node[last]
        else:
            node[last] = value
    return result


def errors_of(body: dict[str, Any] | bytes, *, received_at: datetime = RECEIVED_AT) -> list[tuple[str, str]]:
    """``[(pekare, kod)]`` of a rejected body, ``[]`` for an accepted one."""
    result = codec.parse(body if isinstance(body, bytes) else encode(body), received_at=received_at)
    return [(error.pointer, error.code.value) for error in result.errors] if isinstance(result, Rejected) else []


def parsed(body: dict[str, Any] | bytes, *, received_at: datetime = RECEIVED_AT) -> Meddelande:
    result = codec.parse(body if isinstance(body, bytes) else encode(body), received_at=received_at)
    assert isinstance(result, Parsed), getattr(result, "errors", None)
    return result.message
