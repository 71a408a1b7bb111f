"""The legal-basis sub-machine: one consent / harm-assessment record per disclosing sector (§4.2, C-01…C-14).

Role: hold what M-01 and M-24 state about consent for each of the four sectors and answer §4.2
``hasBasis(sector, purpose)`` for the case's guards (C-09 SIP invitation, C-10 SIP establishment). Boundary:
this decides *whether a basis exists*; redacting or refusing content per recipient (§4.4) is the consent
policy's job, not the case's.

Ambiguities decided here (docs/ambiguities.md):
AMB-CASE-04 a sector without its own record relies on the basis inpatient care obtained and forwarded (C-06).
AMB-CASE-05 a consent given by the social welfare board (CH-02) is recorded as ``SOCIAL_WELFARE_BOARD_DECISION``
        and counts for social services only; it never establishes a SIP (C-10 needs the person's consent).
AMB-39  for a child, establishing a SIP needs every recorded guardian's consent as well (CH-06).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from discharge.codes import ConsentGivenBy, ConsentStatus, Purpose, Sector
from discharge.parties import Guardian

__all__ = ["LegalBasis", "LegalBasisState", "SectorBasis", "basis_from_status"]


class LegalBasis(StrEnum):
    """§4.2 values of one sector's record."""

    UNKNOWN = "unknown"  # not yet asked: treated like harm-assessment-deny for non-minimal content
    CONSENT = "consent"
    HARM_ASSESSMENT_PERMIT = "harm-assessment-permit"
    HARM_ASSESSMENT_DENY = "harm-assessment-deny"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    SOCIAL_WELFARE_BOARD_DECISION = "social-welfare-board-decision"


_FROM_STATUS = {
    ConsentStatus.GIVEN: LegalBasis.CONSENT,
    ConsentStatus.REFUSED: LegalBasis.REFUSED,
    ConsentStatus.WITHDRAWN: LegalBasis.WITHDRAWN,
    ConsentStatus.HARM_ASSESSMENT_PERMITS: LegalBasis.HARM_ASSESSMENT_PERMIT,
    ConsentStatus.HARM_ASSESSMENT_DENIES: LegalBasis.HARM_ASSESSMENT_DENY,
    ConsentStatus.NOT_ASKED: LegalBasis.UNKNOWN,
}
_CONSENT_ONLY = frozenset({Purpose.SIP_ESTABLISHMENT, Purpose.RELATIVES})  # C-10, C-11


def basis_from_status(status: ConsentStatus, given_by: ConsentGivenBy | None = None) -> LegalBasis:
    """The record value of a message's consent status (AMB-CASE-05 for the social welfare board)."""
    if status is ConsentStatus.GIVEN and given_by is ConsentGivenBy.SOCIAL_WELFARE_BOARD:
        return LegalBasis.SOCIAL_WELFARE_BOARD_DECISION
    return _FROM_STATUS[status]


@dataclass(frozen=True, slots=True, kw_only=True)
class SectorBasis:
    """One sector's record. ``purposes`` empty means the record covers every purpose."""

    sector: Sector
    basis: LegalBasis = LegalBasis.UNKNOWN
    since: datetime | None = None
    given_by: ConsentGivenBy | None = None
    purposes: frozenset[Purpose] = frozenset()
    withdrawn_at: datetime | None = None  # C-05: kept after a later new consent, for the audit trail

    def covers(self, purpose: Purpose) -> bool:
        return not self.purposes or purpose in self.purposes


def _initial() -> tuple[SectorBasis, ...]:
    return tuple(SectorBasis(sector=sector) for sector in Sector)


@dataclass(frozen=True, slots=True, kw_only=True)
class LegalBasisState:
    records: tuple[SectorBasis, ...] = _initial()

    def of(self, sector: Sector) -> SectorBasis:
        return next(record for record in self.records if record.sector is sector)

    def effective(self, sector: Sector) -> SectorBasis:
        """The sector's own record, or the one inpatient care forwarded while it has none (C-06, AMB-CASE-04)."""
        own = self.of(sector)
        if own.basis is LegalBasis.UNKNOWN and sector is not Sector.INPATIENT:
            return self.of(Sector.INPATIENT)
        return own

    def record(
        self,
        sector: Sector,
        basis: LegalBasis,
        *,
        at: datetime,
        given_by: ConsentGivenBy | None = None,
        purposes: frozenset[Purpose] = frozenset(),
    ) -> LegalBasisState:
        """T14 / T2: replace ``sector``'s record; a withdrawal keeps its time (C-05). A harm assessment after the
        person refused or withdrew changes nothing (C-04, §4.2): only the person's own consent lifts a no."""
        old = self.of(sector)
        if basis is LegalBasis.HARM_ASSESSMENT_PERMIT and old.basis in (LegalBasis.REFUSED, LegalBasis.WITHDRAWN):
            return self
        withdrawn_at = at if basis is LegalBasis.WITHDRAWN else old.withdrawn_at
        new = replace(old, basis=basis, since=at, given_by=given_by, purposes=purposes, withdrawn_at=withdrawn_at)
        return LegalBasisState(records=tuple(new if r.sector is sector else r for r in self.records))

    def has_basis(self, sector: Sector, purpose: Purpose, *, guardians: tuple[Guardian, ...] | None = None) -> bool:
        """§4.2 ``hasBasis``; ``guardians`` are given for a child only (CH-06, AMB-39) — a child with none on
        record has no guardians' consent."""
        record = self.effective(sector)
        if not record.covers(purpose):
            return False
        if purpose in _CONSENT_ONLY:
            # C-10 / C-11: consent only; CH-06 a child's SIP also needs the guardians' consent
            guardians_agree = guardians is None or (
                bool(guardians) and all(g.consent is ConsentStatus.GIVEN for g in guardians)
            )
            return record.basis is LegalBasis.CONSENT and guardians_agree
        if sector is Sector.SOCIAL_SERVICES:
            # C-03: social services have no harm-assessment route; CH-02 the board may decide for a child
            return record.basis in (LegalBasis.CONSENT, LegalBasis.SOCIAL_WELFARE_BOARD_DECISION)
        # C-03 / C-04: health care may rely on consent or a permitting harm assessment
        return record.basis in (LegalBasis.CONSENT, LegalBasis.HARM_ASSESSMENT_PERMIT)

    def refused(self, sector: Sector) -> bool:
        """C-12: the individual said no (a harm assessment cannot override it, C-04)."""
        return self.effective(sector).basis is LegalBasis.REFUSED

    def said_no(self, sector: Sector) -> bool:
        """Refused, or took consent back (C-05): either way only the person's own consent lifts it (C-04)."""
        return self.effective(sector).basis in (LegalBasis.REFUSED, LegalBasis.WITHDRAWN)
