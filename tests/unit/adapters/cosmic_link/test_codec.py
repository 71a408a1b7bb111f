"""codec: every §9 type round-trips through the neutral event; outbound rendering of events from other formats."""

from __future__ import annotations

import dataclasses
import json
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from adapters.cosmic_link import (
    UnrenderableEventError,
    from_event,
    parse,
    render,
    render_all,
    rendered_message_id,
    to_event,
    unrepresented_fields,
)
from adapters.cosmic_link.codec import event_to_message
from adapters.cosmic_link.vocabulary import MessageTypeName
from discharge import admission_events as adm
from discharge import codes
from discharge import discharge_events as dis
from discharge import parties as neutral
from discharge import planning_events as plan
from discharge import sip_events as sip
from discharge.codes import Intervention, Service
from discharge.event_base import DischargeEvent
from discharge.regions import Region
from tests.unit.adapters.cosmic_link.support import ADMISSION, RECEIVED_AT, VALID, load

VALID_FILES = sorted(VALID.glob("*.json"))
CET = timezone(timedelta(hours=1))
LIFECARE_ID = "4f6c2b1e-8d3a-4e5f-9a7b-1c2d3e4f5a6b"


def event_of(name: str) -> DischargeEvent:
    result = parse(json.dumps(load(name), ensure_ascii=False).encode(), received_at=RECEIVED_AT)
    assert result.message is not None
    return to_event(result.message)


def base_of(event: DischargeEvent, **changes: Any) -> dict[str, Any]:
    """The base members of ``event`` (what a Lifecare SP–style message of the same case would carry)."""
    base = {field.name: getattr(event, field.name) for field in dataclasses.fields(DischargeEvent)}
    return {**base, "message_id": LIFECARE_ID, **changes}


def test_every_section_9_type_has_a_valid_fixture():
    types = {json.loads(path.read_bytes())["header"]["messageType"] for path in VALID_FILES}

    assert types == {name.value for name in MessageTypeName}


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda path: path.stem)
def test_each_valid_message_comes_back_from_its_event_unchanged(path: Path):
    message = parse(path.read_bytes(), received_at=RECEIVED_AT).message
    assert message is not None

    event = to_event(message)

    assert event_to_message(event, message_id=message.header.message_id) == message
    assert unrepresented_fields(event) == ()


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda path: path.stem)
def test_a_rendered_message_is_valid_and_keeps_its_id_in_its_own_format(path: Path):
    message = parse(path.read_bytes(), received_at=RECEIVED_AT).message
    assert message is not None
    event = to_event(message)

    (rendered,) = render_all(event, same_format=True)

    assert rendered.message_id == message.header.message_id
    assert rendered.body == render(event, message_id=message.header.message_id)
    assert parse(rendered.body, received_at=event.sent_at).message == message


def test_rendered_ids_follow_section_5_uuid5_of_the_original_id_and_type():
    expected = uuid.uuid5(uuid.UUID(LIFECARE_ID), "cosmic-link-style/AdmissionNotification")

    assert rendered_message_id(LIFECARE_ID, "AdmissionNotification") == str(expected)
    assert rendered_message_id(LIFECARE_ID.upper(), MessageTypeName.ADMISSION_NOTIFICATION) == str(expected)
    with pytest.raises(ValueError, match="badly formed"):
        rendered_message_id("not-a-uuid", "AdmissionNotification")


def test_an_event_from_the_other_format_gets_the_uuid5_id_for_every_subscriber():
    event = dataclasses.replace(event_of(ADMISSION), message_id=LIFECARE_ID)

    (rendered,) = render_all(event, same_format=False)

    assert rendered.message_id == rendered_message_id(LIFECARE_ID, "AdmissionNotification")
    assert json.loads(rendered.body)["header"]["messageId"] == rendered.message_id


def test_an_admission_receipt_with_existing_interventions_is_also_a_status_before_admission():
    receipt = event_of("example:acknowledgement-of-admission")
    event = adm.AdmissionNoticeAcknowledged(
        **base_of(receipt),
        acknowledged_message_id=receipt.acknowledged_message_id,  # type: ignore[attr-defined]
        acknowledged_at=receipt.sent_at,
        existing_interventions=(
            adm.ExistingIntervention(kind=Intervention.HOME_HEALTH_CARE),
            adm.ExistingIntervention(kind=Intervention.SAFETY_ALARM, provider="Karlstads kommun"),
        ),
    )

    acknowledgement, status = render_all(event, same_format=False)

    assert acknowledgement.message_type is MessageTypeName.ACKNOWLEDGEMENT
    assert status.message_type is MessageTypeName.STATUS_BEFORE_ADMISSION
    assert status.message_id == rendered_message_id(LIFECARE_ID, "StatusBeforeAdmission")
    assert json.loads(status.body)["body"]["interventions"] == [
        {"type": "HOME_HEALTHCARE"},
        {"type": "OTHER", "description": "SAFETY_ALARM", "provider": "Karlstads kommun"},
    ]


def test_an_outpatient_nurse_request_arrives_as_a_general_message():
    event = dis.OutpatientNurseRequest(
        **base_of(event_of(ADMISSION)),
        question="Behov av såromläggning",
        requested_actions="Såromläggning i hemmet",
        time_frame_start=date(2025, 3, 4),
        time_frame_end=date(2025, 3, 7),
    )

    body = json.loads(render(event, message_id=rendered_message_id(LIFECARE_ID, "GeneralMessage")))["body"]

    assert body["category"] == "GENERAL"
    assert body["text"].splitlines() == [
        "Frågeställning: Behov av såromläggning",
        "Begärda åtgärder: Såromläggning i hemmet",
        "Tidsram: 2025-03-04 – 2025-03-07",
    ]


def test_a_personal_data_update_arrives_as_a_general_message():
    event = adm.PersonalDataUpdated(
        **base_of(event_of(ADMISSION)), phone="+46701234567", interpreter_needed=True, interpreter_language="ar"
    )

    body = from_event(event, message_id=LIFECARE_ID)["body"]

    assert body["subject"] == "Uppdaterade personuppgifter"
    assert body["text"] == "Telefon: +46701234567\nTolkbehov: ja (ar)"


def test_a_leave_with_free_text_keeps_its_text_as_a_leave_general_message():
    event = plan.Leave(
        **base_of(event_of("leave-planning")),
        phase=plan.LeavePhase.PLANNED,
        start=datetime(2025, 3, 22, 10, tzinfo=CET),
        end=datetime(2025, 3, 23, 18, tzinfo=CET),
        subject="Permission i helgen",
        text="Hemma hos mamma.",
    )

    body = from_event(event, message_id=LIFECARE_ID)["body"]

    assert body["category"] == "LEAVE"
    assert body["subject"] == "Permission i helgen"
    assert body["text"] == "Hemma hos mamma.\n\nPermission (planerad): 2025-03-22 10:00 – 2025-03-23 18:00"


def test_a_supplementary_information_request_carries_its_question_and_deadline():
    event = plan.PlanningDocumentation(
        **base_of(event_of(ADMISSION)),
        kind=plan.PlanningKind.SUPPLEMENTARY_INFORMATION_REQUEST,
        question="Vilka insatser finns i dag?",
        answer_requested_by=datetime(2025, 3, 5, 12, tzinfo=CET),
    )

    body = from_event(event, message_id=LIFECARE_ID)["body"]

    assert body["category"] == "SUPPLEMENTARY_INFORMATION_REQUEST"
    assert body["text"] == "Vilka insatser finns i dag?\n\nSvar önskas senast: 2025-03-05 12:00"


def test_a_missing_birth_date_is_taken_from_the_personnummer():
    event = event_of(ADMISSION)
    assert event.patient is not None
    event = dataclasses.replace(event, patient=dataclasses.replace(event.patient, birth_date=None))

    assert from_event(event, message_id=event.message_id)["patient"]["birthDate"] == "2008-09-17"


def test_municipality_display_names_reach_the_event():
    notice = event_of("admission-notification-sto-adult-consent")
    child = event_of(ADMISSION)

    assert isinstance(notice, adm.AdmissionNotice)
    assert (notice.placing_municipality, notice.placing_municipality_name) == ("0180", "Stockholm")
    assert (notice.recipients[0].municipality_code, notice.recipients[0].municipality_name) == ("0180", "Stockholm")
    assert notice.patient is not None
    assert notice.patient.registered_address.municipality_name is None  # the fixture leaves it out
    assert child.patient is not None
    assert child.patient.registered_address.municipality_name == "Karlstad"


def test_a_ready_for_discharge_acknowledgement_keeps_its_comment():
    event = event_of("acknowledgement-discharge-ready-with-comment")

    assert isinstance(event, dis.ReadyForDischargeAcknowledged)
    assert event.comment == "Mottaget. Hemsjukvården tar emot patienten i morgon förmiddag."


def test_a_sip_record_keeps_every_member_whatever_its_event():
    established = event_of("sip-established")
    closed = event_of("sip-closed-restating-plan")

    assert isinstance(established, sip.SipEstablished)
    assert established.evaluation == "Utvärderas vid uppföljning."
    assert isinstance(closed, sip.SipFollowUp)
    assert closed.result is sip.SipFollowUpResult.CLOSED
    assert closed.measures == (
        plan.Measure(responsible=codes.Responsible.OUTPATIENT, description="Samtal varje vecka avslutas."),
    )
    assert closed.overall_responsible is codes.Principal.REGION
    assert closed.measures_by_others == "Skolan fortsätter med anpassad studiegång."
    assert (closed.signed_by_all, closed.child_heard) == (True, True)


def test_a_leave_general_message_has_the_leave_category():
    event = event_of("general-message-leave")

    assert isinstance(event, dis.GeneralMessage)
    assert event.category is dis.GeneralCategory.LEAVE
    assert from_event(event, message_id=event.message_id)["body"]["category"] == "LEAVE"


def test_a_supplementary_request_keeps_its_subject_and_attachments():
    event = event_of("general-message-supplementary-request-with-attachment")

    assert isinstance(event, plan.PlanningDocumentation)
    assert event.kind is plan.PlanningKind.SUPPLEMENTARY_INFORMATION_REQUEST
    assert event.subject == "Komplettering: skolans insatser"
    assert [a.file_name for a in event.attachments] == ["fragor.txt"]


def test_a_lifecare_supplementary_information_message_is_sent_as_general_and_named():
    event = dataclasses.replace(event_of("general-message"), category=dis.GeneralCategory.SUPPLEMENTARY_INFORMATION)

    assert from_event(event, message_id=event.message_id)["body"]["category"] == "GENERAL"
    assert unrepresented_fields(event) == ("category",)


def test_a_general_messages_leave_period_is_named_as_lost():
    event = dataclasses.replace(
        event_of("general-message"),
        leave_start=datetime(2025, 3, 22, 10, tzinfo=CET),
        leave_end=datetime(2025, 3, 23, 18, tzinfo=CET),
    )

    assert "proposedPeriod" not in from_event(event, message_id=event.message_id)["body"]
    assert unrepresented_fields(event) == ("leave_start", "leave_end")


def test_a_subject_and_attachments_are_lost_on_planning_that_is_not_a_request():
    planning = event_of("discharge-planning")
    attachment = neutral.Attachment(file_name="a.pdf", content_type="application/pdf", data="JVBERi0xLjQK")

    assert unrepresented_fields(dataclasses.replace(planning, subject="Ämne", attachments=(attachment,))) == (
        "subject",
        "attachments",
    )


def test_a_municipality_name_without_its_code_is_named_as_lost():
    event = event_of("admission-notification-sto-adult-consent")
    assert isinstance(event, adm.AdmissionNotice)
    nameless_code = dataclasses.replace(event.sender, municipality_code=None, municipality_name="Stockholm")

    changed = dataclasses.replace(event, sender=nameless_code, placing_municipality=None)

    assert unrepresented_fields(changed) == ("placing_municipality_name", "sender.municipality_name")


def test_what_the_contract_cannot_carry_is_named():
    discharge = event_of("discharge-notification")
    revised = event_of("sip-followed-up")
    referral = event_of("referral")

    assert unrepresented_fields(dataclasses.replace(discharge, risk_assessment="Fallrisk")) == ("risk_assessment",)
    assert unrepresented_fields(dataclasses.replace(revised, result=sip.SipFollowUpResult.REVISED)) == ("result",)
    assert unrepresented_fields(dataclasses.replace(referral, care_level=dis.CareLevel.INPATIENT)) == ("care_level",)
    other_hospital = dataclasses.replace(referral, target_service=Service.OTHER_HOSPITAL)
    assert from_event(other_hospital, message_id=referral.message_id)["body"]["targetService"] == "OTHER"


@pytest.mark.parametrize(
    ("name", "change", "reason"),
    [
        (ADMISSION, {"patient": None}, "patient"),
        (ADMISSION, {"region": Region.BLE}, "RegionProfile"),
        (ADMISSION, {"care_type": None}, "careType"),
        ("referral", {"status": dis.ReferralStatus.CLOSED}, "open referral"),
        ("discharge-ready-revoked", {"new_estimated_discharge_date": None}, "newEstimatedDischargeDate"),
        ("episode-closed-other", {"reason": None}, "reason"),
        ("estimated-discharge-date-changed", {"estimated_discharge_date": None}, "estimatedDischargeDate"),
    ],
)
def test_an_event_lacking_what_the_message_needs_is_unrenderable(name, change, reason):
    event = dataclasses.replace(event_of(name), **change)

    with pytest.raises(UnrenderableEventError, match=reason):
        render(event, message_id=event.message_id)


def test_an_event_with_no_counterpart_is_unrenderable():
    notice = event_of(ADMISSION)
    assert isinstance(notice, adm.AdmissionNotice)
    event = adm.NeedIdentified(**base_of(notice), admitted_at=notice.admitted_at, need_identified_at=notice.sent_at)

    with pytest.raises(UnrenderableEventError, match="no Cosmic Link–style counterpart"):
        render(event, message_id=LIFECARE_ID)


def test_render_refuses_output_that_would_violate_the_contract():
    event = event_of("sip-invitation")
    too_early = dataclasses.replace(event, meeting_at=event.sent_at - timedelta(hours=1))

    with pytest.raises(UnrenderableEventError) as raised:
        render(too_early, message_id=event.message_id)

    assert [(e.pointer, e.code.value) for e in raised.value.errors] == [("/body/meetingAt", "range")]


def test_an_attachment_type_outside_the_contract_is_unrenderable():
    event = event_of("general-message")
    zipped = neutral.Attachment(file_name="a.zip", content_type="application/zip", data="UEsDBA==")

    with pytest.raises(UnrenderableEventError, match="application/zip"):
        render(dataclasses.replace(event, attachments=(zipped,)), message_id=event.message_id)
