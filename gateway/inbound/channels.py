"""The two contracts behind one interface: parse, acknowledge, status — the format-specific parts
of the inbound flow (``flow``). Each method delegates to the pure adapter package."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from adapters.cosmic_link import ack as cosmic_ack
from adapters.cosmic_link import codec as cosmic
from adapters.cosmic_link import transport as cosmic_transport
from adapters.lifecare import ack as lifecare_ack
from adapters.lifecare import codec as lifecare
from adapters.lifecare import idempotency as lifecare_idempotency
from adapters.lifecare import transport as lifecare_transport
from adapters.lifecare.validation import Parsed
from discharge.events import DischargeEvent
from gateway.process.routing import RecipientDecision

MAX_BYTES = 1_048_576  # both contracts §1


@dataclass(frozen=True, slots=True)
class Deviation:
    kind: str  # unknown-case | out-of-sequence | late
    rule: str | None = None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Inbound:
    message: Any | None  # the typed message when valid
    errors: Sequence[Any]  # contract errors when not
    message_id: str | None


class Channel(Protocol):
    name: str  # the payload format and the ledger channel

    def transport_errors(self, content_type: str | None, length: int) -> list[Any]: ...

    def parse(self, body: bytes, *, received_at: datetime) -> Inbound: ...

    def to_event(self, message: Any) -> DischargeEvent: ...

    def fingerprint(self, body: bytes) -> str: ...

    def accepted(
        self,
        message: Any,
        *,
        received_at: datetime,
        reference: str,
        decisions: Sequence[RecipientDecision],
        deviations: Sequence[Deviation],
    ) -> dict[str, Any]: ...

    def rejected(self, errors: Sequence[Any], *, message_id: str | None, received_at: datetime) -> dict[str, Any]: ...

    def conflict(self, *, message_id: str, received_at: datetime) -> dict[str, Any]: ...

    def replay(self, first: Mapping[str, Any]) -> dict[str, Any]: ...

    def status(self, answer: Mapping[str, Any]) -> int: ...

    def render(self, answer: Mapping[str, Any]) -> bytes: ...


_LIFECARE_DECISIONS = {
    "deliver": lifecare_ack.Beslut.LEVERERAS,
    "deliver-redacted": lifecare_ack.Beslut.LEVERERAS_REDIGERAD,
    "refuse": lifecare_ack.Beslut.NEKAS,
    "manual-contact": lifecare_ack.Beslut.MANUELL_KONTAKT,
}
_COSMIC_DECISIONS = {
    "deliver": cosmic_ack.Decision.DELIVER,
    "deliver-redacted": cosmic_ack.Decision.DELIVER_REDACTED,
    "refuse": cosmic_ack.Decision.REFUSE,
    "manual-contact": cosmic_ack.Decision.MANUAL_CONTACT,
}


class LifecareChannel:
    name = "lifecare"

    def transport_errors(self, content_type: str | None, length: int) -> list[Any]:
        found = [lifecare_transport.check_body_size(length), lifecare_transport.check_media_type(content_type)]
        return [e for e in found if e is not None]

    def parse(self, body: bytes, *, received_at: datetime) -> Inbound:
        result = lifecare.parse(body, received_at=received_at)
        if isinstance(result, Parsed):
            return Inbound(result.message, (), result.meddelande_id)
        return Inbound(None, result.errors, result.meddelande_id)

    def to_event(self, message: Any) -> DischargeEvent:
        return lifecare.to_event(message)

    def fingerprint(self, body: bytes) -> str:
        return lifecare_idempotency.content_fingerprint(body)

    def accepted(
        self,
        message: Any,
        *,
        received_at: datetime,
        reference: str,
        decisions: Sequence[RecipientDecision],
        deviations: Sequence[Deviation],
    ) -> dict[str, Any]:
        leveranser = [
            lifecare_ack.Leverans(
                d.hsa_id, _LIFECARE_DECISIONS[d.decision], lifecare_ack.Orsak(d.reason) if d.reason else None
            )
            for d in decisions
        ]
        avvikelser = [_avvikelse(d) for d in deviations]
        return lifecare_ack.accepted_kvittens(
            message, mottagen=received_at, gateway_referens=reference, leveranser=leveranser, avvikelser=avvikelser
        )

    def rejected(self, errors: Sequence[Any], *, message_id: str | None, received_at: datetime) -> dict[str, Any]:
        return lifecare_ack.rejected_kvittens(errors, meddelande_id=message_id, mottagen=received_at)

    def conflict(self, *, message_id: str, received_at: datetime) -> dict[str, Any]:
        return self.rejected([lifecare_ack.id_conflict_error()], message_id=message_id, received_at=received_at)

    def replay(self, first: Mapping[str, Any]) -> dict[str, Any]:
        return lifecare_ack.replayed_kvittens(first)

    def status(self, answer: Mapping[str, Any]) -> int:
        return lifecare_ack.http_status(answer)

    def render(self, answer: Mapping[str, Any]) -> bytes:
        return lifecare_ack.render_kvittens(answer)


def _avvikelse(deviation: Deviation) -> lifecare_ack.Avvikelse:
    if deviation.kind == "unknown-case":
        return lifecare_ack.Avvikelse.unknown_case()
    if deviation.kind == "late" and deviation.rule:
        return lifecare_ack.Avvikelse.late(deviation.rule, deviation.detail)
    return lifecare_ack.Avvikelse.out_of_sequence(deviation.detail)


class CosmicChannel:
    name = "cosmic-link"

    def transport_errors(self, content_type: str | None, length: int) -> list[Any]:
        found = [cosmic_transport.size_error(length), cosmic_transport.media_type_error(content_type)]
        return [e for e in found if e is not None]

    def parse(self, body: bytes, *, received_at: datetime) -> Inbound:
        result = cosmic.parse(body, received_at=received_at)
        return Inbound(result.message, result.errors, result.message_id)

    def to_event(self, message: Any) -> DischargeEvent:
        return cosmic.to_event(message)

    def fingerprint(self, body: bytes) -> str:
        return cosmic_ack.content_fingerprint(body)

    def accepted(
        self,
        message: Any,
        *,
        received_at: datetime,
        reference: str,
        decisions: Sequence[RecipientDecision],
        deviations: Sequence[Deviation],
    ) -> dict[str, Any]:
        deliveries = [
            cosmic_ack.Delivery(
                d.hsa_id, _COSMIC_DECISIONS[d.decision], cosmic_ack.DeliveryReason(d.reason) if d.reason else None
            )
            for d in decisions
        ]
        codes = {"unknown-case": cosmic_ack.DeviationCode.UNKNOWN_CASE, "late": cosmic_ack.DeviationCode.LATE}
        found = [
            cosmic_ack.Deviation(
                codes.get(d.kind, cosmic_ack.DeviationCode.OUT_OF_SEQUENCE),
                f"{d.rule}: {d.detail}" if d.rule else d.detail or d.kind,
            )
            for d in deviations
        ]
        return cosmic_ack.accepted_ack(
            message, received_at=received_at, gateway_reference=reference, deliveries=deliveries, deviations=found
        )

    def rejected(self, errors: Sequence[Any], *, message_id: str | None, received_at: datetime) -> dict[str, Any]:
        return cosmic_ack.rejected_ack(message_id=message_id, received_at=received_at, errors=errors)

    def conflict(self, *, message_id: str, received_at: datetime) -> dict[str, Any]:
        return self.rejected([cosmic_ack.id_conflict_error()], message_id=message_id, received_at=received_at)

    def replay(self, first: Mapping[str, Any]) -> dict[str, Any]:
        return cosmic_ack.replay_ack(first)

    def status(self, answer: Mapping[str, Any]) -> int:
        return cosmic_ack.http_status(answer)

    def render(self, answer: Mapping[str, Any]) -> bytes:
        return cosmic_ack.render_ack(answer)
