"""message ⇄ event: one event per meddelandetyp, the renderings of types without a counterpart, delivered ids."""

from __future__ import annotations

import dataclasses
import json
import uuid
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from adapters.lifecare import codec
from adapters.lifecare.codes import Kategori, Meddelandetyp
from adapters.lifecare.errors import RenderError
from discharge import events as ev
from discharge.admission_events import ExistingIntervention, OngoingContact
from discharge.codes import (
    CloseReason,
    ConsentStatus,
    Intervention,
    Location,
    MeetingMode,
    Principal,
    Responsible,
    Service,
)
from discharge.discharge_events import CareLevel, GeneralCategory, ReferralStatus
from discharge.event_base import DischargeEvent
from discharge.events import LeavePhase, LptPlan, Measure, PlanningKind, StatusReference, UpdatedNeed
from discharge.parties import Attachment, Clinician
from discharge.regions import Region, Track
from discharge.sip_events import ContactedParty, FollowUpOutcome, InvitationResponse, MeetingPurpose
from tests.unit.adapters.lifecare.builders import edited, errors_of, parsed, valid, valid_names

EVENT_OF = {
    "INSKRIVNINGSMEDDELANDE": ev.AdmissionNotice,
    "INSKRIVNINGSMEDDELANDE-barn-var-lila-lpt": ev.AdmissionNotice,
    "INSKRIVNING_KVITTENS": ev.AdmissionNoticeAcknowledged,
    "FAST_VARDKONTAKT_UTSEDD": ev.CareContactAppointed,
    "PLANERINGSUNDERLAG": ev.PlanningDocumentation,
    "KOMPLETTERING_BEGARAN": ev.PlanningDocumentation,
    "UTSKRIVNINGSDATUM_ANDRAT": ev.EstimatedDischargeDateChanged,
    "SIP_KALLELSE": ev.SipInvitation,
    "SIP_KALLELSE_KVITTENS": ev.SipInvitationAcknowledged,
    "UTSKRIVNINGSKLAR": ev.ReadyForDischarge,
    "UTSKRIVNINGSKLAR_KVITTENS": ev.ReadyForDischargeAcknowledged,
    "UTSKRIVNINGSKLAR_ATERKALLAD": ev.ReadyForDischargeRevoked,
    "UTSKRIVNINGSTIDPUNKT": ev.DischargeTime,
    "ATGARDSBEGARAN_OPPENVARD": ev.OutpatientNurseRequest,
    "UTSKRIVNINGSMEDDELANDE": ev.DischargeInformation,
    "SIP_UPPRATTAD": ev.SipEstablished,
    "SIP_UPPFOLJNING": ev.SipFollowUp,
    "AVLIDEN": ev.PatientDeceased,
    "PROCESS_AVSLUTAD": ev.ProcessClosed,
    "PROCESS_AVSLUTAD-gra-reservnummer": ev.ProcessClosed,
    "GENERELLT_MEDDELANDE": ev.GeneralMessage,
    "GENERELLT_MEDDELANDE-permission": ev.Leave,
    "GENERELLT_MEDDELANDE-komplettering-permission": ev.GeneralMessage,
    "SAMTYCKE_ANDRAT": ev.ConsentChanged,
    "PERSONUPPGIFTER_UPPDATERADE": ev.PersonalDataUpdated,
}


def test_there_is_a_valid_fixture_for_every_meddelandetyp() -> None:
    assert {name.split("-")[0] for name in valid_names()} == {code.value for code in Meddelandetyp}
    assert set(EVENT_OF) == set(valid_names())


@pytest.mark.parametrize("name", sorted(EVENT_OF))
def test_each_message_type_becomes_its_neutral_event(name: str) -> None:
    message = parsed(valid(name))
    event = codec.to_event(message)
    assert type(event) is EVENT_OF[name]
    assert event.message_id == message.meddelande_id
    assert event.case_id == message.arende.arende_id
    assert event.sent_at == message.skapad
    assert ev.event_from_dict(ev.event_to_dict(event)) == event


@pytest.mark.parametrize("name", sorted(EVENT_OF))
def test_each_message_type_survives_message_event_message(name: str) -> None:
    message = parsed(valid(name))
    rendered = codec.render(codec.to_event(message), message_id=message.meddelande_id)
    assert parsed(rendered) == message
    assert json.loads(rendered) == valid(name)  # the fixtures are written in their normal form


def test_the_fixtures_field_values_arrive_on_the_event() -> None:
    event = codec.to_event(parsed(valid("INSKRIVNINGSMEDDELANDE-barn-var-lila-lpt")))
    assert isinstance(event, ev.AdmissionNotice)
    assert event.track is Track.VAR_LILA
    assert event.statute is not None
    assert event.statute.admission_decision_date == date(2025, 1, 20)
    assert event.patient is not None
    assert [g.significant_harm for g in event.patient.guardians] == [False, True]
    assert event.patient.is_child_on(date(2025, 1, 23))
    request = codec.to_event(parsed(valid("KOMPLETTERING_BEGARAN")))
    assert isinstance(request, ev.PlanningDocumentation)
    assert request.kind is PlanningKind.SUPPLEMENTARY_INFORMATION_REQUEST
    assert request.question == "Vilken läkemedelslista gäller?"
    leave = codec.to_event(parsed(valid("GENERELLT_MEDDELANDE-permission")))
    assert isinstance(leave, ev.Leave)
    assert leave.phase is LeavePhase.PLANNED
    assert leave.end is not None
    assert leave.end - leave.start == timedelta(days=2, hours=3)


def test_a_komplettering_message_with_a_leave_period_is_a_general_message_that_keeps_both() -> None:
    event = codec.to_event(parsed(valid("GENERELLT_MEDDELANDE-komplettering-permission")))
    assert isinstance(event, ev.GeneralMessage)
    assert event.category is GeneralCategory.SUPPLEMENTARY_INFORMATION
    assert event.leave_start == datetime.fromisoformat("2025-01-24T15:00:00+01:00")
    assert event.leave_end == datetime.fromisoformat("2025-01-26T18:00:00+01:00")
    assert codec.unrepresented_fields(event) == ()


@pytest.mark.parametrize("kategori", [k.value for k in Kategori if k is not Kategori.PERMISSION])
def test_every_kategori_with_a_leave_period_survives_the_event(kategori: str) -> None:
    period = {"fran": "2025-01-24T15:00:00+01:00", "till": "2025-01-26T18:00:00+01:00"}
    message = parsed(
        edited(valid("GENERELLT_MEDDELANDE"), {"/innehall/kategori": kategori, "/innehall/permission": period})
    )
    assert parsed(codec.render(codec.to_event(message), message_id=message.meddelande_id)) == message


# --- what the contract cannot carry (format limitations, named for the gateway's log) -----------------------


def test_an_event_from_a_lifecare_message_loses_nothing() -> None:
    for name in EVENT_OF:
        assert codec.unrepresented_fields(codec.to_event(parsed(valid(name)))) == (), name


def test_a_leave_category_without_a_period_is_sent_as_ovrigt_and_named() -> None:
    event = dataclasses.replace(codec.to_event(parsed(valid("GENERELLT_MEDDELANDE"))), category=GeneralCategory.LEAVE)
    assert isinstance(event, ev.GeneralMessage)
    assert codec.from_event(event, message_id=event.message_id)["innehall"]["kategori"] == "OVRIGT"
    assert codec.unrepresented_fields(event) == ("category",)
    with_period = dataclasses.replace(event, leave_start=AT, leave_end=AT + timedelta(days=1))
    document = codec.from_event(with_period, message_id=event.message_id)
    assert document["innehall"]["kategori"] == "PERMISSION"
    assert errors_of(document) == []
    assert codec.unrepresented_fields(with_period) == ()


def test_half_a_leave_period_is_dropped_and_named() -> None:
    event = dataclasses.replace(codec.to_event(parsed(valid("GENERELLT_MEDDELANDE"))), leave_start=AT)
    assert "permission" not in codec.from_event(event, message_id=event.message_id)["innehall"]
    assert codec.unrepresented_fields(event) == ("leave_start",)


def test_cosmic_only_members_are_named_when_dropped() -> None:
    closed = codec.to_event(parsed(valid("SIP_UPPFOLJNING")))
    measure = Measure(responsible=Responsible.OUTPATIENT, description="Samtal varje vecka.")
    restated = dataclasses.replace(closed, measures=(measure,), overall_responsible=Principal.REGION, child_heard=True)
    assert codec.unrepresented_fields(restated) == ("measures", "overall_responsible", "child_heard")
    assert "insatser" not in codec.from_event(restated, message_id=closed.message_id)["innehall"]
    established = _replace("SIP_UPPRATTAD", evaluation="Utvärderas i maj.")
    assert codec.unrepresented_fields(established) == ("evaluation",)
    receipt = _replace("UTSKRIVNINGSKLAR_KVITTENS", comment="Mottaget.")
    assert codec.unrepresented_fields(receipt) == ("comment",)
    attachment = Attachment(file_name="a.pdf", content_type="application/pdf", data="JVBERi0xLjQK")
    request = _replace("KOMPLETTERING_BEGARAN", subject="Komplettering", attachments=(attachment,))
    assert codec.unrepresented_fields(request) == ("subject", "attachments")
    notice = _replace("INSKRIVNINGSMEDDELANDE", placing_municipality="0180", placing_municipality_name="Stockholm")
    assert codec.unrepresented_fields(notice) == ("placing_municipality_name",)


def test_municipality_display_names_are_named_when_dropped() -> None:
    event = codec.to_event(parsed(valid("INSKRIVNINGSMEDDELANDE")))
    assert event.patient is not None
    address = dataclasses.replace(event.patient.registered_address, municipality_name="Stockholm")
    recipients = tuple(
        dataclasses.replace(unit, municipality_name="Stockholm") if unit.municipality_code else unit
        for unit in event.recipients
    )
    named = dataclasses.replace(
        event,
        sender=dataclasses.replace(event.sender, municipality_name="Stockholm"),
        recipients=recipients,
        patient=dataclasses.replace(event.patient, registered_address=address),
    )
    assert codec.unrepresented_fields(named) == (
        "sender.municipality_name",
        "recipients.municipality_name",
        "patient.registered_address.municipality_name",
    )
    assert codec.from_event(named, message_id=event.message_id) == codec.from_event(event, message_id=event.message_id)


# --- delivered ids (§5) ------------------------------------------------------------------------------------------


def test_a_message_delivered_in_its_own_format_keeps_its_id() -> None:
    original = "ab00ca3e-e989-4e77-b218-d06eec35bea1"
    assert codec.delivered_message_id(original, "INSKRIVNINGSMEDDELANDE", same_format=True) == original


def test_a_message_from_another_format_gets_the_uuid5_of_the_original_and_its_type() -> None:
    original = "db589bdd-1a84-4f0d-9549-49efe35fed0d"
    delivered = codec.delivered_message_id(original, Meddelandetyp.INSKRIVNINGSMEDDELANDE, same_format=False)
    assert delivered == str(uuid.uuid5(uuid.UUID(original), "lifecare-sp-style/INSKRIVNINGSMEDDELANDE"))
    assert uuid.UUID(delivered).version == 5
    assert codec.delivered_message_id(original.upper(), "INSKRIVNINGSMEDDELANDE", same_format=False) == delivered
    assert codec.delivered_message_id(original, "GENERELLT_MEDDELANDE", same_format=False) != delivered


def test_the_delivered_type_is_known_before_rendering() -> None:
    for name in EVENT_OF:
        event = codec.to_event(parsed(valid(name)))
        assert codec.meddelandetyp_for(event).value == name.split("-")[0]


# --- events without a Lifecare SP–style counterpart ------------------------------------------------------------


def _base(fixture: str = "UTSKRIVNINGSKLAR", **changes: Any) -> dict[str, Any]:
    event = codec.to_event(parsed(valid(fixture)))
    base = {field.name: getattr(event, field.name) for field in dataclasses.fields(DischargeEvent)}
    return base | {"message_id": "5f0c4c2e-0000-4000-8000-00000000c0c0"} | changes


CONVENER = Clinician(name="Eva Lind", phone="+46850823456")
AT = datetime.fromisoformat("2025-01-23T15:00:00+01:00")
COSMIC_ONLY: list[tuple[DischargeEvent, Meddelandetyp]] = [
    (
        ev.StatusBeforeDischarge(
            **_base(),
            reference=StatusReference.PLANNED_SIP,
            reference_date=date(2025, 1, 28),
            current_status="Stabil.",
            updated_needs=frozenset({UpdatedNeed.AIDS, UpdatedNeed.NUTRITION}),
            confirmed_estimated_discharge_date=date(2025, 1, 30),
        ),
        Meddelandetyp.GENERELLT_MEDDELANDE,
    ),
    (
        ev.Leave(**_base(), phase=LeavePhase.PLANNED, start=AT, end=AT + timedelta(days=1), adl_status="Självständig."),
        Meddelandetyp.GENERELLT_MEDDELANDE,
    ),
    (ev.Leave(**_base(), phase=LeavePhase.STARTED, start=AT), Meddelandetyp.GENERELLT_MEDDELANDE),
    (
        ev.CollaborationMeetingInvitation(
            **_base(),
            meeting_at=AT + timedelta(days=2),
            location=Location.OTHER,
            location_description="Rum 3",
            mode=MeetingMode.VIDEO,
            purpose=MeetingPurpose.OPT_APPLICATION,
            convener=CONVENER,
        ),
        Meddelandetyp.GENERELLT_MEDDELANDE,
    ),
    (
        ev.CollaborationMeetingAcknowledged(
            **_base(),
            acknowledged_message_id="13f6a1e7-b124-4c1b-9d3f-578cede15ff1",
            acknowledged_at=AT,
            response=InvitationResponse.WILL_ATTEND,
        ),
        Meddelandetyp.GENERELLT_MEDDELANDE,
    ),
    (
        ev.Referral(
            **_base(),
            referral_id="R-77",
            target_service=Service.ASIH,
            care_level=CareLevel.OUTPATIENT,
            status=ReferralStatus.OPEN,
            urgent=True,
        ),
        Meddelandetyp.GENERELLT_MEDDELANDE,
    ),
    (
        ev.FollowUpContact(
            **_base(),
            contacted_at=AT,
            contacted_party=ContactedParty.GUARDIAN,
            outcome=FollowUpOutcome.NO_FURTHER_ACTION,
        ),
        Meddelandetyp.GENERELLT_MEDDELANDE,
    ),
    (
        ev.StatusOnAdmission(
            **_base("INSKRIVNING_KVITTENS"),
            interventions=(
                ExistingIntervention(kind=Intervention.RESPITE_CARE),
                ExistingIntervention(kind=Intervention.HOME_HELP),
            ),
            ongoing_contacts=(OngoingContact(service=Service.ADULT_PSYCHIATRY),),
            proposed_track=Track.STO_GUL,
        ),
        Meddelandetyp.GENERELLT_MEDDELANDE,
    ),
    (
        ev.PlanningDocumentation(
            **_base(),
            kind=PlanningKind.LPT_COORDINATED_PLAN,
            lpt_plan=LptPlan(
                plan_date=date(2025, 1, 22),
                opt_application=True,
                measures=(Measure(responsible=Responsible.OUTPATIENT, description="Depåinjektion."),),
                overall_responsible=Principal.REGION,
            ),
            rehabilitation_needed=True,
        ),
        Meddelandetyp.PLANERINGSUNDERLAG,
    ),
    (
        ev.PlanningDocumentation(**_base(), kind=PlanningKind.SUPPLEMENTARY_INFORMATION_REQUEST, sections=()),
        Meddelandetyp.KOMPLETTERING_BEGARAN,
    ),
    (
        ev.DischargeTime(**_base(), discharge_at=AT, met_by="Hemtjänsten"),
        Meddelandetyp.UTSKRIVNINGSTIDPUNKT,
    ),
]


@pytest.mark.parametrize(
    ("event", "expected"), COSMIC_ONLY, ids=[f"{type(e).__name__}-{i}" for i, (e, _) in enumerate(COSMIC_ONLY)]
)
def test_an_event_without_a_counterpart_renders_as_a_valid_message(
    event: DischargeEvent, expected: Meddelandetyp
) -> None:
    rendered = codec.render(event, message_id=event.message_id)
    assert errors_of(rendered, received_at=event.sent_at) == []
    assert json.loads(rendered)["meddelandetyp"] == expected.value == codec.meddelandetyp_for(event).value


def test_status_before_admission_acknowledges_the_admission_notice_when_its_id_is_known() -> None:
    event, _ = COSMIC_ONLY[7]
    admission_id = "13f6a1e7-b124-4c1b-9d3f-578cede15ff1"
    document = codec.from_event(event, message_id=event.message_id, admission_message_id=admission_id)
    assert document["meddelandetyp"] == "INSKRIVNING_KVITTENS"
    assert document["innehall"]["kvitterarMeddelandeId"] == admission_id
    assert document["innehall"]["befintligaInsatser"] == [
        {"typ": "OVRIGT", "beskrivning": "Avlösning"},
        {"typ": "HEMTJANST"},
    ]
    assert (
        errors_of(
            codec.render(event, message_id=event.message_id, admission_message_id=admission_id),
            received_at=event.sent_at,
        )
        == []
    )


def _replace(name: str, **changes: Any) -> DischargeEvent:
    return dataclasses.replace(codec.to_event(parsed(valid(name))), **changes)


def _child_with_guardian_consent(consent: ConsentStatus) -> DischargeEvent:
    event = codec.to_event(parsed(valid("INSKRIVNINGSMEDDELANDE-barn-var-lila-lpt")))
    assert event.patient is not None
    guardian = dataclasses.replace(event.patient.guardians[0], consent=consent)
    return dataclasses.replace(event, patient=dataclasses.replace(event.patient, guardians=(guardian,)))


UNRENDERABLE = [
    ("region without a Lifecare profile", lambda: _replace("AVLIDEN", region=Region.BLE, track=None)),
    ("track of another region", lambda: _replace("AVLIDEN", track=Track.ORE_RED)),
    ("no patient", lambda: _replace("AVLIDEN", patient=None)),
    ("no care type on an admission notice", lambda: _replace("INSKRIVNINGSMEDDELANDE", care_type=None)),
    ("no needs on an admission notice", lambda: _replace("INSKRIVNINGSMEDDELANDE", needs=frozenset())),
    ("no new estimated date", lambda: _replace("UTSKRIVNINGSDATUM_ANDRAT", estimated_discharge_date=None)),
    (
        "no new estimated date on a revocation",
        lambda: _replace("UTSKRIVNINGSKLAR_ATERKALLAD", new_estimated_discharge_date=None),
    ),
    ("no close reason", lambda: _replace("PROCESS_AVSLUTAD", reason=None)),
    ("OTHER without a text", lambda: _replace("PROCESS_AVSLUTAD", reason=CloseReason.OTHER, reason_text=None)),
    ("a SIP without measures", lambda: _replace("SIP_UPPRATTAD", measures=())),
    (
        "an attachment of another media type",
        lambda: _replace(
            "GENERELLT_MEDDELANDE", attachments=(Attachment(file_name="a.gif", content_type="image/gif", data="R0lG"),)
        ),
    ),
    ("an empty personal-data update", lambda: ev.PersonalDataUpdated(**_base())),
    ("the physician's judgement E-01", lambda: ev.NeedIdentified(**_base(), admitted_at=AT, need_identified_at=AT)),
    (
        "a guardian consent by harm assessment",
        lambda: _child_with_guardian_consent(ConsentStatus.HARM_ASSESSMENT_PERMITS),
    ),
]


@pytest.mark.parametrize("make", [row[1] for row in UNRENDERABLE], ids=[row[0] for row in UNRENDERABLE])
def test_an_event_that_cannot_become_a_valid_message_raises_render_error(make: Any) -> None:
    with pytest.raises(RenderError):
        codec.render(make(), message_id="5f0c4c2e-0000-4000-8000-00000000c0c1")


def test_a_care_contact_without_work_phone_cannot_be_delivered() -> None:
    event = codec.to_event(parsed(valid("FAST_VARDKONTAKT_UTSEDD")))
    assert isinstance(event, ev.CareContactAppointed)
    with pytest.raises(RenderError, match="work phone"):
        codec.from_event(
            dataclasses.replace(event, contact=dataclasses.replace(event.contact, work_phone=None)),
            message_id=event.message_id,
        )


def test_a_redacted_admission_notice_renders_without_the_consent_gated_members() -> None:
    event = codec.to_event(
        parsed(edited(valid("INSKRIVNINGSMEDDELANDE"), {"/innehall/samtycke/status": "EJ_INHAMTAT"}))
    )
    redacted = dataclasses.replace(event, responsible_physician=None, contact_reason=None, track=None)  # type: ignore[call-arg]
    document = codec.from_event(redacted, message_id=event.message_id)
    assert "ansvarigLakare" not in document["innehall"]
    assert "kontaktorsak" not in document["innehall"]
    assert "spar" not in document["arende"]
    assert errors_of(document) == []
