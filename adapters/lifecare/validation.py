"""Validation in the order of §7.5, from bytes to a typed message or the list of every error.

Role: step 1 — ``too-large`` (§1), ``encoding``, ``json-syntax`` (incl. a BOM, duplicate member names, NaN and
Infinity), top-level object, ``version`` (§6), ``meddelandetyp`` — stops at the first failure; step 2 checks
every member of the envelope and of ``innehall`` (``structure``); step 3 runs the multi-member rules
(``envelope_rules``, ``body_rules``). Never raises on any input. Boundary: no I/O; ``received_at`` is passed in.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from adapters.lifecare.body_rules import check_body
from adapters.lifecare.codes import Meddelandetyp
from adapters.lifecare.envelope_rules import check_envelope
from adapters.lifecare.errors import ContractError, ErrorCode
from adapters.lifecare.formats import Format, check_format, normalise
from adapters.lifecare.message import BODY_CLASSES, ENVELOPE_EXTRA_MEMBERS, Meddelande
from adapters.lifecare.structure import Context, ParsedObject, build_object, check_object
from adapters.lifecare.tree import Tree

__all__ = ["MAX_BODY_BYTES", "ParseResult", "Parsed", "Rejected", "validate"]

MAX_BODY_BYTES = 1_048_576  # §1: larger bodies are 413 too-large
_VERSION = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")
_SUPPORTED_MAJOR = 1


@dataclass(frozen=True, slots=True)
class Parsed:
    """A valid message."""

    message: Meddelande

    @property
    def meddelande_id(self) -> str:
        return self.message.meddelande_id


@dataclass(frozen=True, slots=True)
class Rejected:
    """An invalid body: every error found, and the ``meddelandeId`` if it could be read (for the kvittens)."""

    errors: tuple[ContractError, ...]
    meddelande_id: str | None = None


ParseResult = Parsed | Rejected


class _SyntaxProblem(ValueError):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _SyntaxProblem("duplicate member name")
    return result


def _constant(name: str) -> Any:
    raise _SyntaxProblem(f"{name} is not JSON")


_HUGE = 10**4000  # stands in for integers too long for int() (Python's digit limit): out of every range


def _integer(text: str) -> int:
    if len(text) <= 4000:
        return int(text)
    return -_HUGE if text.startswith("-") else _HUGE


def _load(body: bytes) -> Any:
    """The JSON value of ``body``, or the §7.6 code of why there is none (``encoding`` / ``json-syntax``)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return ErrorCode.ENCODING
    if text.startswith("\ufeff"):
        return ErrorCode.JSON_SYNTAX  # §7.1: no byte-order mark
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant, parse_int=_integer)
    except (ValueError, RecursionError):  # json.JSONDecodeError and _SyntaxProblem are ValueErrors
        return ErrorCode.JSON_SYNTAX


def _readable_id(data: dict[str, Any]) -> str | None:
    value = data.get("meddelandeId")
    if isinstance(value, str) and check_format(Format.UUID, value) is None:
        return normalise(Format.UUID, value)
    return None


def _check_version(data: dict[str, Any]) -> tuple[ContractError | None, int]:
    """§6: the error that stops validation, or None and the minor version."""
    if "version" not in data:
        return ContractError("/version", ErrorCode.REQUIRED), 0
    version = data["version"]
    if not isinstance(version, str):
        return ContractError("/version", ErrorCode.TYPE, "version ska vara en sträng."), 0
    match = _VERSION.fullmatch(version)
    if match is None or int(match.group(1)) != _SUPPORTED_MAJOR:
        return ContractError("/version", ErrorCode.UNSUPPORTED_VERSION, "Endast version 1.x stöds."), 0
    return None, int(match.group(2))


def _check_type(data: dict[str, Any]) -> ContractError | Meddelandetyp:
    if "meddelandetyp" not in data:
        return ContractError("/meddelandetyp", ErrorCode.REQUIRED)
    code = data["meddelandetyp"]
    if not isinstance(code, str):
        return ContractError("/meddelandetyp", ErrorCode.TYPE, "meddelandetyp ska vara en sträng.")
    if code not in Meddelandetyp._value2member_map_:
        return ContractError("/meddelandetyp", ErrorCode.UNKNOWN_TYPE)
    return Meddelandetyp(code)


def validate(body: bytes, *, received_at: datetime) -> ParseResult:
    """§7.5 in order; ``received_at`` is the gateway's receipt time (for the ``skapad`` range rule)."""
    if len(body) > MAX_BODY_BYTES:
        return Rejected((ContractError("", ErrorCode.TOO_LARGE),))
    data = _load(body)
    if isinstance(data, ErrorCode):
        return Rejected((ContractError("", data),))
    if not isinstance(data, dict):
        return Rejected((ContractError("", ErrorCode.TYPE, "Meddelandet ska vara ett JSON-objekt."),))
    meddelande_id = _readable_id(data)
    version_error, minor = _check_version(data)
    if version_error is not None:
        return Rejected((version_error,), meddelande_id)
    meddelandetyp = _check_type(data)
    if isinstance(meddelandetyp, ContractError):
        return Rejected((meddelandetyp,), meddelande_id)
    ctx = Context(body_class=BODY_CLASSES[meddelandetyp], ignore_unknown=minor > 0)
    parsed = check_object(Meddelande, data, "", ctx, also_known=ENVELOPE_EXTRA_MEMBERS)
    assert isinstance(parsed, ParsedObject), "the top level is an object (checked above)"
    tree = Tree(raw=data, parsed=parsed, ctx=ctx)
    check_envelope(tree, meddelandetyp, received_at=received_at)
    check_body(tree, meddelandetyp)
    if ctx.errors:
        return Rejected(tuple(ctx.errors), meddelande_id)
    message = build_object(parsed)
    assert isinstance(message, Meddelande)
    return Parsed(message)
