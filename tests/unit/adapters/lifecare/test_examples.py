"""The worked examples of the contract (§2 and §11), as fixture files."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from adapters.lifecare import ack, codec
from adapters.lifecare.validation import Rejected
from discharge import events as ev
from discharge.codes import ConsentStatus, Need
from discharge.regions import Region, Track
from tests.unit.adapters.lifecare.builders import CET, encode, errors_of, fixture_bytes, parsed

EXAMPLES = {
    "example-1-inskrivningsmeddelande-sto-gron.json": datetime(2025, 1, 20, 10, 12, 1, 204000, tzinfo=CET),
    "example-2-inskrivningsmeddelande-ore-minimal.json": datetime(2025, 10, 26, 9, 5, 30, tzinfo=CET),
    "example-3-utskrivningsklar-aterkallad.json": datetime(2025, 1, 23, 16, 48, 2, tzinfo=CET),
}


@pytest.mark.parametrize(("name", "received_at"), EXAMPLES.items())
def test_every_example_of_section_11_is_valid(name: str, received_at: datetime) -> None:
    assert errors_of(fixture_bytes(name), received_at=received_at) == []


@pytest.mark.parametrize(("name", "received_at"), EXAMPLES.items())
def test_every_example_survives_message_event_message(name: str, received_at: datetime) -> None:
    message = parsed(fixture_bytes(name), received_at=received_at)
    rendered = codec.render(codec.to_event(message), message_id=message.meddelande_id)
    assert parsed(rendered, received_at=received_at) == message
    assert json.loads(rendered) == json.loads(fixture_bytes(name))


def test_admission_notice_with_consent_maps_to_the_neutral_admission_notice() -> None:
    name = "example-1-inskrivningsmeddelande-sto-gron.json"
    event = codec.to_event(parsed(fixture_bytes(name), received_at=EXAMPLES[name]))
    assert isinstance(event, ev.AdmissionNotice)
    assert event.region is Region.STO
    assert event.track is Track.STO_GRON
    assert event.estimated_discharge_date == date(2025, 1, 24)
    assert event.consent is ConsentStatus.GIVEN
    assert event.needs == frozenset({Need.SOCIAL_SERVICES, Need.OUTPATIENT})
    assert event.responsible_physician is not None
    assert event.responsible_physician.name == "Gunnar Wall"
    assert event.statute is None  # lagrum absent: voluntary
    assert [unit.hsa_id for unit in event.recipients] == ["SE2120000142-BIS20", "SE2321000016-6VC3"]


def test_minimal_notice_admitted_in_the_repeated_hour_keeps_the_instant_and_its_offset() -> None:
    name = "example-2-inskrivningsmeddelande-ore-minimal.json"
    event = codec.to_event(parsed(fixture_bytes(name), received_at=EXAMPLES[name]))
    assert isinstance(event, ev.AdmissionNotice)
    assert event.admitted_at == datetime(2025, 10, 26, 1, 40, tzinfo=UTC)  # 02:40 CET, the second 02:40
    assert event.admitted_at.utcoffset() == CET.utcoffset(None)
    assert event.track is None
    assert event.consent is ConsentStatus.NOT_ASKED
    assert event.responsible_physician is None
    assert event.contact_reason is None
    assert event.patient is not None
    assert event.patient.family_name == "Yıldız"


def test_revoked_ready_for_discharge_carries_the_new_estimated_date() -> None:
    name = "example-3-utskrivningsklar-aterkallad.json"
    event = codec.to_event(parsed(fixture_bytes(name), received_at=EXAMPLES[name]))
    assert isinstance(event, ev.ReadyForDischargeRevoked)
    assert event.revoked_message_id == "13f6a1e7-b124-4c1b-9d3f-578cede15ff1"
    assert event.new_estimated_discharge_date == date(2025, 1, 28)


def test_the_rejection_example_of_section_2_is_what_a_wrong_check_digit_earns() -> None:
    name = "example-1-inskrivningsmeddelande-sto-gron.json"
    document = json.loads(fixture_bytes(name))
    document["patient"]["identitet"]["nummer"] = "193908212389"
    received_at = EXAMPLES[name]
    result = codec.parse(encode(document), received_at=received_at)
    assert isinstance(result, Rejected)
    kvittens = ack.rejected_kvittens(result.errors, meddelande_id=result.meddelande_id, mottagen=received_at)
    assert kvittens == json.loads(fixture_bytes("kvittens-avvisad-checksum.json"))
    assert ack.http_status(kvittens) == 422
