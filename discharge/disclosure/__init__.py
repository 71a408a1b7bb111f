"""Consent policy (§4.4): what each recipient may receive of an outbound message — route, redact or refuse.

``decide(event, case, recipient)`` judges one message for one recipient (a unit of its ``recipients``, or a
guardian or relative the gateway informs directly) against the case's legal basis (§4.2) and returns a
``Disclosure``: the decision, the contracts' ``reason``, the spec ids that decided, the removed fields and
the event to deliver. ``audit_record`` turns it into rule 5's plain audit data. The categories D0–D17 live in
``categories`` (what each needs) and ``catalogue`` (which message type and field carries which).
Boundary: pure and standard library only; "no endpoint → manual contact" is the gateway's directory decision.

Ambiguities decided here (docs/ambiguities.md):
AMB-16  the admission notice goes in full with a basis; without one the physician (D5), the admission reason
        and the life-threatening flag (D6), children in the household (D7), the training need (D10) and the
        track (D8) are removed.
AMB-17  a reserve or coordination number stands in for the personnummer in the minimal set (D4).
AMB-27  RFD, revocation, discharge time, death, closure and the FVK appointment are status (D14): routed
        without a basis, their free text removed.
AMB-36  each unit is judged by its own sector; social services ↔ municipal health care of one municipality
        needs consent (D17).
AMB-37  the sender unit is routing metadata (D0); a substitute sender for minimal notices is not applied here.
AMB-38  blocks under Lag (2022:913) do not change what messages carry.
AMB-DISC-01 the case is judged after the event is applied and as it stands at the decision (no back-dating).
AMB-DISC-02 content whose category needs a missing basis is refused; fields of a minimal message are redacted;
        M-25 is all D7 and is therefore refused.
AMB-DISC-03 after a withdrawal, a message with D5–D13 content is refused (consent-withdrawn), not redacted.
AMB-DISC-04 categories of the types §4.4 does not list (M-04, M-11, M-14 from a municipality, M-15, M-16,
        M-20, the replies, E-01) and a SIP follow-up invitation (D12).
AMB-DISC-05 D17 covers everything but the consent status (D3); a harm assessment or a board decision is not
        consent; a missing municipality code counts as the same municipality.
AMB-DISC-06 guardians and relatives as recipients: harm flag first, then a mature child's say, then relatives'
        consent.
AMB-DISC-07 the care type, statute and needs stay in a minimal notice because both contracts require them.
AMB-DISC-08 the guardians' phone numbers and identity numbers are extended personal data (D7).
"""

from discharge.disclosure.audit import audit_record
from discharge.disclosure.case_view import case_as_disclosed
from discharge.disclosure.catalogue import ENVELOPE, POLICIES, MessagePolicy, policy_for
from discharge.disclosure.categories import CATEGORIES, Category, CategoryRule, Requirement
from discharge.disclosure.decision import decide
from discharge.disclosure.model import Decision, Disclosure, Reason, Recipient

__all__ = [
    "CATEGORIES",
    "ENVELOPE",
    "POLICIES",
    "Category",
    "CategoryRule",
    "Decision",
    "Disclosure",
    "MessagePolicy",
    "Reason",
    "Recipient",
    "Requirement",
    "audit_record",
    "case_as_disclosed",
    "decide",
    "policy_for",
]
