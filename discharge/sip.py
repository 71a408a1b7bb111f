"""The SIP sub-machine (samordnad individuell plan, §2.2; M-09, M-10, M-18, M-19; R-07, C-09, C-10).

Role: whether a SIP is needed for this region and track, whether it can be offered (legal basis), and
where it stands: invited, held, followed up, closed. Boundary: the basis itself comes from
``discharge.legal_basis``; the R-07 deadline is computed by ``discharge.deadlines`` from the case facts.

Values (§2.2): ``not-required``, ``to-offer``, ``no-legal-basis``, ``declined``, ``invitation-due``,
``invited``, ``held``, ``follow-up-scheduled``, ``followed-up``, ``closed``.

Ambiguities decided here (docs/ambiguities.md):
AMB-19  STO BLÅ: ``to-offer`` when there are municipal interventions, never ``invitation-due``.
AMB-CASE-03 planning per region: STO GRÖN/GUL/RÖD, VAR Röd, ORE red and, elsewhere, health-care needs together
        with municipal needs (NAT/BLE: any continued health-care need) make the invitation due; VAR
        Grön/Gul/Lila and every other case with needs get ``to-offer`` («vid behov»).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from discharge.codes import MUNICIPAL_NEEDS, Location, Need
from discharge.regions import Region, Track

__all__ = ["SipState", "SipStatus", "plan_sip"]


class SipStatus(StrEnum):
    NOT_REQUIRED = "not-required"
    TO_OFFER = "to-offer"
    NO_LEGAL_BASIS = "no-legal-basis"
    DECLINED = "declined"
    INVITATION_DUE = "invitation-due"
    INVITED = "invited"
    HELD = "held"
    FOLLOW_UP_SCHEDULED = "follow-up-scheduled"
    FOLLOWED_UP = "followed-up"
    CLOSED = "closed"


_PLANNING = frozenset({SipStatus.NOT_REQUIRED, SipStatus.TO_OFFER, SipStatus.INVITATION_DUE})
_BLOCKED = frozenset({SipStatus.NO_LEGAL_BASIS, SipStatus.DECLINED})
_DUE_TRACKS = frozenset({Track.STO_GRON, Track.STO_GUL, Track.STO_ROD, Track.VAR_ROD, Track.ORE_RED})
_OFFER_TRACKS = frozenset({Track.VAR_GRON, Track.VAR_GUL, Track.VAR_LILA})


def plan_sip(region: Region, track: Track | None, needs: frozenset[Need]) -> SipStatus:
    """AMB-CASE-03: the planned SIP status before any invitation (§3, R-07)."""
    if track is Track.STO_GRA:  # «Det föreligger inget krav på att en SIP ska erbjudas.»
        return SipStatus.NOT_REQUIRED
    if track is Track.STO_BLA:  # «SIP ska erbjudas om den enskilde har insatser från kommunen.» (AMB-19)
        return SipStatus.TO_OFFER if needs & MUNICIPAL_NEEDS else SipStatus.NOT_REQUIRED
    if track in _DUE_TRACKS:
        return SipStatus.INVITATION_DUE
    if track in _OFFER_TRACKS:
        return SipStatus.TO_OFFER
    health_care = bool(needs & {Need.OUTPATIENT, Need.MUNICIPAL_HEALTH_CARE})
    if region in (Region.NAT, Region.BLE) and health_care:  # R-07 NAT/BLE: continued health-care needs
        return SipStatus.INVITATION_DUE
    if health_care and needs & MUNICIPAL_NEEDS:  # both principals (STO P-STO-4; ORE soft R-07)
        return SipStatus.INVITATION_DUE
    return SipStatus.TO_OFFER if needs else SipStatus.NOT_REQUIRED


@dataclass(frozen=True, slots=True, kw_only=True)
class SipState:
    status: SipStatus = SipStatus.NOT_REQUIRED
    planned: SipStatus = SipStatus.NOT_REQUIRED  # what the status returns to when a basis is regained
    first_invited_at: datetime | None = None  # R-07 fulfilment (M-09 or M-10 send time)
    invitation_message_id: str | None = None
    meeting_at: datetime | None = None  # R-08 reference for VAR Röd
    meeting_location: Location | None = None  # K-07: SIP in the home
    at_hospital: bool = False  # M-09 initial SIP at the hospital (STO RÖD)
    responses: tuple[tuple[str, str, datetime], ...] = ()  # (HSA-id, response, time)
    held_on: date | None = None  # M-18 meeting date
    established_at: datetime | None = None  # M-18 send time
    next_follow_up_at: datetime | None = None
    followed_up_on: date | None = None
    closed_on: date | None = None

    @property
    def is_held(self) -> bool:
        return self.held_on is not None

    def replan(self, planned: SipStatus, *, basis: bool, refused: bool) -> SipState:
        """Re-evaluate before any invitation: the plan, then C-12 refusal or a missing basis (C-09)."""
        if self.status not in _PLANNING | _BLOCKED:
            return replace(self, planned=planned)
        status = planned
        if planned is not SipStatus.NOT_REQUIRED:
            if refused:
                status = SipStatus.DECLINED
            elif not basis:
                status = SipStatus.NO_LEGAL_BASIS
        return replace(self, status=status, planned=planned)

    def invite(
        self, *, message_id: str, at: datetime, meeting_at: datetime, location: Location, at_hospital: bool
    ) -> SipState:
        """T7: invited (or, once a SIP is held, a follow-up is scheduled)."""
        status = SipStatus.FOLLOW_UP_SCHEDULED if self.is_held else SipStatus.INVITED
        return replace(
            self,
            status=status,
            first_invited_at=self.first_invited_at if self.first_invited_at is not None else at,
            invitation_message_id=message_id,
            meeting_at=meeting_at,
            meeting_location=location,
            at_hospital=self.at_hospital or at_hospital,
        )

    def respond(self, hsa_id: str, response: str, at: datetime) -> SipState:
        return replace(self, responses=(*self.responses, (hsa_id, response, at)))

    def establish(self, *, held_on: date, at: datetime, next_follow_up_at: datetime | None) -> SipState:
        """T11: held; with a follow-up date, follow-up-scheduled."""
        status = SipStatus.FOLLOW_UP_SCHEDULED if next_follow_up_at is not None else SipStatus.HELD
        established_at = self.established_at if self.established_at is not None else at
        return replace(
            self,
            status=status,
            held_on=self.held_on or held_on,
            established_at=established_at,
            next_follow_up_at=next_follow_up_at,
        )

    def follow_up(self, *, held_on: date, closed: bool, next_follow_up_at: datetime | None) -> SipState:
        """M-19: followed up (or scheduled again), or closed."""
        if closed:
            return replace(self, status=SipStatus.CLOSED, followed_up_on=held_on, closed_on=held_on)
        status = SipStatus.FOLLOW_UP_SCHEDULED if next_follow_up_at is not None else SipStatus.FOLLOWED_UP
        return replace(self, status=status, followed_up_on=held_on, next_follow_up_at=next_follow_up_at)
