"""Deadline rules R-01…R-31 of spec §2.5 as pure functions over a case's facts and its region's rule set.

``deadlines_for(facts, rules)`` returns every deadline the facts already determine; ``status`` judges one
against its fulfilment. Checks that are not deadlines come back as ``Issue`` data (``issues_for``,
``ready_for_discharge_issues``); supply periods after discharge as ``CoveragePeriod`` (``coverage_periods``).

Implemented: R-01, R-02 (check), R-03, R-05 (STO/ORE/VAR/BLE/NAT), R-06, R-07 (STO/ORE/VAR/BLE/NAT), R-08,
R-09 (day zero and a KPI deadline), R-10, R-11, R-12 (per region), R-13…R-15 (coverage), R-16, R-17…R-19,
R-20 (guard), R-22 (check), R-23, R-25, R-26 (scope), R-27, R-28, R-29 (guard), R-30 (guard).
Not here: R-04, R-21, R-31 (the sources give no time to compute), R-24 (payment, ``discharge.liability``).

Ambiguities decided (details in docs/ambiguities.md):
AMB-02 12:00:00 exactly: STO moves day zero to the next day, ORE keeps it; NAT/VAR no cut-off; BLE counts from
       the physician's assessment.
AMB-08 R-05 per region: STO 24 weekday hours (hard), ORE 3 calendar days (hard), VAR/BLE/NAT 24 weekday
       hours as a KPI threshold.
AMB-10 The RFD assessment and the RFD notice are separate facts; M-12 guards R-20, R-29, R-30.
AMB-12 SIP invitation: 3 calendar days after the RFD notice (STO/NAT/BLE hard, ORE soft); VAR Röd: before the
       estimated discharge date; VAR Grön/Gul: none.
AMB-13 "n days" = calendar days to 23:59:59.999 local on date + n.
AMB-14 "24 timmar på vardagar" = the §2.1 weekday-hours clock; eves are non-weekdays unless configured.
AMB-18 Outpatient care acknowledges M-01 within 24 weekday hours too; no deadline for acknowledging M-12.
AMB-19 STO BLÅ: the SIP is offered, no invitation deadline.
AMB-22 LPT dates are local-date arithmetic; readmission under ÖPT estimates readmission + 4 days.
AMB-23 The Lila RFD gate applies only while ÖPT is applied for.
AMB-44 R-08 is omitted until its reference date (estimated discharge, planned SIP or meeting) exists.

Proposals of this module (not from the sources): an M-01 with no receipt time counts as received when sent;
R-08 fulfilled before the window is missed; VAR Grön R-08 is soft (the message is optional); R-09 as a KPI
deadline falls on the cut-off of the day the physician judged the patient ready; R-19 uses R-10's 1 h;
R-12 NAT/BLE is due at the discharge instant like VAR; R-28 is judged once the discharge time is known.
"""

from discharge.deadlines.admission import fvk_required, is_in_scope
from discharge.deadlines.checks import issues_for, lila_estimated_discharge_date, ready_for_discharge_issues
from discharge.deadlines.discharge_day import coverage_periods
from discharge.deadlines.facts import CompulsoryCare, DeadlineFacts, NoticeRecipient
from discharge.deadlines.model import (
    CoveragePeriod,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    Issue,
    Party,
    Severity,
    is_met,
    status,
)
from discharge.deadlines.routine import is_basic_home_health_care, is_leave_day, message_read_deadline
from discharge.deadlines.schedule import deadlines_for

__all__ = [
    "CompulsoryCare",
    "CoveragePeriod",
    "Deadline",
    "DeadlineFacts",
    "DeadlineKind",
    "DeadlineStatus",
    "Issue",
    "NoticeRecipient",
    "Party",
    "Severity",
    "coverage_periods",
    "deadlines_for",
    "fvk_required",
    "is_basic_home_health_care",
    "is_in_scope",
    "is_leave_day",
    "is_met",
    "issues_for",
    "lila_estimated_discharge_date",
    "message_read_deadline",
    "ready_for_discharge_issues",
    "status",
]
