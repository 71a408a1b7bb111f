"""The per-resource rules of ``mappings.rest``: which REST change is which neutral event (table in rest.py)."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from discharge.admission_events import AdmissionNoticeAcknowledged, CareContactAppointed
from discharge.calendar import local_date
from discharge.case import Case
from discharge.discharge_events import (
    ConsentChanged,
    OutpatientNurseRequest,
    ProcessClosed,
    ReadyForDischarge,
    ReadyForDischargeAcknowledged,
    Referral,
)
from discharge.event_base import DischargeEvent, MessageType
from discharge.planning_events import EddChangeReason, EstimatedDischargeDateChanged, Leave, LeavePhase
from discharge.sip_events import (
    CollaborationMeetingAcknowledged,
    FollowUpContact,
    InvitationResponse,
    SipEstablished,
    SipFollowUp,
    SipFollowUpResult,
    SipInvitationAcknowledged,
    SipRecordKind,
)
from discharge.submachines import NoticeTaskStatus
from mappings.catalogue import SPECS
from mappings.codes import PROCESS_STEPS, PlanCategory, code_of, extension_url, message_key, system_of
from mappings.errors import Issue, MappingError
from mappings.fields import DATE, Bad
from mappings.paths import find, path, put
from mappings.rest_context import RestContext
from mappings.spec import Node, per_message_id
from mappings.task import recipient_task_id, referral_task_id

__all__ = [
    "appointment_reply",
    "careplan_change",
    "careteam_change",
    "consent_change",
    "encounter_change",
    "episode_change",
    "task_change",
]

_FVK = "participant[role*=care-team-role#fvk]"


def _event(case: Case, message_id: str) -> DischargeEvent | None:
    key = message_key(message_id)
    return next((e.event for e in case.history if message_key(e.event.message_id) == key), None)


def _note(node: Node) -> str | None:
    value, _ = find(node, path("note[0].text"), "")
    return value if isinstance(value, str) else None


# ---- Task ----------------------------------------------------------------------------------------


def task_change(ctx: RestContext) -> DischargeEvent | None:
    """Acknowledgements (M-02, M-12-ACK), referral status (M-15), created nurse request / follow-up."""
    for handler in (_notice_accepted, _ready_accepted, _referral_status):
        event = handler(ctx)
        if event is not None:
            return event
    return _created_task(ctx) if ctx.old is None else None


def _notice_accepted(ctx: RestContext) -> DischargeEvent | None:
    case = ctx.case
    for state in case.notice_tasks:
        if recipient_task_id(case.case_id, state.message_id, state.recipient.hsa_id) != ctx.new.get("id"):
            continue
        notice = _event(case, state.message_id)
        if ctx.new.get("status") != "accepted" or state.status is NoticeTaskStatus.ACCEPTED or notice is None:
            return None
        body: dict[str, Any] = {
            "acknowledged_message_id": state.message_id,
            "acknowledged_at": ctx.now,
            "comment": _note(ctx.new),
        }
        envelope = ctx.envelope(ctx.author or state.recipient, (notice.sender,), "accepted")
        return AdmissionNoticeAcknowledged(**envelope, **body)  # T3
    return None


def _ready_accepted(ctx: RestContext) -> DischargeEvent | None:
    case = ctx.case
    for episode in case.rfd.episodes:
        notice = _event(case, episode.message_id)
        if not isinstance(notice, ReadyForDischarge):
            continue
        for unit in notice.recipients:
            if recipient_task_id(case.case_id, episode.message_id, unit.hsa_id) != ctx.new.get("id"):
                continue
            if ctx.new.get("status") != "accepted" or episode.acknowledged_by(unit.hsa_id):
                return None
            envelope = ctx.envelope(ctx.author or unit, (notice.sender,), "accepted")
            return ReadyForDischargeAcknowledged(
                **envelope, acknowledged_message_id=episode.message_id, acknowledged_at=ctx.now
            )
    return None


def _referral_status(ctx: RestContext) -> DischargeEvent | None:
    case = ctx.case
    for record in case.referrals:
        if referral_task_id(case.case_id, record.referral_id) != ctx.new.get("id"):
            continue
        if ctx.old is not None and ctx.old.get("status") == ctx.new.get("status"):
            return None
        latest = [
            e.event for e in case.history if isinstance(e.event, Referral) and e.event.referral_id == record.referral_id
        ]
        body = ctx.decode(SPECS[MessageType.M15])
        sender = ctx.author or latest[-1].sender
        return ctx.build(SPECS[MessageType.M15], ctx.envelope(sender, latest[-1].recipients, "status"), body)
    return None


def _created_task(ctx: RestContext) -> DischargeEvent | None:
    code, _ = find(ctx.new, path("code.coding[0].code"), ctx.where)
    if code == PROCESS_STEPS["M-16"]:
        spec = SPECS[OutpatientNurseRequest.TYPE]
        sender = ctx.sender_at("requester")
        owner, where = find(ctx.new, path("owner.identifier.value"), ctx.where)
        recipients = (ctx.unit(owner, where),) if ctx.author is None else ctx.others(sender)
        return ctx.build(spec, ctx.envelope(sender, recipients, "created"), ctx.decode(spec))
    if code == PROCESS_STEPS["M-20"]:
        spec = SPECS[FollowUpContact.TYPE]
        sender = ctx.sender_at("owner")
        return ctx.build(spec, ctx.envelope(sender, ctx.others(sender), "created"), ctx.decode(spec))
    return None


# ---- CareTeam, CarePlan, Consent, EpisodeOfCare --------------------------------------------------


def _decoded(ctx: RestContext, spec_type: MessageType, resource: Node | None) -> dict[str, Any] | None:
    if resource is None:
        return None
    try:
        return ctx.decode(SPECS[spec_type], resource)
    except MappingError:
        return None  # an unreadable old version: every readable new one is a change


def careteam_change(ctx: RestContext) -> DischargeEvent | None:
    """The FVK participant (or the named physician contact) changed ⇒ M-04 (T4)."""
    new = copy.deepcopy(ctx.new)
    start, _ = find(new, path(f"{_FVK}.period.start"), "")
    if start is None and find(new, path(_FVK), "")[0] is not None:
        put(new, path(f"{_FVK}.period.start"), ctx.now.isoformat())  # appointed now
    body = ctx.decode(SPECS[MessageType.M04], new)
    before = _decoded(ctx, MessageType.M04, ctx.old)
    keys = ("contact", "named_physician_contact")
    if before is not None and all(before.get(k) == body.get(k) for k in keys):
        return None
    sender = ctx.sender_at(f"{_FVK}.onBehalfOf")
    return ctx.build(SPECS[CareContactAppointed.TYPE], ctx.envelope(sender, ctx.others(sender), "fvk"), body)


def _is_sip(node: Node) -> bool:
    coded = {"system": system_of(PlanCategory), "code": code_of(PlanCategory.SIP)}
    return any(coded.items() <= c.items() for cc in node.get("category", []) for c in cc.get("coding", []))


def careplan_change(ctx: RestContext) -> DischargeEvent | None:
    """SIP CarePlan: completed ⇒ M-19 (CLOSED); created or changed while active ⇒ M-18."""
    if not _is_sip(ctx.new):
        return None
    status, old_status = ctx.new.get("status"), ctx.old.get("status") if ctx.old else None
    sender = ctx.sender_at("author")
    if status == "completed" and old_status != "completed":
        confirmed, where = find(ctx.new, path("extension[consent-confirmed].valueBoolean"), ctx.where)
        if not isinstance(confirmed, bool):
            raise MappingError([Issue("error", "required", where, "closing a SIP states consent-confirmed (C-10)")])
        body: dict[str, Any] = {
            "held_on": local_date(ctx.now),
            "result": SipFollowUpResult.CLOSED,
            "consent_confirmed": confirmed,
        }
        return SipFollowUp(**ctx.envelope(sender, ctx.others(sender), "closed"), **body)
    if status != "active":
        return None
    new = _with_sip_defaults(ctx)
    body = ctx.decode(SPECS[MessageType.M18], new)
    before = _decoded(ctx, MessageType.M18, ctx.old)
    if before is not None and {**before, "kind": None} == {**body, "kind": None}:
        return None
    return ctx.build(SPECS[SipEstablished.TYPE], ctx.envelope(sender, ctx.others(sender), "sip"), body)


def _with_sip_defaults(ctx: RestContext) -> Node:
    new = copy.deepcopy(ctx.new)
    kind_path = path("extension[sip-record-kind].valueCoding")
    if find(new, kind_path, "")[0] is None:
        kind = SipRecordKind.UPDATED if ctx.case.sip.is_held else SipRecordKind.ESTABLISHED
        put(new, kind_path, {"system": system_of(SipRecordKind), "code": code_of(kind)})
    if "created" not in new:
        new["created"] = local_date(ctx.now).isoformat()  # the meeting date, when not stated
    return new


def consent_change(ctx: RestContext) -> DischargeEvent | None:
    """A sector's Consent changed ⇒ M-24 (T14)."""
    new = copy.deepcopy(ctx.new)
    new.setdefault("dateTime", ctx.now.isoformat())
    body = ctx.decode(SPECS[MessageType.M24], new)
    if body == _decoded(ctx, MessageType.M24, ctx.old):
        return None
    sender = ctx.sender_at("organization[0]")
    return ctx.build(SPECS[ConsentChanged.TYPE], ctx.envelope(sender, ctx.others(sender), "consent"), body)


def episode_change(ctx: RestContext) -> DischargeEvent | None:
    """EpisodeOfCare.status → finished ⇒ M-22 (reason from extension[close-reason])."""
    if ctx.new.get("status") != "finished" or (ctx.old is not None and ctx.old.get("status") == "finished"):
        return None
    new = copy.deepcopy(ctx.new)
    new.setdefault("period", {}).setdefault("end", ctx.now.isoformat())
    body = ctx.decode(SPECS[MessageType.M22], new)
    sender = ctx.sender_at("managingOrganization")
    return ctx.build(SPECS[ProcessClosed.TYPE], ctx.envelope(sender, ctx.others(sender), "closed"), body)


# ---- Appointment, Encounter ----------------------------------------------------------------------

_RESPONSES = {
    "needs-action": InvitationResponse.RECEIVED,
    "accepted": InvitationResponse.WILL_ATTEND,
    "declined": InvitationResponse.WILL_NOT_ATTEND,
    "tentative": InvitationResponse.NEW_TIME_REQUESTED,
}
_INVITATIONS = (MessageType.M09, MessageType.M10, MessageType.M11)


def _answers(node: Node | None) -> dict[str, str]:
    url = extension_url("invited-unit")
    answers = {}
    for participant in (node or {}).get("participant", []):
        invited: dict[str, Any] = next(
            (e.get("valueReference", {}) for e in participant.get("extension", []) if e.get("url") == url), {}
        )
        hsa = invited.get("identifier", {}).get("value")
        if isinstance(hsa, str):
            answers[hsa] = participant.get("status")
    return answers


def appointment_reply(ctx: RestContext) -> DischargeEvent | None:
    """An invited unit's participant.status changed ⇒ its reply to M-09/M-10 (M-10-ACK) or M-11 (M-11-ACK)."""
    invitation = next(
        (
            e.event
            for e in ctx.case.history
            if e.event.type in _INVITATIONS and per_message_id("appointment", e.event) == ctx.new.get("id")
        ),
        None,
    )
    if invitation is None:
        return None
    before, after = _answers(ctx.old), _answers(ctx.new)
    changed = [hsa for hsa, status in after.items() if status != before.get(hsa) and status in _RESPONSES]
    if ctx.author is not None:
        changed = [hsa for hsa in changed if hsa == ctx.author.hsa_id]
    if not changed:
        return None
    if len(changed) > 1:
        raise MappingError([Issue("error", "business-rule", "Appointment.participant", "one unit's reply per write")])
    sender = ctx.unit(changed[0], "Appointment.participant")
    cls = CollaborationMeetingAcknowledged if invitation.type is MessageType.M11 else SipInvitationAcknowledged
    return cls(
        **ctx.envelope(sender, (invitation.sender,), changed[0]),
        acknowledged_message_id=invitation.message_id,
        acknowledged_at=ctx.now,
        response=_RESPONSES[after[changed[0]]],
    )


def _edd(node: Node | None) -> date | None:
    raw, _ = find(node or {}, path("extension[estimated-discharge-date].valueDate"), "")
    try:
        return DATE.decode(raw, {}) if raw is not None else None
    except Bad as exc:
        raise MappingError([Issue("error", "value", "Encounter.extension", str(exc))]) from exc


def encounter_change(ctx: RestContext) -> DischargeEvent | None:
    """The estimated discharge date changed ⇒ M-06; onleave begins or ends ⇒ M-08. One change per write."""
    old_status = ctx.old.get("status") if ctx.old else None
    status, edd, old_edd = ctx.new.get("status"), _edd(ctx.new), _edd(ctx.old)
    changes: list[tuple[str, dict[str, Any]]] = []
    if edd is not None and edd != old_edd:
        reason = EddChangeReason.OTHER  # a REST write states no reason
        changes.append(
            ("edd", {"estimated_discharge_date": edd, "previous_estimated_discharge_date": old_edd, "reason": reason})
        )
    if status == "onleave" and old_status != "onleave":
        changes.append(("leave", {"phase": LeavePhase.STARTED, "start": ctx.now}))
    elif old_status == "onleave" and status != "onleave":
        periods = ctx.case.leave.periods
        start = (periods[-1].started_at or periods[-1].start) if periods else ctx.now
        changes.append(("leave", {"phase": LeavePhase.ENDED, "start": start, "end": ctx.now}))
    if not changes:
        return None
    if len(changes) > 1:
        raise MappingError(
            [Issue("error", "business-rule", "Encounter", "one process change per write (M-06 or M-08)")]
        )
    kind, body = changes[0]
    sender = ctx.sender_at("serviceProvider")
    envelope = ctx.envelope(sender, ctx.others(sender), kind)
    return EstimatedDischargeDateChanged(**envelope, **body) if kind == "edd" else Leave(**envelope, **body)
