"""Hypothesis strategy for whole valid messages of any §9 type: envelope, patient, episode and a matching body."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from adapters.cosmic_link import Message
from adapters.cosmic_link import admission_bodies as ab
from adapters.cosmic_link import envelope as env
from adapters.cosmic_link import vocabulary as v
from tests.unit.adapters.cosmic_link import body_strategies as bodies
from tests.unit.adapters.cosmic_link.strategies import (
    ANY_SETTING,
    RECEIPT_ONLY,
    SENDERS,
    Case,
    earlier,
    episodes,
    moments,
    parties,
    patients,
    uuids,
)

T = v.MessageTypeName

BODIES: dict[v.MessageTypeName, Callable[[Case], st.SearchStrategy[Any]]] = {
    T.ADMISSION_NOTIFICATION: bodies.admission,
    T.ACKNOWLEDGEMENT: bodies.acknowledgement,
    T.STATUS_BEFORE_ADMISSION: bodies.status_before_admission,
    T.CARE_CONTACT_ASSIGNED: bodies.care_contact,
    T.DISCHARGE_PLANNING: bodies.planning,
    T.ESTIMATED_DISCHARGE_DATE_CHANGED: bodies.estimate_changed,
    T.STATUS_BEFORE_DISCHARGE: bodies.status_before_discharge,
    T.LEAVE_PLANNING: bodies.leave,
    T.SIP_INVITATION: bodies.sip_invitation,
    T.COLLABORATION_MEETING_INVITATION: bodies.collaboration_meeting,
    T.LPT_COORDINATED_PLAN: bodies.lpt_plan,
    T.DISCHARGE_READY_NOTIFICATION: bodies.ready,
    T.DISCHARGE_READY_REVOKED: bodies.revoked,
    T.HOME_ARRIVAL_TIME: bodies.home_arrival,
    T.REFERRAL: bodies.referral,
    T.DISCHARGE_NOTIFICATION: bodies.discharge_notification,
    T.SIP_ESTABLISHED: bodies.sip_established,
    T.FOLLOW_UP_CONTACT: bodies.follow_up,
    T.GENERAL_MESSAGE: bodies.general,
    T.PATIENT_DECEASED: bodies.deceased,
    T.EPISODE_CLOSED: bodies.closed,
    T.CONSENT_CHANGED: bodies.consent,
}


def sender_settings(message_type: v.MessageTypeName, episode: env.Episode, body: Any) -> tuple[v.CareSetting, ...]:
    allowed = SENDERS.get(message_type, ANY_SETTING)
    if message_type is T.CARE_CONTACT_ASSIGNED and episode.region_profile is v.RegionProfile.ORE:
        allowed = (v.CareSetting.OUTPATIENT, v.CareSetting.INPATIENT)  # ORE-C
    if isinstance(body, ab.AcknowledgementBody) and body.acknowledged_type in RECEIPT_ONLY:
        allowed = tuple(s for s in allowed if s is not v.CareSetting.INPATIENT)
    return allowed


@st.composite
def messages(draw: st.DrawFn, message_type: v.MessageTypeName | None = None) -> Message:
    """A valid message of ``message_type`` (any type when ``None``)."""
    kind = message_type or draw(st.sampled_from(list(v.MessageTypeName)))
    created_at = draw(moments)
    episode = draw(episodes(kind, created_at))
    case = Case(kind, created_at, episode, draw(earlier(created_at, at_least=0).filter(lambda t: t <= created_at)))
    body = draw(BODIES[kind](case))
    sender = draw(parties(st.sampled_from(sender_settings(kind, episode, body))))
    receivers = draw(st.lists(parties(), min_size=1, max_size=4, unique_by=lambda party: party.id.extension))
    assume(all(party.id.extension != sender.id.extension for party in receivers))
    header = env.Header(
        version="1.0",
        message_id=draw(uuids),
        message_type=kind,
        created_at=created_at,
        sender=sender,
        receivers=tuple(receivers),
    )
    patient = draw(patients(created_at, admission=kind is T.ADMISSION_NOTIFICATION))
    return Message(header=header, patient=patient, episode=episode, body=body)
