"""§7.5: the order of validation, what stops it, and "one defect gives one error"; plus the boundaries that pass."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from adapters.lifecare import codec
from adapters.lifecare.codes import Kategori
from adapters.lifecare.general_bodies import GenerelltMeddelande
from adapters.lifecare.validation import MAX_BODY_BYTES, Rejected
from tests.unit.adapters.lifecare.builders import DELETE, RECEIVED_AT, edited, encode, errors_of, parsed, valid

M01 = "INSKRIVNINGSMEDDELANDE"
VALID_BODY = encode(valid(M01))

STEP_ONE_ROWS: list[tuple[str, bytes, list[tuple[str, str]]]] = [
    ("not UTF-8", b"\xff\xfe{}", [("", "encoding")]),
    ("a UTF-8-encoded surrogate", b'{"a": "\xed\xa0\x80"}', [("", "encoding")]),
    ("an overlong UTF-8 sequence", b'{"a": "\xc0\xaf"}', [("", "encoding")]),
    ("invalid UTF-8 inside broken JSON", b'{"a": \xff', [("", "encoding")]),
    ("a byte-order mark", b"\xef\xbb\xbf" + VALID_BODY, [("", "json-syntax")]),
    ("a trailing comma", b'{"version": "1.0",}', [("", "json-syntax")]),
    ("a duplicate member name", b'{"version": "1.0", "version": "1.0"}', [("", "json-syntax")]),
    (
        "a nested duplicate member name",
        VALID_BODY.replace(b'"region": "STO"', b'"region": "STO", "region": "STO"'),
        [("", "json-syntax")],
    ),
    ("NaN", b'{"version": NaN}', [("", "json-syntax")]),
    ("Infinity", b'{"version": -Infinity}', [("", "json-syntax")]),
    ("two JSON texts", b"{} {}", [("", "json-syntax")]),
    ("an empty body", b"", [("", "json-syntax")]),
    ("white space only", b" \n", [("", "json-syntax")]),
    ("nesting deeper than the parser follows", b"[" * 100_000 + b"]" * 100_000, [("", "json-syntax")]),
    ("an array", b"[]", [("", "type")]),
    ("null", b"null", [("", "type")]),
    ("a string", b'"{}"', [("", "type")]),
    ("version missing", encode(edited(valid(M01), {"/version": DELETE})), [("/version", "required")]),
    ("version a number", VALID_BODY.replace(b'"version": "1.0"', b'"version": 1.0'), [("/version", "type")]),
    ("version 2.0", encode(edited(valid(M01), {"/version": "2.0"})), [("/version", "unsupported-version")]),
    ("version without minor", encode(edited(valid(M01), {"/version": "1"})), [("/version", "unsupported-version")]),
    ("version with patch", encode(edited(valid(M01), {"/version": "1.0.0"})), [("/version", "unsupported-version")]),
    (
        "version with a leading zero",
        encode(edited(valid(M01), {"/version": "01.0"})),
        [("/version", "unsupported-version")],
    ),
    ("version with a v", encode(edited(valid(M01), {"/version": "v1.0"})), [("/version", "unsupported-version")]),
    ("meddelandetyp missing", encode(edited(valid(M01), {"/meddelandetyp": DELETE})), [("/meddelandetyp", "required")]),
    ("meddelandetyp a number", encode(edited(valid(M01), {"/meddelandetyp": 1})), [("/meddelandetyp", "type")]),
    (
        "meddelandetyp in lower case",
        encode(edited(valid(M01), {"/meddelandetyp": "inskrivningsmeddelande"})),
        [("/meddelandetyp", "unknown-type")],
    ),
    (
        "meddelandetyp of the other contract",
        encode(edited(valid(M01), {"/meddelandetyp": "AdmissionNotification"})),
        [("/meddelandetyp", "unknown-type")],
    ),
]


@pytest.mark.parametrize(
    ("body", "expected"), [(row[1], row[2]) for row in STEP_ONE_ROWS], ids=[row[0] for row in STEP_ONE_ROWS]
)
def test_step_one_failures_stop_validation(body: bytes, expected: list[tuple[str, str]]) -> None:
    assert errors_of(body) == expected


def test_numbers_beyond_what_python_reads_directly_are_still_judged() -> None:
    sip = encode(valid("SIP_KALLELSE"))
    assert errors_of(sip.replace(b'"varaktighetMinuter": 60', b'"varaktighetMinuter": ' + b"9" * 5000)) == [
        ("/innehall/varaktighetMinuter", "range")
    ]
    assert errors_of(sip.replace(b'"varaktighetMinuter": 60', b'"varaktighetMinuter": 1e400')) == [
        ("/innehall/varaktighetMinuter", "type")
    ]


def test_a_body_over_one_mebibyte_is_too_large_before_anything_else() -> None:
    assert errors_of(VALID_BODY + b" " * (MAX_BODY_BYTES + 1 - len(VALID_BODY))) == [("", "too-large")]
    assert errors_of(VALID_BODY + b" " * (MAX_BODY_BYTES - len(VALID_BODY))) == []


def test_an_unsupported_version_hides_every_other_defect_but_the_id_is_still_read() -> None:
    body = edited(
        valid(M01), {"/version": "2.0", "/meddelandeId": "AB00CA3E-E989-4E77-B218-D06EEC35BEA1", "/skapad": 5}
    )
    result = codec.parse(encode(body), received_at=RECEIVED_AT)
    assert isinstance(result, Rejected)
    assert [(e.pointer, e.code.value) for e in result.errors] == [("/version", "unsupported-version")]
    assert result.meddelande_id == "ab00ca3e-e989-4e77-b218-d06eec35bea1"


def test_an_unknown_type_hides_every_other_defect() -> None:
    body = edited(valid(M01), {"/meddelandetyp": "ADMISSION", "/innehall": 1, "/extra": True})
    assert errors_of(body) == [("/meddelandetyp", "unknown-type")]


def test_an_unreadable_id_is_none_in_the_rejection() -> None:
    result = codec.parse(encode(edited(valid(M01), {"/meddelandeId": "nope"})), received_at=RECEIVED_AT)
    assert isinstance(result, Rejected)
    assert result.meddelande_id is None


def test_every_independent_defect_of_envelope_and_body_is_reported_in_document_order() -> None:
    body = edited(
        valid(M01),
        {"/skapad": "igår", "/patient/fornamn": "", "/innehall/vardtyp": "ANNAN", "/innehall/okand": 1, "/okand": 2},
    )
    assert errors_of(body) == [
        ("/skapad", "format"),
        ("/patient/fornamn", "length"),
        ("/innehall/vardtyp", "enum"),
        ("/innehall/okand", "unknown-member"),
        ("/okand", "unknown-member"),
    ]


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        ({"/arende/region": "SKANE"}, [("/arende/region", "enum")]),  # the track is not checked against a bad region
        ({"/innehall/inskrivningstid": "2025-01-23"}, [("/innehall/inskrivningstid", "format")]),  # no range rules
        ({"/patient/identitet/typ": "X"}, [("/patient/identitet/typ", "enum")]),  # no number, birth-date, age rules
        (
            {"/patient/identitet/nummer": "191212121213"},
            [("/patient/identitet/nummer", "checksum")],
        ),  # no fodelsedatum rule
        (
            {"/avsandare/verksamhet": "KOMMUNAL_HSV"},
            [("/avsandare/verksamhet", "rule")],
        ),  # the sender rule is not repeated
        ({"/innehall/lagrum": "TVANG"}, [("/innehall/lagrum", "enum")]),  # no statute rules
    ],
)
def test_a_rule_involving_an_invalid_member_is_not_evaluated(
    edits: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    assert errors_of(edited(valid(M01), edits)) == expected


def test_the_sender_listed_twice_as_recipient_is_one_rule_and_one_duplicate() -> None:
    sender = valid(M01)["avsandare"]
    assert errors_of(edited(valid(M01), {"/mottagare": [sender, sender]})) == [
        ("/mottagare/1/hsaId", "duplicate"),
        ("/mottagare/0/hsaId", "rule"),
    ]


def test_a_member_name_is_escaped_in_its_pointer() -> None:
    body = valid(M01)
    body["innehall"]["a/b~c"] = 1
    assert errors_of(body) == [("/innehall/a~1b~0c", "unknown-member")]


def test_a_later_minor_version_ignores_unknown_members_and_does_not_forward_them() -> None:
    body = edited(valid(M01), {"/version": "1.7", "/nyttElement": {"x": 1}, "/innehall/nyttFalt": "y"})
    message = parsed(body)
    assert message == parsed(valid(M01))
    rendered = json.loads(codec.render_message(message))
    assert rendered["version"] == "1.0"
    assert "nyttElement" not in rendered
    assert "nyttFalt" not in rendered["innehall"]


def test_a_later_minor_version_still_checks_the_members_it_knows() -> None:
    assert errors_of(edited(valid(M01), {"/version": "1.2", "/skapad": "x"})) == [("/skapad", "format")]


def _admission_of_someone_born(born: str, skapad: str) -> dict[str, Any]:
    reserve = {"typ": "RESERVNUMMER", "nummer": "R2007", "utfardare": "1.2.752.97.3.1.3"}  # no real person
    return edited(valid(M01), {"/patient/identitet": reserve, "/patient/fodelsedatum": born, "/skapad": skapad})


def test_age_is_counted_on_the_stockholm_date_of_skapad() -> None:
    # 23:30 UTC on the 22nd is already the 23rd in Stockholm: 18 years old
    just_adult = _admission_of_someone_born("2007-01-23", "2025-01-22T23:30:00Z")
    received = datetime(2025, 1, 22, 23, 31, tzinfo=UTC)
    assert errors_of(just_adult, received_at=received) == []
    guardian = {"fornamn": "A", "efternamn": "B", "samtycke": "LAMNAT", "betydandeMen": False}
    with_guardian = edited(just_adult, {"/patient/vardnadshavare": [guardian]})
    assert errors_of(with_guardian, received_at=received) == [("/patient/vardnadshavare", "rule")]
    # an hour earlier it is still the 22nd in Stockholm: 17 years old, the admission notice needs a guardian
    still_child = _admission_of_someone_born("2007-01-23", "2025-01-22T22:30:00Z")
    assert errors_of(still_child, received_at=received) == [("/patient/vardnadshavare", "required")]


def test_a_leap_day_child_comes_of_age_on_1_march_in_a_common_year() -> None:
    reserve = {"typ": "RESERVNUMMER", "nummer": "R2008", "utfardare": "1.2.752.97.3.1.3"}
    guardian = {"fornamn": "A", "efternamn": "B", "samtycke": "LAMNAT", "betydandeMen": False}
    body = edited(
        valid(M01),
        {"/patient/identitet": reserve, "/patient/fodelsedatum": "2008-02-29", "/patient/vardnadshavare": [guardian]},
    )
    on_28th = edited(
        body, {"/skapad": "2026-02-28T12:00:00+01:00", "/innehall/inskrivningstid": "2026-02-28T09:00:00+01:00"}
    )
    on_1st = edited(
        body, {"/skapad": "2026-03-01T12:00:00+01:00", "/innehall/inskrivningstid": "2026-03-01T09:00:00+01:00"}
    )
    for message in (on_28th, on_1st):
        message["innehall"] |= {
            "behovIdentifierat": message["innehall"]["inskrivningstid"],
            "beraknatUtskrivningsdatum": "2026-03-10",
        }
    assert errors_of(on_28th, received_at=datetime(2026, 2, 28, 11, 1, tzinfo=UTC)) == []
    assert errors_of(on_1st, received_at=datetime(2026, 3, 1, 11, 1, tzinfo=UTC)) == [
        ("/patient/vardnadshavare", "rule")
    ]


def test_estimated_date_compares_with_the_stockholm_date_of_admission() -> None:
    late_evening = edited(
        valid(M01), {"/innehall/inskrivningstid": "2025-01-22T23:30:00Z", "/innehall/behovIdentifierat": DELETE}
    )
    assert errors_of(edited(late_evening, {"/innehall/beraknatUtskrivningsdatum": "2025-01-23"})) == []
    assert errors_of(edited(late_evening, {"/innehall/beraknatUtskrivningsdatum": "2025-01-22"})) == [
        ("/innehall/beraknatUtskrivningsdatum", "range")
    ]


def test_new_estimated_date_compares_with_the_stockholm_date_of_revocation() -> None:
    base = edited(valid("UTSKRIVNINGSKLAR_ATERKALLAD"), {"/innehall/aterkallad": "2025-01-22T23:30:00Z"})
    assert errors_of(edited(base, {"/innehall/nyttBeraknatUtskrivningsdatum": "2025-01-23"})) == []
    assert errors_of(edited(base, {"/innehall/nyttBeraknatUtskrivningsdatum": "2025-01-22"})) == [
        ("/innehall/nyttBeraknatUtskrivningsdatum", "range")
    ]


ACCEPTED_EDGES: list[tuple[str, str, dict[str, Any]]] = [
    ("skapad exactly 5 min after receipt", M01, {"/skapad": "2025-01-23T16:54:00+01:00"}),
    ("the largest offset", M01, {"/skapad": "2025-01-24T05:48:00+14:00"}),
    ("negative zero offset", M01, {"/skapad": "2025-01-23T15:48:00-00:00"}),
    ("six fraction digits", M01, {"/skapad": "2025-01-23T16:48:00.123456+01:00"}),
    ("Kort of 200 two-byte code points", M01, {"/avsandare/namn": "å" * 200}),
    ("Kort of 200 astral code points (400 UTF-16 units)", M01, {"/avsandare/namn": "\U0001f3e5" * 200}),
    ("Kort of 200 code points that NFC shortens", M01, {"/avsandare/namn": "e\u0301" * 100}),
    ("Fritext with TAB, LF and CR", M01, {"/innehall/kontaktorsak": "a\tb\nc\r\nd"}),
    ("Kort with a no-break space inside", M01, {"/avsandare/namn": "Avd\u00a070"}),
    ("HSA-id with the 16 prefix", M01, {"/avsandare/hsaId": "SE162321000016-9X4D"}),
    ("HSA-id of 31 characters", M01, {"/avsandare/hsaId": "SE2321000016-" + "A" * 18}),
    ("upper-case UUIDs", M01, {"/meddelandeId": "AB00CA3E-E989-4E77-B218-D06EEC35BEA1"}),
    ("estimated date on the day of admission", M01, {"/innehall/beraknatUtskrivningsdatum": "2025-01-23"}),
    ("need identified at admission", M01, {"/innehall/behovIdentifierat": "2025-01-23T08:15:00Z"}),
    (
        "intagningsbeslut with LPT",
        M01,
        {"/innehall/lagrum": "LPT", "/innehall/vardtyp": "PSYKIATRISK", "/innehall/intagningsbeslut": "2025-01-23"},
    ),
    (
        "an issuer-less samordningsnummer",
        M01,
        {
            "/patient/identitet": {"typ": "SAMORDNINGSNUMMER", "nummer": "197905742396"},
            "/patient/fodelsedatum": "1979-05-14",
        },
    ),
    (
        "FVK from inpatient care in ORE",
        "FAST_VARDKONTAKT_UTSEDD",
        {"/arende/region": "ORE", "/avsandare/verksamhet": "SLUTENVARD"},
    ),
    ("only the arrival home", "UTSKRIVNINGSTIDPUNKT", {"/innehall/utskrivningstid": DELETE}),
    ("SIP of 15 minutes", "SIP_KALLELSE", {"/innehall/varaktighetMinuter": 15}),
    ("SIP of 480 minutes", "SIP_KALLELSE", {"/innehall/varaktighetMinuter": 480}),
    ("assessment at skapad", "UTSKRIVNINGSKLAR", {"/innehall/bedomdUtskrivningsklar": "2025-01-23T15:48:00Z"}),
    ("death at skapad", "AVLIDEN", {"/innehall/dodstidpunkt": "2025-01-23T16:48:00+01:00"}),
    (
        "answer wanted a microsecond after skapad",
        "KOMPLETTERING_BEGARAN",
        {"/innehall/onskatSvarSenast": "2025-01-23T16:48:00.000001+01:00"},
    ),
    ("time frame of one day", "ATGARDSBEGARAN_OPPENVARD", {"/innehall/tidsram/till": "2025-01-24"}),
    (
        "maturity not assessed, no assessor",
        "INSKRIVNINGSMEDDELANDE-barn-var-lila-lpt",
        {"/patient/mognadsbedomning": {"niva": "EJ_BEDOMD"}},
    ),
    ("no interpreter needed, no language", "PERSONUPPGIFTER_UPPDATERADE", {"/innehall/tolkbehov": {"behovs": False}}),
    ("one member of a personal-data update", "PERSONUPPGIFTER_UPPDATERADE", {"/innehall": {"hemsjukvard": False}}),
    ("kommunkod on a region unit", M01, {"/avsandare/kommunkod": "0180"}),
]


@pytest.mark.parametrize(
    ("base", "edits"), [(row[1], row[2]) for row in ACCEPTED_EDGES], ids=[row[0] for row in ACCEPTED_EDGES]
)
def test_boundary_values_the_contract_allows_are_accepted(base: str, edits: dict[str, Any]) -> None:
    assert errors_of(edited(valid(base), edits)) == []


def test_text_is_stored_in_nfc_and_ids_in_lower_case() -> None:
    message = parsed(
        edited(
            valid(M01), {"/avsandare/namn": "Ha\u0308gersten", "/meddelandeId": "AB00CA3E-E989-4E77-B218-D06EEC35BEA1"}
        )
    )
    assert message.avsandare.namn == "Hägersten"
    assert message.meddelande_id == "ab00ca3e-e989-4e77-b218-d06eec35bea1"


def test_an_absent_kategori_reads_as_ovrigt() -> None:
    message = parsed(edited(valid("GENERELLT_MEDDELANDE"), {"/innehall/kategori": DELETE}))
    assert isinstance(message.innehall, GenerelltMeddelande)
    assert message.innehall.kategori is Kategori.OVRIGT


def test_codes_of_a_unique_array_are_stored_in_the_contracts_order() -> None:
    message = parsed(edited(valid(M01), {"/innehall/behovAvInsatser": ["OPPENVARD", "SOCIALTJANST"]}))
    assert [code.value for code in message.innehall.behov_av_insatser] == ["SOCIALTJANST", "OPPENVARD"]  # type: ignore[attr-defined]


def test_parse_demands_an_aware_receipt_time() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        codec.parse(VALID_BODY, received_at=datetime(2025, 1, 23, 16, 49))
