"""Must-reject table, member checks: one defect per row gives exactly one error with the contract's code and
pointer (§7.1–§7.3, §7.5 steps 1–2, §7.6). Rows start from a valid fixture and change one thing."""

from __future__ import annotations

import pytest

from adapters.cosmic_link import ErrorCode
from tests.unit.adapters.cosmic_link.support import (
    ADMISSION,
    DELETE,
    SOCIAL,
    Row,
    assert_single_error,
    row,
)

E = ErrorCode

ROWS = [
    # §7.1 / §7.5 step 1 (JSON is fine, the top level is not)
    row("top level is an array", ADMISSION, at="", code=E.TYPE),
    row("header missing", ADMISSION, ("/header", DELETE), at="/header", code=E.REQUIRED),
    row("header is null", ADMISSION, ("/header", None), at="/header", code=E.TYPE),
    row("version missing", ADMISSION, ("/header/version", DELETE), at="/header/version", code=E.REQUIRED),
    row("version is a number", ADMISSION, ("/header/version", 1.0), at="/header/version", code=E.TYPE),
    row("version 2.0", ADMISSION, ("/header/version", "2.0"), at="/header/version", code=E.UNSUPPORTED_VERSION),
    row("version without minor", ADMISSION, ("/header/version", "1"), at="/header/version", code=E.UNSUPPORTED_VERSION),
    row("version 1.0.1", ADMISSION, ("/header/version", "1.0.1"), at="/header/version", code=E.UNSUPPORTED_VERSION),
    row(
        "version fails, nothing else is checked",
        ADMISSION,
        ("/header/version", "0.9"),
        ("/patient", DELETE),
        ("/body/foo", 1),
        at="/header/version",
        code=E.UNSUPPORTED_VERSION,
    ),
    row("messageType missing", ADMISSION, ("/header/messageType", DELETE), at="/header/messageType", code=E.REQUIRED),
    row("messageType not a string", ADMISSION, ("/header/messageType", 7), at="/header/messageType", code=E.TYPE),
    row(
        "messageType is case-sensitive",
        ADMISSION,
        ("/header/messageType", "admissionNotification"),
        at="/header/messageType",
        code=E.UNKNOWN_TYPE,
    ),
    row(
        "unknown type stops validation",
        ADMISSION,
        ("/header/messageType", "Discharge"),
        ("/episode", DELETE),
        at="/header/messageType",
        code=E.UNKNOWN_TYPE,
    ),
    # type
    row("null member", ADMISSION, ("/body/consentStatus", None), at="/body/consentStatus", code=E.TYPE),
    row(
        "bool as string",
        ADMISSION,
        ("/patient/guardians/0/significantHarm", "false"),
        at="/patient/guardians/0/significantHarm",
        code=E.TYPE,
    ),
    row("object as array", ADMISSION, ("/episode/legalBasis", []), at="/episode/legalBasis", code=E.TYPE),
    row("array as object", ADMISSION, ("/header/receivers", {}), at="/header/receivers", code=E.TYPE),
    row(
        "integer as string", "sip-invitation", ("/body/durationMinutes", "90"), at="/body/durationMinutes", code=E.TYPE
    ),
    row(
        "integer with a fraction",
        "sip-invitation",
        ("/body/durationMinutes", 90.5),
        at="/body/durationMinutes",
        code=E.TYPE,
    ),
    row("bool as integer", "referral", ("/header/receivers/0/name", True), at="/header/receivers/0/name", code=E.TYPE),
    # required
    row("patient missing", ADMISSION, ("/patient", DELETE), at="/patient", code=E.REQUIRED),
    row("body missing", ADMISSION, ("/body", DELETE), at="/body", code=E.REQUIRED),
    row(
        "estimated date missing (M-01)",
        ADMISSION,
        ("/body/estimatedDischargeDate", DELETE),
        at="/body/estimatedDischargeDate",
        code=E.REQUIRED,
    ),
    row("II root missing", ADMISSION, ("/header/sender/id/root", DELETE), at="/header/sender/id/root", code=E.REQUIRED),
    row(
        "guardian name missing",
        ADMISSION,
        ("/patient/guardians/1/name", DELETE),
        at="/patient/guardians/1/name",
        code=E.REQUIRED,
    ),
    # unknown-member
    row("unknown body member", ADMISSION, ("/body/foo", 1), at="/body/foo", code=E.UNKNOWN_MEMBER),
    row(
        "member of another type",
        ADMISSION,
        ("/body/acknowledgedAt", "2025-03-03T12:00:00Z"),
        at="/body/acknowledgedAt",
        code=E.UNKNOWN_MEMBER,
    ),
    row("unknown top-level member", ADMISSION, ("/extra", {}), at="/extra", code=E.UNKNOWN_MEMBER),
    row("pointer escapes ~ and /", ADMISSION, ("/header/a~1b~0c", "x"), at="/header/a~1b~0c", code=E.UNKNOWN_MEMBER),
    row(
        "unknown member in a nested object",
        ADMISSION,
        ("/patient/name/middle", "Maria"),
        at="/patient/name/middle",
        code=E.UNKNOWN_MEMBER,
    ),
    # enum
    row("consent not in §10", ADMISSION, ("/body/consentStatus", "YES"), at="/body/consentStatus", code=E.ENUM),
    row(
        "care setting unknown",
        ADMISSION,
        ("/header/sender/careSetting", "HOSPITAL"),
        at="/header/sender/careSetting",
        code=E.ENUM,
    ),
    row("process of another region", ADMISSION, ("/episode/process", "BLUE"), at="/episode/process", code=E.ENUM),
    row(
        "proposed process of another region",
        "status-before-admission",
        ("/body/proposedProcess", "GREY"),
        at="/body/proposedProcess",
        code=E.ENUM,
    ),
    row(
        "attachment type",
        "general-message",
        ("/body/attachments/0/contentType", "application/zip"),
        at="/body/attachments/0/contentType",
        code=E.ENUM,
    ),
    # format
    row("messageId not a UUID", ADMISSION, ("/header/messageId", "db589bdd"), at="/header/messageId", code=E.FORMAT),
    row(
        "nil UUID",
        ADMISSION,
        ("/episode/episodeId", "00000000-0000-0000-0000-000000000000"),
        at="/episode/episodeId",
        code=E.FORMAT,
    ),
    row(
        "lower-case t",
        ADMISSION,
        ("/header/createdAt", "2025-03-03t12:00:00+01:00"),
        at="/header/createdAt",
        code=E.FORMAT,
    ),
    row("no seconds", ADMISSION, ("/body/admittedAt", "2025-03-02T21:30+01:00"), at="/body/admittedAt", code=E.FORMAT),
    row("no offset", ADMISSION, ("/body/admittedAt", "2025-03-02T21:30:00"), at="/body/admittedAt", code=E.FORMAT),
    row(
        "offset above 14:00",
        ADMISSION,
        ("/body/admittedAt", "2025-03-02T21:30:00+14:30"),
        at="/body/admittedAt",
        code=E.FORMAT,
    ),
    row(
        "seven fraction digits",
        ADMISSION,
        ("/body/admittedAt", "2025-03-02T21:30:00.1234567Z"),
        at="/body/admittedAt",
        code=E.FORMAT,
    ),
    row("25 o'clock", ADMISSION, ("/body/admittedAt", "2025-03-02T25:30:00Z"), at="/body/admittedAt", code=E.FORMAT),
    row(
        "not a real date",
        ADMISSION,
        ("/body/estimatedDischargeDate", "2025-02-29"),
        at="/body/estimatedDischargeDate",
        code=E.FORMAT,
    ),
    row(
        "date with time",
        ADMISSION,
        ("/patient/birthDate", "2008-09-17T00:00:00Z"),
        at="/patient/birthDate",
        code=E.FORMAT,
    ),
    row(
        "phone with spaces",
        ADMISSION,
        ("/patient/guardians/0/phone", "+46 70 174 06 91"),
        at="/patient/guardians/0/phone",
        code=E.FORMAT,
    ),
    row(
        "postal code starting with 0",
        ADMISSION,
        ("/patient/registeredAddress/postalCode", "05224"),
        at="/patient/registeredAddress/postalCode",
        code=E.FORMAT,
    ),
    row("OID not dotted decimal", ADMISSION, ("/patient/id/root", "1.2.752.x"), at="/patient/id/root", code=E.FORMAT),
    row(
        "base64 without padding",
        "general-message",
        ("/body/attachments/0/data", "RmFtaWx"),
        at="/body/attachments/0/data",
        code=E.FORMAT,
    ),
    row(
        "empty base64",
        "general-message",
        ("/body/attachments/0/data", ""),
        at="/body/attachments/0/data",
        code=E.FORMAT,
    ),
    row(
        "HSA-id without unit",
        ADMISSION,
        ("/header/sender/id/extension", "SE2321000156"),
        at="/header/sender/id/extension",
        code=E.FORMAT,
    ),
    row(
        "HSA-id over 31 characters",
        ADMISSION,
        ("/header/sender/id/extension", "SE2321000156-" + "A" * 19),
        at="/header/sender/id/extension",
        code=E.FORMAT,
    ),
    row(
        "municipality code of 5 digits",
        ADMISSION,
        ("/patient/registeredAddress/municipality/code", "17800"),
        at="/patient/registeredAddress/municipality/code",
        code=E.FORMAT,
    ),
    row(
        "personnummer century 17",
        ADMISSION,
        ("/patient/id/extension", "170809172380"),
        at="/patient/id/extension",
        code=E.FORMAT,
    ),
    row(
        "personnummer date does not exist",
        ADMISSION,
        ("/patient/guardians/0/id/extension", "197602302380"),
        at="/patient/guardians/0/id/extension",
        code=E.FORMAT,
    ),
    row(
        "samordningsnummer day 59",
        ADMISSION,
        ("/patient/guardians/0/id", {"root": "1.2.752.129.2.1.3.3", "extension": "197603592380"}),
        at="/patient/guardians/0/id/extension",
        code=E.FORMAT,
    ),
    row(
        "national reserve number with I",
        ADMISSION,
        ("/patient/guardians/0/id", {"root": "1.2.752.74.9.1", "extension": "20080917IA12"}),
        at="/patient/guardians/0/id/extension",
        code=E.FORMAT,
    ),
    row(
        "regional reserve number lower case",
        ADMISSION,
        ("/patient/guardians/0/id", {"root": "1.2.752.74.9.2", "extension": "abc123"}),
        at="/patient/guardians/0/id/extension",
        code=E.FORMAT,
    ),
    # checksum
    row(
        "personnummer Luhn digit",
        ADMISSION,
        ("/patient/guardians/0/id/extension", "197603022381"),
        at="/patient/guardians/0/id/extension",
        code=E.CHECKSUM,
    ),
    row(
        "HSA organisation number Luhn digit",
        ADMISSION,
        ("/header/sender/id/extension", "SE2321000157-BUP7"),
        at="/header/sender/id/extension",
        code=E.CHECKSUM,
    ),
    # unknown-code
    row(
        "unknown person root",
        ADMISSION,
        ("/patient/id/root", "1.2.752.129.2.1.3.2"),
        at="/patient/id/root",
        code=E.UNKNOWN_CODE,
    ),
    row(
        "HSA root not the HSA OID",
        ADMISSION,
        ("/header/receivers/1/id/root", "1.2.752.129.2.1.4.2"),
        at="/header/receivers/1/id/root",
        code=E.UNKNOWN_CODE,
    ),
    row(
        "municipality not in Appendix A",
        ADMISSION,
        ("/header/receivers/0/municipality/code", "1799"),
        at="/header/receivers/0/municipality/code",
        code=E.UNKNOWN_CODE,
    ),
    row(
        "municipality code system",
        ADMISSION,
        ("/patient/registeredAddress/municipality/codeSystem", "1.2.3"),
        at="/patient/registeredAddress/municipality/codeSystem",
        code=E.UNKNOWN_CODE,
    ),
    # length
    row("empty text", ADMISSION, ("/header/sender/name", ""), at="/header/sender/name", code=E.LENGTH),
    row("blank text", ADMISSION, ("/patient/name/given", "   "), at="/patient/name/given", code=E.LENGTH),
    row("ShortText(200) + 1", ADMISSION, ("/header/sender/name", "a" * 201), at="/header/sender/name", code=E.LENGTH),
    row(
        "length counts code points, not UTF-16 units",
        ADMISSION,
        ("/patient/name/family", "😀" * 101),
        at="/patient/name/family",
        code=E.LENGTH,
    ),
    row("Text(500) + 1", ADMISSION, ("/body/admissionReason", "ä" * 501), at="/body/admissionReason", code=E.LENGTH),
    # cardinality
    row("no receivers", ADMISSION, ("/header/receivers", []), at="/header/receivers", code=E.CARDINALITY),
    row(
        "21 receivers",
        ADMISSION,
        (
            "/header/receivers",
            [{**SOCIAL, "id": {"root": "1.2.752.129.2.1.4.1", "extension": f"SE2120001777-U{i}"}} for i in range(21)],
        ),
        at="/header/receivers",
        code=E.CARDINALITY,
    ),
    row("no services needed", ADMISSION, ("/body/servicesNeeded", []), at="/body/servicesNeeded", code=E.CARDINALITY),
    row(
        "five guardians",
        ADMISSION,
        (
            "/patient/guardians",
            [{"name": {"given": "A", "family": "B"}, "consent": "GIVEN", "significantHarm": False}] * 5,
        ),
        at="/patient/guardians",
        code=E.CARDINALITY,
    ),
    row("empty purposes", "consent-changed", ("/body/purposes", []), at="/body/purposes", code=E.CARDINALITY),
    # duplicate
    row(
        "repeated code",
        ADMISSION,
        ("/body/servicesNeeded/-", "SOCIAL_SERVICES"),
        at="/body/servicesNeeded/2",
        code=E.DUPLICATE,
    ),
    row("repeated receiver", ADMISSION, ("/header/receivers/-", SOCIAL), at="/header/receivers/2/id", code=E.DUPLICATE),
    # invalid-char
    row(
        "line break in ShortText",
        ADMISSION,
        ("/patient/name/family", "Lind\nholm"),
        at="/patient/name/family",
        code=E.INVALID_CHAR,
    ),
    row(
        "tab in ShortText",
        ADMISSION,
        ("/patient/name/family", "Lind\tholm"),
        at="/patient/name/family",
        code=E.INVALID_CHAR,
    ),
    row(
        "NUL in Text", ADMISSION, ("/body/admissionReason", "a\u0000b"), at="/body/admissionReason", code=E.INVALID_CHAR
    ),
    row(
        "C1 control in Text",
        ADMISSION,
        ("/body/admissionReason", "a\u0085b"),
        at="/body/admissionReason",
        code=E.INVALID_CHAR,
    ),
    row(
        "lone surrogate escape",
        ADMISSION,
        ("/body/admissionReason", "a\ud800b"),
        at="/body/admissionReason",
        code=E.INVALID_CHAR,
    ),
]


@pytest.mark.parametrize("case", ROWS, ids=[r.id for r in ROWS])
def test_one_defect_gives_exactly_one_error_at_the_contract_pointer(case: Row):
    assert_single_error(case)
