"""``decide(event, case, recipient)``: route, redact or refuse one message for one recipient (§4.4 rule 1).

Role: apply the category tables (``categories``, ``catalogue``) to the case's legal basis. The disclosing
sector is the sender's; the purpose comes from the message type. In order: a guardian flagged for
significant harm gets nothing; social services ↔ municipal health care in one municipality needs consent;
after a withdrawal, D5–D13 content is refused; content whose category needs a missing basis is refused; then
each field that needs a missing basis is removed. Boundary: ``case`` is the case after ``apply(case, event)``,
so the message's own consent status (M-01, M-24) counts; routing to units without an endpoint is the
gateway's (contracts: MANUELL_KONTAKT / MANUAL_CONTACT).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from discharge.admission_events import Relative
from discharge.calendar import local_date
from discharge.case import Case
from discharge.codes import ConsentStatus, IdentifierKind, MaturityLevel, Purpose, Sector
from discharge.disclosure.catalogue import ENVELOPE, GUARDIAN_CONTACT, MessagePolicy, field_default, policy_for
from discharge.disclosure.categories import CATEGORIES, WITHDRAWAL_SCOPE, Category, Requirement
from discharge.disclosure.model import Decision, Disclosure, Reason, Recipient
from discharge.event_base import DischargeEvent
from discharge.legal_basis import LegalBasis, SectorBasis
from discharge.parties import Guardian, Patient, Unit

__all__ = ["decide"]

_MUNICIPAL_PAIR = frozenset({Sector.SOCIAL_SERVICES, Sector.MUNICIPAL_HEALTH_CARE})
_GUARDIAN_FIELD = "patient.guardians."


def decide(event: DischargeEvent, case: Case, recipient: Recipient) -> Disclosure:
    """What ``recipient`` may receive of ``event``; ``case`` already holds the event (see the module doc)."""
    judge = _Judge.of(event, case)
    if isinstance(recipient, Guardian):
        return _to_guardian(judge, recipient)
    if isinstance(recipient, Relative):
        return _to_relative(judge, recipient)
    return _to_unit(judge, recipient)


@dataclass(frozen=True, slots=True)
class _Removal:
    name: str
    category: Category


@dataclass(frozen=True, slots=True)
class _Judge:
    """One message held against one case: the disclosing sector's record, and the child's guardians."""

    event: DischargeEvent
    case: Case
    policy: MessagePolicy
    record: SectorBasis
    patient: Patient | None
    child: bool

    @classmethod
    def of(cls, event: DischargeEvent, case: Case) -> _Judge:
        patient = event.patient or case.patient
        child = patient is not None and patient.is_child_on(local_date(event.sent_at))
        record = case.legal_basis.effective(event.sender.sector)
        return cls(event, case, policy_for(event), record, patient, child)

    @property
    def guardians(self) -> tuple[Guardian, ...]:
        return self.patient.guardians if self.child and self.patient is not None else ()

    @property
    def categories(self) -> list[Category]:
        """The content category, plus D4 when a reserve or coordination number stands in (AMB-17)."""
        patient = self.event.patient
        substitute = patient is not None and patient.identifier.kind is not IdentifierKind.PERSONNUMMER
        if self.policy.category is Category.D1 and substitute:
            return [Category.D1, Category.D4]
        return [self.policy.category]

    def met(self, requirement: Requirement, purpose: Purpose | None = None) -> bool:
        purpose = purpose or self.policy.purpose
        if requirement is Requirement.NONE:
            return True
        if requirement is Requirement.CONSENT:
            consented = self.record.basis is LegalBasis.CONSENT and self.record.covers(purpose)
            return consented and not self.a_guardian_refused()
        if requirement is Requirement.NEVER:
            return False
        guardians = self.guardians if self.child else None
        basis = self.case.legal_basis.has_basis(self.event.sender.sector, purpose, guardians=guardians)
        return basis and not self.a_guardian_refused()

    def a_guardian_refused(self) -> bool:
        """CH-01 / §4.2: the guardians give a child's consent, so a guardian's refusal is the child's refusal —
        unless the child decides alone — and no harm assessment overrides it (C-04). A guardian not yet asked
        blocks only what needs every guardian's consent (CH-06 SIP, CH-07 admission reason)."""
        return (
            self.child
            and not self._child_decides_alone()
            and any(g.consent is ConsentStatus.REFUSED for g in self.guardians)
        )

    def _child_decides_alone(self) -> bool:
        return self.patient is not None and _child_decides(self.patient)

    def guardians_consent(self) -> bool:
        """CH-07: every guardian consents; a child with no guardian on record has no guardians' consent."""
        if not self.child:
            return True
        return bool(self.guardians) and all(g.consent is ConsentStatus.GIVEN for g in self.guardians)

    def route(self, recipient: Recipient, rule: tuple[str, ...]) -> Disclosure:
        return self._disclosure(recipient, Decision.ROUTE, rule, event=self.event)

    def rule(self, categories: Iterable[Category], *extra: str) -> tuple[str, ...]:
        """Category ids in order, then the rules that govern them (a child's too), then ``extra``; no repeats."""
        ids = _ids(categories)
        rules = (r for c in ids for r in _governing(Category(c), child=self.child))
        return tuple(dict.fromkeys((*ids, *rules, *extra)))

    def redact(self, recipient: Recipient, removals: list[_Removal]) -> Disclosure:
        rule = self.rule([*self.categories, *(r.category for r in removals)])
        names = tuple(r.name for r in removals)
        return self._disclosure(recipient, Decision.REDACT, rule, event=_redacted(self.event, names), redacted=names)

    def refuse(self, recipient: Recipient, rule: tuple[str, ...], reason: Reason | None = None) -> Disclosure:
        if reason is None:
            withdrawn = self.record.basis is LegalBasis.WITHDRAWN
            reason = Reason.CONSENT_WITHDRAWN if withdrawn else Reason.LEGAL_BASIS_MISSING
        return self._disclosure(recipient, Decision.REFUSE, rule, reason=reason)

    def _disclosure(
        self,
        recipient: Recipient,
        decision: Decision,
        rule: tuple[str, ...],
        *,
        event: DischargeEvent | None = None,
        reason: Reason | None = None,
        redacted: tuple[str, ...] = (),
    ) -> Disclosure:
        return Disclosure(
            decision=decision,
            reason=reason,
            rule=rule,
            redacted_fields=redacted,
            event=event,
            recipient=recipient,
            category=self.policy.category,
            sector=self.event.sender.sector,
            purpose=self.policy.purpose,
            basis=self.record.basis,
            message_type=self.event.type,
            message_id=self.event.message_id,
            case_id=self.event.case_id,
            sender=self.event.sender.hsa_id,
        )


def _to_unit(judge: _Judge, unit: Unit) -> Disclosure:
    policy = judge.policy
    # C-08: nothing but the consent status passes between social services and municipal health care of one
    # municipality without consent
    within = policy.category is not Category.D3 and _within_one_municipality(judge.event.sender, unit)
    if within and not judge.met(Requirement.CONSENT):
        return judge.refuse(unit, judge.rule([Category.D17]))
    if judge.record.basis is LegalBasis.WITHDRAWN and (carried := _withdrawal_content(judge)):
        # C-05: from the withdrawal on, D5–D13 content is refused rather than redacted (rule 3a)
        return judge.refuse(unit, (*_ids(carried), "C-05"))
    if not judge.met(CATEGORIES[policy.category].requirement):
        return judge.refuse(unit, judge.rule([policy.category]))
    removals = _removals(judge)
    if removals:
        return judge.redact(unit, removals)
    return judge.route(unit, judge.rule(judge.categories))


def _to_guardian(judge: _Judge, guardian: Guardian) -> Disclosure:
    if _flagged(guardian, judge.patient):
        # CH-03: never to a guardian whose knowing could cause the child significant harm, at any age
        return judge.refuse(guardian, judge.rule([Category.D16]), Reason.SIGNIFICANT_HARM)
    if not judge.child:
        return _to_relative(judge, guardian)  # an adult has no guardians: a former one is a relative
    if judge.patient is not None and _child_decides(judge.patient):
        # CH-01: a child who controls confidentiality decides what the guardians learn, as for relatives
        return _to_relative(judge, guardian, "CH-01")
    # CH-08: the guardians act for the child; what reaches them is not disclosed to another sector
    return judge.route(guardian, (*_ids(judge.categories), "CH-08"))


def _to_relative(judge: _Judge, person: Recipient, *extra: str) -> Disclosure:
    # C-11: relatives only with the patient's consent to inform them
    rule = judge.rule([Category.D15], *extra)
    if judge.met(Requirement.CONSENT, Purpose.RELATIVES):
        return judge.route(person, rule)
    return judge.refuse(person, rule)


def _removals(judge: _Judge) -> list[_Removal]:
    """Fields present in the message that need a basis the case lacks, each with its category."""
    event, policy = judge.event, judge.policy
    removals: list[_Removal] = []
    for name, category in [*policy.fields.items(), ("track", ENVELOPE["track"])]:
        requirement = policy.requirement_of(name) if name in policy.fields else CATEGORIES[category].requirement
        if requirement is Requirement.NONE or not _present(event, name):
            continue
        # CH-07: a child's admission reason is given only if the guardians consent as well
        guardians_refuse = category is Category.D6 and not judge.guardians_consent()
        if guardians_refuse or not judge.met(requirement):
            removals.append(_Removal(name, category))
    if not judge.met(CATEGORIES[Category.D7].requirement):
        removals += [_Removal(_GUARDIAN_FIELD + name, Category.D7) for name in _guardian_contact(event)]
    return removals


def _withdrawal_content(judge: _Judge) -> set[Category]:
    """The D5–D13 categories the message carries in its content (the track is only redacted)."""
    policy = judge.policy
    carried = {policy.category} & WITHDRAWAL_SCOPE
    carried |= {c for name, c in policy.fields.items() if c in WITHDRAWAL_SCOPE and _present(judge.event, name)}
    return carried


def _redacted(event: DischargeEvent, names: tuple[str, ...]) -> DischargeEvent:
    changes: dict[str, Any] = {n: field_default(type(event), n) for n in names if not n.startswith(_GUARDIAN_FIELD)}
    hidden: dict[str, Any] = {n.removeprefix(_GUARDIAN_FIELD): None for n in names if n.startswith(_GUARDIAN_FIELD)}
    if hidden and event.patient is not None:
        guardians = tuple(replace(g, **hidden) for g in event.patient.guardians)
        changes["patient"] = replace(event.patient, guardians=guardians)
    return replace(event, **changes)


def _present(event: DischargeEvent, name: str) -> bool:
    return bool(getattr(event, name) != field_default(type(event), name))


def _guardian_contact(event: DischargeEvent) -> list[str]:
    guardians = event.patient.guardians if event.patient is not None else ()
    return [name for name in GUARDIAN_CONTACT if any(getattr(g, name) is not None for g in guardians)]


def _within_one_municipality(sender: Unit, recipient: Unit) -> bool:
    """Social services and municipal health care of one municipality; an unknown code counts as the same."""
    if {sender.sector, recipient.sector} != _MUNICIPAL_PAIR:
        return False
    codes = (sender.municipality_code, recipient.municipality_code)
    return None in codes or codes[0] == codes[1]


def _flagged(guardian: Guardian, patient: Patient | None) -> bool:
    """The recipient's own flag, or the flag the patient's current guardian list holds for the same person."""
    listed = patient.guardians if patient is not None else ()
    return guardian.significant_harm or any(g.significant_harm and _same_person(g, guardian) for g in listed)


def _same_person(a: Guardian, b: Guardian) -> bool:
    if a.identifier is not None and b.identifier is not None:
        return a.identifier.value == b.identifier.value
    return (a.given_name, a.family_name) == (b.given_name, b.family_name)


def _child_decides(patient: Patient) -> bool:
    return patient.maturity is not None and patient.maturity.level is MaturityLevel.CHILD_DECIDES


def _ids(categories: Iterable[Category]) -> tuple[str, ...]:
    return tuple(c.value for c in sorted(set(categories), key=lambda c: int(c.value[1:])))


def _governing(category: Category, *, child: bool) -> tuple[str, ...]:
    entry = CATEGORIES[category]
    return (*entry.rules, *entry.child_rules) if child else entry.rules
