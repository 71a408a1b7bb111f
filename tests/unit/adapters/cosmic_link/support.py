"""Test support: the contract fixtures as files, JSON-pointer mutations and a fixed receipt time."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, NamedTuple

from adapters.cosmic_link import ErrorCode, ParseResult, parse

FIXTURES = Path(__file__).parents[3] / "fixtures" / "cosmic_link"
EXAMPLES = FIXTURES / "examples"
VALID = FIXTURES / "valid"
RECEIVED_AT = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)  # after every fixture's createdAt


class _Delete:
    def __repr__(self) -> str:
        return "DELETE"


DELETE: Final = _Delete()


def load(name: str) -> dict[str, Any]:
    """A fixture by name: ``example:<file>`` from §11, else a file of ``valid/``."""
    folder, _, stem = name.rpartition(":")
    path = (EXAMPLES if folder == "example" else VALID) / f"{stem}.json"
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def encode(value: Any) -> bytes:
    """UTF-8 JSON; a lone surrogate (not encodable) is written as a ``\\u`` escape, as a sender would."""
    try:
        return json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value).encode("ascii")


def _tokens(pointer: str) -> list[str]:
    return [token.replace("~1", "/").replace("~0", "~") for token in pointer.split("/")[1:]]


def mutated(value: dict[str, Any], *changes: tuple[str, Any]) -> dict[str, Any]:
    """A deep copy of ``value`` with each ``(pointer, new value)`` applied; ``DELETE`` removes the member."""
    result = copy.deepcopy(value)
    for pointer, new in changes:
        *parents, last = _tokens(pointer)
        target: Any = result
        for token in parents:
            target = target[int(token)] if isinstance(target, list) else target[token]
        if isinstance(target, list):
            if new is DELETE:
                del target[int(last)]
            elif last == "-":
                target.append(new)
            else:
                target[int(last)] = new
        elif new is DELETE:
            del target[last]
        else:
            target[last] = new
    return result


def parse_value(value: Any, *, received_at: datetime = RECEIVED_AT) -> ParseResult:
    return parse(encode(value), received_at=received_at)


def error_pairs(result: ParseResult) -> list[tuple[str, str]]:
    return [(error.pointer, error.code.value) for error in result.errors]


ADMISSION = "example:admission-notification-var-purple-child"
STO_ADULT = "admission-notification-sto-adult-consent"
SOCIAL = {
    "id": {"root": "1.2.752.129.2.1.4.1", "extension": "SE2120001777-SOC8"},
    "name": "Karlstads kommun, barn och unga",
    "principal": "MUNICIPALITY",
    "careSetting": "SOCIAL_SERVICES",
    "municipality": {"code": "1780", "codeSystem": "1.2.752.129.2.2.1.17"},
}


class Row(NamedTuple):
    """One must-reject case: a fixture, its changes, and the single error they must cause."""

    id: str
    base: str
    changes: tuple[tuple[str, Any], ...]
    pointer: str
    code: ErrorCode


def row(id: str, base: str, *changes: tuple[str, Any], at: str, code: ErrorCode) -> Row:
    return Row(id, base, changes, at, code)


def assert_single_error(case: Row) -> None:
    """Parse the changed fixture; a row without changes sends the fixture inside an array (top level not an object)."""
    base = load(case.base)
    value: Any = [base] if not case.changes else mutated(base, *case.changes)

    result = parse(encode(value), received_at=RECEIVED_AT)

    assert error_pairs(result) == [(case.pointer, case.code.value)]
    assert result.message is None
