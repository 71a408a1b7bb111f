"""P-NAT (§5.3) and VAR (§5.7): the §5.8 examples NAT-1…NAT-5, tariffs, payer, effective dates, exclusions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from discharge.liability.compute import DailyAmounts, compute_liability
from discharge.liability.errors import (
    InvalidStayError,
    MissingDailyAmountError,
    RegionMismatchError,
    RuleNotInForceError,
)
from discharge.liability.model import Leave, Month, Payer, Placement, RfdNotice, Stay
from discharge.liability.preconditions import nat_preconditions
from discharge.regions import Region
from tests.unit.discharge.test_liability_builders import HEALTH_CARE, OUTPATIENT_ONLY, SOCIAL_ONLY, at, stay

MARCH = Month(2025, 3)
R = Decimal("7470")  # an illustrative daily amount; the spec gives none (P-GEN-03)
TARIFF: DailyAmounts = {(2025, "somatic"): R, (2025, "psychiatric"): Decimal("9000")}


def nat_1(region: Region = Region.NAT, **facts: Any) -> Stay:
    """NAT-1: DC-7 (RFD Mon 2025-03-03 15:00, discharged Sat 03-08); M-01 03-01; health-care needs; M-10 03-05."""
    base = stay(
        "nat-1",
        region=region,
        rfd="2025-03-03 15:00",
        end="2025-03-08",
        needs=HEALTH_CARE,
        admission_notice_sent_at=at("2025-03-01 10:00"),
        sip_required=True,
        sip_invitation_sent_at=at("2025-03-05 10:00"),
    )
    return replace(base, **facts)


@pytest.mark.parametrize(
    ("subject", "expected_days", "failed_rule"),
    [
        pytest.param(nat_1(), Decimal(2), None, id="NAT-1-liable-days-4-and-5"),
        pytest.param(nat_1(sip_invitation_sent_at=None), Decimal(0), "P-NAT-3", id="NAT-2-no-sip-invitation"),
        pytest.param(nat_1(end_at=at("2025-03-06")), Decimal(0), None, id="NAT-3-n-3-within-free-days"),
        pytest.param(nat_1(admission_notice_sent_at=None), Decimal(0), "P-NAT-1", id="NAT-4-no-admission-notice"),
    ],
)
def test_p_nat_examples_nat_1_to_nat_4_charge_from_day_4_only_when_preconditions_hold(
    subject: Stay, expected_days: Decimal, failed_rule: str | None
) -> None:
    episode = compute_liability(Region.NAT, [subject], month=MARCH).episode("nat-1")
    assert episode.liable_days == expected_days
    assert [finding.rule for finding in episode.findings if not finding.met] == ([failed_rule] if failed_rule else [])


def nat_result(subject: Stay) -> tuple[Decimal, dict[str, bool]]:
    """The liable days of NAT-1's episode and each P-NAT finding's outcome."""
    episode = compute_liability(Region.NAT, [subject], month=MARCH).episode("nat-1")
    return episode.liable_days, {finding.rule: finding.met for finding in episode.findings}


def test_p_nat_1_the_admission_notice_must_be_sent_before_the_stay_ends_but_need_not_be_in_time() -> None:
    after_the_notice = nat_1(admission_notice_sent_at=at("2025-03-05 10:00"))  # after M-12: late, still sent
    assert nat_result(after_the_notice) == (Decimal(2), {"P-NAT-1": True, "P-NAT-2": True, "P-NAT-3": True})
    after_discharge = nat_1(admission_notice_sent_at=at("2025-03-08 10:01"))  # discharged 10:00
    assert nat_result(after_discharge) == (Decimal(0), {"P-NAT-1": False, "P-NAT-2": True, "P-NAT-3": True})
    explanation = compute_liability(Region.NAT, [after_discharge], month=MARCH).episode("nat-1").explanation
    assert "P-NAT-1 not met (admission notice (M-01) sent)" in explanation


def test_p_nat_2_the_notice_send_time_starts_the_clock_and_without_a_notice_nothing_is_liable() -> None:
    assessed_earlier = RfdNotice(at("2025-03-03 15:00"), assessed_at=at("2025-03-01 09:00"))
    episode = compute_liability(Region.NAT, [nat_1(rfd_notices=(assessed_earlier,))], month=MARCH).episode("nat-1")
    assert episode.day_zero == date(2025, 3, 3)  # the M-12 date, not the assessment (only BLE counts from that)
    assert [day.date for day in episode.days] == [date(2025, 3, 7), date(2025, 3, 8)]
    never_ready = compute_liability(Region.NAT, [nat_1(rfd_notices=())], month=MARCH)
    assert never_ready.groups == ()
    assert never_ready.liable_days == 0
    assert "never declared ready" in never_ready.excluded[0].reason
    subject = nat_1()
    late_notice = RfdNotice(at("2025-03-08 11:00"))  # after the end of the stay
    findings = {f.rule: f.met for f in nat_preconditions(subject, late_notice, at("2025-03-08"))}
    assert findings["P-NAT-2"] is False


def test_p_nat_3_a_sip_invitation_by_the_end_is_needed_only_with_continued_health_care_needs() -> None:
    no_sip_needed = nat_1(needs=SOCIAL_ONLY, sip_required=False, sip_invitation_sent_at=None)
    assert nat_result(no_sip_needed) == (Decimal(2), {"P-NAT-1": True, "P-NAT-2": True, "P-NAT-3": True})
    # «Vid behov av hälso- och sjukvårdsinsatser»: the needs decide, not a regional SIP plan (e.g. VAR Gul, to offer)
    planned_to_offer = nat_1(sip_required=False, sip_invitation_sent_at=None)
    assert nat_result(planned_to_offer) == (Decimal(0), {"P-NAT-1": True, "P-NAT-2": True, "P-NAT-3": False})
    invited_after_discharge = nat_1(sip_invitation_sent_at=at("2025-03-09 09:00"))
    assert nat_result(invited_after_discharge) == (
        Decimal(0),
        {"P-NAT-1": True, "P-NAT-2": True, "P-NAT-3": False},
    )
    # «Ingen koppling till genomförandet»: the invitation is enough, the SIP itself need not have been held.
    invited_on_discharge_day = nat_1(sip_invitation_sent_at=at("2025-03-08 09:00"))
    assert nat_result(invited_on_discharge_day)[0] == Decimal(2)


def test_p_gen_04_weekend_days_are_free_days_and_liable_days_like_any_other() -> None:
    # RFD Wed 2025-03-05; day 3 is Saturday (free), day 4 Sunday and day 5 Monday are liable.
    over_a_weekend = nat_1(rfd_notices=(RfdNotice(at("2025-03-05 15:00")),), end_at=at("2025-03-10"))
    episode = compute_liability(Region.NAT, [over_a_weekend], month=MARCH).episode("nat-1")
    assert episode.ready_days == 5
    assert [(day.date.isoweekday(), day.day_number) for day in episode.days] == [(7, 4), (1, 5)]


def test_p_nat_example_nat_1_charges_2025_03_07_and_08_at_2r() -> None:
    report = compute_liability(Region.NAT, [nat_1()], month=MARCH, daily_amounts=TARIFF)
    episode = report.episode("nat-1")
    assert [(day.date, day.day_number, day.portion, day.rule) for day in episode.days] == [
        (date(2025, 3, 7), 4, Decimal(1), "P-NAT"),
        (date(2025, 3, 8), 5, Decimal(1), "P-NAT"),
    ]
    assert episode.amount == 2 * R
    assert report.groups[0].amount == 2 * R
    assert report.by_payer() == {Payer("Kumla"): Decimal(2)}
    assert report.amounts_by_payer() == {Payer("Kumla"): 2 * R}
    assert compute_liability(Region.NAT, [nat_1()], month=MARCH).amounts_by_payer() == {Payer("Kumla"): None}
    assert report.by_patient() == {(Payer("Kumla"), "patient-nat-1"): Decimal(2)}


def test_p_gen_01_example_nat_5_outpatient_only_needs_are_never_liable() -> None:
    report = compute_liability(Region.NAT, [nat_1(needs=OUTPATIENT_ONLY)], month=MARCH)
    assert report.groups == ()
    assert [(e.case_id, e.rule) for e in report.excluded] == [("nat-1", "P-GEN-01")]
    assert report.liable_days == 0


def test_p_var_section_5_7_applies_nat() -> None:
    report = compute_liability(Region.VAR, [nat_1(Region.VAR)], month=MARCH)
    assert report.rule == "P-NAT"
    assert report.episode("nat-1").liable_days == 2
    assert "§5.7" in report.groups[0].explanation


def test_p_gen_05_placing_municipality_pays() -> None:
    placed = nat_1(placement=Placement(Payer("Örebro"), municipality_of_stay="Kumla", housing="LSS"))
    assert compute_liability(Region.NAT, [placed], month=MARCH).by_payer() == {Payer("Örebro"): Decimal(2)}


def test_amb_25_leave_days_are_marked_but_do_not_change_the_charge() -> None:
    on_leave = nat_1(leaves=(Leave(at("2025-03-07 07:00"), at("2025-03-07 20:00")),))
    days = compute_liability(Region.NAT, [on_leave], month=MARCH).episode("nat-1").days
    assert [(day.date, day.on_leave) for day in days] == [(date(2025, 3, 7), True), (date(2025, 3, 8), False)]


def test_amb_26_death_ends_the_episode_and_counts_transfer_excludes_it() -> None:
    deceased = nat_1(end_reason="deceased")
    transferred = replace(nat_1(end_reason="transferred"), case_id="moved")
    report = compute_liability(Region.NAT, [deceased, transferred], month=MARCH)
    assert report.episode("nat-1").liable_days == 2
    assert [(e.case_id, e.rule) for e in report.excluded] == [("moved", "AMB-26")]


def test_amb_04_open_stays_are_pending_and_other_months_are_ignored() -> None:
    still_inpatient = replace(nat_1(), case_id="open", end_at=None, home_ready_confirmed_at=None)
    april = replace(nat_1(), case_id="april", end_at=at("2025-04-02"))
    report = compute_liability(Region.NAT, [still_inpatient, april], month=MARCH)
    assert report.pending == ("open",)
    assert report.groups == ()


def test_discharged_after_revocation_without_a_new_notice_is_excluded() -> None:
    revoked = (RfdNotice(at("2025-03-03 15:00"), revoked_at=at("2025-03-04 09:00")),)
    report = compute_liability(Region.NAT, [nat_1(rfd_notices=revoked)], month=MARCH)
    assert report.groups == ()
    assert report.excluded[0].rule == "AMB-26"


def test_p_gen_03_a_tariff_table_without_the_year_is_an_error() -> None:
    with pytest.raises(MissingDailyAmountError, match="2025 somatic"):
        compute_liability(Region.NAT, [nat_1()], month=MARCH, daily_amounts={(2024, "somatic"): R})


def test_amb_42_rules_are_not_applied_before_they_took_effect() -> None:
    with pytest.raises(RuleNotInForceError, match="2018-01"):
        compute_liability(Region.NAT, [], month=Month(2017, 12))


def test_amb_42_psychiatric_stays_before_2019_are_excluded() -> None:
    old = nat_1(
        care_type="psychiatric",
        rfd_notices=(RfdNotice(at("2018-03-05 09:00")),),
        end_at=at("2018-03-12"),
        admission_notice_sent_at=at("2018-03-01 09:00"),
    )
    report = compute_liability(Region.NAT, [old], month=Month(2018, 3))
    assert [(e.case_id, e.rule) for e in report.excluded] == [("nat-1", "AMB-42")]


def test_a_stay_of_another_region_is_refused() -> None:
    with pytest.raises(RegionMismatchError):
        compute_liability(Region.ORE, [nat_1()], month=MARCH)


def test_the_same_case_twice_is_refused() -> None:
    with pytest.raises(InvalidStayError, match="given twice"):
        compute_liability(Region.NAT, [nat_1(), nat_1()], month=MARCH)
