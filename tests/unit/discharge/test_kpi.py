"""KPIs of §6 from a collection of cases for one region and month (numerator / denominator per KPI)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from discharge.case import Case, new_case
from discharge.codes import ConsentStatus, Location
from discharge.event_base import DischargeEvent
from discharge.kpi import compute_kpis, ready_patients
from discharge.kpi_model import KpiReport, KpiValue
from discharge.liability import Month, Payer
from discharge.parties import Patient
from discharge.planning_events import StatusBeforeDischarge, StatusReference
from discharge.regions import Region, Track
from discharge.sip_events import ContactedParty, FollowUpContact, FollowUpOutcome
from tests.unit.discharge.factories import (
    ADULT,
    CHILD,
    PRIMARY_CARE,
    RECIPIENTS,
    T0,
    WARD,
    acknowledgement,
    admission_notice,
    at,
    care_contact,
    discharge_information,
    envelope,
    ready,
    run,
    sip_established,
    sip_invitation,
)

MARCH = Month(2025, 3)
NOW = at(2025, 3, 31, 12)


def _patient(number: str) -> Patient:
    """Tolvan's twins: fictitious, Luhn-valid test numbers born 1912-12-12."""
    return replace(ADULT, identifier=replace(ADULT.identifier, value=number))


PATIENT_B, PATIENT_C, PATIENT_E, PATIENT_F = map(
    _patient, ("191212129801", "191212129819", "191212129827", "191212129835")
)


def _case(case_id: str, *events: DischargeEvent) -> Case:
    return run(*events, case=new_case(case_id))


def _sto_cases() -> list[Case]:
    """A: on time, N = 2, SIP at home. B: RFD after 12:00, zero-day. C: late notice, no consent asked.
    D: readmission of A's patient. E: discharged without RFD. F: still ready for discharge."""
    a = admission_notice(case_id="A")
    case_a = _case(
        "A",
        a,
        *(acknowledgement(u, a, case_id="A") for u in RECIPIENTS),
        care_contact(case_id="A"),
        ready(case_id="A", sent_at=at(2025, 3, 7, 10)),
        sip_invitation(case_id="A", sent_at=at(2025, 3, 8, 9)),
        discharge_information(case_id="A", sent_at=at(2025, 3, 9, 11)),
        sip_established(case_id="A", sent_at=at(2025, 3, 14, 12)),
    )
    b = admission_notice(case_id="B", patient=PATIENT_B)
    case_b = _case(
        "B",
        b,
        *(acknowledgement(u, b, case_id="B") for u in RECIPIENTS),
        care_contact(case_id="B"),
        ready(case_id="B", sent_at=at(2025, 3, 10, 14)),
        discharge_information(case_id="B", sent_at=at(2025, 3, 11, 10)),
    )
    case_c = _case(
        "C",
        admission_notice(
            case_id="C", patient=PATIENT_C, sent_at=T0 + timedelta(hours=30), consent=ConsentStatus.NOT_ASKED
        ),
    )
    case_d = _case("D", admission_notice(case_id="D", admitted_at=at(2025, 3, 20, 9), sent_at=at(2025, 3, 20, 10)))
    e = admission_notice(case_id="E", patient=PATIENT_E)
    case_e = _case(
        "E",
        e,
        acknowledgement(PRIMARY_CARE, e, case_id="E"),
        care_contact(case_id="E"),
        discharge_information(case_id="E", sent_at=at(2025, 3, 6, 9)),
    )
    f = admission_notice(case_id="F", patient=PATIENT_F, admitted_at=at(2025, 3, 24, 9), sent_at=at(2025, 3, 24, 10))
    case_f = _case(
        "F", f, acknowledgement(PRIMARY_CARE, f, case_id="F"), ready(case_id="F", sent_at=at(2025, 3, 27, 9))
    )
    return [case_a, case_b, case_c, case_d, case_e, case_f]


@pytest.fixture(scope="module")
def sto_report() -> KpiReport:
    return compute_kpis(_sto_cases(), region=Region.STO, month=MARCH, now=NOW)


def _ratio(report: KpiReport, kpi: str) -> tuple[Decimal, int]:
    value = report.get(kpi)
    return value.numerator, value.denominator


def test_k01_average_days_after_rfd_against_the_sto_threshold(sto_report: KpiReport) -> None:
    k01 = sto_report.get("K-01")
    assert (k01.numerator, k01.denominator) == (2, 2)  # A: N = 2, B: N = 0 (F is still open, AMB-04)
    assert k01.value == 1
    assert k01.target == Decimal("1.3")
    assert k01.met is True


def test_k02_no_liability_days_while_sto_liability_is_switched_off(sto_report: KpiReport) -> None:
    assert _ratio(sto_report, "K-02") == (0, 2)  # AMB-30


def test_k03_readmission_within_30_days(sto_report: KpiReport) -> None:
    assert _ratio(sto_report, "K-03") == (1, 3)  # A readmitted as D; B and E not


def test_k04_zero_day_discharges_median_and_p90(sto_report: KpiReport) -> None:
    assert _ratio(sto_report, "K-04") == (1, 2)
    assert sto_report.ready_days == (0, 2)
    assert sto_report.ready_days_median == 1
    assert sto_report.ready_days_p90 == 2


def test_k05_payer_average_against_1_3(sto_report: KpiReport) -> None:
    assert _ratio(sto_report, "K-05") == (0, 1)
    (payer,) = sto_report.payers
    assert payer.payer == Payer("0180")
    assert payer.average == 1
    assert payer.threshold == Fraction(13, 10)
    assert payer.triggered is False


def test_k07_sip_held_in_the_home(sto_report: KpiReport) -> None:
    assert _ratio(sto_report, "K-07") == (1, 1)


def test_k10_admission_notice_within_24_hours(sto_report: KpiReport) -> None:
    assert _ratio(sto_report, "K-10") == (5, 6)  # C sent 30 h after admission


def test_k11_acknowledgements_within_24_weekday_hours(sto_report: KpiReport) -> None:
    # A and B: 3 on time each; E and F: 1 on time, 2 overdue; C and D: 3 overdue each
    assert _ratio(sto_report, "K-11") == (8, 18)


def test_k12_fvk_within_24_weekday_hours(sto_report: KpiReport) -> None:
    assert _ratio(sto_report, "K-12") == (3, 6)  # A, B, E appointed in time; C, D, F overdue


def test_k13_sip_invitation_within_three_days_of_rfd(sto_report: KpiReport) -> None:
    assert _ratio(sto_report, "K-13") == (1, 3)  # A on time; B and F overdue


def test_k15_discharge_information_by_the_end_of_the_discharge_day(sto_report: KpiReport) -> None:
    assert _ratio(sto_report, "K-15") == (3, 3)


def test_k17_rfd_after_noon_and_revocations(sto_report: KpiReport) -> None:
    assert _ratio(sto_report, "K-17") == (1, 3)  # B at 14:00
    assert _ratio(sto_report, "K-17b") == (0, 3)


def test_k19_live_unacknowledged_notices(sto_report: KpiReport) -> None:
    assert _ratio(sto_report, "K-19") == (10, 10)  # C, D: 3 each; E, F: 2 each


def test_k20_legal_basis_coverage(sto_report: KpiReport) -> None:
    assert _ratio(sto_report, "K-20") == (5, 6)
    assert sto_report.legal_basis_counts == (("consent", 5), ("unknown", 1))


def test_k21_data_quality(sto_report: KpiReport) -> None:
    assert _ratio(sto_report, "K-21") == (1, 3)  # E discharged without RFD
    assert sto_report.get("K-21").met is False
    assert _ratio(sto_report, "K-21b") == (0, 6)


def test_k18_live_list_of_ready_patients() -> None:
    (patient,) = ready_patients(_sto_cases(), region=Region.STO, now=NOW)
    assert patient.case_id == "F"
    assert patient.ready_days == 4  # day zero 2025-03-27 (before 12:00), now 2025-03-31
    assert patient.payer == Payer("0180")


def test_other_regions_and_months_are_left_out() -> None:
    report = compute_kpis(_sto_cases(), region=Region.STO, month=Month(2025, 4), now=NOW)
    assert _ratio(report, "K-01") == (0, 0)
    assert report.get("K-01").value is None
    assert _ratio(compute_kpis(_sto_cases(), region=Region.ORE, month=MARCH, now=NOW), "K-10") == (0, 0)


def _var_case() -> Case:
    notice = admission_notice(region=Region.VAR, track=Track.VAR_GUL, patient=CHILD)
    status = StatusBeforeDischarge(
        **envelope(
            WARD,
            RECIPIENTS,
            at(2025, 3, 8, 10),
            Region.VAR,
            reference=StatusReference.ESTIMATED_DISCHARGE,
            reference_date=date(2025, 3, 10),
            current_status="Stabil.",
        )
    )
    contact = FollowUpContact(
        **envelope(
            PRIMARY_CARE,
            (WARD,),
            at(2025, 3, 11, 9),
            Region.VAR,
            contacted_at=at(2025, 3, 11, 9),
            contacted_party=ContactedParty.GUARDIAN,
            outcome=FollowUpOutcome.NO_FURTHER_ACTION,
        )
    )
    return run(
        notice,
        acknowledgement(PRIMARY_CARE, notice),
        care_contact(region=Region.VAR),
        status,
        ready(region=Region.VAR, sent_at=at(2025, 3, 9, 15)),
        discharge_information(region=Region.VAR, sent_at=at(2025, 3, 10, 9)),
        contact,
    )


def test_var_status_message_follow_up_contact_and_average() -> None:
    report = compute_kpis([_var_case()], region=Region.VAR, month=MARCH, now=NOW)
    assert _ratio(report, "K-14") == (1, 1)  # M-07 on 03-08, window 03-07…03-09
    assert _ratio(report, "K-16") == (1, 1)  # contact 03-11, due 03-12
    assert report.get("K-01").target == 3
    assert _ratio(report, "K-01") == (1, 1)  # NAT counting for VAR (AMB-31): day zero 03-09
    assert report.get("K-06").kpi == "K-06"


def test_sip_held_at_the_hospital_before_discharge_is_not_in_the_home() -> None:
    first_steps = [entry.event for entry in _sto_cases()[0].history[:6]]  # A up to its RFD
    case = run(
        *first_steps,
        sip_invitation(case_id="A", location=Location.INPATIENT_WARD),
        sip_established(case_id="A", sent_at=at(2025, 3, 8, 12), meeting_date=date(2025, 3, 8)),
        case=new_case("A"),
    )
    report = compute_kpis([case], region=Region.STO, month=MARCH, now=NOW)
    assert _ratio(report, "K-07") == (0, 1)


def test_kpi_value_ratio_and_targets() -> None:
    share = KpiValue(
        kpi="K-99",
        title="t",
        rules=(),
        numerator=Decimal(9),
        denominator=10,
        target=Decimal("0.8"),
        target_is_minimum=True,
    )
    assert share.value == Fraction(9, 10)
    assert share.met is True
    assert replace(share, target=None).met is None
    assert replace(share, denominator=0).value is None
    assert replace(share, target_is_minimum=False).met is False


def test_k15_amb_dl_01_information_later_on_the_discharge_day_meets_the_kpi_but_misses_r12_in_var() -> None:
    steps = [entry.event for entry in _var_case().history if entry.event.type.value != "M-15"]
    late_same_day = discharge_information(
        region=Region.VAR, sent_at=at(2025, 3, 10, 15), discharged_at=at(2025, 3, 10, 10)
    )
    case = run(*steps[:5], late_same_day, case=new_case(steps[0].case_id))
    report = compute_kpis([case], region=Region.VAR, month=MARCH, now=NOW)
    assert _ratio(report, "K-15") == (1, 1)  # §6.2: «available by end of discharge day»
    next_day = discharge_information(region=Region.VAR, sent_at=at(2025, 3, 11, 8), discharged_at=at(2025, 3, 10, 10))
    late = run(*steps[:5], next_day, case=new_case(steps[0].case_id))
    assert _ratio(compute_kpis([late], region=Region.VAR, month=MARCH, now=NOW), "K-15") == (0, 1)
