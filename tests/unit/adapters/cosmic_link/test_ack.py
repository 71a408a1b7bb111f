"""§2 acknowledgement object, §1 HTTP status per outcome and §3 replay / id conflict."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from adapters.cosmic_link import (
    ContractError,
    Decision,
    Delivery,
    DeliveryReason,
    Deviation,
    DeviationCode,
    ErrorCode,
    accepted_ack,
    http_status,
    id_conflict_error,
    media_type_error,
    parse,
    rejected_ack,
    render_ack,
    replay_ack,
)
from tests.unit.adapters.cosmic_link.support import ADMISSION, RECEIVED_AT, encode, load, mutated

SOC8, BUP9 = "SE2120001777-SOC8", "SE2321000156-BUP9"
REFERENCE = "5b0e2c1e-0d36-4f57-9a77-2f4c1b8d6a10"


def admission():
    message = parse(encode(load(ADMISSION)), received_at=RECEIVED_AT).message
    assert message is not None
    return message


def test_an_accepted_message_lists_each_receivers_decision_in_order_and_its_deviations():
    ack = accepted_ack(
        admission(),
        received_at=RECEIVED_AT,
        gateway_reference=REFERENCE,
        deliveries=[
            Delivery(SOC8, Decision.REFUSE, DeliveryReason.LEGAL_BASIS_MISSING),
            Delivery(BUP9, Decision.MANUAL_CONTACT, DeliveryReason.NO_ENDPOINT),
        ],
        deviations=[Deviation(DeviationCode.LATE, "R-01: sent after the deadline")],
    )

    assert ack["deliveries"] == [
        {
            "receiver": {"root": "1.2.752.129.2.1.4.1", "extension": SOC8},
            "decision": "REFUSE",
            "reason": "legal-basis-missing",
        },
        {
            "receiver": {"root": "1.2.752.129.2.1.4.1", "extension": BUP9},
            "decision": "MANUAL_CONTACT",
            "reason": "no-endpoint",
        },
    ]
    assert ack["deviations"] == [{"code": "late", "message": "R-01: sent after the deadline"}]
    assert ack["errors"] == []
    assert ack["receivedAt"] == "2025-06-01T12:00:00Z"
    assert http_status(ack) == 200


def test_deliveries_must_match_the_receivers():
    with pytest.raises(ValueError, match="every receiver once"):
        accepted_ack(
            admission(),
            received_at=RECEIVED_AT,
            gateway_reference=REFERENCE,
            deliveries=[Delivery(BUP9, Decision.DELIVER), Delivery(SOC8, Decision.DELIVER)],
        )


@pytest.mark.parametrize(
    ("decision", "reason"),
    [
        (Decision.DELIVER, DeliveryReason.NO_ENDPOINT),
        (Decision.DELIVER_REDACTED, DeliveryReason.LEGAL_BASIS_MISSING),
        (Decision.REFUSE, None),
        (Decision.REFUSE, DeliveryReason.NO_ENDPOINT),
        (Decision.MANUAL_CONTACT, DeliveryReason.SIGNIFICANT_HARM),
    ],
)
def test_a_decision_takes_only_its_own_reasons(decision, reason):
    with pytest.raises(ValueError, match="does not take reason"):
        Delivery(SOC8, decision, reason)


def test_a_replay_repeats_the_first_answer_with_replay_true():
    first = accepted_ack(
        admission(),
        received_at=datetime(2025, 3, 3, 11, 0, 0, 412000, tzinfo=UTC),
        gateway_reference=REFERENCE,
        deliveries=[Delivery(SOC8, Decision.DELIVER_REDACTED), Delivery(BUP9, Decision.DELIVER)],
    )

    replay = replay_ack(first)

    assert replay == {**first, "replay": True}
    assert first["replay"] is False
    assert http_status(replay) == 200
    with pytest.raises(ValueError, match="only an accepted"):
        replay_ack(rejected_ack(message_id=None, received_at=RECEIVED_AT, errors=[id_conflict_error()]))


def rejection_of(body: bytes) -> dict:
    result = parse(body, received_at=RECEIVED_AT)
    return rejected_ack(message_id=result.message_id, received_at=result.received_at, errors=result.errors)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"\xff", 400),  # encoding
        (b"{", 400),  # json-syntax
        (b"[]", 400),  # top level not an object: type at ""
        (encode(mutated(load(ADMISSION), ("/header/version", "2.0"))), 422),
        (encode(mutated(load(ADMISSION), ("/body/consentStatus", None))), 422),  # type below the top level
        (encode(mutated(load(ADMISSION), ("/header/messageType", "Unknown"))), 422),
        (b" " * 1_048_577, 413),
    ],
    ids=["encoding", "json-syntax", "array", "unsupported-version", "null member", "unknown-type", "too-large"],
)
def test_the_status_of_a_rejection_follows_section_1(body, status):
    ack = rejection_of(body)

    assert ack["result"] == "REJECTED"
    assert ack["errors"]
    assert "deliveries" not in ack
    assert http_status(ack) == status


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (ContractError("/header/sender/id/extension", ErrorCode.SENDER_NOT_AUTHORISED, "x"), 403),
        (id_conflict_error(), 409),
        (media_type_error("text/plain"), 415),
    ],
)
def test_the_status_of_gateway_decided_errors(error, status):
    ack = rejected_ack(message_id="db589bdd-1a84-4f0d-9549-49efe35fed0d", received_at=RECEIVED_AT, errors=[error])

    assert http_status(ack) == status


def test_a_rejection_repeats_a_readable_message_id_and_null_otherwise():
    readable = rejection_of(encode(mutated(load(ADMISSION), ("/body/consentStatus", "MAYBE"))))
    unreadable = rejection_of(b"{")

    assert readable["messageId"] == "db589bdd-1a84-4f0d-9549-49efe35fed0d"
    assert readable["errors"] == [{"pointer": "/body/consentStatus", "code": "enum", "message": "not an allowed value"}]
    assert unreadable["messageId"] is None


def test_an_id_conflict_points_at_the_message_id():
    assert id_conflict_error().pointer == "/header/messageId"
    with pytest.raises(ValueError, match="at least one error"):
        rejected_ack(message_id=None, received_at=RECEIVED_AT, errors=[])


def test_error_messages_never_quote_the_personnummer():
    wrong = mutated(load(ADMISSION), ("/patient/id/extension", "200809172381"))

    assert "200809172381" not in str(rejection_of(encode(wrong)))


def test_an_ack_naming_a_member_with_a_lone_surrogate_is_still_valid_json():
    body = encode(load(ADMISSION)).replace(b'"body": {', b'"body": {"\\ud800": 1, ', 1)
    ack = rejection_of(body)

    rendered = render_ack(ack)

    assert json.loads(rendered)["errors"] == [
        {"pointer": "/body/\ud800", "code": "unknown-member", "message": "member not defined here"}
    ]
    assert (
        json.loads(
            render_ack(
                accepted_ack(
                    admission(),
                    received_at=RECEIVED_AT,
                    gateway_reference=REFERENCE,
                    deliveries=[Delivery(SOC8, Decision.DELIVER), Delivery(BUP9, Decision.DELIVER)],
                )
            )
        )["replay"]
        is False
    )
