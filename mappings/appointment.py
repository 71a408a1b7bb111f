"""Meeting invitations → Appointment: initial SIP at the hospital (M-09), SIP (M-10), collaboration meeting (M-11).

Glossary: kallelse → Appointment(status = proposed → booked); the reply (AppointmentResponse in the
glossary, not a gateway resource type) is a Communication, and the stored Appointment carries each
recipient's answer in ``participant.status``. The meeting time is ``requestedPeriod.start`` (an
invitation may lack a duration, and only a proposed Appointment may lack start/end, app-3); with a
duration, ``start``/``end``/``minutesDuration`` are set as well.
"""

from __future__ import annotations

from datetime import timedelta

from discharge.case import Case
from discharge.codes import Location, MeetingMode
from discharge.event_base import DischargeEvent, MessageType
from discharge.parties import Unit
from discharge.sip_events import (
    CollaborationMeetingAcknowledged,
    CollaborationMeetingInvitation,
    InitialSipAtHospital,
    InvitationResponse,
    MeetingPurpose,
    Participant,
    SipInvitation,
    SipInvitationAcknowledged,
    SipType,
)
from mappings.codes import AppointmentRole, code_of, extension_url, message_key, system_of
from mappings.fields import BOOLEAN, DATETIME, INTEGER, STRING, Field, Many, Nested, bind, coding, concept, field
from mappings.parties import CLINICIAN
from mappings.spec import EventSpec, Links, Node, message_identifier, per_message_id, step_concept

__all__ = ["COLLABORATION_MEETING_INVITATION", "INITIAL_SIP_AT_HOSPITAL", "SIP_INVITATION", "case_appointment"]

_PARTICIPANT_STATUS = {
    InvitationResponse.RECEIVED: "needs-action",
    InvitationResponse.WILL_ATTEND: "accepted",
    InvitationResponse.WILL_NOT_ATTEND: "declined",
    InvitationResponse.NEW_TIME_REQUESTED: "tentative",
}


def _role(role: AppointmentRole) -> list[Node]:
    return [{"coding": [{"system": system_of(AppointmentRole), "code": code_of(role)}]}]


def _appointment(event: InitialSipAtHospital | SipInvitation | CollaborationMeetingInvitation, links: Links) -> Node:
    node: Node = {
        "resourceType": "Appointment",
        "id": per_message_id("appointment", event),
        "identifier": [message_identifier(event)],
        "status": "proposed",
        "serviceCategory": [step_concept(event.type)],
        "description": {MessageType.M09: "Inledande SIP på sjukhus", MessageType.M11: "Samverkansmöte"}.get(
            event.type, "SIP"
        ),
        "supportingInformation": [links.episode],
    }
    duration = getattr(event, "duration_minutes", None)
    if duration:
        node["start"] = event.meeting_at.isoformat()
        node["end"] = (event.meeting_at + timedelta(minutes=duration)).isoformat()
    node["participant"] = [
        {"type": _role(AppointmentRole.CONVENER), "status": "accepted"},  # actor: the convener (a field)
        *(_invited(unit, links) for unit in event.recipients),
    ]
    if links.patient is not None:
        node["participant"].append({"actor": links.patient, "status": "needs-action"})
    return node


def _invited(unit: Unit, links: Links) -> Node:
    return {
        "extension": [{"url": extension_url("invited-unit"), "valueReference": links.unit(unit)}],
        "type": _role(AppointmentRole.INVITED_UNIT),
        "required": "required",
        "status": "needs-action",
    }


_CONVENER = "participant[type*=appointment-role#convener].actor"
_OTHER = bind(
    Participant,
    field("name", "actor.display", STRING),
    field("role", "type[0].text", STRING),
)


def _finish(node: Node) -> None:
    for participant in node["participant"]:
        participant.setdefault("status", "needs-action")  # other participants: invited


def _meeting_fields(cls: type[DischargeEvent]) -> tuple[Field, ...]:
    return bind(
        cls,
        field("meeting_at", "requestedPeriod[0].start", DATETIME),
        field("location", "extension[meeting-location].valueCoding", coding(Location), "K-07: SIP in the home"),
        field("mode", "extension[meeting-mode].valueCoding", coding(MeetingMode)),
        field("convener", _CONVENER, CLINICIAN, "the FVK (T7)"),
        field("location_description", "extension[meeting-location-description].valueString", STRING),
    )


def _invitation_fields(cls: type[DischargeEvent]) -> tuple[Field, ...]:
    return _meeting_fields(cls) + bind(
        cls,
        field("agreed_with_patient", "extension[agreed-with-patient].valueBoolean", BOOLEAN, "STO"),
        field("duration_minutes", "minutesDuration", INTEGER),
        field("guardians_invited", "extension[guardians-invited].valueBoolean", BOOLEAN),
        field(
            "other_participants",
            "participant[type*=appointment-role#other-participant]",
            Many(Nested(Participant, _OTHER)),
            "A14: school, Försäkringskassan …",
        ),
    )


# M-09 InitialSipAtHospital → Appointment (STO RÖD; C-09, T7)
INITIAL_SIP_AT_HOSPITAL = EventSpec(
    InitialSipAtHospital, "Appointment", _appointment, _invitation_fields(InitialSipAtHospital), finish=_finish
)

# M-10 SipInvitation → Appointment (R-07, C-09, T7)
SIP_INVITATION = EventSpec(
    SipInvitation,
    "Appointment",
    _appointment,
    _invitation_fields(SipInvitation) + bind(SipInvitation, field("sip_type", "serviceType[0]", concept(SipType))),
    finish=_finish,
)

# M-11 CollaborationMeetingInvitation → Appointment (VAR Lila, R-21)
COLLABORATION_MEETING_INVITATION = EventSpec(
    CollaborationMeetingInvitation,
    "Appointment",
    _appointment,
    _meeting_fields(CollaborationMeetingInvitation)
    + bind(CollaborationMeetingInvitation, field("purpose", "reasonCode[0]", concept(MeetingPurpose), "R-20")),
    finish=_finish,
)

_SPECS = {spec.type: spec for spec in (INITIAL_SIP_AT_HOSPITAL, SIP_INVITATION, COLLABORATION_MEETING_INVITATION)}
_REPLIES = (SipInvitationAcknowledged, CollaborationMeetingAcknowledged)


def case_appointment(case: Case, invitation_id: str, links: Links) -> Node | None:
    """The invitation's Appointment with every recipient's latest reply as ``participant.status``."""
    key = message_key(invitation_id)
    invitation = next((e.event for e in case.history if message_key(e.event.message_id) == key), None)
    if invitation is None or invitation.type not in _SPECS:
        return None
    node = _SPECS[invitation.type].to_resource(invitation, links)
    answers: dict[str, InvitationResponse] = {}
    for entry in case.history:
        reply = entry.event
        if isinstance(reply, _REPLIES) and message_key(reply.acknowledged_message_id) == key:
            answers[reply.sender.hsa_id] = reply.response
    recipients = {unit.hsa_id: unit for unit in invitation.recipients}
    for participant in node["participant"]:
        invited = participant.get("extension", [{}])[0].get("valueReference", {})
        hsa = invited.get("identifier", {}).get("value")
        if hsa in answers and hsa in recipients and "required" in participant:
            participant["status"] = _PARTICIPANT_STATUS[answers[hsa]]
    invited = [p for p in node["participant"] if "required" in p]
    if "start" in node and invited and all(p["status"] == "accepted" for p in invited):
        node["status"] = "booked"
    elif "start" in node and answers:
        node["status"] = "pending"
    return node
