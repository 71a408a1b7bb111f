"""§7.5 validation order, §6 versions and §7.1 member rules that are not a single defect."""

from __future__ import annotations

from datetime import timedelta

import pytest

from adapters.cosmic_link import ErrorCode, parse
from tests.unit.adapters.cosmic_link.support import (
    ADMISSION,
    DELETE,
    RECEIVED_AT,
    STO_ADULT,
    encode,
    error_pairs,
    load,
    mutated,
    parse_value,
)


def test_after_the_first_step_every_error_is_reported_in_one_answer():
    value = mutated(
        load(ADMISSION),
        ("/header/messageId", "x"),
        ("/patient/name/given", ""),
        ("/episode/careType", "MENTAL"),
        ("/body/servicesNeeded/0", "SCHOOL"),
        ("/body/unknown", True),
    )

    assert sorted(error_pairs(parse_value(value))) == [
        ("/body/servicesNeeded/0", "enum"),
        ("/body/unknown", "unknown-member"),
        ("/episode/careType", "enum"),
        ("/header/messageId", "format"),
        ("/patient/name/given", "length"),
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("/body/admittedAt", "yesterday"), [("/body/admittedAt", "format")]),  # no range on needIdentifiedAt
        (
            ("/episode/legalBasis/admissionDecisionDate", "2025-13-01"),
            [
                ("/episode/legalBasis/admissionDecisionDate", "format")  # no R-17 rule on the estimate
            ],
        ),
        (("/patient/birthDate", 2008), [("/patient/birthDate", "type")]),  # no child or birth-date rules
        (("/header/sender/careSetting", "WARD"), [("/header/sender/careSetting", "enum")]),  # no sender rules
        (("/episode/regionProfile", "BLE"), [("/episode/regionProfile", "enum")]),  # no process-of-region rule
        (("/header/createdAt", "2025-03-03"), [("/header/createdAt", "format")]),  # child status unknown
    ],
    ids=["admittedAt", "decision date", "birthDate", "careSetting", "regionProfile", "createdAt"],
)
def test_a_rule_is_silent_while_one_of_its_members_has_an_error(change, expected):
    assert error_pairs(parse_value(mutated(load(ADMISSION), change))) == expected


def test_an_invalid_member_inside_a_party_does_not_add_rule_errors_about_that_party():
    value = mutated(load(ADMISSION), ("/header/receivers/0/principal", "KOMMUN"))

    assert error_pairs(parse_value(value)) == [("/header/receivers/0/principal", "enum")]


def test_a_missing_member_is_reported_where_it_would_be():
    value = mutated(load(ADMISSION), ("/header/receivers/1/id", DELETE), ("/patient/registeredAddress/city", DELETE))

    assert error_pairs(parse_value(value)) == [
        ("/header/receivers/1/id", "required"),
        ("/patient/registeredAddress/city", "required"),
    ]


def test_a_higher_minor_version_is_validated_as_1_0_and_its_unknown_members_are_dropped():
    value = mutated(
        load(ADMISSION), ("/header/version", "1.3"), ("/body/newMember", {"x": 1}), ("/patient/newField", "y")
    )

    result = parse_value(value)

    assert result.errors == ()
    assert result.message is not None
    assert result.message.header.version == "1.0"
    assert result.message == parse(encode(load(ADMISSION)), received_at=RECEIVED_AT).message


def test_a_higher_minor_version_still_checks_every_known_member():
    value = mutated(load(ADMISSION), ("/header/version", "1.7"), ("/body/consentStatus", "MAYBE"))

    assert error_pairs(parse_value(value)) == [("/body/consentStatus", "enum")]


def test_the_message_id_is_returned_for_a_rejected_message_when_readable():
    rejected = parse_value(mutated(load(ADMISSION), ("/body/consentStatus", "MAYBE")))
    unreadable = parse_value(mutated(load(ADMISSION), ("/header/messageId", "42")))

    assert rejected.message_id == "db589bdd-1a84-4f0d-9549-49efe35fed0d"
    assert unreadable.message_id is None


@pytest.mark.parametrize(
    ("pointer", "value"),
    [
        ("/body/admissionReason", "Rad ett\nRad två\r\n\tindrag"),  # Text allows TAB, LF, CR
        ("/patient/name/family", "Ö" * 100),  # ShortText(100) counts code points, not bytes
        ("/patient/name/given", "😀" * 100),  # … nor UTF-16 units
        ("/header/createdAt", "2025-03-03T11:00:00.123456Z"),  # six fraction digits, Z
        ("/body/admittedAt", "2025-03-02T09:30:00-11:00"),  # any offset up to 14:00
        ("/header/messageId", "DB589BDD-1A84-4F0D-9549-49EFE35FED0D"),  # either case
        ("/header/sender/id/extension", "SE162321000156-BUP7"),  # the optional 16
    ],
)
def test_values_at_the_edge_of_the_formats_are_accepted(pointer, value):
    assert parse_value(mutated(load(ADMISSION), (pointer, value))).errors == ()


def test_text_is_stored_in_nfc_after_its_length_is_checked_as_received():
    decomposed = "Lo\u0308fgren"  # o + combining diaeresis: 8 code points as received
    result = parse_value(mutated(load(STO_ADULT), ("/patient/name/family", decomposed)))

    assert result.message is not None
    assert result.message.patient.name.family == "Löfgren"


def test_an_integral_json_number_is_an_integer():
    result = parse_value(mutated(load("sip-invitation"), ("/body/durationMinutes", 90.0)))

    assert result.message is not None
    assert result.message.body.duration_minutes == 90  # type: ignore[union-attr]


def test_created_at_more_than_five_minutes_after_receipt_is_out_of_range():
    base = load(ADMISSION)
    created = RECEIVED_AT + timedelta(minutes=5, seconds=1)
    value = mutated(base, ("/header/createdAt", created.isoformat()))

    assert error_pairs(parse(encode(value), received_at=RECEIVED_AT)) == [("/header/createdAt", "range")]
    on_the_limit = mutated(base, ("/header/createdAt", (created - timedelta(seconds=1)).isoformat()))
    assert parse(encode(on_the_limit), received_at=RECEIVED_AT).errors == ()


def test_every_error_code_of_section_7_6_has_a_must_reject_row():
    from tests.unit.adapters.cosmic_link.test_must_reject_members import ROWS as MEMBER_ROWS
    from tests.unit.adapters.cosmic_link.test_must_reject_rules import ROWS as RULE_ROWS

    e = ErrorCode
    elsewhere = {e.ID_CONFLICT, e.MEDIA_TYPE, e.SENDER_NOT_AUTHORISED, e.TOO_LARGE, e.ENCODING, e.JSON_SYNTAX}
    # those six: test_json_text (encoding, json-syntax, too-large), test_ack and test_transport (the others)
    assert {r.code for r in RULE_ROWS + MEMBER_ROWS} | elsewhere == set(ErrorCode)


def test_a_repeated_receiver_is_reported_even_when_its_other_members_are_invalid():
    value = load(ADMISSION)
    again = {**value["header"]["receivers"][0], "name": ""}
    value = mutated(value, ("/header/receivers/-", again))

    assert sorted(error_pairs(parse_value(value))) == [
        ("/header/receivers/2/id", "duplicate"),
        ("/header/receivers/2/name", "length"),
    ]
