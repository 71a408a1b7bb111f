"""The kvittens (§2) and the HTTP status of an outcome (§1), rendered from decisions the gateway has made.

Role: pure builders — the gateway decides acceptance, per-recipient delivery (route / redact / refuse / manual
contact) and process deviations; this module only shapes them into the contract's object and status code.
Idempotent replays repeat the first kvittens with ``dubblett: true`` (§3); content equality for that is
``idempotency.content_fingerprint`` (re-exported here). Boundary: no clock (``mottagen`` is passed in), no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from adapters.lifecare.codec import canonical_json
from adapters.lifecare.errors import ContractError, ErrorCode
from adapters.lifecare.formats import Format, check_format, format_tidpunkt
from adapters.lifecare.idempotency import content_fingerprint
from adapters.lifecare.message import Meddelande
from discharge.calendar import STOCKHOLM

__all__ = [
    "KVITTENSVERSION",
    "Avvikelse",
    "Avvikelsekod",
    "Beslut",
    "Leverans",
    "Orsak",
    "Status",
    "accepted_kvittens",
    "content_fingerprint",
    "http_status",
    "http_status_for_errors",
    "id_conflict_error",
    "rejected_kvittens",
    "render_kvittens",
    "replayed_kvittens",
]

KVITTENSVERSION = "1.0"


class Status(StrEnum):
    GODKAND = "GODKAND"
    AVVISAD = "AVVISAD"


class Beslut(StrEnum):
    """Per-recipient delivery decision (§2); final for the message."""

    LEVERERAS = "LEVERERAS"
    LEVERERAS_REDIGERAD = "LEVERERAS_REDIGERAD"  # consent-gated members removed (domain spec §4.4)
    NEKAS = "NEKAS"  # not delivered
    MANUELL_KONTAKT = "MANUELL_KONTAKT"  # the unit has no endpoint; a manual-contact task was opened


class Orsak(StrEnum):
    LEGAL_BASIS_MISSING = "legal-basis-missing"
    CONSENT_WITHDRAWN = "consent-withdrawn"
    SIGNIFICANT_HARM = "significant-harm"  # CH-03
    NO_ENDPOINT = "no-endpoint"


_REASONS: dict[Beslut, frozenset[Orsak]] = {
    Beslut.LEVERERAS: frozenset(),
    Beslut.LEVERERAS_REDIGERAD: frozenset(),
    Beslut.NEKAS: frozenset({Orsak.LEGAL_BASIS_MISSING, Orsak.CONSENT_WITHDRAWN, Orsak.SIGNIFICANT_HARM}),
    Beslut.MANUELL_KONTAKT: frozenset({Orsak.NO_ENDPOINT}),
}


@dataclass(frozen=True, slots=True)
class Leverans:
    """One ``leveranser[]`` item; ``orsak`` is required for NEKAS and MANUELL_KONTAKT and absent otherwise."""

    hsa_id: str
    beslut: Beslut
    orsak: Orsak | None = None

    def __post_init__(self) -> None:
        allowed = _REASONS[self.beslut]
        if (self.orsak is None) != (not allowed) or (self.orsak is not None and self.orsak not in allowed):
            raise ValueError(f"beslut {self.beslut} does not go with orsak {self.orsak}")

    def to_dict(self) -> dict[str, str]:
        item = {"hsaId": self.hsa_id, "beslut": self.beslut.value}
        return item | {"orsak": self.orsak.value} if self.orsak else item


class Avvikelsekod(StrEnum):
    UNKNOWN_CASE = "unknown-case"  # a case's first message is not INSKRIVNINGSMEDDELANDE
    OUT_OF_SEQUENCE = "out-of-sequence"  # the type does not fit the case state
    LATE = "late"  # a deadline rule was missed; the text names it


@dataclass(frozen=True, slots=True)
class Avvikelse:
    """A process deviation (never a cause of rejection, §2)."""

    kod: Avvikelsekod
    text: str

    @classmethod
    def unknown_case(cls) -> Avvikelse:
        return cls(
            Avvikelsekod.UNKNOWN_CASE, "Ärendet är okänt; första meddelandet är inte ett inskrivningsmeddelande."
        )

    @classmethod
    def out_of_sequence(cls, detail: str = "") -> Avvikelse:
        return cls(Avvikelsekod.OUT_OF_SEQUENCE, detail or "Meddelandet passar inte ärendets tillstånd.")

    @classmethod
    def late(cls, rule: str, detail: str = "") -> Avvikelse:
        """``rule`` is the domain spec's id of the missed deadline (``R-01`` …); the text names it."""
        return cls(Avvikelsekod.LATE, f"{rule}: {detail}" if detail else f"{rule}: tidsgränsen har passerats.")

    def to_dict(self) -> dict[str, str]:
        return {"kod": self.kod.value, "text": self.text}


def _mottagen(moment: datetime) -> str:
    return format_tidpunkt(moment.astimezone(STOCKHOLM))


def accepted_kvittens(
    message: Meddelande,
    *,
    mottagen: datetime,
    gateway_referens: str,
    leveranser: Sequence[Leverans],
    avvikelser: Sequence[Avvikelse] = (),
) -> dict[str, Any]:
    """GODKAND: ``leveranser`` must name the message's ``mottagare``, one each, in the same order (§2)."""
    expected = [unit.hsa_id.casefold() for unit in message.mottagare]
    if [item.hsa_id.casefold() for item in leveranser] != expected:
        raise ValueError("leveranser must have one item per mottagare, in the same order")
    if check_format(Format.UUID, gateway_referens) is not None:
        raise ValueError("gatewayReferens must be a UUID")
    return {
        "kvittensversion": KVITTENSVERSION,
        "meddelandeId": message.meddelande_id,
        "status": Status.GODKAND.value,
        "dubblett": False,
        "mottagen": _mottagen(mottagen),
        "gatewayReferens": gateway_referens,
        "leveranser": [item.to_dict() for item in leveranser],
        "avvikelser": [item.to_dict() for item in avvikelser],
        "fel": [],
    }


def rejected_kvittens(
    errors: Sequence[ContractError], *, meddelande_id: str | None, mottagen: datetime
) -> dict[str, Any]:
    """AVVISAD with every error; ``meddelande_id`` is None when it could not be read (§2)."""
    if not errors:
        raise ValueError("a rejection needs at least one error")
    return {
        "kvittensversion": KVITTENSVERSION,
        "meddelandeId": meddelande_id,
        "status": Status.AVVISAD.value,
        "dubblett": False,
        "mottagen": _mottagen(mottagen),
        "fel": [error.to_dict() for error in errors],
    }


def id_conflict_error() -> ContractError:
    """§3: a known ``meddelandeId`` with different content (409; no effect)."""
    return ContractError("/meddelandeId", ErrorCode.ID_CONFLICT)


def replayed_kvittens(first: Mapping[str, Any]) -> dict[str, Any]:
    """§3: the first (accepted) kvittens again, with ``dubblett: true``; everything else repeats."""
    if first.get("status") != Status.GODKAND.value:
        raise ValueError("only an accepted message is replayed; a rejected one leaves no trace")
    return {**first, "dubblett": True}


_STATUS_OF: dict[ErrorCode, int] = {
    ErrorCode.TOO_LARGE: 413,
    ErrorCode.MEDIA_TYPE: 415,
    ErrorCode.ENCODING: 400,
    ErrorCode.JSON_SYNTAX: 400,
    ErrorCode.SENDER_NOT_AUTHORISED: 403,
    ErrorCode.ID_CONFLICT: 409,
}
_PRECEDENCE = (413, 415, 400, 403, 409)


def http_status_for_errors(errors: Sequence[ContractError]) -> int:
    """§1: 200 without errors; otherwise the most specific status of the errors (422 by default)."""
    if not errors:
        return 200
    statuses = {_STATUS_OF.get(error.code, 422) for error in errors}
    if any(error.code is ErrorCode.TYPE and error.pointer == "" for error in errors):
        statuses.add(400)  # the top level is not an object
    return next((status for status in _PRECEDENCE if status in statuses), 422)


def http_status(kvittens: Mapping[str, Any]) -> int:
    """§1: the HTTP status that goes with a kvittens (a replay of an accepted message is 200)."""
    errors = [ContractError(item["pekare"], ErrorCode(item["kod"]), item["text"]) for item in kvittens["fel"]]
    return 200 if kvittens["status"] == Status.GODKAND.value else http_status_for_errors(errors)


def render_kvittens(kvittens: Mapping[str, Any]) -> bytes:
    return canonical_json(dict(kvittens))
