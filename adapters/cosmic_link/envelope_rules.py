"""Multi-member rules of the envelope: §8 (header, parties, patient, episode) and children (§7.4).

Role: every rule here reads only present, valid members (``RuleContext.get``) and reports at the member the
rule names. Rules that depend on the message type's sender settings are in ``body_rules``. Boundary: no
member-level checks (``structure``) and no JSON handling.
"""

from __future__ import annotations

from datetime import date, timedelta

from adapters.cosmic_link.context import RuleContext
from adapters.cosmic_link.errors import ErrorCode
from adapters.cosmic_link.formats import person_number_birth_date
from adapters.cosmic_link.vocabulary import (
    PROCESSES_BY_REGION,
    CareType,
    CloseReason,
    LegalBasisType,
    MaturityLevel,
    MessageTypeName,
    Principal,
    Process,
)
from discharge.calendar import local_date

__all__ = ["check_envelope", "is_child"]

MAX_CLOCK_SKEW = timedelta(minutes=5)  # §8 header.createdAt: at most 5 min after the gateway's receipt
ADULT_AGE = 18  # §7.4: a child is under 18


def check_envelope(ctx: RuleContext) -> None:
    _created_at(ctx)
    _parties(ctx)
    _receivers(ctx)
    _birth_date(ctx)
    _children(ctx)
    _maturity(ctx)
    _process(ctx)
    _legal_basis(ctx)


def _created_at(ctx: RuleContext) -> None:
    created_at = ctx.get("/header/createdAt")
    if created_at is not None and created_at - ctx.received_at > MAX_CLOCK_SKEW:
        ctx.fail("/header/createdAt", ErrorCode.RANGE, "more than 5 minutes after the gateway's receipt time")


def _parties(ctx: RuleContext) -> None:
    """§8 Party: REGION only with INPATIENT/OUTPATIENT, MUNICIPALITY only with the other two; municipality."""
    pointers = ["/header/sender"]
    pointers += [f"/header/receivers/{i}" for i in range(_count(ctx, "/header/receivers"))]
    for party in pointers:
        principal = ctx.get(f"{party}/principal")
        setting = ctx.get(f"{party}/careSetting")
        if principal is not None and setting is not None and setting.principal is not principal:
            ctx.fail(f"{party}/careSetting", ErrorCode.RULE, f"not a care setting of a {principal.value} party")
        if principal is Principal.MUNICIPALITY and not ctx.has(f"{party}/municipality"):
            ctx.fail(f"{party}/municipality", ErrorCode.REQUIRED, "required for a MUNICIPALITY party")


def _count(ctx: RuleContext, array: str) -> int:
    count = 0
    while ctx.has(f"{array}/{count}"):
        count += 1
    return count


def _receivers(ctx: RuleContext) -> None:
    """§8 header.receivers: unique ``id`` (``duplicate`` at the later one), never the sender (``rule``).
    Only the ids are involved, so the rule runs whenever they are valid, whatever the parties' other members."""
    sender_id = ctx.get("/header/sender/id")
    seen: set[str] = set()
    for index in range(_count(ctx, "/header/receivers")):
        at = f"/header/receivers/{index}/id"
        receiver_id = ctx.get(at)
        if receiver_id is None:
            continue
        if receiver_id.extension in seen:
            ctx.fail(at, ErrorCode.DUPLICATE, "the same receiver is listed twice")
        elif sender_id is not None and receiver_id.extension == sender_id.extension:
            ctx.fail(at, ErrorCode.RULE, "the sender cannot be a receiver")
        seen.add(receiver_id.extension)


def _birth_date(ctx: RuleContext) -> None:
    """§8 Patient: ``birthDate`` equals the date in a personnummer/samordningsnummer."""
    person_id = ctx.get("/patient/id")
    birth_date = ctx.get("/patient/birthDate")
    if person_id is None or birth_date is None:
        return
    in_number = person_number_birth_date(person_id.root, person_id.extension)
    if in_number is not None and in_number != birth_date:
        ctx.fail("/patient/birthDate", ErrorCode.RULE, "differs from the date in the identity number")


def is_child(birth_date: date, on: date) -> bool:
    """§7.4: under 18 on ``on``."""
    years = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    return years < ADULT_AGE


def _children(ctx: RuleContext) -> None:
    """§7.4: guardians required in a child's AdmissionNotification (CH-01); an adult has none."""
    birth_date = ctx.get("/patient/birthDate")
    created_at = ctx.get("/header/createdAt")
    if birth_date is None or created_at is None:
        return
    if is_child(birth_date, local_date(created_at)):
        admission = ctx.message_type is MessageTypeName.ADMISSION_NOTIFICATION
        if admission and not ctx.has("/patient/guardians"):
            ctx.fail("/patient/guardians", ErrorCode.REQUIRED, "a child's admission notification lists guardians")
        return
    for member in ("guardians", "maturityAssessment"):
        if ctx.get(f"/patient/{member}") is not None:
            ctx.fail(f"/patient/{member}", ErrorCode.RULE, "not allowed for an adult patient")


def _maturity(ctx: RuleContext) -> None:
    """§7.4: a level other than NOT_ASSESSED requires ``assessedBy`` and ``assessedOn``."""
    level = ctx.get("/patient/maturityAssessment/level")
    if level is None or level is MaturityLevel.NOT_ASSESSED:
        return
    for member in ("assessedBy", "assessedOn"):
        if not ctx.has(f"/patient/maturityAssessment/{member}"):
            ctx.fail(f"/patient/maturityAssessment/{member}", ErrorCode.REQUIRED, "required once assessed")


def _process(ctx: RuleContext) -> None:
    """§8 Episode: the process must be one of the region's; GREY only when closing as out of scope."""
    process = ctx.get("/episode/process")
    region = ctx.get("/episode/regionProfile")
    if process is None:
        return
    if region is not None and process not in PROCESSES_BY_REGION[region]:
        ctx.fail("/episode/process", ErrorCode.ENUM, f"not a process of region {region.value}")
        return
    if process is Process.GREY:
        closing = ctx.message_type is MessageTypeName.EPISODE_CLOSED
        reason = ctx.get("/body/reason")
        if closing and reason is None:
            return  # the reason is missing or invalid and has its own error
        if reason is not CloseReason.NEEDS_CHANGED_OUT_OF_SCOPE:
            ctx.fail("/episode/process", ErrorCode.RULE, "GREY only in EpisodeClosed with NEEDS_CHANGED_OUT_OF_SCOPE")


def _legal_basis(ctx: RuleContext) -> None:
    """§8 Episode rules on ``legalBasis`` (required in AdmissionNotification)."""
    if ctx.message_type is MessageTypeName.ADMISSION_NOTIFICATION and not ctx.has("/episode/legalBasis"):
        ctx.fail("/episode/legalBasis", ErrorCode.REQUIRED, "required in an AdmissionNotification")
    kind = ctx.get("/episode/legalBasis/type")
    if kind is None:
        return
    decision_at = "/episode/legalBasis/admissionDecisionDate"
    if kind is LegalBasisType.VOLUNTARY:
        if ctx.get(decision_at) is not None:
            ctx.fail(decision_at, ErrorCode.RULE, "no admission decision date for VOLUNTARY care")
        if ctx.get("/episode/process") is Process.PURPLE:
            ctx.fail("/episode/process", ErrorCode.RULE, "PURPLE requires LPT or OPT")
        return
    if not ctx.has(decision_at):
        ctx.fail(decision_at, ErrorCode.REQUIRED, f"required for {kind.value}")
    care_type = ctx.get("/episode/careType")
    if care_type is CareType.SOMATIC:
        ctx.fail("/episode/careType", ErrorCode.RULE, f"{kind.value} requires PSYCHIATRIC care")
