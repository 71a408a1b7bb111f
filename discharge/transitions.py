"""``apply(case, event, *, now) -> Case``: the process engine's single entry point (§2.2, T1–T14).

Role: for every event, in order — idempotency (same message id → the same case, no second effect),
identity (case id, region profile §0.3), the main-state table below, the case context every message
repeats (track, patient, care type), the event's own step (``planning_steps`` / ``discharge_steps``, each
running its guards), re-planning of the FVK and SIP sub-machines, and one ``HistoryEntry``.
Boundary: pure; ``now`` is only recorded (``HistoryEntry.applied_at``). A refusal raises ``TransitionRejected``.

Ambiguities decided here (docs/ambiguities.md):
AMB-CASE-01 an M-01 on a case in S0 implies T1 (E-01 is optional: no contract sends it on its own).
AMB-CASE-10 a later M-01 in S2–S4 adds recipients (new tasks) without changing the main state.
AMB-CASE-11 every event must carry the case's region; a track must belong to that region and GRÅ may only
        arrive with M-22 (contracts: ``GRA``/``GREY`` only when closing as out of scope).
AMB-CASE-12 S6 is terminal: every later event is refused (duplicates of applied events are still no-ops).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from discharge import discharge_steps as ds
from discharge import planning_steps as ps
from discharge.calendar import local_date
from discharge.case import Case, HistoryEntry, State
from discharge.case_facts import case_deadline_facts
from discharge.codes import Purpose, Sector
from discharge.deadlines import fvk_required
from discharge.errors import DischargeError, TransitionRejected
from discharge.event_base import DischargeEvent, MessageType
from discharge.regions import RuleSet, Track, rule_set_for
from discharge.sip import plan_sip

__all__ = ["ALLOWED_STATES", "TRANSITION_IDS", "apply", "record_receipt"]

S0, S1, S2, S3, S4, S5 = State.NO_CASE, State.NOTICE_DUE, State.NOTIFIED, State.PLANNING, State.READY, State.DISCHARGED
_OPEN = frozenset({S0, S1, S2, S3, S4, S5})
_M = MessageType

# §2.2 transition table: the T-id each event runs, and the main states it may arrive in.
TRANSITION_IDS: dict[MessageType, str] = {
    _M.E01: "T1",
    _M.M01: "T2",
    _M.M02: "T3",
    _M.M03: "T3",
    _M.M04: "T4",
    _M.M06: "T5",
    _M.M08: "T6",
    _M.M09: "T7",
    _M.M10: "T7",
    _M.M12: "T8",
    _M.M13: "T9",
    _M.M17: "T10",
    _M.M18: "T11",
    _M.M21: "T12",
    _M.M22: "T13",
    _M.M24: "T14",
}
ALLOWED_STATES: dict[MessageType, frozenset[State]] = {
    _M.E01: frozenset({S0}),
    _M.M01: frozenset({S0, S1, S2, S3, S4}),
    _M.M02: frozenset({S2, S3, S4, S5}),
    _M.M03: frozenset({S2, S3, S4, S5}),
    _M.M04: frozenset({S2, S3, S4}),  # T4
    _M.M05: frozenset({S2, S3, S4, S5}),
    _M.M06: frozenset({S1, S2, S3, S4}),  # T5
    _M.M07: frozenset({S2, S3, S4}),
    _M.M08: frozenset({S2, S3, S4}),  # T6
    _M.M09: frozenset({S2, S3, S4, S5}),  # T7
    _M.M10: frozenset({S2, S3, S4, S5}),  # T7
    _M.M10_ACK: frozenset({S2, S3, S4, S5}),
    _M.M11: frozenset({S2, S3, S4}),
    _M.M11_ACK: frozenset({S2, S3, S4, S5}),
    _M.M12: frozenset({S2, S3}),  # T8
    _M.M12_ACK: frozenset({S4, S5}),
    _M.M13: frozenset({S4}),  # T9
    _M.M14: frozenset({S2, S3, S4, S5}),
    _M.M15: frozenset({S2, S3, S4, S5}),
    _M.M16: frozenset({S2, S3, S4}),
    _M.M17: frozenset({S3, S4}),  # T10
    _M.M18: frozenset({S3, S4, S5}),  # T11 "any ≥ S3"
    _M.M19: frozenset({S3, S4, S5}),
    _M.M20: frozenset({S5}),  # after discharge
    _M.M21: _OPEN,  # T12 "any"
    _M.M22: _OPEN,  # T13 "any"
    _M.M23: frozenset({S1, S2, S3, S4, S5}),
    _M.M24: _OPEN,  # T14 "any"
    _M.M25: frozenset({S1, S2, S3, S4, S5}),  # "with M-01"
}

_Step = Callable[[Case, Any, RuleSet], Case]
_STEPS: dict[MessageType, _Step] = {
    _M.E01: ps.identify_need,
    _M.M01: ps.send_admission_notice,
    _M.M02: ps.acknowledge_admission_notice,
    _M.M03: ps.acknowledge_admission_notice,
    _M.M04: ps.appoint_care_contact,
    _M.M05: ps.record_planning,
    _M.M06: ps.change_estimated_date,
    _M.M07: ps.record_status_before_discharge,
    _M.M08: ps.plan_leave,
    _M.M09: ps.invite_sip,
    _M.M10: ps.invite_sip,
    _M.M10_ACK: ps.record_sip_response,
    _M.M11: ps.invite_collaboration_meeting,
    _M.M11_ACK: ps.record_only,
    _M.M12: ds.declare_ready,
    _M.M12_ACK: ds.acknowledge_ready,
    _M.M13: ds.revoke_ready,
    _M.M14: ds.record_discharge_time,
    _M.M15: ds.record_referral,
    _M.M16: ps.record_only,
    _M.M17: ds.discharge,
    _M.M18: ds.establish_sip,
    _M.M19: ds.follow_up_sip,
    _M.M20: ds.record_follow_up_contact,
    _M.M21: ds.record_deceased,
    _M.M22: ds.close_process,
    _M.M23: ds.record_general_message,
    _M.M24: ds.change_consent,
    _M.M25: ps.record_only,
}


def apply(case: Case, event: DischargeEvent, *, now: datetime) -> Case:
    """Apply ``event`` to ``case`` and return the new case; the same message id twice has no second effect."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise DischargeError(f"now must be timezone-aware: {now.isoformat()}")
    if case.has_applied(event.message_id):
        return case
    transition = TRANSITION_IDS.get(event.type, event.type.value)
    _check_identity(case, event, transition)
    allowed = ALLOWED_STATES[event.type]
    if case.state not in allowed:
        expected = " or ".join(state.label for state in sorted(allowed))
        raise TransitionRejected(transition, f"case is in {case.state.label}; {event.type} needs {expected}")
    opened = _open(case, event, transition) if case.rules is None else case
    assert opened.rules is not None
    moved = _STEPS[event.type](_with_context(opened, event, transition), event, opened.rules)
    replanned = _replan(moved, opened.rules)
    entry = HistoryEntry(
        event=event, applied_at=now, transition=transition, from_state=case.state, to_state=replanned.state
    )
    return replace(
        replanned,
        history=(*replanned.history, entry),
        applied_ids=replanned.applied_ids | {event.message_id.lower()},
    )


def record_receipt(case: Case, hsa_id: str, *, at: datetime) -> Case:
    """A recipient (or the delivery layer) reports it received the admission notice (task → received)."""
    tasks = tuple(t.receive(at) if t.recipient.hsa_id == hsa_id else t for t in case.notice_tasks)
    return replace(case, notice_tasks=tasks)


def _check_identity(case: Case, event: DischargeEvent, transition: str) -> None:
    if event.case_id.lower() != case.case_id.lower():
        raise TransitionRejected(transition, f"event for case {event.case_id} applied to case {case.case_id}")
    if case.region is not None and event.region is not case.region:
        # §0.3: each case is evaluated under exactly one region profile
        raise TransitionRejected(transition, f"the case is evaluated under {case.region}, not {event.region}")
    if case.state is State.CLOSED:  # AMB-CASE-12
        raise TransitionRejected(transition, f"case is in {State.CLOSED.label}, a terminal state")


def _open(case: Case, event: DischargeEvent, transition: str) -> Case:
    """The first event fixes the region and the rule set in force that day (AMB-42)."""
    try:
        rules = rule_set_for(event.region, on=local_date(event.sent_at))
    except ValueError as exc:
        raise TransitionRejected(transition, str(exc), rule="AMB-42") from exc
    return replace(case, region=event.region, rules=rules)


def _with_context(case: Case, event: DischargeEvent, transition: str) -> Case:
    """The case context every message repeats; the newest value wins (§3.1: tracks are re-evaluated)."""
    track = event.track
    if track is not None:
        if track.region is not case.region:
            raise TransitionRejected(transition, f"track {track} does not belong to region {case.region}")
        if track is Track.STO_GRA and event.type not in (MessageType.E01, MessageType.M01, MessageType.M22):
            raise TransitionRejected(transition, "track GRÅ is outside the Act; only M-22 may carry it", rule="T1")
    return replace(
        case,
        track=track or case.track,
        patient=event.patient or case.patient,
        care_type=event.care_type or case.care_type,
    )


def _replan(case: Case, rules: RuleSet) -> Case:
    """Re-evaluate the FVK requirement and the SIP plan from the current track, needs and legal basis."""
    if case.state in (S0, S1, State.CLOSED):
        return case
    convener = case.fvk.unit.sector if case.fvk.unit is not None else Sector.OUTPATIENT
    sip = case.sip.replan(
        plan_sip(rules.region, case.track, case.needs),
        basis=case.legal_basis.has_basis(convener, Purpose.SIP_INVITATION),
        refused=case.legal_basis.refused(convener),
    )
    fvk = case.fvk.require(fvk_required(case_deadline_facts(case), rules))
    return replace(case, sip=sip, fvk=fvk)
