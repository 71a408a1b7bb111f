"""Must-reject table, envelope (§8): one defect per row, exactly the documented error (§7.5, §7.6).

Each row copies a valid fixture, applies edits by JSON pointer and states the complete list of errors. The body
rows are ``test_must_reject_bodies``; together with ``test_validation_order`` they cover every §7.6 code the
parser can give (the transport codes are in ``test_transport_and_ack``).
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pytest

from tests.unit.adapters.lifecare.builders import DELETE, edited, errors_of, valid

M01 = "INSKRIVNINGSMEDDELANDE"
CHILD = "INSKRIVNINGSMEDDELANDE-barn-var-lila-lpt"
OTHER_WARD = {
    "hsaId": "SE2321000016-AVD9",
    "namn": "Sjukhuset Söder, avdelning 9",
    "huvudman": "REGION",
    "verksamhet": "SLUTENVARD",
}
OTHER_CLINIC = {
    "hsaId": "SE2321000016-VC99",
    "namn": "Vårdcentral Norr",
    "huvudman": "REGION",
    "verksamhet": "OPPENVARD",
}
OTHER_MUNICIPALITY = {
    "hsaId": "SE2120000142-HT1",
    "namn": "Stockholms stad, hemtjänst",
    "huvudman": "KOMMUN",
    "verksamhet": "KOMMUNAL_HSV",
    "kommunkod": "0180",
}
GUARDIAN = {"fornamn": "Tolvan", "efternamn": "Tolvansson", "samtycke": "LAMNAT", "betydandeMen": False}


class Row(NamedTuple):
    case: str
    base: str
    edits: dict[str, Any]
    expected: list[tuple[str, str]]


def _units(count: int) -> list[dict[str, Any]]:
    return [{**OTHER_CLINIC, "hsaId": f"SE2321000016-U{index}"} for index in range(count)]


ENVELOPE_ROWS = [
    Row("meddelandeId missing", M01, {"/meddelandeId": DELETE}, [("/meddelandeId", "required")]),
    Row(
        "meddelandeId is the nil UUID",
        M01,
        {"/meddelandeId": "00000000-0000-0000-0000-000000000000"},
        [("/meddelandeId", "format")],
    ),
    Row("meddelandeId is a number", M01, {"/meddelandeId": 123}, [("/meddelandeId", "type")]),
    Row("skapad is null", M01, {"/skapad": None}, [("/skapad", "type")]),
    Row("skapad without seconds", M01, {"/skapad": "2025-01-23T16:48+01:00"}, [("/skapad", "format")]),
    Row("skapad with lower-case t", M01, {"/skapad": "2025-01-23t16:48:00+01:00"}, [("/skapad", "format")]),
    Row("skapad with lower-case z", M01, {"/skapad": "2025-01-23T15:48:00z"}, [("/skapad", "format")]),
    Row("skapad without offset", M01, {"/skapad": "2025-01-23T16:48:00"}, [("/skapad", "format")]),
    Row("skapad with offset beyond 14:00", M01, {"/skapad": "2025-01-24T06:18:00+14:30"}, [("/skapad", "format")]),
    Row("skapad with second 60", M01, {"/skapad": "2025-01-23T16:47:60+01:00"}, [("/skapad", "format")]),
    Row("skapad on 29 February 2025", M01, {"/skapad": "2025-02-29T10:00:00+01:00"}, [("/skapad", "format")]),
    Row(
        "skapad with seven fraction digits",
        M01,
        {"/skapad": "2025-01-23T16:48:00.1234567+01:00"},
        [("/skapad", "format")],
    ),
    Row(
        "skapad more than 5 min after receipt",
        M01,
        {"/skapad": "2025-01-23T16:54:00.001+01:00"},
        [("/skapad", "range")],
    ),
    Row("unknown envelope member", M01, {"/extra": 1}, [("/extra", "unknown-member")]),
    Row(
        "huvudman not in the enumeration", M01, {"/avsandare/huvudman": "LANDSTING"}, [("/avsandare/huvudman", "enum")]
    ),
    Row(
        "REGION with SOCIALTJANST", M01, {"/avsandare/verksamhet": "SOCIALTJANST"}, [("/avsandare/verksamhet", "rule")]
    ),
    Row("KOMMUN without kommunkod", M01, {"/mottagare/0/kommunkod": DELETE}, [("/mottagare/0/kommunkod", "required")]),
    Row(
        "kommunkod not in Appendix A",
        M01,
        {"/mottagare/0/kommunkod": "0100"},
        [("/mottagare/0/kommunkod", "unknown-code")],
    ),
    Row("kommunkod of three digits", M01, {"/mottagare/0/kommunkod": "180"}, [("/mottagare/0/kommunkod", "format")]),
    Row("no mottagare", M01, {"/mottagare": []}, [("/mottagare", "cardinality")]),
    Row("21 mottagare", M01, {"/mottagare": _units(21)}, [("/mottagare", "cardinality")]),
    Row("mottagare is an object", M01, {"/mottagare": OTHER_CLINIC}, [("/mottagare", "type")]),
    Row("a mottagare twice", M01, {"/mottagare/-": valid(M01)["mottagare"][0]}, [("/mottagare/2/hsaId", "duplicate")]),
    Row(
        "a mottagare twice, HSA-id case differs",
        M01,
        {"/mottagare/-": {**valid(M01)["mottagare"][0], "hsaId": "SE2120000142-bis20"}},
        [("/mottagare/2/hsaId", "duplicate")],
    ),
    Row("the sender as mottagare", M01, {"/mottagare/-": valid(M01)["avsandare"]}, [("/mottagare/2/hsaId", "rule")]),
    Row(
        "HSA-id organisation number Luhn",
        M01,
        {"/avsandare/hsaId": "SE2321000017-9X4D"},
        [("/avsandare/hsaId", "checksum")],
    ),
    Row("HSA-id with nine digits", M01, {"/avsandare/hsaId": "SE232100001-9X4D"}, [("/avsandare/hsaId", "format")]),
    Row("HSA-id without suffix", M01, {"/avsandare/hsaId": "SE2321000016"}, [("/avsandare/hsaId", "format")]),
    Row(
        "HSA-id of 32 characters",
        M01,
        {"/avsandare/hsaId": "SE2321000016-" + "A" * 19},
        [("/avsandare/hsaId", "format")],
    ),
    Row("namn of 201 code points", M01, {"/avsandare/namn": "å" * 201}, [("/avsandare/namn", "length")]),
    Row("namn blank", M01, {"/avsandare/namn": " \u00a0\t"[:2]}, [("/avsandare/namn", "length")]),
    Row("namn empty", M01, {"/avsandare/namn": ""}, [("/avsandare/namn", "length")]),
    Row("Kort with a line feed", M01, {"/avsandare/namn": "Avd\n70"}, [("/avsandare/namn", "invalid-char")]),
    Row("Kort with a C1 control (NEL)", M01, {"/avsandare/namn": "Avd\u008570"}, [("/avsandare/namn", "invalid-char")]),
    Row("Kort with DEL", M01, {"/avsandare/namn": "Avd\u007f"}, [("/avsandare/namn", "invalid-char")]),
    Row("Kort that is one vertical tab", M01, {"/avsandare/namn": "\u000b"}, [("/avsandare/namn", "invalid-char")]),
    Row("arendeId not a UUID", M01, {"/arende/arendeId": "fdec65fe-7212-4737-b222"}, [("/arende/arendeId", "format")]),
    Row("region outside the contract", M01, {"/arende/region": "BLE"}, [("/arende/region", "enum")]),
    Row("track unknown", M01, {"/arende/spar": "PURPLE"}, [("/arende/spar", "enum")]),
    Row("LILA in STO", M01, {"/arende/spar": "LILA"}, [("/arende/spar", "enum")]),
    Row("BLA in ORE", M01, {"/arende/region": "ORE", "/arende/spar": "BLA"}, [("/arende/spar", "enum")]),
    Row("GRA outside PROCESS_AVSLUTAD", M01, {"/arende/spar": "GRA"}, [("/arende/spar", "rule")]),
    Row(
        "personnummer Luhn",
        M01,
        {"/patient/identitet/nummer": "191212121213"},
        [("/patient/identitet/nummer", "checksum")],
    ),
    Row(
        "personnummer of 11 digits",
        M01,
        {"/patient/identitet/nummer": "19121212121"},
        [("/patient/identitet/nummer", "format")],
    ),
    Row(
        "personnummer with a separator",
        M01,
        {"/patient/identitet/nummer": "19121212-1212"},
        [("/patient/identitet/nummer", "format")],
    ),
    Row(
        "personnummer century 17",
        M01,
        {"/patient/identitet/nummer": "171212121212"},
        [("/patient/identitet/nummer", "format")],
    ),
    Row(
        "personnummer month 13",
        M01,
        {"/patient/identitet/nummer": "191213121212"},
        [("/patient/identitet/nummer", "format")],
    ),
    Row(
        "nummer is a number", M01, {"/patient/identitet/nummer": 191212121212}, [("/patient/identitet/nummer", "type")]
    ),
    Row(
        "samordningsnummer with a plain day",
        M01,
        {"/patient/identitet/typ": "SAMORDNINGSNUMMER"},
        [("/patient/identitet/nummer", "format")],
    ),
    Row(
        "samordningsnummer day 94",
        M01,
        {"/patient/identitet": {"typ": "SAMORDNINGSNUMMER", "nummer": "197905942394"}, "/patient/fodelsedatum": DELETE},
        [("/patient/identitet/nummer", "format")],
    ),
    Row("identity typ unknown", M01, {"/patient/identitet/typ": "LMA"}, [("/patient/identitet/typ", "enum")]),
    Row(
        "utfardare with a personnummer",
        M01,
        {"/patient/identitet/utfardare": "1.2.752.74.9.1"},
        [("/patient/identitet/utfardare", "rule")],
    ),
    Row(
        "utfardare not an OID",
        M01,
        {"/patient/identitet/utfardare": "1..2"},
        [("/patient/identitet/utfardare", "format")],
    ),
    Row(
        "reserve number without utfardare",
        M01,
        {
            "/patient/identitet": {"typ": "RESERVNUMMER", "nummer": "19391201AB12"},
            "/patient/fodelsedatum": "1939-12-01",
        },
        [("/patient/identitet/utfardare", "required")],
    ),
    Row(
        "reserve number of an unknown issuer",
        M01,
        {"/patient/identitet": {"typ": "RESERVNUMMER", "nummer": "19391201AB12", "utfardare": "1.2.752.1.1"}},
        [("/patient/identitet/utfardare", "unknown-code")],
    ),
    Row(
        "national reserve number with the letter I",
        M01,
        {"/patient/identitet": {"typ": "RESERVNUMMER", "nummer": "19391201AI12", "utfardare": "1.2.752.74.9.1"}},
        [("/patient/identitet/nummer", "format")],
    ),
    Row(
        "Region Stockholm reserve number in lower case",
        M01,
        {"/patient/identitet": {"typ": "RESERVNUMMER", "nummer": "abc123", "utfardare": "1.2.752.97.3.1.3"}},
        [("/patient/identitet/nummer", "format")],
    ),
    Row(
        "reserve number without fodelsedatum",
        M01,
        {
            "/patient/identitet": {"typ": "RESERVNUMMER", "nummer": "R123456", "utfardare": "1.2.752.74.9.3"},
            "/patient/fodelsedatum": DELETE,
        },
        [("/patient/fodelsedatum", "required")],
    ),
    Row(
        "fodelsedatum not the number's",
        M01,
        {"/patient/fodelsedatum": "1912-12-13"},
        [("/patient/fodelsedatum", "rule")],
    ),
    Row("fodelsedatum not a date", M01, {"/patient/fodelsedatum": "1912-13-12"}, [("/patient/fodelsedatum", "format")]),
    Row(
        "an adult with vardnadshavare",
        M01,
        {"/patient/vardnadshavare": [GUARDIAN]},
        [("/patient/vardnadshavare", "rule")],
    ),
    Row(
        "an adult with mognadsbedomning",
        M01,
        {"/patient/mognadsbedomning": {"niva": "EJ_BEDOMD"}},
        [("/patient/mognadsbedomning", "rule")],
    ),
    Row(
        "a child's admission without vardnadshavare",
        CHILD,
        {"/patient/vardnadshavare": DELETE},
        [("/patient/vardnadshavare", "required")],
    ),
    Row(
        "five vardnadshavare",
        CHILD,
        {"/patient/vardnadshavare": [GUARDIAN] * 5},
        [("/patient/vardnadshavare", "cardinality")],
    ),
    Row(
        "maturity assessed without bedomdAv",
        CHILD,
        {"/patient/mognadsbedomning/bedomdAv": DELETE},
        [("/patient/mognadsbedomning/bedomdAv", "required")],
    ),
    Row(
        "guardian consent by harm assessment",
        CHILD,
        {"/patient/vardnadshavare/0/samtycke": "MENPROVNING_MEDGER"},
        [("/patient/vardnadshavare/0/samtycke", "enum")],
    ),
    Row(
        "guardian without betydandeMen",
        CHILD,
        {"/patient/vardnadshavare/1/betydandeMen": DELETE},
        [("/patient/vardnadshavare/1/betydandeMen", "required")],
    ),
    Row(
        "guardian's personnummer Luhn",
        CHILD,
        {"/patient/vardnadshavare/0/identitet/nummer": "191212121219"},
        [("/patient/vardnadshavare/0/identitet/nummer", "checksum")],
    ),
    Row(
        "postnummer starting with 0",
        M01,
        {"/patient/folkbokforingsadress/postnummer": "01234"},
        [("/patient/folkbokforingsadress/postnummer", "format")],
    ),
    Row(
        "postnummer with a space",
        M01,
        {"/patient/folkbokforingsadress/postnummer": "117 67"},
        [("/patient/folkbokforingsadress/postnummer", "format")],
    ),
    Row("innehall missing", M01, {"/innehall": DELETE}, [("/innehall", "required")]),
    Row("innehall an array", M01, {"/innehall": []}, [("/innehall", "type")]),
    Row(
        "a member of another message type",
        M01,
        {"/innehall/kvitterarMeddelandeId": "1eefb5c0-fe3f-4f14-a06f-c89649f9b43a"},
        [("/innehall/kvitterarMeddelandeId", "unknown-member")],
    ),
]


@pytest.mark.parametrize("row", ENVELOPE_ROWS, ids=[row.case for row in ENVELOPE_ROWS])
def test_one_envelope_defect_gives_exactly_the_documented_error(row: Row) -> None:
    assert errors_of(edited(valid(row.base), row.edits)) == row.expected
