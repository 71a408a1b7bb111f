"""The outcome of one disclosure decision: what one recipient gets of one message, and why (§4.4).

Role: ``Disclosure`` is plain data the gateway stores with the outbox row and renders as the contracts'
per-recipient decision (``leveranser[].beslut`` / ``deliveries[].decision``): ROUTE → LEVERERAS / DELIVER,
REDACT → LEVERERAS_REDIGERAD / DELIVER_REDACTED, REFUSE → NEKAS / REFUSE with the same ``reason``. It also
carries what rule 5's audit needs. Boundary: no logic beyond its own invariants.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from discharge.admission_events import Relative
from discharge.codes import Purpose, Sector
from discharge.disclosure.categories import Category
from discharge.event_base import DischargeEvent, MessageType
from discharge.legal_basis import LegalBasis
from discharge.parties import Guardian, Unit

__all__ = ["Decision", "Disclosure", "Reason", "Recipient"]

# A unit of the message's ``recipients``, or a person the gateway informs directly (guardians of M-10/M-17)
Recipient = Unit | Guardian | Relative


class Decision(StrEnum):
    ROUTE = "ROUTE"  # deliver the message as it is
    REDACT = "REDACT"  # deliver a copy without the fields that need a basis
    REFUSE = "REFUSE"  # deliver nothing; the sender gets a task (rule 2)


class Reason(StrEnum):
    """Why a message was refused: the contracts' ``orsak`` / ``reason`` values."""

    LEGAL_BASIS_MISSING = "legal-basis-missing"
    CONSENT_WITHDRAWN = "consent-withdrawn"
    SIGNIFICANT_HARM = "significant-harm"


@dataclass(frozen=True, slots=True, kw_only=True)
class Disclosure:
    decision: Decision
    reason: Reason | None
    rule: tuple[str, ...]  # spec ids that decided, categories first: ("D10", "C-07", "C-08")
    redacted_fields: tuple[str, ...]  # attribute names; "patient.guardians.phone" for nested ones
    event: DischargeEvent | None  # ROUTE: the original object; REDACT: a redacted copy; REFUSE: None
    recipient: Recipient
    category: Category  # of the message's content as a whole
    sector: Sector  # the disclosing sector: the sender's (rule 1)
    purpose: Purpose
    basis: LegalBasis  # the disclosing sector's effective record
    message_type: MessageType
    message_id: str
    case_id: str
    sender: str  # HSA-id

    def __post_init__(self) -> None:
        refused = self.decision is Decision.REFUSE
        if refused != (self.event is None) or refused != (self.reason is not None):
            raise ValueError(f"{self.decision}: an event exactly when delivered, a reason exactly when refused")
        if (self.decision is Decision.REDACT) != bool(self.redacted_fields):
            raise ValueError(f"{self.decision}: redacted fields exactly when redacting")
