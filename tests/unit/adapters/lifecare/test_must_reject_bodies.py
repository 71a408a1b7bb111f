"""Must-reject table, bodies (§9): one defect per row, exactly the documented error (§7.5, §7.6)."""

from __future__ import annotations

import pytest

from adapters.lifecare.errors import ErrorCode
from tests.unit.adapters.lifecare.builders import DELETE, edited, errors_of, valid
from tests.unit.adapters.lifecare.test_must_reject_envelope import (
    CHILD,
    ENVELOPE_ROWS,
    M01,
    OTHER_CLINIC,
    OTHER_MUNICIPALITY,
    OTHER_WARD,
    Row,
)
from tests.unit.adapters.lifecare.test_validation_order import STEP_ONE_ROWS

ADMISSION_ROWS = [
    Row(
        "inskrivningstid missing",
        M01,
        {"/innehall/inskrivningstid": DELETE},
        [("/innehall/inskrivningstid", "required")],
    ),
    Row(
        "need identified before admission",
        M01,
        {"/innehall/behovIdentifierat": "2025-01-23T09:14:59+01:00"},
        [("/innehall/behovIdentifierat", "range")],
    ),
    Row(
        "estimated date before the Stockholm admission date",
        M01,
        {"/innehall/beraknatUtskrivningsdatum": "2025-01-22"},
        [("/innehall/beraknatUtskrivningsdatum", "range")],
    ),
    Row(
        "estimated date not a date",
        M01,
        {"/innehall/beraknatUtskrivningsdatum": "2025-02-30"},
        [("/innehall/beraknatUtskrivningsdatum", "format")],
    ),
    Row("consent status unknown", M01, {"/innehall/samtycke/status": "JA"}, [("/innehall/samtycke/status", "enum")]),
    Row(
        "STO consent without responsible physician",
        M01,
        {"/innehall/ansvarigLakare": DELETE},
        [("/innehall/ansvarigLakare", "required")],
    ),
    Row(
        "STO harm assessment permits, no contact reason",
        M01,
        {"/innehall/samtycke/status": "MENPROVNING_MEDGER", "/innehall/kontaktorsak": DELETE},
        [("/innehall/kontaktorsak", "required")],
    ),
    Row(
        "kontaktorsak of 501 code points",
        M01,
        {"/innehall/kontaktorsak": "x" * 501},
        [("/innehall/kontaktorsak", "length")],
    ),
    Row(
        "Fritext with NUL", M01, {"/innehall/kontaktorsak": "Fall\u0000"}, [("/innehall/kontaktorsak", "invalid-char")]
    ),
    Row(
        "Fritext with a lone surrogate",
        M01,
        {"/innehall/kontaktorsak": "Fall \ud800"},
        [("/innehall/kontaktorsak", "invalid-char")],
    ),
    Row("no needs", M01, {"/innehall/behovAvInsatser": []}, [("/innehall/behovAvInsatser", "cardinality")]),
    Row(
        "a need twice",
        M01,
        {"/innehall/behovAvInsatser": ["OPPENVARD", "SOCIALTJANST", "OPPENVARD"]},
        [("/innehall/behovAvInsatser/2", "duplicate")],
    ),
    Row(
        "a need outside the list",
        M01,
        {"/innehall/behovAvInsatser": ["HEMTJANST"]},
        [("/innehall/behovAvInsatser/0", "enum")],
    ),
    Row(
        "needs as a string", M01, {"/innehall/behovAvInsatser": "SOCIALTJANST"}, [("/innehall/behovAvInsatser", "type")]
    ),
    Row("vardtyp missing", M01, {"/innehall/vardtyp": DELETE}, [("/innehall/vardtyp", "required")]),
    Row(
        "LPT without intagningsbeslut",
        M01,
        {"/innehall/lagrum": "LPT", "/innehall/vardtyp": "PSYKIATRISK"},
        [("/innehall/intagningsbeslut", "required")],
    ),
    Row(
        "LPT in somatic care",
        M01,
        {"/innehall/lagrum": "LPT", "/innehall/intagningsbeslut": "2025-01-23"},
        [("/innehall/vardtyp", "rule")],
    ),
    Row(
        "intagningsbeslut with FRIVILLIG",
        M01,
        {"/innehall/intagningsbeslut": "2025-01-23"},
        [("/innehall/intagningsbeslut", "rule")],
    ),
    Row(
        "intagningsbeslut without lagrum",
        M01,
        {"/innehall/lagrum": DELETE, "/innehall/intagningsbeslut": "2025-01-23"},
        [("/innehall/intagningsbeslut", "rule")],
    ),
    Row(
        "LILA without compulsory care",
        CHILD,
        {"/innehall/lagrum": "FRIVILLIG", "/innehall/intagningsbeslut": DELETE},
        [("/arende/spar", "rule")],
    ),
    Row(
        "VAR LPT date not decision + 14",
        CHILD,
        {"/innehall/beraknatUtskrivningsdatum": "2025-02-04"},
        [("/innehall/beraknatUtskrivningsdatum", "rule")],
    ),
    Row(
        "VAR LPT date before admission: one defect, one error (range, not also the + 14 rule)",
        CHILD,
        {"/innehall/beraknatUtskrivningsdatum": "2025-01-19"},
        [("/innehall/beraknatUtskrivningsdatum", "range")],
    ),
    Row(
        "VAR OPT date not decision + 4",
        CHILD,
        {"/innehall/lagrum": "OPT"},
        [("/innehall/beraknatUtskrivningsdatum", "rule")],
    ),
    Row(
        "a boolean as a string",
        M01,
        {"/innehall/livshotandeTillstand": "ja"},
        [("/innehall/livshotandeTillstand", "type")],
    ),
    Row(
        "placeringskommun unknown",
        M01,
        {"/innehall/placeringskommun": "9999"},
        [("/innehall/placeringskommun", "unknown-code")],
    ),
    Row(
        "admission notice from outpatient care",
        M01,
        {"/avsandare": OTHER_CLINIC},
        [("/avsandare/verksamhet", "rule")],
    ),
]

TYPE_ROWS = [
    Row(
        "INSKRIVNING_KVITTENS from inpatient care",
        "INSKRIVNING_KVITTENS",
        {"/avsandare": OTHER_WARD},
        [("/avsandare/verksamhet", "rule")],
    ),
    Row(
        "31 existing interventions",
        "INSKRIVNING_KVITTENS",
        {"/innehall/befintligaInsatser": [{"typ": "HEMTJANST"}] * 31},
        [("/innehall/befintligaInsatser", "cardinality")],
    ),
    Row(
        "intervention type unknown",
        "INSKRIVNING_KVITTENS",
        {"/innehall/befintligaInsatser/1/typ": "STADNING"},
        [("/innehall/befintligaInsatser/1/typ", "enum")],
    ),
    Row(
        "licensed physician with yrke other than LAKARE",
        "FAST_VARDKONTAKT_UTSEDD",
        {"/innehall/fastVardkontakt/legitimeradLakare": True},
        [("/innehall/fastVardkontakt/yrke", "rule")],
    ),
    Row(
        "work phone with a dash",
        "FAST_VARDKONTAKT_UTSEDD",
        {"/innehall/fastVardkontakt/tjanstetelefon": "08-5082345"},
        [("/innehall/fastVardkontakt/tjanstetelefon", "format")],
    ),
    Row(
        "FVK from inpatient care in STO",
        "FAST_VARDKONTAKT_UTSEDD",
        {"/avsandare": OTHER_WARD},
        [("/avsandare/verksamhet", "rule")],
    ),
    Row(
        "FVK from social services",
        "FAST_VARDKONTAKT_UTSEDD",
        {"/avsandare": OTHER_MUNICIPALITY},
        [("/avsandare/verksamhet", "rule")],
    ),
    Row("no underlag", "PLANERINGSUNDERLAG", {"/innehall/underlag": []}, [("/innehall/underlag", "cardinality")]),
    Row(
        "fraga of 301 code points",
        "PLANERINGSUNDERLAG",
        {"/innehall/underlag/0/fraga": "f" * 301},
        [("/innehall/underlag/0/fraga", "length")],
    ),
    Row(
        "answer wanted at skapad",
        "KOMPLETTERING_BEGARAN",
        {"/innehall/onskatSvarSenast": "2025-01-23T15:48:00Z"},
        [("/innehall/onskatSvarSenast", "range")],
    ),
    Row(
        "LPT extended without ruling date",
        "UTSKRIVNINGSDATUM_ANDRAT",
        {"/innehall/orsak": "LPT_FORLANGD"},
        [("/innehall/domslutsdatum", "required")],
    ),
    Row(
        "date change from a municipality",
        "UTSKRIVNINGSDATUM_ANDRAT",
        {"/avsandare": OTHER_MUNICIPALITY},
        [("/avsandare/verksamhet", "rule")],
    ),
    Row(
        "SIP meeting before skapad",
        "SIP_KALLELSE",
        {"/innehall/tidpunkt": "2025-01-23T16:47:59+01:00"},
        [("/innehall/tidpunkt", "range")],
    ),
    Row(
        "SIP of 10 minutes",
        "SIP_KALLELSE",
        {"/innehall/varaktighetMinuter": 10},
        [("/innehall/varaktighetMinuter", "range")],
    ),
    Row(
        "SIP of 481 minutes",
        "SIP_KALLELSE",
        {"/innehall/varaktighetMinuter": 481},
        [("/innehall/varaktighetMinuter", "range")],
    ),
    Row(
        "SIP duration a fraction",
        "SIP_KALLELSE",
        {"/innehall/varaktighetMinuter": 30.5},
        [("/innehall/varaktighetMinuter", "type")],
    ),
    Row(
        "SIP duration a boolean",
        "SIP_KALLELSE",
        {"/innehall/varaktighetMinuter": True},
        [("/innehall/varaktighetMinuter", "type")],
    ),
    Row(
        "initial SIP at hospital held at home",
        "SIP_KALLELSE",
        {"/innehall/sipTyp": "INLEDANDE_PA_SJUKHUS", "/innehall/plats": "HEMMET"},
        [("/innehall/plats", "rule")],
    ),
    Row(
        "ANNAN without description",
        "SIP_KALLELSE",
        {"/innehall/platsBeskrivning": DELETE},
        [("/innehall/platsBeskrivning", "required")],
    ),
    Row(
        "21 other participants",
        "SIP_KALLELSE",
        {"/innehall/ovrigaDeltagare": [{"namn": "X"}] * 21},
        [("/innehall/ovrigaDeltagare", "cardinality")],
    ),
    Row("invitation answer unknown", "SIP_KALLELSE_KVITTENS", {"/innehall/svar": "JA"}, [("/innehall/svar", "enum")]),
    Row(
        "assessment after skapad",
        "UTSKRIVNINGSKLAR",
        {"/innehall/bedomdUtskrivningsklar": "2025-01-23T16:48:00.5+01:00"},
        [("/innehall/bedomdUtskrivningsklar", "range")],
    ),
    Row(
        "ready for discharge from outpatient care",
        "UTSKRIVNINGSKLAR",
        {"/avsandare": OTHER_CLINIC},
        [("/avsandare/verksamhet", "rule")],
    ),
    Row(
        "ready-for-discharge receipt from inpatient care",
        "UTSKRIVNINGSKLAR_KVITTENS",
        {"/avsandare": OTHER_WARD},
        [("/avsandare/verksamhet", "rule")],
    ),
    Row(
        "new estimated date before the revocation's Stockholm date",
        "UTSKRIVNINGSKLAR_ATERKALLAD",
        {"/innehall/nyttBeraknatUtskrivningsdatum": "2025-01-22"},
        [("/innehall/nyttBeraknatUtskrivningsdatum", "range")],
    ),
    Row(
        "neither discharge nor arrival time",
        "UTSKRIVNINGSTIDPUNKT",
        {"/innehall/utskrivningstid": DELETE, "/innehall/ankomstHem": DELETE},
        [("/innehall/utskrivningstid", "required")],
    ),
    Row(
        "discharge time from outpatient care",
        "UTSKRIVNINGSTIDPUNKT",
        {"/avsandare": OTHER_CLINIC},
        [("/avsandare/verksamhet", "rule")],
    ),
    Row(
        "time frame ends before it starts",
        "ATGARDSBEGARAN_OPPENVARD",
        {"/innehall/tidsram/till": "2025-01-23"},
        [("/innehall/tidsram/till", "range")],
    ),
    Row(
        "six attachments",
        "UTSKRIVNINGSMEDDELANDE",
        {"/innehall/bilagor": [valid("GENERELLT_MEDDELANDE")["innehall"]["bilagor"][0]] * 6},
        [("/innehall/bilagor", "cardinality")],
    ),
    Row(
        "attachment of type gif",
        "UTSKRIVNINGSMEDDELANDE",
        {"/innehall/bilagor/0/mimetyp": "image/gif"},
        [("/innehall/bilagor/0/mimetyp", "enum")],
    ),
    Row(
        "base64 without padding",
        "UTSKRIVNINGSMEDDELANDE",
        {"/innehall/bilagor/0/data": "SGVqIQ"},
        [("/innehall/bilagor/0/data", "format")],
    ),
    Row(
        "base64 empty",
        "UTSKRIVNINGSMEDDELANDE",
        {"/innehall/bilagor/0/data": ""},
        [("/innehall/bilagor/0/data", "format")],
    ),
    Row(
        "summary of 20001 code points",
        "UTSKRIVNINGSMEDDELANDE",
        {"/innehall/sammanfattning": "s" * 20001},
        [("/innehall/sammanfattning", "length")],
    ),
    Row(
        "SIP without confirmed consent",
        "SIP_UPPRATTAD",
        {"/innehall/samtyckeBekraftat": False},
        [("/innehall/samtyckeBekraftat", "consent-required")],
    ),
    Row("SIP without measures", "SIP_UPPRATTAD", {"/innehall/insatser": []}, [("/innehall/insatser", "cardinality")]),
    Row(
        "SIP follow-up without consent",
        "SIP_UPPFOLJNING",
        {"/innehall/samtyckeBekraftat": False},
        [("/innehall/samtyckeBekraftat", "consent-required")],
    ),
    Row(
        "death after skapad",
        "AVLIDEN",
        {"/innehall/dodstidpunkt": "2025-01-23T16:49:00+01:00"},
        [("/innehall/dodstidpunkt", "range")],
    ),
    Row(
        "death reported by outpatient care",
        "AVLIDEN",
        {"/avsandare": OTHER_CLINIC},
        [("/avsandare/verksamhet", "rule")],
    ),
    Row(
        "OVRIGT without orsakText",
        "PROCESS_AVSLUTAD",
        {"/innehall/orsakText": DELETE},
        [("/innehall/orsakText", "required")],
    ),
    Row(
        "GRA closed for another reason",
        "PROCESS_AVSLUTAD-gra-reservnummer",
        {"/innehall/orsak": "FELREGISTRERAT"},
        [("/arende/spar", "rule")],
    ),
    Row(
        "PERMISSION without a period",
        "GENERELLT_MEDDELANDE",
        {"/innehall/kategori": "PERMISSION"},
        [("/innehall/permission", "required")],
    ),
    Row(
        "leave ends when it starts",
        "GENERELLT_MEDDELANDE-permission",
        {"/innehall/permission/till": "2025-01-24T14:00:00Z"},
        [("/innehall/permission/till", "range")],
    ),
    Row(
        "harm assessment in social services",
        "SAMTYCKE_ANDRAT",
        {"/innehall/sektor": "SOCIALTJANST", "/innehall/status": "MENPROVNING_HINDRAR"},
        [("/innehall/status", "rule")],
    ),
    Row(
        "social welfare board for inpatient care",
        "SAMTYCKE_ANDRAT",
        {"/innehall/lamnatAv": "SOCIALNAMNDEN"},
        [("/innehall/lamnatAv", "rule")],
    ),
    Row(
        "a purpose twice",
        "SAMTYCKE_ANDRAT",
        {"/innehall/avser/-": "INFORMATIONSUTBYTE"},
        [("/innehall/avser/2", "duplicate")],
    ),
    Row("purposes empty", "SAMTYCKE_ANDRAT", {"/innehall/avser": []}, [("/innehall/avser", "cardinality")]),
    Row(
        "an empty personal-data update",
        "PERSONUPPGIFTER_UPPDATERADE",
        {"/innehall": {}},
        [("/innehall", "cardinality")],
    ),
    Row(
        "interpreter needed, no language",
        "PERSONUPPGIFTER_UPPDATERADE",
        {"/innehall/tolkbehov/sprak": DELETE},
        [("/innehall/tolkbehov/sprak", "required")],
    ),
    Row(
        "language code in upper case",
        "PERSONUPPGIFTER_UPPDATERADE",
        {"/innehall/tolkbehov/sprak": "FI"},
        [("/innehall/tolkbehov/sprak", "format")],
    ),
    Row(
        "e-mail without a top-level domain",
        "PERSONUPPGIFTER_UPPDATERADE",
        {"/innehall/epost": "tolvan@example"},
        [("/innehall/epost", "format")],
    ),
    Row(
        "phone with six digits",
        "PERSONUPPGIFTER_UPPDATERADE",
        {"/innehall/telefon": "+467012"},
        [("/innehall/telefon", "format")],
    ),
    Row(
        "personal data from a municipality",
        "PERSONUPPGIFTER_UPPDATERADE",
        {"/avsandare": OTHER_MUNICIPALITY},
        [("/avsandare/verksamhet", "rule")],
    ),
]

ROWS = ENVELOPE_ROWS + ADMISSION_ROWS + TYPE_ROWS


BODY_ROWS = ADMISSION_ROWS + TYPE_ROWS


@pytest.mark.parametrize("row", BODY_ROWS, ids=[row.case for row in BODY_ROWS])
def test_one_body_defect_gives_exactly_the_documented_error(row: Row) -> None:
    assert errors_of(edited(valid(row.base), row.edits)) == row.expected


def test_every_base_fixture_is_valid_before_its_defect() -> None:
    assert {row.base: errors_of(valid(row.base)) for row in ROWS} == {row.base: [] for row in ROWS}


def test_the_tables_cover_every_code_of_section_7_6() -> None:
    parser_codes = {code for row in ROWS for _, code in row.expected}
    parser_codes |= {code for *_, expected in STEP_ONE_ROWS for _, code in expected} | {"too-large"}
    transport_codes = {"id-conflict", "media-type", "sender-not-authorised"}  # test_transport_and_ack
    assert parser_codes | transport_codes == {code.value for code in ErrorCode}
