"""The case (ärende; FHIR ``EpisodeOfCare``): main states S0–S6 plus the orthogonal sub-machines of §2.2.

Role: one immutable value per inpatient stay with coordination needs. ``discharge.transitions.apply``
is the only way to move it; everything here is data and read-only derivations. Boundary: no clock — the
case only knows the instants events brought (and the ``now`` each event was applied at, in ``history``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from discharge.calendar import local_date
from discharge.codes import CareType, CloseReason, Need
from discharge.discharge_events import CareLevel, ReferralStatus
from discharge.event_base import DischargeEvent
from discharge.legal_basis import LegalBasisState
from discharge.parties import Patient
from discharge.regions import Region, RuleSet, Track
from discharge.sip import SipState
from discharge.submachines import CompulsoryState, FvkState, LeaveState, NoticeTask, RfdHistory

__all__ = ["Case", "Deviation", "HistoryEntry", "ReferralRecord", "State", "new_case"]


class State(StrEnum):
    """Main states of §2.2; ``label`` gives the spec's name."""

    NO_CASE = "S0"
    NOTICE_DUE = "S1"
    NOTIFIED = "S2"
    PLANNING = "S3"
    READY = "S4"
    DISCHARGED = "S5"
    CLOSED = "S6"

    @property
    def label(self) -> str:
        return f"{self.value} {self.name}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Deviation:
    """A process deviation the case records instead of refusing (contracts' ``avvikelse``)."""

    code: str  # e.g. "rfd-without-acknowledgement"
    message_id: str
    detail: str
    rule: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryEntry:
    """One applied event, for the timeline: the transition id and the state before and after."""

    event: DischargeEvent
    applied_at: datetime  # the ``now`` given to ``apply``
    transition: str  # "T8", or the message type for events outside the T-table
    from_state: State
    to_state: State


@dataclass(frozen=True, slots=True, kw_only=True)
class ReferralRecord:
    """M-15: the latest status of one referral (R-29)."""

    referral_id: str
    care_level: CareLevel
    status: ReferralStatus
    updated_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class Case:
    case_id: str
    state: State = State.NO_CASE
    region: Region | None = None
    rules: RuleSet | None = None  # effective-dated at opening (AMB-42)
    track: Track | None = None  # region-native (§3); routing and deadlines follow it
    care_type: CareType | None = None
    needs: frozenset[Need] = frozenset()
    patient: Patient | None = None
    # Admission (T1, T2)
    admitted_at: datetime | None = None
    need_identified_at: datetime | None = None
    admission_notice_sent_at: datetime | None = None
    estimated_discharge_date: date | None = None
    life_threatening: bool = False
    training_needed: bool | None = None
    placing_municipality: str | None = None
    # Sub-machines (§2.2)
    notice_tasks: tuple[NoticeTask, ...] = ()
    fvk: FvkState = field(default_factory=FvkState)
    sip: SipState = field(default_factory=SipState)
    rfd: RfdHistory = field(default_factory=RfdHistory)
    leave: LeaveState = field(default_factory=LeaveState)
    legal_basis: LegalBasisState = field(default_factory=LegalBasisState)
    compulsory: CompulsoryState = field(default_factory=CompulsoryState)
    # Planning and discharge facts
    referrals: tuple[ReferralRecord, ...] = ()
    status_messages_sent: tuple[datetime, ...] = ()  # M-07
    collaboration_meeting_at: datetime | None = None  # M-11 (R-08 Lila reference)
    health_change_at: datetime | None = None
    training_offered_at: datetime | None = None
    training_on_site_possible: bool = True  # R-30 «Om kommunen inte har personal som kan utbildas på plats»
    planned_discharge_at: datetime | None = None  # M-12 / M-14
    arrival_home_at: datetime | None = None  # M-14
    discharged_at: datetime | None = None  # T10
    discharge_information_sent_at: datetime | None = None
    treatment_plan_until: date | None = None
    follow_up_contact_at: datetime | None = None
    deceased_at: datetime | None = None  # T12
    closed_at: datetime | None = None  # T12 / T13
    close_reason: CloseReason | None = None
    deviations: tuple[Deviation, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    applied_ids: frozenset[str] = frozenset()  # lower-cased message ids (contracts §3: case-insensitive)

    def has_applied(self, message_id: str) -> bool:
        return message_id.lower() in self.applied_ids

    @property
    def opened_on(self) -> date | None:
        start = self.admitted_at or self.need_identified_at
        return local_date(start) if start is not None else None

    def is_child(self, on: date | None = None) -> bool:
        """§4.3: under 18 — on ``on``, else on the admission date."""
        day = on or self.opened_on
        return self.patient is not None and day is not None and self.patient.is_child_on(day)

    @property
    def open_inpatient_referrals(self) -> tuple[ReferralRecord, ...]:
        """R-29: referrals to another inpatient provider that are neither closed nor cancelled."""
        return tuple(
            r for r in self.referrals if r.care_level is CareLevel.INPATIENT and r.status is ReferralStatus.OPEN
        )

    def task_for(self, hsa_id: str) -> NoticeTask | None:
        return next((t for t in self.notice_tasks if t.recipient.hsa_id == hsa_id), None)


def new_case(case_id: str) -> Case:
    """A case in S0 ``NO_CASE``; the first applied event sets its region, rule set and track."""
    return Case(case_id=case_id)
