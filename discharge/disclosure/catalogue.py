"""Which §4.4 category each message type and each field carries: the right half of the §4.4 table as data.

Role: ``POLICIES`` gives every message type its content category (refused as a whole when its requirement
is not met) and the purpose that ``hasBasis`` is asked about (§4.2). Message types whose content is allowed
without a basis (minimal notice, receipts, process status) also classify every body field, so a field that
needs a basis is redacted on its own; ``ENVELOPE`` classifies the fields every event shares. An import-time
check keeps the table complete: a new field on a minimal message type must be classified before it can leave.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from discharge.codes import Purpose
from discharge.disclosure.categories import CATEGORIES, Category, Requirement
from discharge.event_base import DischargeEvent, MessageType
from discharge.events import EVENT_CLASSES
from discharge.sip_events import SipInvitation, SipType

__all__ = ["ENVELOPE", "GUARDIAN_CONTACT", "POLICIES", "MessagePolicy", "field_default", "policy_for"]

D0, D1, D2, D3, D5, D6, D7, D8, D9, D10, D11, D12, D13, D14 = (
    Category.D0,
    Category.D1,
    Category.D2,
    Category.D3,
    Category.D5,
    Category.D6,
    Category.D7,
    Category.D8,
    Category.D9,
    Category.D10,
    Category.D11,
    Category.D12,
    Category.D13,
    Category.D14,
)
_EXCHANGE, _INVITATION, _SIP = Purpose.INFORMATION_EXCHANGE, Purpose.SIP_INVITATION, Purpose.SIP_ESTABLISHMENT


@dataclass(frozen=True, slots=True, kw_only=True)
class MessagePolicy:
    """One message type's row: its content category, the purpose asked about, and its body fields."""

    category: Category
    purpose: Purpose = _EXCHANGE
    fields: Mapping[str, Category] = field(default_factory=dict)  # body fields of a minimal message type
    free_text: frozenset[str] = frozenset()  # D14: status is minimal, its free text needs a basis

    @property
    def is_minimal(self) -> bool:
        return CATEGORIES[self.category].requirement is Requirement.NONE

    def requirement_of(self, name: str) -> Requirement:
        if name in self.free_text:
            return Requirement.BASIS
        return CATEGORIES[self.fields[name]].requirement


# Fields of ``DischargeEvent``. The care type and the statute stay: both contracts require them on the
# notice and leaving the statute out would tell a Lifecare-style receiver "voluntary" (AMB-DISC-07).
ENVELOPE: Mapping[str, Category] = MappingProxyType(
    {
        "message_id": D0,
        "case_id": D0,
        "sender": D0,
        "recipients": D0,
        "sent_at": D0,
        "region": D0,
        "care_type": D0,
        "statute": D0,
        "track": D8,  # reveals the level of need; both contracts redact it without a basis
        "patient": D1,
    }
)
# Contact data of the guardians listed on ``patient``: extended personal data (D7), redacted on their own
GUARDIAN_CONTACT = ("phone", "identifier")

_RECEIPT = {"acknowledged_message_id": D0, "acknowledged_at": D0}

POLICIES: Mapping[MessageType, MessagePolicy] = MappingProxyType(
    {
        MessageType.E01: MessagePolicy(category=D0, fields={"admitted_at": D0, "need_identified_at": D0, "needs": D0}),
        MessageType.M01: MessagePolicy(
            category=D1,
            fields={
                "admitted_at": D0,
                "need_identified_at": D0,
                "needs": D0,  # routing: which units get the notice
                "placing_municipality": D0,  # routing and payer (AMB-32)
                "placing_municipality_name": D0,  # the display name of that code
                "estimated_discharge_date": D2,
                "consent": D3,
                "consent_documented_at": D3,
                "responsible_physician": D5,
                "contact_reason": D6,
                "life_threatening": D6,  # says why the patient is in hospital
                "children_in_household": D7,
                "training_needed_before_discharge": D10,
            },
        ),
        MessageType.M02: MessagePolicy(
            category=D0,  # a bare receipt; everything else in the answer needs consent (C-02)
            fields=_RECEIPT | {"existing_interventions": D9, "contact_person": D9, "comment": D9},
        ),
        MessageType.M03: MessagePolicy(category=D9),
        MessageType.M04: MessagePolicy(
            category=D14,
            fields={"contact": D14, "appointed_at": D14, "existing_continues": D14, "named_physician_contact": D14},
        ),
        MessageType.M05: MessagePolicy(category=D10),
        MessageType.M06: MessagePolicy(
            category=D2,
            fields={
                "estimated_discharge_date": D2,
                "previous_estimated_discharge_date": D2,
                "reason": D14,
                "court_ruling_date": D0,  # part of the statute (ENVELOPE)
                "comment": D14,
            },
            free_text=frozenset({"comment"}),
        ),
        MessageType.M07: MessagePolicy(category=D10),
        MessageType.M08: MessagePolicy(category=D10),
        MessageType.M09: MessagePolicy(category=D11, purpose=_INVITATION),
        MessageType.M10: MessagePolicy(category=D11, purpose=_INVITATION),
        MessageType.M10_ACK: MessagePolicy(
            category=D0, purpose=_INVITATION, fields=_RECEIPT | {"response": D11, "comment": D11}
        ),
        MessageType.M11: MessagePolicy(category=D10),
        MessageType.M11_ACK: MessagePolicy(category=D0, fields=_RECEIPT | {"response": D10, "comment": D10}),
        MessageType.M12: MessagePolicy(
            category=D14,
            fields={
                "assessed_at": D14,
                "planned_discharge_at": D14,
                "open_referrals_closed": D14,
                "opt_application": D0,  # part of the statute (ENVELOPE)
                "assessed_by": D5,
                "action_request_attached": D10,
                "criteria": D10,
                "training": D10,
            },
        ),
        MessageType.M12_ACK: MessagePolicy(category=D0, fields=_RECEIPT | {"comment": D9}),  # reply content, as M-02
        MessageType.M13: MessagePolicy(
            category=D14,
            fields={
                "revoked_message_id": D0,
                "revoked_at": D14,
                "reason": D14,
                "new_estimated_discharge_date": D2,
                "comment": D14,
            },
            free_text=frozenset({"comment"}),
        ),
        MessageType.M14: MessagePolicy(
            category=D14,
            fields={
                "discharge_at": D14,
                "arrival_home_at": D14,
                "met_at_home": D14,
                "transport": D14,
                "met_by": D14,
                "comment": D14,
            },
            free_text=frozenset({"met_by", "comment"}),
        ),
        MessageType.M15: MessagePolicy(category=D10),
        MessageType.M16: MessagePolicy(category=D10),
        MessageType.M17: MessagePolicy(category=D13),
        MessageType.M18: MessagePolicy(category=D12, purpose=_SIP),
        MessageType.M19: MessagePolicy(category=D12, purpose=_SIP),
        MessageType.M20: MessagePolicy(category=D10),
        MessageType.M21: MessagePolicy(category=D14, fields={"deceased_at": D14}),
        MessageType.M22: MessagePolicy(
            category=D14,
            fields={"closed_at": D14, "reason": D14, "reason_text": D14},
            free_text=frozenset({"reason_text"}),
        ),
        MessageType.M23: MessagePolicy(category=D10),  # free text the gateway cannot classify (§2.4 M-23)
        MessageType.M24: MessagePolicy(
            category=D3,
            fields={"sector": D3, "status": D3, "effective_at": D3, "given_by": D3, "purposes": D3},
        ),
        MessageType.M25: MessagePolicy(category=D7),  # all of it is D7: nothing would be left to deliver
    }
)

# An invitation to a SIP follow-up asks for the follow-up itself, which needs consent (§4.2 sip-follow-up)
_FOLLOW_UP_INVITATION = MessagePolicy(category=D12, purpose=_SIP)


def policy_for(event: DischargeEvent) -> MessagePolicy:
    if isinstance(event, SipInvitation) and event.sip_type is SipType.FOLLOW_UP:
        return _FOLLOW_UP_INVITATION
    return POLICIES[event.type]


def field_default(cls: type[DischargeEvent], name: str) -> Any:
    """The value a redacted field takes: the field's declared default."""
    spec = next(f for f in dataclasses.fields(cls) if f.name == name)
    if spec.default is not dataclasses.MISSING:
        return spec.default
    if spec.default_factory is not dataclasses.MISSING:
        return spec.default_factory()
    raise LookupError(f"{cls.__name__}.{name} has no default and cannot be redacted")


def _check_complete() -> None:
    assert set(POLICIES) == set(MessageType), "every message type needs a row"
    for code, cls in EVENT_CLASSES.items():
        policy = POLICIES[code]
        names = {f.name for f in dataclasses.fields(cls)}
        assert set(ENVELOPE) <= names
        body = names - set(ENVELOPE)
        if policy.is_minimal:
            assert set(policy.fields) == body, f"{code}: classify {sorted(body ^ set(policy.fields))}"
            for name in body:
                if policy.requirement_of(name) is not Requirement.NONE:
                    field_default(cls, name)  # redactable fields must have a default
        assert policy.free_text <= set(policy.fields)


_check_complete()
