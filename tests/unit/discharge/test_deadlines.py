"""Deadline rules R-01…R-30: ``deadlines_for`` and ``status``, the checks and guards, coverage periods, STO routine."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from discharge.calendar import STOCKHOLM, local_date
from discharge.day_zero import day_zero as rfd_day_zero
from discharge.deadlines import (
    CompulsoryCare,
    Deadline,
    DeadlineFacts,
    DeadlineKind,
    DeadlineStatus,
    NoticeRecipient,
    Party,
    Severity,
    coverage_periods,
    deadlines_for,
    is_basic_home_health_care,
    is_leave_day,
    is_met,
    issues_for,
    lila_estimated_discharge_date,
    message_read_deadline,
    ready_for_discharge_issues,
    status,
)
from discharge.regions import Region, RuleId, Track, rule_set_for


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0, us: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, us, tzinfo=STOCKHOLM)


def end_of(y: int, mo: int, d: int) -> datetime:
    return at(y, mo, d, 23, 59, 59, 999000)


def municipality(sent: datetime, received: datetime | None = None) -> NoticeRecipient:
    return NoticeRecipient(recipient="kommun-1", party=Party.MUNICIPALITY, sent_at=sent, received_at=received)


def outpatient(sent: datetime, received: datetime | None = None, name: str = "vc-1") -> NoticeRecipient:
    return NoticeRecipient(recipient=name, party=Party.OUTPATIENT, sent_at=sent, received_at=received)


def due(region: Region, rule: RuleId, **facts: Any) -> list[Deadline]:
    return [d for d in deadlines_for(DeadlineFacts(**facts), rule_set_for(region)) if d.rule is rule]


def only(region: Region, rule: RuleId, **facts: Any) -> Deadline:
    (deadline,) = due(region, rule, **facts)
    return deadline


BOTH: dict[str, Any] = {"needs_social_services": True, "needs_outpatient": True}
ADMITTED: dict[str, Any] = {"ward_admitted_at": at(2025, 3, 6, 9), "need_identified_at": at(2025, 3, 6, 9)}


# --- R-01 admission notice ---------------------------------------------------------------------------------------


def test_r01_notice_is_due_24_hours_after_ward_admission_when_the_need_is_known_at_admission() -> None:
    deadline = only(Region.STO, RuleId.R01, ward_admitted_at=at(2025, 3, 7, 10), need_identified_at=at(2025, 3, 7, 10))
    assert deadline.due == at(2025, 3, 8, 10)
    assert (deadline.kind, deadline.responsible, deadline.message) == (DeadlineKind.HARD, Party.INPATIENT, "M-01")


def test_r01_sto_time_in_the_emergency_department_before_ward_admission_does_not_count() -> None:
    deadline = only(Region.STO, RuleId.R01, ward_admitted_at=at(2025, 3, 7, 14), need_identified_at=at(2025, 3, 7, 8))
    assert deadline.due == at(2025, 3, 8, 14)


def test_r01_a_need_identified_later_in_the_stay_restarts_the_24_hours_from_the_judgement() -> None:
    deadline = only(Region.ORE, RuleId.R01, ward_admitted_at=at(2025, 3, 3, 9), need_identified_at=at(2025, 3, 5, 16))
    assert deadline.due == at(2025, 3, 6, 16)


def test_r01_24_hours_over_the_spring_dst_change_are_elapsed_hours() -> None:
    deadline = only(Region.VAR, RuleId.R01, need_identified_at=at(2025, 3, 29, 12))
    assert deadline.due == at(2025, 3, 30, 13)


def test_r01_is_not_determinable_before_the_need_is_identified() -> None:
    assert due(Region.NAT, RuleId.R01, ward_admitted_at=at(2025, 3, 7, 10)) == []


def test_r01_sto_gra_gets_no_case_and_no_deadlines_at_all() -> None:
    assert deadlines_for(DeadlineFacts(track=Track.STO_GRA, **ADMITTED), rule_set_for(Region.STO)) == []


# --- R-03 acknowledgements (STO) ---------------------------------------------------------------------------------


def test_r03_sto_acknowledgement_sent_friday_15_00_is_due_monday_15_00() -> None:
    deadline = only(Region.STO, RuleId.R03, notices=(municipality(at(2025, 3, 7, 15)),))
    assert deadline.due == at(2025, 3, 10, 15)
    assert (deadline.responsible, deadline.subject, deadline.message) == (Party.MUNICIPALITY, "kommun-1", "M-02")


def test_r03_sto_each_recipient_including_outpatient_care_acknowledges_from_its_own_receipt_amb18() -> None:
    notices = (municipality(at(2025, 3, 4, 10)), outpatient(at(2025, 3, 4, 10), received=at(2025, 3, 4, 11)))
    deadlines = {d.subject: d for d in due(Region.STO, RuleId.R03, notices=notices)}
    assert deadlines["kommun-1"].due == at(2025, 3, 5, 10)
    assert deadlines["vc-1"].due == at(2025, 3, 5, 11)
    assert deadlines["vc-1"].responsible is Party.OUTPATIENT


def test_r03_sto_acknowledgement_over_easter_2025_skips_good_friday_to_easter_monday() -> None:
    deadline = only(Region.STO, RuleId.R03, notices=(municipality(at(2025, 4, 17, 16)),))
    assert deadline.due == at(2025, 4, 22, 16)


@pytest.mark.parametrize("region", [Region.ORE, Region.VAR, Region.BLE, Region.NAT])
def test_r03_applies_only_in_sto(region: Region) -> None:
    assert due(region, RuleId.R03, notices=(municipality(at(2025, 3, 7, 15)),)) == []


# --- named care contact ------------------------------------------------------------------------------


def test_r05_sto_fvk_appointed_within_24_weekday_hours_of_outpatient_receipt() -> None:
    deadline = only(Region.STO, RuleId.R05, notices=(outpatient(at(2025, 3, 7, 15)),))
    assert (deadline.due, deadline.kind, deadline.responsible) == (
        at(2025, 3, 10, 15),
        DeadlineKind.HARD,
        Party.OUTPATIENT,
    )


def test_r06_sto_fvk_is_communicated_to_the_units_within_the_same_24_weekday_hours() -> None:
    deadline = only(Region.STO, RuleId.R06, notices=(outpatient(at(2025, 3, 7, 15)),))
    assert deadline.due == at(2025, 3, 10, 15)
    assert deadline.message == "M-04"


def test_r05_ore_fvk_within_three_calendar_days_to_the_end_of_the_day_amb13() -> None:
    deadline = only(Region.ORE, RuleId.R05, notices=(outpatient(at(2025, 3, 7, 10)),))
    assert (deadline.due, deadline.due_date, deadline.kind) == (
        end_of(2025, 3, 10),
        date(2025, 3, 10),
        DeadlineKind.HARD,
    )


@pytest.mark.parametrize("region", [Region.VAR, Region.BLE, Region.NAT])
def test_r05_var_ble_nat_without_delay_is_a_kpi_threshold_of_24_weekday_hours_amb08(region: Region) -> None:
    deadline = only(region, RuleId.R05, notices=(outpatient(at(2025, 3, 7, 15)),))
    assert (deadline.due, deadline.kind) == (at(2025, 3, 10, 15), DeadlineKind.KPI_THRESHOLD)
    assert due(region, RuleId.R06, notices=(outpatient(at(2025, 3, 7, 15)),)) == []


def test_r05_counts_from_the_earliest_outpatient_receipt_and_ignores_municipal_ones() -> None:
    notices = (
        municipality(at(2025, 3, 3, 8)),
        outpatient(at(2025, 3, 4, 12), name="vc-2"),
        outpatient(at(2025, 3, 4, 9), name="vc-1"),
    )
    assert only(Region.STO, RuleId.R05, notices=notices).due == at(2025, 3, 5, 9)


def test_r05_no_fvk_deadline_without_an_outpatient_recipient() -> None:
    assert due(Region.STO, RuleId.R05, notices=(municipality(at(2025, 3, 7, 15)),)) == []


def test_r05_sto_bla_with_municipal_needs_only_appoints_no_fvk() -> None:
    notices = (municipality(at(2025, 3, 7, 15)), outpatient(at(2025, 3, 7, 15)))
    assert due(Region.STO, RuleId.R05, track=Track.STO_BLA, needs_social_services=True, notices=notices) == []
    with_outpatient = due(Region.STO, RuleId.R05, track=Track.STO_BLA, needs_outpatient=True, notices=notices)
    assert len(with_outpatient) == 1


def test_r05_ore_social_services_only_needs_appoint_no_fvk() -> None:
    notices = (outpatient(at(2025, 3, 7, 15)),)
    assert due(Region.ORE, RuleId.R05, needs_social_services=True, notices=notices) == []


# --- R-07 SIP invitation -----------------------------------------------------------------------------------------


def test_r07_sto_sip_invitation_due_end_of_third_calendar_day_after_rfd_when_both_principals() -> None:
    deadline = only(Region.STO, RuleId.R07, track=Track.STO_GUL, ready_for_discharge_sent_at=at(2025, 3, 7, 10))
    assert (deadline.due, deadline.due_date, deadline.kind) == (
        end_of(2025, 3, 10),
        date(2025, 3, 10),
        DeadlineKind.HARD,
    )
    assert (deadline.responsible, deadline.message) == (Party.FVK, "M-10")


def test_r07_sto_bla_offers_a_sip_without_an_invitation_deadline_amb19() -> None:
    rfd = at(2025, 3, 7, 10)
    assert (
        due(Region.STO, RuleId.R07, track=Track.STO_BLA, needs_social_services=True, ready_for_discharge_sent_at=rfd)
        == []
    )


@pytest.mark.parametrize("region", [Region.NAT, Region.BLE])
def test_r07_nat_ble_invitation_due_within_3_days_only_with_continued_health_care_needs(region: Region) -> None:
    rfd = at(2025, 3, 7, 10)
    assert due(region, RuleId.R07, needs_social_services=True, ready_for_discharge_sent_at=rfd) == []
    deadline = only(region, RuleId.R07, needs_municipal_health_care=True, ready_for_discharge_sent_at=rfd)
    assert (deadline.due_date, deadline.kind) == (date(2025, 3, 10), DeadlineKind.HARD)


def test_r07_ore_preferably_within_three_days_is_soft_amb12() -> None:
    rfd = at(2025, 3, 7, 10)
    deadline = only(Region.ORE, RuleId.R07, needs_municipal_health_care=True, ready_for_discharge_sent_at=rfd)
    assert (deadline.due_date, deadline.kind) == (date(2025, 3, 10), DeadlineKind.SOFT)


def test_r07_var_rod_invitation_before_the_estimated_discharge_date() -> None:
    deadline = only(Region.VAR, RuleId.R07, track=Track.VAR_ROD, estimated_discharge_date=date(2025, 3, 14))
    assert (deadline.due, deadline.due_date) == (end_of(2025, 3, 13), date(2025, 3, 13))


@pytest.mark.parametrize("track", [Track.VAR_GRON, Track.VAR_GUL, Track.VAR_LILA])
def test_r07_var_gron_gul_lila_call_a_sip_only_if_needed_so_no_deadline(track: Track) -> None:
    rfd = at(2025, 3, 7, 10)
    facts = {"estimated_discharge_date": date(2025, 3, 14), "ready_for_discharge_sent_at": rfd, **BOTH}
    assert due(Region.VAR, RuleId.R07, track=track, **facts) == []


def test_r07_no_invitation_deadline_without_a_legal_basis_c09() -> None:
    rfd = at(2025, 3, 7, 10)
    assert (
        due(
            Region.STO, RuleId.R07, track=Track.STO_GUL, ready_for_discharge_sent_at=rfd, sip_invitation_permitted=False
        )
        == []
    )


# --- R-08 VAR status message before discharge ---------------------------------------------------------------------


def test_r08_var_gul_status_message_window_is_one_to_three_days_before_the_estimated_discharge_date() -> None:
    deadline = only(Region.VAR, RuleId.R08, track=Track.VAR_GUL, estimated_discharge_date=date(2025, 3, 14))
    assert deadline.earliest == at(2025, 3, 11)
    assert (deadline.due_date, deadline.kind, deadline.message) == (date(2025, 3, 13), DeadlineKind.HARD, "M-07")
    assert status(deadline, at(2025, 3, 10, 23, 59), now=at(2025, 3, 15)) is DeadlineStatus.MISSED  # too early
    assert status(deadline, at(2025, 3, 11, 0, 0), now=at(2025, 3, 15)) is DeadlineStatus.MET
    assert status(deadline, at(2025, 3, 13, 23, 59), now=at(2025, 3, 15)) is DeadlineStatus.MET
    assert status(deadline, at(2025, 3, 14, 8), now=at(2025, 3, 15)) is DeadlineStatus.MISSED


@pytest.mark.parametrize(
    ("track", "reference"),
    [(Track.VAR_ROD, "planned_sip_date"), (Track.VAR_LILA, "planned_collaboration_meeting_date")],
)
def test_r08_var_rod_and_lila_count_back_from_the_planned_sip_or_collaboration_meeting(
    track: Track, reference: str
) -> None:
    facts = {reference: date(2025, 3, 20), "estimated_discharge_date": date(2025, 3, 28)}
    deadline = only(Region.VAR, RuleId.R08, track=track, **facts)
    assert (deadline.earliest, deadline.due_date) == (at(2025, 3, 17), date(2025, 3, 19))


def test_r08_var_gron_status_message_is_optional_so_its_window_is_soft() -> None:
    deadline = only(Region.VAR, RuleId.R08, track=Track.VAR_GRON, estimated_discharge_date=date(2025, 3, 14))
    assert deadline.kind is DeadlineKind.SOFT


def test_r08_is_not_applicable_until_the_reference_date_exists_amb44() -> None:
    assert due(Region.VAR, RuleId.R08, track=Track.VAR_ROD, estimated_discharge_date=date(2025, 3, 14)) == []


# --- R-09 the 12:00 cut-off --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "sent", "day_zero"),
    [
        pytest.param(Region.STO, at(2025, 3, 7, 11, 59, 59), date(2025, 3, 7), id="sto_before_noon"),
        pytest.param(Region.STO, at(2025, 3, 7, 12), date(2025, 3, 8), id="sto_at_noon_moves_to_next_day"),
        pytest.param(Region.ORE, at(2025, 3, 7, 12), date(2025, 3, 7), id="ore_at_noon_still_counts"),
        pytest.param(Region.ORE, at(2025, 3, 7, 12, 0, 1), date(2025, 3, 8), id="ore_after_noon_moves"),
        pytest.param(Region.NAT, at(2025, 3, 7, 18), date(2025, 3, 7), id="nat_no_cutoff"),
        pytest.param(Region.VAR, at(2025, 3, 7, 18), date(2025, 3, 7), id="var_nat_fallback"),
    ],
)
def test_r09_day_zero_follows_the_regional_12_00_rule_amb02(region: Region, sent: datetime, day_zero: date) -> None:
    assert rfd_day_zero(region, sent) == day_zero


def test_r09_ble_counts_from_the_physicians_assessment_not_the_notice() -> None:
    assert rfd_day_zero(Region.BLE, at(2025, 3, 8, 9), assessed_at=at(2025, 3, 7, 16)) == date(2025, 3, 7)
    assert rfd_day_zero(Region.BLE, at(2025, 3, 8, 9)) == date(2025, 3, 8)


def test_r09_sto_kpi_notice_sent_at_exactly_12_00_misses_the_cutoff_but_11_59_meets_it() -> None:
    deadline = only(Region.STO, RuleId.R09, ready_for_discharge_assessed_at=at(2025, 3, 7, 9))
    assert deadline.kind is DeadlineKind.KPI_THRESHOLD
    assert is_met(deadline, at(2025, 3, 7, 11, 59, 59, 999999))
    assert not is_met(deadline, at(2025, 3, 7, 12))


def test_r09_ore_kpi_notice_sent_at_exactly_12_00_meets_the_cutoff() -> None:
    deadline = only(Region.ORE, RuleId.R09, ready_for_discharge_sent_at=at(2025, 3, 7, 12))
    assert is_met(deadline, at(2025, 3, 7, 12))
    assert not is_met(deadline, at(2025, 3, 7, 12, 0, 1))


@pytest.mark.parametrize("region", [Region.STO, Region.ORE])
def test_r09_judged_ready_after_the_cutoff_the_kpi_falls_on_the_next_days_cutoff(region: Region) -> None:
    deadline = only(region, RuleId.R09, ready_for_discharge_assessed_at=at(2025, 3, 6, 14))
    assert local_date(deadline.due) == date(2025, 3, 7)  # never before its own trigger
    assert deadline.due > at(2025, 3, 6, 14)


@pytest.mark.parametrize("region", [Region.VAR, Region.BLE, Region.NAT])
def test_r09_no_cutoff_deadline_outside_sto_and_ore(region: Region) -> None:
    assert due(region, RuleId.R09, ready_for_discharge_sent_at=at(2025, 3, 7, 12)) == []


# --- immediately (STO) -------------------------------------------------------------------------------


def test_r10_sto_changed_health_status_is_told_within_one_hour_kpi() -> None:
    deadline = only(Region.STO, RuleId.R10, health_change_decided_at=at(2025, 3, 7, 10))
    assert (deadline.due, deadline.kind, deadline.message) == (at(2025, 3, 7, 11), DeadlineKind.KPI_THRESHOLD, "M-06")


def test_r11_sto_death_is_told_within_one_hour_kpi() -> None:
    deadline = only(Region.STO, RuleId.R11, deceased_at=at(2025, 3, 7, 23, 30))
    assert (deadline.due, deadline.message) == (at(2025, 3, 8, 0, 30), "M-21")
    assert due(Region.ORE, RuleId.R11, deceased_at=at(2025, 3, 7, 23, 30)) == []


# --- R-12 discharge information ----------------------------------------------------------------------------------


def test_r12_sto_discharge_information_by_the_end_of_the_discharge_day() -> None:
    deadline = only(Region.STO, RuleId.R12, discharged_at=at(2025, 3, 7, 14))
    assert (deadline.due_date, deadline.kind, deadline.message) == (date(2025, 3, 7), DeadlineKind.HARD, "M-17")
    assert is_met(deadline, at(2025, 3, 7, 23, 59, 59, 999500))  # judged by date: no lost last millisecond
    assert not is_met(deadline, at(2025, 3, 8))


def test_r12_ore_treatment_plan_by_the_discharge_day_only_on_yellow_and_red_tracks() -> None:
    assert due(Region.ORE, RuleId.R12, track=Track.ORE_GREEN, discharged_at=at(2025, 3, 7, 14)) == []
    for track in (Track.ORE_YELLOW, Track.ORE_RED):
        assert only(Region.ORE, RuleId.R12, track=track, discharged_at=at(2025, 3, 7, 14)).due_date == date(2025, 3, 7)


@pytest.mark.parametrize("region", [Region.VAR, Region.BLE, Region.NAT])
def test_r12_var_ble_nat_discharge_information_at_the_latest_when_the_patient_leaves(region: Region) -> None:
    deadline = only(region, RuleId.R12, discharged_at=at(2025, 3, 7, 14))
    assert (deadline.due, deadline.due_date) == (at(2025, 3, 7, 14), None)
    assert not is_met(deadline, at(2025, 3, 7, 14, 1))


# --- R-16 VAR follow-up contact ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("discharged", "last_day"),
    [
        pytest.param(at(2025, 3, 7, 14), date(2025, 3, 11), id="friday_to_tuesday"),
        pytest.param(at(2025, 4, 17, 14), date(2025, 4, 23), id="maundy_thursday_to_wednesday_after_easter"),
        pytest.param(at(2025, 12, 23, 10), date(2025, 12, 30), id="christmas_eve_and_holidays_skipped"),
    ],
)
def test_r16_var_fvk_contacts_the_guardians_within_two_weekdays_after_discharge(
    discharged: datetime, last_day: date
) -> None:
    deadline = only(Region.VAR, RuleId.R16, discharged_at=discharged)
    assert (deadline.due_date, deadline.responsible, deadline.message) == (last_day, Party.FVK, "M-20")
    assert deadline.due == end_of(last_day.year, last_day.month, last_day.day)


# --- R-26 / AMB-07 scope, R-28 FVK before discharge --------------------------------------------------------------


def test_r26_ore_stay_under_24_hours_is_no_case_amb29() -> None:
    short: dict[str, Any] = {"ward_admitted_at": at(2025, 3, 7, 9), "need_identified_at": at(2025, 3, 7, 9)}
    assert deadlines_for(DeadlineFacts(discharged_at=at(2025, 3, 8, 8), **short), rule_set_for(Region.ORE)) == []
    assert deadlines_for(DeadlineFacts(discharged_at=at(2025, 3, 8, 10), **short), rule_set_for(Region.ORE)) != []
    assert deadlines_for(DeadlineFacts(discharged_at=at(2025, 3, 8, 8), **short), rule_set_for(Region.STO)) != []


def test_amb07_ore_outpatient_only_needs_are_outside_the_target_group() -> None:
    facts = DeadlineFacts(needs_outpatient=True, **ADMITTED)
    assert deadlines_for(facts, rule_set_for(Region.ORE)) == []
    assert deadlines_for(facts, rule_set_for(Region.STO)) != []


def test_r28_ore_fvk_must_be_appointed_before_discharge_validation() -> None:
    deadline = only(Region.ORE, RuleId.R28, needs_municipal_health_care=True, discharged_at=at(2025, 3, 7, 14))
    assert (deadline.kind, deadline.due) == (DeadlineKind.VALIDATION, at(2025, 3, 7, 14))
    assert status(deadline, fulfilled_at=at(2025, 3, 7, 15), now=at(2025, 3, 7, 16)) is DeadlineStatus.MISSED
    assert status(deadline, fulfilled_at=None, now=at(2025, 3, 7, 16)) is DeadlineStatus.OVERDUE


@pytest.mark.parametrize("region", [Region.ORE, Region.BLE, Region.VAR])
def test_r28_and_r05_need_no_fvk_for_a_social_services_only_case_in_any_region(region: Region) -> None:
    # «… (except social-services-only cases)»; the FVK is outpatient care's role.
    facts = {"needs_social_services": True, "discharged_at": at(2025, 3, 12, 10)}
    assert due(region, RuleId.R28, **facts) == []
    assert due(region, RuleId.R05, **facts) == []
    assert due(region, RuleId.R28, **facts, needs_outpatient=True) != []


def test_r28_not_for_ore_social_services_only_nor_in_sto() -> None:
    assert due(Region.ORE, RuleId.R28, needs_social_services=True, discharged_at=at(2025, 3, 7, 14)) == []
    assert due(Region.STO, RuleId.R28, needs_outpatient=True, discharged_at=at(2025, 3, 7, 14)) == []


# --- the entry point and status ----------------------------------------------------------------------------------


def test_r01_to_r07_sto_gul_case_anna_81_gets_every_deadline_sorted_by_due_time() -> None:
    facts = DeadlineFacts(
        track=Track.STO_GUL,
        patient_age=81,
        ward_admitted_at=at(2025, 3, 6, 22),
        need_identified_at=at(2025, 3, 7, 9),
        notices=(municipality(at(2025, 3, 7, 15)), outpatient(at(2025, 3, 7, 15))),
        estimated_discharge_date=date(2025, 3, 14),
        ready_for_discharge_assessed_at=at(2025, 3, 12, 9),
        ready_for_discharge_sent_at=at(2025, 3, 12, 10),
    )
    deadlines = deadlines_for(facts, rule_set_for(Region.STO))
    assert [d.rule for d in deadlines] == [
        RuleId.R01,
        RuleId.R03,
        RuleId.R03,
        RuleId.R05,
        RuleId.R06,
        RuleId.R09,
        RuleId.R07,
    ]
    assert all(d.region is Region.STO for d in deadlines)


def test_deadlines_for_refuses_a_track_of_another_region() -> None:
    with pytest.raises(ValueError, match="not a ORE track"):
        deadlines_for(DeadlineFacts(track=Track.STO_GUL), rule_set_for(Region.ORE))


def test_deadline_facts_refuse_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="naive"):
        DeadlineFacts(need_identified_at=datetime(2025, 3, 7, 10))
    with pytest.raises(ValueError, match="naive"):
        NoticeRecipient(recipient="x", party=Party.OUTPATIENT, sent_at=datetime(2025, 3, 7, 10))


def test_r01_status_is_pending_then_overdue_and_met_or_missed_once_sent() -> None:
    deadline = only(Region.NAT, RuleId.R01, need_identified_at=at(2025, 3, 7, 10))
    assert status(deadline, None, now=at(2025, 3, 8, 10)) is DeadlineStatus.PENDING
    assert status(deadline, None, now=at(2025, 3, 8, 10, 0, 1)) is DeadlineStatus.OVERDUE
    assert status(deadline, at(2025, 3, 8, 10), now=at(2025, 3, 9)) is DeadlineStatus.MET
    assert status(deadline, at(2025, 3, 8, 11), now=at(2025, 3, 9)) is DeadlineStatus.MISSED


def test_r07_date_deadline_is_overdue_only_after_its_local_day_ends() -> None:
    deadline = only(Region.NAT, RuleId.R07, needs_outpatient=True, ready_for_discharge_sent_at=at(2025, 3, 7, 10))
    assert status(deadline, None, now=at(2025, 3, 10, 23, 59, 59, 999999)) is DeadlineStatus.PENDING
    assert status(deadline, None, now=at(2025, 3, 11)) is DeadlineStatus.OVERDUE


def test_r01_status_compares_instants_not_wall_clocks_in_the_repeated_october_hour() -> None:
    first_0230 = datetime(2025, 10, 26, 0, 30, tzinfo=UTC).astimezone(STOCKHOLM)
    deadline = only(Region.NAT, RuleId.R01, need_identified_at=first_0230 - (at(2025, 10, 26) - at(2025, 10, 25)))
    second_0230 = datetime(2025, 10, 26, 1, 30, tzinfo=UTC).astimezone(STOCKHOLM)
    assert deadline.due.astimezone(UTC) == first_0230.astimezone(UTC)
    assert not is_met(deadline, second_0230)


def test_status_refuses_a_naive_now() -> None:
    deadline = only(Region.NAT, RuleId.R01, need_identified_at=at(2025, 3, 7, 10))
    with pytest.raises(ValueError, match="naive"):
        status(deadline, None, now=datetime(2025, 3, 7, 10))


# --- checks: …, R-30 -------------------------------------------------------------------


def issues(region: Region, **facts: Any) -> list[tuple[RuleId, Severity]]:
    return [(i.rule, i.severity) for i in issues_for(DeadlineFacts(**facts), rule_set_for(region))]


def guards(region: Region, **facts: Any) -> list[tuple[RuleId, Severity]]:
    return [(i.rule, i.severity) for i in ready_for_discharge_issues(DeadlineFacts(**facts), rule_set_for(region))]


def test_r02_an_admission_notice_without_an_estimated_discharge_date_is_an_error() -> None:
    notices = (municipality(at(2025, 3, 7, 15)),)
    assert issues(Region.ORE, notices=notices) == [(RuleId.R02, Severity.ERROR)]
    assert issues(Region.ORE, notices=notices, estimated_discharge_date=date(2025, 6, 1)) == []


def test_r17_var_lila_lpt_estimates_discharge_two_weeks_after_the_admission_decision() -> None:
    facts = DeadlineFacts(track=Track.VAR_LILA, lpt_admission_decided_at=at(2025, 3, 7, 23, 30))
    assert lila_estimated_discharge_date(facts) == (RuleId.R17, date(2025, 3, 21))
    assert issues(Region.VAR, track=Track.VAR_LILA, lpt_admission_decided_at=at(2025, 3, 7, 23, 30)) == [
        (RuleId.R17, Severity.WARNING)
    ]
    assert (
        issues(
            Region.VAR,
            track=Track.VAR_LILA,
            lpt_admission_decided_at=at(2025, 3, 7, 23, 30),
            estimated_discharge_date=date(2025, 3, 21),
        )
        == []
    )


def test_r18_var_lila_readmission_under_opt_estimates_discharge_four_days_later_amb22() -> None:
    facts = DeadlineFacts(
        track=Track.VAR_LILA, lpt_admission_decided_at=at(2025, 1, 2, 10), opt_readmitted_at=at(2025, 3, 7, 10)
    )
    assert lila_estimated_discharge_date(facts) == (RuleId.R18, date(2025, 3, 11))


def test_r19_var_lila_extended_lpt_takes_the_courts_date_and_ended_lpt_prescribes_none() -> None:
    extended = DeadlineFacts(lpt_admission_decided_at=at(2025, 3, 7, 10), lpt_extension_ruling_date=date(2025, 4, 30))
    assert lila_estimated_discharge_date(extended) == (RuleId.R19, date(2025, 4, 30))
    ended = DeadlineFacts(lpt_admission_decided_at=at(2025, 3, 7, 10), lpt_ended_at=at(2025, 3, 12, 10))
    assert lila_estimated_discharge_date(ended) is None


def test_r19_var_lila_ended_lpt_needs_a_new_estimated_date_within_the_one_hour_kpi() -> None:
    deadline = only(Region.VAR, RuleId.R19, track=Track.VAR_LILA, lpt_ended_at=at(2025, 3, 12, 10))
    assert (deadline.due, deadline.kind, deadline.message) == (at(2025, 3, 12, 11), DeadlineKind.KPI_THRESHOLD, "M-06")


def test_r20_var_lila_ready_for_discharge_waits_for_the_court_while_opt_is_applied_for_amb23() -> None:
    applied = {"track": Track.VAR_LILA, "compulsory_care": CompulsoryCare.OPT_APPLICATION}
    assert guards(Region.VAR, **applied) == [(RuleId.R20, Severity.ERROR)]
    assert guards(Region.VAR, opt_court_decided_at=at(2025, 3, 7, 10), **applied) == []
    assert guards(Region.VAR, track=Track.VAR_LILA, compulsory_care=CompulsoryCare.LPT) == []


def test_r22_ore_red_track_discharge_home_on_a_weekend_or_holiday_is_a_warning() -> None:
    assert issues(Region.ORE, track=Track.ORE_RED, estimated_discharge_date=date(2025, 3, 8)) == [
        (RuleId.R22, Severity.WARNING)
    ]
    assert issues(Region.ORE, track=Track.ORE_RED, discharged_at=at(2025, 4, 21, 10)) == [
        (RuleId.R22, Severity.WARNING)
    ]
    assert issues(Region.ORE, track=Track.ORE_RED, estimated_discharge_date=date(2025, 3, 10)) == []
    assert issues(Region.ORE, track=Track.ORE_GREEN, estimated_discharge_date=date(2025, 3, 8)) == []


def test_r29_sto_open_referrals_to_another_inpatient_provider_block_ready_for_discharge() -> None:
    assert guards(Region.STO, open_inpatient_referrals=True) == [(RuleId.R29, Severity.ERROR)]
    assert guards(Region.ORE, open_inpatient_referrals=True) == []


def test_r30_ore_child_on_red_track_is_ready_only_after_the_sip_and_the_training_offer() -> None:
    child_red = {"track": Track.ORE_RED, "patient_age": 9}
    assert guards(Region.ORE, **child_red) == [(RuleId.R30, Severity.ERROR), (RuleId.R30, Severity.ERROR)]
    assert guards(Region.ORE, sip_held_at=at(2025, 3, 7), training_offered_at=at(2025, 3, 7), **child_red) == []
    no_staff_to_train = {"sip_held_at": at(2025, 3, 7), "municipality_can_train_on_site": False}
    assert guards(Region.ORE, **no_staff_to_train, **child_red) == []
    assert guards(Region.ORE, track=Track.ORE_RED, patient_age=40) == []


# --- coverage after discharge, R-15 ------------------------------------------------------------------


def periods(region: Region, **facts: Any) -> dict[RuleId, tuple[date, date]]:
    return {p.rule: (p.first_day, p.last_day) for p in coverage_periods(DeadlineFacts(**facts), rule_set_for(region))}


def test_r13_ore_yellow_treatment_plan_covers_seven_days_after_discharge() -> None:
    assert periods(Region.ORE, track=Track.ORE_YELLOW, discharged_at=at(2025, 3, 7, 14)) == {
        RuleId.R13: (date(2025, 3, 7), date(2025, 3, 14))
    }
    assert periods(Region.ORE, track=Track.ORE_GREEN, discharged_at=at(2025, 3, 7, 14)) == {}


def test_r14_sto_medication_for_three_days_planned_from_the_estimated_date_until_discharged() -> None:
    assert periods(Region.STO, estimated_discharge_date=date(2025, 3, 7)) == {
        RuleId.R14: (date(2025, 3, 7), date(2025, 3, 10))
    }
    assert periods(Region.STO, estimated_discharge_date=date(2025, 3, 7), discharged_at=at(2025, 3, 9, 10)) == {
        RuleId.R14: (date(2025, 3, 9), date(2025, 3, 12))
    }


def test_r15_var_tube_feeding_for_five_weekdays_after_discharge() -> None:
    assert periods(Region.VAR, needs_tube_feeding=True, discharged_at=at(2025, 4, 17, 14)) == {
        RuleId.R15: (date(2025, 4, 17), date(2025, 4, 28))
    }
    assert periods(Region.VAR, discharged_at=at(2025, 4, 17, 14)) == {}


# --- STO routine, R-27 -------------------------------------------------------------------------------


def test_r23_sto_message_received_friday_22_00_unread_after_four_weekday_hours_is_monday_02_00() -> None:
    deadline = message_read_deadline(at(2025, 3, 7, 22), rule_set_for(Region.STO), responsible=Party.MUNICIPALITY)
    assert deadline is not None
    assert (deadline.due, deadline.kind) == (at(2025, 3, 10, 2), DeadlineKind.KPI_THRESHOLD)
    assert message_read_deadline(at(2025, 3, 7, 15), rule_set_for(Region.VAR), responsible=Party.INPATIENT) is None


@pytest.mark.parametrize(
    ("absences", "expected"),
    [
        pytest.param([(at(2025, 3, 7, 8), at(2025, 3, 7, 20))], True, id="08_to_20_is_12h"),
        pytest.param([(at(2025, 3, 7, 8), at(2025, 3, 7, 19, 59))], False, id="just_under_12h"),
        pytest.param([(at(2025, 3, 6, 18), at(2025, 3, 7, 17))], False, id="only_06_to_17_counts"),
        pytest.param([(at(2025, 3, 7, 12), at(2025, 3, 9, 12))], True, id="12_to_midnight_of_a_longer_leave"),
        pytest.param(
            [(at(2025, 3, 7, 6), at(2025, 3, 7, 12)), (at(2025, 3, 7, 13), at(2025, 3, 7, 20))],
            False,
            id="interrupted_leave_does_not_add_up",
        ),
    ],
)
def test_r25_sto_leave_day_needs_12_unbroken_hours_between_06_and_24(
    absences: list[tuple[datetime, datetime]], expected: bool
) -> None:
    assert is_leave_day(date(2025, 3, 7), absences) is expected


def test_r25_sto_leave_day_window_is_18_elapsed_hours_on_the_dst_day() -> None:
    assert is_leave_day(date(2025, 3, 30), [(at(2025, 3, 30, 12), at(2025, 3, 31, 0))])


def test_r27_sto_basic_home_health_care_is_14_days_and_two_home_visits_a_month() -> None:
    assert is_basic_home_health_care(14, 2)
    assert not is_basic_home_health_care(13, 4)
    assert not is_basic_home_health_care(30, 1)
