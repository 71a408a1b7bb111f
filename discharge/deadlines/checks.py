"""Rules that are checks rather than deadlines: the guards on the ready-for-discharge notice (R-20, R-29, R-30)
and validation warnings on the planned dates (R-02, R-17, R-18, R-19, R-22). Problems come back as ``Issue`` data."""

from __future__ import annotations

from datetime import date, timedelta

from discharge.calendar import is_weekday, local_date
from discharge.deadlines.facts import CompulsoryCare, DeadlineFacts
from discharge.deadlines.model import Issue, Severity
from discharge.regions import RuleId, RuleSet, Track

LPT_ESTIMATE_DAYS = 14  # «2 veckor efter intagningsbeslut»
OPT_READMISSION_LPT_DAYS = 4  # «enligt lag, gäller i 4 dagar»


def _issue(rule: RuleId, rules: RuleSet, severity: Severity, message: str) -> Issue:
    return Issue(rule=rule, region=rules.region, severity=severity, message=message)


def ready_for_discharge_issues(facts: DeadlineFacts, rules: RuleSet) -> list[Issue]:
    """Why M-12 may not be sent now (errors), given the facts; empty when it may."""
    found = []
    awaiting_court = facts.compulsory_care is CompulsoryCare.OPT_APPLICATION and facts.opt_court_decided_at is None
    if rules.applies(RuleId.R20) and awaiting_court:
        # R-20 (VAR Lila): wait for the administrative court's ÖPT decision (AMB-23: only while applied for)
        text = "ÖPT has been applied for: wait for the administrative court's decision before ready-for-discharge"
        found.append(_issue(RuleId.R20, rules, Severity.ERROR, text))
    if rules.applies(RuleId.R29) and facts.open_inpatient_referrals:
        # R-29 (STO): referrals to another inpatient provider are closed before the RFD notice
        text = "Cancel or close pending referrals to another inpatient provider before ready-for-discharge"
        found.append(_issue(RuleId.R29, rules, Severity.ERROR, text))
    if rules.applies(RuleId.R30) and facts.is_child and facts.track is Track.ORE_RED:
        found.extend(_ore_children_red_track_issues(facts, rules))
    return found


def _ore_children_red_track_issues(facts: DeadlineFacts, rules: RuleSet) -> list[Issue]:
    # R-30 (ORE-C): red track, children: RFD only after the SIP and the offer of training, unless the
    # municipality has no staff who can be trained on site
    found = []
    if facts.sip_held_at is None:
        text = "Red track (child): hold the SIP before ready-for-discharge"
        found.append(_issue(RuleId.R30, rules, Severity.ERROR, text))
    if facts.training_offered_at is None and facts.municipality_can_train_on_site:
        text = "Red track (child): offer training to the municipality's staff before ready-for-discharge"
        found.append(_issue(RuleId.R30, rules, Severity.ERROR, text))
    return found


def lila_estimated_discharge_date(facts: DeadlineFacts) -> tuple[RuleId, date] | None:
    """The estimated discharge date VAR Lila prescribes (R-17…R-19, AMB-22), with the rule that sets it.

    A court ruling on extended LPT wins (R-19), then a readmission under ongoing ÖPT (R-18), then the LPT
    admission decision (R-17). ``None`` when LPT has ended (a new clinical date is sent) or nothing is known.
    """
    if facts.lpt_ended_at is not None:
        return None
    if facts.lpt_extension_ruling_date is not None:
        return RuleId.R19, facts.lpt_extension_ruling_date
    if facts.opt_readmitted_at is not None:
        return RuleId.R18, local_date(facts.opt_readmitted_at) + timedelta(days=OPT_READMISSION_LPT_DAYS)
    if facts.lpt_admission_decided_at is not None:
        return RuleId.R17, local_date(facts.lpt_admission_decided_at) + timedelta(days=LPT_ESTIMATE_DAYS)
    return None


def issues_for(facts: DeadlineFacts, rules: RuleSet) -> list[Issue]:
    """Validation warnings on the case's current facts (the M-12 guards are in ``ready_for_discharge_issues``)."""
    found = []
    if rules.applies(RuleId.R02) and facts.notices and facts.estimated_discharge_date is None:
        # the admission notice carries an estimated discharge date, even for long stays
        text = "The admission notice has no estimated discharge date"
        found.append(_issue(RuleId.R02, rules, Severity.ERROR, text))
    if facts.track is Track.VAR_LILA:
        found.extend(_lila_date_issues(facts, rules))
    planned = facts.discharge_date
    if rules.applies(RuleId.R22) and facts.track is Track.ORE_RED and planned is not None:
        found.extend(_weekday_discharge_issues(planned, rules))
    return found


def _weekday_discharge_issues(planned: date, rules: RuleSet) -> list[Issue]:
    # R-22 (ORE red): «hemgång inplaneras under vardagar» (AMB-43: the weekend still counts for payment)
    if is_weekday(planned, policy=rules.workday_policy):
        return []
    text = f"Red track: the discharge home on {planned.isoformat()} is not planned on a weekday"
    return [_issue(RuleId.R22, rules, Severity.WARNING, text)]


def _lila_date_issues(facts: DeadlineFacts, rules: RuleSet) -> list[Issue]:
    # R-17 / R-18 / R-19 (VAR Lila): the estimated discharge date follows the compulsory-care events
    prescribed = lila_estimated_discharge_date(facts)
    if prescribed is None:
        return []
    rule, expected = prescribed
    if not rules.applies(rule) or facts.estimated_discharge_date == expected:
        return []
    actual = facts.estimated_discharge_date.isoformat() if facts.estimated_discharge_date else "none"
    text = f"The estimated discharge date should be {expected.isoformat()} ({rule}), not {actual}"
    return [_issue(rule, rules, Severity.WARNING, text)]
