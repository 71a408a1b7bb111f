"""Per-type rules of §9 and the children rules of §7.4 at their boundaries (what is still accepted, and the
Stockholm-date cases where the offset of a timestamp decides)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.unit.adapters.cosmic_link.support import (
    ADMISSION,
    DELETE,
    STO_ADULT,
    error_pairs,
    load,
    mutated,
    parse_value,
)

INPATIENT_SENDER = {
    "id": {"root": "1.2.752.129.2.1.4.1", "extension": "SE2321000156-BUP3"},
    "name": "BUP avdelning 3",
    "principal": "REGION",
    "careSetting": "INPATIENT",
}

ACCEPTED = [
    (
        "need identified at the moment of admission",
        ADMISSION,
        [("/body/needIdentifiedAt", "2025-03-02T21:30:00+01:00")],
    ),
    (
        "VAR readmission under ÖPT: decision + 4 days (R-18)",
        ADMISSION,
        [("/episode/legalBasis/type", "OPT"), ("/body/estimatedDischargeDate", "2025-03-07")],
    ),
    (
        "the statutory estimate applies to VAR only",
        ADMISSION,
        [
            ("/episode/regionProfile", "ORE"),
            ("/episode/process", "RED"),
            ("/body/estimatedDischargeDate", "2025-03-20"),
        ],
    ),
    (
        "STO without consent needs no physician or reason",
        STO_ADULT,
        [("/body/consentStatus", "REFUSED"), ("/body/responsiblePhysician", DELETE), ("/body/admissionReason", DELETE)],
    ),
    ("a child's non-admission message may omit guardians", "referral", []),
    (
        "inpatient care may answer a SIP invitation",
        "acknowledgement-sip-invitation",
        [("/header/sender", INPATIENT_SENDER), ("/body/response", "WILL_ATTEND")],
    ),
    ("ORE children's clinic assigns the care contact (ORE-C)", "care-contact-assigned-ore-inpatient", []),
    (
        "a non-physician care contact",
        "care-contact-assigned",
        [("/body/careContact/licensedPhysician", False), ("/body/careContact/profession", "NURSE")],
    ),
    (
        "any reference event outside VAR",
        "status-before-discharge",
        [("/episode/regionProfile", "ORE"), ("/episode/process", "RED"), ("/body/referenceEvent", "PLANNED_SIP")],
    ),
    (
        "any reference event without a process",
        "status-before-discharge",
        [("/episode/process", DELETE), ("/episode/legalBasis", DELETE), ("/body/referenceEvent", "PLANNED_SIP")],
    ),
    ("a meeting one second after createdAt", "sip-invitation", [("/body/meetingAt", "2025-03-06T13:00:01+01:00")]),
    ("absent sipType is SIP, any location", "sip-invitation", [("/body/sipType", DELETE), ("/body/location", "HOME")]),
    (
        "ready assessed at createdAt",
        "discharge-ready-with-criteria",
        [("/body/assessedReadyAt", "2025-02-09T10:00:00Z")],
    ),
    (
        "ÖPT not applied needs no court date",
        "example:discharge-ready-opt-after-dst",
        [("/body/optApplication", {"applied": False})],
    ),
    (
        "new estimate on the Stockholm date of the revocation",
        "discharge-ready-revoked",
        [("/body/revokedAt", "2025-02-08T23:30:00Z"), ("/body/newEstimatedDischargeDate", "2025-02-09")],
    ),
    (
        "discharge time alone",
        "home-arrival-time",
        [("/body/arrivalHomeAt", DELETE), ("/body/dischargeAt", "2025-04-01T10:00:00+02:00")],
    ),
    ("deceased at createdAt", "patient-deceased", [("/body/deceasedAt", "2025-02-12T06:00:00+01:00")]),
    ("a SIP closure without interventions", "sip-followed-up", [("/body/event", "CLOSED")]),
    ("an LPT plan with psychiatric care and no legal basis", "lpt-coordinated-plan", [("/episode/legalBasis", DELETE)]),
    ("a harm assessment by health care", "consent-withdrawn-adult", [("/body/status", "HARM_ASSESSMENT_DENIES")]),
    ("GREY closing an out-of-scope case", "episode-closed-out-of-scope", []),
    (
        "a REGION party may name its municipality",
        ADMISSION,
        [("/header/sender/municipality", {"code": "1780", "codeSystem": "1.2.752.129.2.2.1.17"})],
    ),
    (
        "maturity not assessed needs no assessor",
        ADMISSION,
        [("/patient/maturityAssessment", {"level": "NOT_ASSESSED"})],
    ),
]


@pytest.mark.parametrize(("name", "base", "changes"), ACCEPTED, ids=[case[0] for case in ACCEPTED])
def test_accepted_at_the_boundary_of_a_rule(name, base, changes):
    assert error_pairs(parse_value(mutated(load(base), *changes))) == []


def test_the_estimate_is_compared_with_the_stockholm_date_of_admission_not_the_utc_date():
    # 23:30 UTC on 2 February is 00:30 on 3 February in Stockholm.
    base = mutated(load(STO_ADULT), ("/body/admittedAt", "2025-02-02T23:30:00Z"), ("/body/needIdentifiedAt", DELETE))

    same_utc_date = mutated(base, ("/body/estimatedDischargeDate", "2025-02-02"))
    stockholm_date = mutated(base, ("/body/estimatedDischargeDate", "2025-02-03"))

    assert error_pairs(parse_value(same_utc_date)) == [("/body/estimatedDischargeDate", "range")]
    assert error_pairs(parse_value(stockholm_date)) == []


def test_a_patient_turns_18_on_the_stockholm_date_of_created_at_even_in_summer_time():
    # 22:30 UTC on 16 September 2026 is 00:30 CEST on 17 September: Tyra (born 2008-09-17) is 18.
    base = load(ADMISSION)
    adult = mutated(
        base,
        ("/header/createdAt", "2026-09-16T22:30:00Z"),
        ("/body/admittedAt", "2026-09-16T21:00:00Z"),
        ("/body/needIdentifiedAt", DELETE),
        ("/episode/legalBasis/admissionDecisionDate", "2026-09-16"),
        ("/body/estimatedDischargeDate", "2026-09-30"),
    )
    still_a_child = mutated(adult, ("/header/createdAt", "2026-09-16T21:59:59Z"))

    later = datetime(2026, 9, 17, tzinfo=UTC)
    assert error_pairs(parse_value(adult, received_at=later)) == [
        ("/patient/guardians", "rule"),
        ("/patient/maturityAssessment", "rule"),
    ]
    assert error_pairs(parse_value(still_a_child, received_at=later)) == []


def test_an_adult_without_guardians_needs_none_in_an_admission_notification():
    assert error_pairs(parse_value(load(STO_ADULT))) == []
