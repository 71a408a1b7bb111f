"""Process-driving REST writes → neutral events (issue 5 §3): the stored resource is ``old``, the write ``new``."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

import pytest

from discharge.admission_events import AdmissionNoticeAcknowledged, CareContactAppointed
from discharge.case import Case
from discharge.codes import CloseReason, ConsentStatus, Sector
from discharge.discharge_events import (
    ConsentChanged,
    OutpatientNurseRequest,
    ProcessClosed,
    ReadyForDischargeAcknowledged,
    Referral,
    ReferralStatus,
)
from discharge.event_base import DischargeEvent
from discharge.planning_events import EstimatedDischargeDateChanged, Leave, LeavePhase
from discharge.sip_events import (
    FollowUpContact,
    InvitationResponse,
    SipEstablished,
    SipFollowUp,
    SipFollowUpResult,
    SipInvitationAcknowledged,
    SipRecordKind,
)
from discharge.transitions import apply
from mappings.codes import code_of, extension_url, system_of
from mappings.episode import case_to_episode
from mappings.errors import MappingError
from mappings.resources import event_to_resources
from mappings.rest import (
    careplan_to_event,
    careteam_to_event,
    rest_write_to_event,
    task_update_to_event,
)
from tests.unit.mappings.golden import NOW, case_after, load_story

LATER = NOW + timedelta(hours=1)


def _story(name: str, upto: int) -> tuple[Case, list[DischargeEvent]]:
    events = load_story(name)[: upto + 1]
    return case_after(events), events


def _stored(case: Case, event: DischargeEvent, resource_type: str, index: int = 0) -> dict[str, Any]:
    found = [r for r in event_to_resources(event, case, now=NOW) if r["resourceType"] == resource_type]
    return found[index]


def _applies(case: Case, event: DischargeEvent | None) -> Case:
    assert event is not None
    return apply(case, event, now=LATER)


def test_recipient_accepting_its_admission_notice_task_is_an_m02() -> None:
    case, events = _story("sto-gul-full-process", 0)  # M-01 sent to three units
    notice = events[0]
    old = _stored(case, notice, "Task", 0)
    new = copy.deepcopy(old) | {"status": "accepted", "note": [{"text": "Mottaget."}]}
    event = task_update_to_event(old, new, case, now=LATER)
    assert isinstance(event, AdmissionNoticeAcknowledged)
    assert event.acknowledged_message_id == notice.message_id
    assert event.sender == notice.recipients[0]
    assert event.recipients == (notice.sender,)
    assert event.comment == "Mottaget."
    updated = _applies(case, event)
    assert updated.task_for(notice.recipients[0].hsa_id).status.value == "accepted"  # type: ignore[union-attr]
    assert task_update_to_event(new, new | {"note": []}, updated, now=LATER) is None  # already accepted


def test_the_same_write_twice_is_the_same_message() -> None:
    case, events = _story("sto-gul-full-process", 0)
    old = _stored(case, events[0], "Task", 1)
    new = copy.deepcopy(old) | {"status": "accepted"}
    first = task_update_to_event(old, new, case, now=LATER)
    again = task_update_to_event(old, new | {"meta": {"versionId": "3"}}, case, now=LATER + timedelta(minutes=5))
    assert first is not None
    assert again is not None
    assert first.message_id == again.message_id


def test_recipient_accepting_its_ready_for_discharge_task_is_an_m12_ack() -> None:
    case, events = _story("sto-gul-full-process", 7)  # … M-12
    ready = events[7]
    tasks = [r for r in event_to_resources(ready, case, now=NOW) if r["resourceType"] == "Task"]
    old = tasks[2]  # [0] is the judgement; [1:] one per recipient
    event = task_update_to_event(old, old | {"status": "accepted"}, case, now=LATER)
    assert isinstance(event, ReadyForDischargeAcknowledged)
    assert event.acknowledged_message_id == ready.message_id
    assert event.sender == ready.recipients[1]
    _applies(case, event)


def test_a_referral_task_status_change_is_an_m15() -> None:
    case, events = _story("sto-gul-full-process", 5)  # M-15 opened
    old = _stored(case, events[5], "Task")
    event = task_update_to_event(old, old | {"status": "cancelled"}, case, now=LATER)
    assert isinstance(event, Referral)
    assert event.status is ReferralStatus.CANCELLED
    assert event.referral_id == events[5].referral_id  # type: ignore[attr-defined]
    _applies(case, event)


def test_a_changed_fvk_on_the_care_team_is_an_m04() -> None:
    case, events = _story("sto-gul-full-process", 4)
    old = _stored(case, events[4], "CareTeam")
    new = copy.deepcopy(old)
    new["contained"][0]["name"] = [{"text": "Dr Ny Kontakt"}]
    new["participant"][0]["member"]["display"] = "Dr Ny Kontakt"
    del new["participant"][0]["period"]  # appointed now
    event = careteam_to_event(old, new, case, now=LATER)
    assert isinstance(event, CareContactAppointed)
    assert event.contact.name == "Dr Ny Kontakt"
    assert event.appointed_at == LATER
    assert event.sender == events[4].sender
    _applies(case, event)
    assert careteam_to_event(old, old | {"name": "FVK"}, case, now=LATER) is None  # same FVK


def test_a_new_sip_care_plan_is_an_m18_and_completing_it_is_an_m19() -> None:
    case, events = _story("sto-rod-planning", 14)  # M-18
    stored = _stored(case, events[14], "CarePlan")
    created = copy.deepcopy(stored)
    created["extension"] = [e for e in created["extension"] if e["url"] != extension_url("sip-record-kind")]
    event = careplan_to_event(None, created, case, now=LATER)
    assert isinstance(event, SipEstablished)
    assert event.kind is SipRecordKind.UPDATED  # a SIP is already held
    assert event.measures == events[14].measures  # type: ignore[attr-defined]
    closed = careplan_to_event(stored, stored | {"status": "completed"}, case, now=LATER)
    assert isinstance(closed, SipFollowUp)
    assert closed.result is SipFollowUpResult.CLOSED
    assert closed.held_on == date(2025, 3, 31)
    _applies(case, closed)


def test_an_invited_unit_accepting_the_appointment_is_an_m10_ack() -> None:
    case, events = _story("sto-gul-full-process", 9)  # M-10
    invitation = events[9]
    old = _stored(case, invitation, "Appointment")
    new = copy.deepcopy(old)
    invited = [p for p in new["participant"] if "required" in p]
    invited[1]["status"] = "declined"
    event = rest_write_to_event(old, new, case, now=LATER)
    assert isinstance(event, SipInvitationAcknowledged)
    assert event.response is InvitationResponse.WILL_NOT_ATTEND
    assert event.acknowledged_message_id == invitation.message_id
    assert event.sender == invitation.recipients[1]
    _applies(case, event)


def test_encounter_writes_drive_m06_and_m08() -> None:
    case, events = _story("sto-gul-full-process", 1)
    old = _stored(case, events[1], "Encounter")
    new = copy.deepcopy(old)
    edd = extension_url("estimated-discharge-date")
    new["extension"] = [e | {"valueDate": "2025-03-14"} if e["url"] == edd else e for e in new["extension"]]
    changed = rest_write_to_event(old, new, case, now=LATER)
    assert isinstance(changed, EstimatedDischargeDateChanged)
    assert changed.estimated_discharge_date == date(2025, 3, 14)
    assert changed.previous_estimated_discharge_date == date(2025, 3, 10)
    leave = rest_write_to_event(old, old | {"status": "onleave"}, case, now=LATER)
    assert isinstance(leave, Leave)
    assert leave.phase is LeavePhase.STARTED
    with pytest.raises(MappingError):
        rest_write_to_event(old, new | {"status": "onleave"}, case, now=LATER)  # one change per write


def test_a_changed_consent_is_an_m24() -> None:
    case, events = _story("sto-rod-planning", 3)  # M-24 from social services
    old = _stored(case, events[3], "Consent")
    new = copy.deepcopy(old)
    new["status"] = "inactive"
    new["category"] = [{"coding": [{"system": system_of(ConsentStatus), "code": code_of(ConsentStatus.WITHDRAWN)}]}]
    event = rest_write_to_event(old, new, case, now=LATER)
    assert isinstance(event, ConsentChanged)
    assert event.status is ConsentStatus.WITHDRAWN
    assert event.sector is Sector.SOCIAL_SERVICES
    _applies(case, event)


def test_finishing_the_episode_of_care_is_an_m22() -> None:
    case, _ = _story("sto-gul-full-process", 13)
    old = case_to_episode(case)
    reason = {"coding": [{"system": system_of(CloseReason), "code": code_of(CloseReason.SIP_ESTABLISHED)}]}
    new = copy.deepcopy(old) | {"status": "finished"}
    new["extension"] = [
        *new.get("extension", []),
        {"url": extension_url("close-reason"), "valueCodeableConcept": reason},
    ]
    event = rest_write_to_event(old, new, case, now=LATER)
    assert isinstance(event, ProcessClosed)
    assert event.reason is CloseReason.SIP_ESTABLISHED
    assert event.closed_at == LATER
    _applies(case, event)


def test_writes_that_change_nothing_in_the_process_give_no_event() -> None:
    case, events = _story("sto-gul-full-process", 0)
    task = _stored(case, events[0], "Task")
    assert task_update_to_event(task, task | {"description": "ny text"}, case, now=LATER) is None
    assert rest_write_to_event(None, {"resourceType": "Observation", "id": "x"}, case, now=LATER) is None
    assert rest_write_to_event(task, copy.deepcopy(task), case, now=LATER) is None


def test_a_write_naming_a_unit_outside_the_case_is_refused_with_its_path() -> None:
    case, events = _story("sto-gul-full-process", 4)
    old = _stored(case, events[4], "CareTeam")
    new = copy.deepcopy(old)
    new["participant"][0]["onBehalfOf"]["identifier"]["value"] = "SE0000000000-NONE"
    new["contained"][0]["name"] = [{"text": "Dr Annan"}]
    with pytest.raises(MappingError) as raised:
        careteam_to_event(old, new, case, now=LATER)
    assert raised.value.issues[0].expression.startswith("CareTeam.participant")


def test_creating_a_follow_up_contact_task_is_an_m20() -> None:
    case, events = _story("var-lila-opt", 7)  # … M-20
    created = _stored(case, events[7], "Task")
    new = copy.deepcopy(created) | {"id": "a-new-task"}
    event = task_update_to_event(None, new, case, now=LATER)
    assert isinstance(event, FollowUpContact)
    assert event.contacted_party is events[7].contacted_party  # type: ignore[attr-defined]
    assert event.sender == events[7].sender
    assert task_update_to_event(created, new | {"status": "cancelled"}, case, now=LATER) is None


def test_creating_an_outpatient_nurse_request_task_is_an_m16() -> None:
    case, events = _story("sto-rod-planning", 11)  # … M-16
    created = _stored(case, events[11], "Task")
    event = task_update_to_event(None, created | {"id": "another-task"}, case, now=LATER)
    assert isinstance(event, OutpatientNurseRequest)
    assert event.requested_actions == events[11].requested_actions  # type: ignore[attr-defined]
    assert event.recipients == events[11].recipients
    _applies(case, event)
