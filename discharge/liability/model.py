"""Input model of §5.2: an inpatient stay with its ready-for-discharge history, leave, needs and payer.

Frozen dataclasses only. A ``Stay`` checks its own history when it is built, so the algorithms can trust
it. Instants must be timezone-aware (any zone); every date or clock rule reads them in Europe/Stockholm
(§0.3). Nothing here knows a region's rules: day counting lives in ``days``, the rules in their modules.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import pairwise
from types import MappingProxyType
from typing import Literal
from zoneinfo import ZoneInfo

from discharge.liability.errors import InvalidStayError
from discharge.regions import Region  # §0.3 region profile codes, shared with the case model

STOCKHOLM = ZoneInfo("Europe/Stockholm")

CareType = Literal["somatic", "psychiatric"]
EndReason = Literal["discharged", "deceased", "transferred"]  # AMB-26
Housing = Literal["SoL", "LSS"]  # P-GEN-05: special-service housing
ChildClinic = Literal["BUK", "BUP"]

# ORE-C / ORE-5: children count in the average of their discharging clinic's care type.
CHILD_CLINIC_CARE_TYPE: Mapping[ChildClinic, CareType] = MappingProxyType({"BUK": "somatic", "BUP": "psychiatric"})


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month, the settlement period of every average (AMB-04)."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1..12, got {self.month}")

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def through(self, last: Month) -> Iterator[Month]:
        """This month and every following one up to and including ``last``."""
        current = self
        while current <= last:
            yield current
            current = current.next()

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True, order=True)
class Payer:
    """A paying municipality; in Stockholm City the city district (stadsdel) is the unit (P-GEN-05)."""

    municipality: str
    district: str | None = None

    def __str__(self) -> str:
        return self.municipality if self.district is None else f"{self.municipality}/{self.district}"


@dataclass(frozen=True)
class Placement:
    """A municipality's decision to place the person in special-service housing in another municipality."""

    placing: Payer
    municipality_of_stay: str
    housing: Housing


@dataclass(frozen=True)
class Needs:
    """Needs after discharge; only municipal needs can make a municipality liable (P-GEN-01)."""

    social_services: bool
    municipal_health_care: bool
    outpatient: bool

    @property
    def municipal(self) -> bool:
        return self.social_services or self.municipal_health_care

    @property
    def both_principals(self) -> bool:
        """Municipal and regional (outpatient) interventions: the P-STO-4 trigger."""
        return self.municipal and self.outpatient

    @property
    def social_services_only(self) -> bool:
        """The P-ORE-4 waiver: «endast … behov av insatser från socialtjänsten»."""
        return self.social_services and not (self.municipal_health_care or self.outpatient)


@dataclass(frozen=True)
class RfdNotice:
    """One ready-for-discharge notice (M-12), possibly revoked later (M-13).

    ``sent_at`` starts the clock everywhere but BLE, which counts from the physician's assessment
    ``assessed_at`` when it is known (§5.2, AMB-02).
    """

    sent_at: datetime
    assessed_at: datetime | None = None
    revoked_at: datetime | None = None

    def __post_init__(self) -> None:
        _require_aware(self.sent_at, self.assessed_at, self.revoked_at)
        if self.revoked_at is not None and utc(self.revoked_at) < utc(self.sent_at):
            raise InvalidStayError("an RFD notice cannot be revoked before it was sent")


@dataclass(frozen=True)
class Leave:
    """One continuous absence (permission, M-08), ``start`` ≤ t < ``end``."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        _require_aware(self.start, self.end)
        if utc(self.end) <= utc(self.start):
            raise InvalidStayError("a leave must end after it starts")


@dataclass(frozen=True)
class Stay:
    """One inpatient stay (vårdtillfälle) of a case, with the facts the payment rules read (§5.2 RfdEpisode).

    ``rfd_notices`` is the full M-12 history in send order; only the last may still be active. ``end_at`` is
    the discharge (or death, or transfer: ``end_reason``); ``None`` while the patient is still inpatient.
    """

    case_id: str
    patient_id: str
    region: Region
    registered: Payer
    care_type: CareType
    needs: Needs
    rfd_notices: tuple[RfdNotice, ...] = ()
    end_at: datetime | None = None
    end_reason: EndReason = "discharged"
    placement: Placement | None = None
    admission_notice_sent_at: datetime | None = None  # M-01
    admission_notice_due_at: datetime | None = None  # R-01, computed by the deadline rules
    fvk_appointed_at: datetime | None = None  # M-04
    sip_required: bool = False  # a SIP should be held (NAT: continued health-care needs)
    sip_invitation_sent_at: datetime | None = None  # M-10
    home_ready_confirmed_at: datetime | None = None  # §2.6 checklist complete (ORE)
    interventions_refused: bool = False  # P-STO-5
    region_interventions_unavailable_or_unclear: bool = False  # STO X1
    leaves: tuple[Leave, ...] = ()
    track: str | None = None  # region-native; informational ("oavsett spår")

    def __post_init__(self) -> None:
        _require_aware(
            self.end_at,
            self.admission_notice_sent_at,
            self.admission_notice_due_at,
            self.fvk_appointed_at,
            self.sip_invitation_sent_at,
            self.home_ready_confirmed_at,
        )
        _check_history(self.rfd_notices, self.end_at)

    @property
    def payer(self) -> Payer:
        # P-GEN-05: the placing municipality pays for a person it placed in SoL/LSS housing elsewhere.
        return self.placement.placing if self.placement is not None else self.registered

    @property
    def active_notice(self) -> RfdNotice | None:
        """The notice that counts: the last one, unless it was revoked (AMB-26)."""
        if not self.rfd_notices or self.rfd_notices[-1].revoked_at is not None:
            return None
        return self.rfd_notices[-1]


def utc(instant: datetime) -> datetime:
    """The instant in UTC: Python compares same-zone aware datetimes by wall clock, which the DST fold breaks."""
    return instant.astimezone(UTC)


def _require_aware(*instants: datetime | None) -> None:
    for instant in instants:
        if instant is not None and instant.utcoffset() is None:
            raise InvalidStayError(f"naive datetime {instant.isoformat()}: instants must be timezone-aware")


def _check_history(notices: tuple[RfdNotice, ...], end_at: datetime | None) -> None:
    for earlier, later in pairwise(notices):
        # M-13: a notice is re-sent only after the previous one was revoked (AMB-LIAB-05: else refuse the stay).
        if earlier.revoked_at is None or utc(earlier.revoked_at) > utc(later.sent_at):
            raise InvalidStayError("an RFD notice was sent while the previous one was still active")
    if end_at is None or not notices:
        return
    last = notices[-1]
    if utc(last.sent_at) > utc(end_at) or (last.revoked_at is not None and utc(last.revoked_at) > utc(end_at)):
        raise InvalidStayError("the RFD history continues after the stay ended")
