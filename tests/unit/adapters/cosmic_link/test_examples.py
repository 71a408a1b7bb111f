"""§11 and §2 worked examples: the contract's own messages parse, map to the documented events and come back."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from adapters.cosmic_link import Decision, Delivery, accepted_ack, from_event, parse, to_event
from adapters.cosmic_link.codec import event_to_message
from discharge.codes import CareStatute, ConsentStatus, IdentifierKind, MaturityLevel, Need, Sector
from discharge.events import AdmissionNotice, AdmissionNoticeAcknowledged, ReadyForDischarge
from discharge.regions import Region, Track
from tests.unit.adapters.cosmic_link.support import EXAMPLES, FIXTURES, RECEIVED_AT, load

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))
CET = timezone(timedelta(hours=1))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda path: path.stem)
def test_every_example_of_section_11_is_accepted(path):
    result = parse(path.read_bytes(), received_at=RECEIVED_AT)

    assert result.errors == ()
    assert result.message is not None
    assert result.message_id == json.loads(path.read_bytes())["header"]["messageId"]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda path: path.stem)
def test_every_example_survives_event_and_back(path):
    message = parse(path.read_bytes(), received_at=RECEIVED_AT).message
    assert message is not None

    event = to_event(message)

    assert event_to_message(event, message_id=message.header.message_id) == message


def test_lila_admission_notice_of_a_16_year_old_under_lpt_maps_to_the_neutral_notice():
    message = parse((EXAMPLES / "admission-notification-var-purple-child.json").read_bytes(), received_at=RECEIVED_AT)
    assert message.message is not None

    event = to_event(message.message)

    assert isinstance(event, AdmissionNotice)
    assert event.case_id == "0a3bf4d9-c097-4e13-89a5-b1d8560d8297"
    assert event.region is Region.VAR
    assert event.track is Track.VAR_LILA
    assert event.statute is not None
    assert event.statute.statute is CareStatute.LPT
    assert event.statute.admission_decision_date == date(2025, 3, 3)
    assert event.estimated_discharge_date == event.statute.admission_decision_date + timedelta(days=14)
    assert event.needs == frozenset({Need.SOCIAL_SERVICES, Need.OUTPATIENT})
    assert event.consent is ConsentStatus.GIVEN
    assert event.sent_at == datetime(2025, 3, 3, 12, 0, tzinfo=CET)
    assert [unit.sector for unit in event.recipients] == [Sector.SOCIAL_SERVICES, Sector.OUTPATIENT]
    assert event.recipients[0].municipality_code == "1780"
    patient = event.patient
    assert patient is not None
    assert patient.identifier.kind is IdentifierKind.PERSONNUMMER
    assert patient.is_child_on(date(2025, 3, 3))
    assert [g.significant_harm for g in patient.guardians] == [False, True]  # CH-03: Stefan is never informed
    assert patient.maturity is not None
    assert patient.maturity.level is MaturityLevel.JOINT


def test_the_municipalitys_acknowledgement_is_the_receipt_of_the_admission_notice():
    event = to_event(
        parse((EXAMPLES / "acknowledgement-of-admission.json").read_bytes(), received_at=RECEIVED_AT).message
    )

    assert isinstance(event, AdmissionNoticeAcknowledged)
    assert event.acknowledged_message_id == "db589bdd-1a84-4f0d-9549-49efe35fed0d"
    assert event.sender.sector is Sector.SOCIAL_SERVICES


def test_ready_for_discharge_after_the_clocks_went_forward_keeps_the_summer_offset():
    event = to_event(
        parse((EXAMPLES / "discharge-ready-opt-after-dst.json").read_bytes(), received_at=RECEIVED_AT).message
    )

    assert isinstance(event, ReadyForDischarge)
    assert event.sent_at.utcoffset() == timedelta(hours=2)  # createdAt starts day counting
    assert event.opt_application is not None
    assert event.opt_application.court_decision_date == date(2025, 3, 28)
    rendered = from_event(event, message_id=event.message_id)
    assert rendered["header"]["createdAt"] == "2025-03-31T11:50:00+02:00"
    assert rendered["body"]["plannedDischargeAt"] == "2025-04-01T10:00:00+02:00"


def test_the_acknowledgement_object_of_section_2_is_reproduced_exactly():
    message = parse((EXAMPLES / "admission-notification-var-purple-child.json").read_bytes(), received_at=RECEIVED_AT)
    assert message.message is not None

    ack = accepted_ack(
        message.message,
        received_at=datetime(2025, 3, 3, 12, 0, 0, 412000, tzinfo=CET),
        gateway_reference="5b0e2c1e-0d36-4f57-9a77-2f4c1b8d6a10",
        deliveries=[Delivery("SE2120001777-SOC8", Decision.DELIVER), Delivery("SE2321000156-BUP9", Decision.DELIVER)],
    )

    assert ack == json.loads((FIXTURES / "ack" / "accepted-two-receivers.json").read_text(encoding="utf-8"))


def test_example_fixture_loader_reads_examples_and_valid_messages():
    assert load("example:acknowledgement-of-admission")["header"]["messageType"] == "Acknowledgement"
    assert load("referral")["header"]["messageType"] == "Referral"
