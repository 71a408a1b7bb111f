"""Orthogonal sub-machines of the case (§2.2): notice tasks, FVK, ready-for-discharge, leave, compulsory care.

Role: small immutable values, each with the pure transitions the case calls from ``apply``. The SIP
sub-machine lives in ``discharge.sip`` and the legal basis per sector in ``discharge.legal_basis``.
Boundary: no guards that need the whole case (those are in ``discharge.guards``); these functions assume
the case already accepted the event.

Ambiguities decided here (docs/ambiguities.md):
AMB-CASE-02 a notice task is ``received`` only when the recipient (or the delivery layer) reports it
        (``NoticeTask.receive``); an acknowledgement (M-02/M-03) accepts it without inventing a receipt time.
AMB-CASE-06 an ÖPT readmission (statute OPT on M-01) is an LPT of 4 days (R-18): status LPT, readmission noted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from discharge.admission_events import CareContact
from discharge.parties import Unit

__all__ = [
    "CompulsoryState",
    "CompulsoryStatus",
    "FvkState",
    "FvkStatus",
    "LeavePeriod",
    "LeaveState",
    "LeaveStatus",
    "NoticeTask",
    "NoticeTaskStatus",
    "RfdEpisode",
    "RfdHistory",
    "RfdStatus",
]


class NoticeTaskStatus(StrEnum):
    REQUESTED = "requested"
    RECEIVED = "received"
    ACCEPTED = "accepted"  # acknowledged (M-02 / M-03)
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True, kw_only=True)
class NoticeTask:
    """Per-recipient admission-notice task (§2.2): one per concerned unit."""

    recipient: Unit
    message_id: str  # the M-01 that opened it
    requested_at: datetime
    status: NoticeTaskStatus = NoticeTaskStatus.REQUESTED
    received_at: datetime | None = None
    accepted_at: datetime | None = None
    cancelled_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.status in (NoticeTaskStatus.REQUESTED, NoticeTaskStatus.RECEIVED)

    def receive(self, at: datetime) -> NoticeTask:
        if self.status is not NoticeTaskStatus.REQUESTED:
            return self
        return replace(self, status=NoticeTaskStatus.RECEIVED, received_at=at)

    def accept(self, at: datetime) -> NoticeTask:
        """T3: the first acknowledgement counts (R-03); later replies keep it."""
        if self.status is NoticeTaskStatus.ACCEPTED:
            return self
        # AMB-CASE-02: an acknowledgement implies receipt but invents no receipt time (R-03 counts from receipt)
        return replace(self, status=NoticeTaskStatus.ACCEPTED, accepted_at=at)

    def cancel(self, at: datetime) -> NoticeTask:
        """T12 / T13: open tasks are cancelled when the case closes."""
        return replace(self, status=NoticeTaskStatus.CANCELLED, cancelled_at=at) if self.is_open else self


class FvkStatus(StrEnum):
    NOT_REQUIRED = "not-required"
    PENDING = "pending"
    APPOINTED = "appointed"
    REASSIGNED = "reassigned"


@dataclass(frozen=True, slots=True, kw_only=True)
class FvkState:
    """Named care contact (fast vårdkontakt, A10): ``first_appointed_at`` is what R-05 measures."""

    status: FvkStatus = FvkStatus.NOT_REQUIRED
    contact: CareContact | None = None
    unit: Unit | None = None  # the unit that appointed (M-04 sender): the SIP convener of T7
    first_appointed_at: datetime | None = None
    appointed_at: datetime | None = None

    @property
    def is_appointed(self) -> bool:
        return self.status in (FvkStatus.APPOINTED, FvkStatus.REASSIGNED)

    def require(self, required: bool) -> FvkState:
        """Re-evaluate the requirement; an appointed FVK stays appointed."""
        if self.is_appointed:
            return self
        return replace(self, status=FvkStatus.PENDING if required else FvkStatus.NOT_REQUIRED)

    def appoint(self, contact: CareContact, unit: Unit, at: datetime) -> FvkState:
        """T4: appointed, or reassigned when an FVK was already appointed."""
        status = FvkStatus.REASSIGNED if self.is_appointed else FvkStatus.APPOINTED
        first = self.first_appointed_at if self.first_appointed_at is not None else at
        return FvkState(status=status, contact=contact, unit=unit, first_appointed_at=first, appointed_at=at)


class RfdStatus(StrEnum):
    NONE = "none"
    ACTIVE = "active"
    REVOKED = "revoked"


@dataclass(frozen=True, slots=True, kw_only=True)
class RfdEpisode:
    """One M-12 notice and what became of it; the full list feeds payment (§5.2 ``RfdEpisode``)."""

    message_id: str
    sent_at: datetime  # the notice time starts day counting
    assessed_at: datetime  # the physician's judgement (BLE counts from it, AMB-02)
    acknowledgements: tuple[tuple[str, datetime], ...] = ()  # (HSA-id, time), first per unit
    revoked_at: datetime | None = None
    revocation_message_id: str | None = None

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def acknowledged_by(self, hsa_id: str) -> bool:
        return any(unit == hsa_id for unit, _ in self.acknowledgements)


@dataclass(frozen=True, slots=True, kw_only=True)
class RfdHistory:
    """Ready-for-discharge sub-machine: ``none → active → revoked → active …`` with every episode kept."""

    episodes: tuple[RfdEpisode, ...] = ()

    @property
    def status(self) -> RfdStatus:
        if not self.episodes:
            return RfdStatus.NONE
        return RfdStatus.ACTIVE if self.episodes[-1].is_active else RfdStatus.REVOKED

    @property
    def active(self) -> RfdEpisode | None:
        return self.episodes[-1] if self.status is RfdStatus.ACTIVE else None

    def declare(self, message_id: str, sent_at: datetime, assessed_at: datetime) -> RfdHistory:
        """T8: a new active episode."""
        return RfdHistory(
            episodes=(*self.episodes, RfdEpisode(message_id=message_id, sent_at=sent_at, assessed_at=assessed_at))
        )

    def revoke(self, message_id: str, at: datetime) -> RfdHistory:
        """T9: close the active interval (AMB-26: the revoked episode is dropped from payment)."""
        last = replace(self.episodes[-1], revoked_at=at, revocation_message_id=message_id)
        return RfdHistory(episodes=(*self.episodes[:-1], last))

    def acknowledge(self, notice_id: str, hsa_id: str, at: datetime) -> RfdHistory:
        """Record a unit's acknowledgement on the episode it names (or the latest one)."""
        index = next(
            (i for i, ep in enumerate(self.episodes) if ep.message_id.lower() == notice_id.lower()),
            len(self.episodes) - 1,
        )
        episode = self.episodes[index]
        if episode.acknowledged_by(hsa_id):
            return self
        updated = replace(episode, acknowledgements=(*episode.acknowledgements, (hsa_id, at)))
        return RfdHistory(episodes=(*self.episodes[:index], updated, *self.episodes[index + 1 :]))


class LeaveStatus(StrEnum):
    NONE = "none"
    PLANNED = "planned"
    ON_LEAVE = "on-leave"
    RETURNED = "returned"


@dataclass(frozen=True, slots=True, kw_only=True)
class LeavePeriod:
    start: datetime
    end: datetime | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class LeaveState:
    """Leave (permission, M-08, T6): ``none → planned → on-leave → returned``; periods kept (R-25, AMB-25)."""

    status: LeaveStatus = LeaveStatus.NONE
    periods: tuple[LeavePeriod, ...] = ()

    def plan(self, start: datetime, end: datetime | None) -> LeaveState:
        return LeaveState(status=LeaveStatus.PLANNED, periods=(*self.periods, LeavePeriod(start=start, end=end)))

    def begin(self, at: datetime, end: datetime | None) -> LeaveState:
        if self.status is LeaveStatus.PLANNED:
            current = replace(self.periods[-1], started_at=at, end=end or self.periods[-1].end)
            return LeaveState(status=LeaveStatus.ON_LEAVE, periods=(*self.periods[:-1], current))
        period = LeavePeriod(start=at, end=end, started_at=at)
        return LeaveState(status=LeaveStatus.ON_LEAVE, periods=(*self.periods, period))

    def end(self, at: datetime) -> LeaveState:
        if self.status is not LeaveStatus.ON_LEAVE:
            return self
        current = replace(self.periods[-1], ended_at=at)
        return LeaveState(status=LeaveStatus.RETURNED, periods=(*self.periods[:-1], current))


class CompulsoryStatus(StrEnum):
    """§2.2 compulsory care (VAR Lila): drives the estimated date (R-17…R-19) and the RFD gate (R-20)."""

    VOLUNTARY = "voluntary"
    LPT = "LPT"
    LPT_EXTENDED = "LPT-extended"
    OPT_APPLICATION = "ÖPT-application"
    OPT = "ÖPT"


@dataclass(frozen=True, slots=True, kw_only=True)
class CompulsoryState:
    status: CompulsoryStatus = CompulsoryStatus.VOLUNTARY
    admission_decision_date: date | None = None  # LPT intagningsbeslut
    opt_readmission_date: date | None = None  # R-18, AMB-CASE-06
    lpt_ended_at: datetime | None = None
    extension_ruling_date: date | None = None
    opt_applied_at: datetime | None = None
    court_decision_date: date | None = None  # the administrative court's ÖPT decision

    def admit(self, *, lpt: bool, opt_readmission: bool, decision_date: date | None) -> CompulsoryState:
        if opt_readmission:  # AMB-CASE-06: readmission under ÖPT runs as an LPT of 4 days
            return replace(self, status=CompulsoryStatus.LPT, opt_readmission_date=decision_date)
        if lpt:
            return replace(self, status=CompulsoryStatus.LPT, admission_decision_date=decision_date)
        return self

    def end_lpt(self, at: datetime) -> CompulsoryState:
        return replace(self, status=CompulsoryStatus.VOLUNTARY, lpt_ended_at=at)

    def extend_lpt(self, ruling_date: date) -> CompulsoryState:
        return replace(self, status=CompulsoryStatus.LPT_EXTENDED, extension_ruling_date=ruling_date)

    def apply_for_opt(self, at: datetime) -> CompulsoryState:
        if self.status in (CompulsoryStatus.OPT_APPLICATION, CompulsoryStatus.OPT):
            return self
        return replace(self, status=CompulsoryStatus.OPT_APPLICATION, opt_applied_at=at)

    def decide_opt(self, decision_date: date) -> CompulsoryState:
        return replace(self, status=CompulsoryStatus.OPT, court_decision_date=decision_date)
