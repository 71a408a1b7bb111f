"""``DeadlineFacts``: the timestamps and flags of one case that the deadline rules read.

The case machine fills what it knows; every field is optional and a rule whose inputs are missing is
simply not determinable yet. Construction rejects naive datetimes (``ValueError``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from discharge.calendar import local_date, require_aware
from discharge.deadlines.model import Party
from discharge.regions import Track

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

ADULT_AGE = 18  # «barn, under 18»


class CompulsoryCare(StrEnum):
    """§2.2 compulsory-care sub-state (VAR Lila)."""

    VOLUNTARY = "voluntary"
    LPT = "LPT"
    LPT_EXTENDED = "LPT-extended"
    OPT_APPLICATION = "ÖPT-application"
    OPT = "ÖPT"


@dataclass(frozen=True, kw_only=True)
class NoticeRecipient:
    """One concerned unit's admission notice (M-01) task."""

    recipient: str  # directory id of the receiving unit
    party: Party
    sent_at: datetime
    received_at: datetime | None = None  # None: delivery taken as immediate (received = sent)

    def __post_init__(self) -> None:
        _require_aware_fields(self)

    @property
    def clock_start(self) -> datetime:
        return self.received_at if self.received_at is not None else self.sent_at

    @property
    def is_outpatient(self) -> bool:
        return self.party is Party.OUTPATIENT


@dataclass(frozen=True, kw_only=True)
class DeadlineFacts:
    track: Track | None = None
    patient_age: int | None = None
    # Needs after discharge (P-GEN-01 vocabulary).
    needs_social_services: bool = False
    needs_municipal_health_care: bool = False
    needs_outpatient: bool = False
    # Admission phase.
    ward_admitted_at: datetime | None = None  # STO: ward admission, not the emergency department
    need_identified_at: datetime | None = None
    notices: tuple[NoticeRecipient, ...] = ()
    fvk_appointed_at: datetime | None = None
    estimated_discharge_date: date | None = None
    # Planning phase.
    ready_for_discharge_assessed_at: datetime | None = None
    ready_for_discharge_sent_at: datetime | None = None  # the currently active M-12
    sip_invitation_permitted: bool = True  # C-09 legal basis; False: no invitation is sent, no R-07
    planned_sip_date: date | None = None
    planned_collaboration_meeting_date: date | None = None
    health_change_decided_at: datetime | None = None
    deceased_at: datetime | None = None
    # Guards before M-12: R-29 (STO), R-30 (ORE children, red track).
    open_inpatient_referrals: bool = False
    sip_held_at: datetime | None = None
    training_offered_at: datetime | None = None
    municipality_can_train_on_site: bool = True
    # Compulsory psychiatric care, VAR Lila: R-17…R-20.
    compulsory_care: CompulsoryCare | None = None
    lpt_admission_decided_at: datetime | None = None
    opt_readmitted_at: datetime | None = None
    lpt_ended_at: datetime | None = None
    lpt_extension_ruling_date: date | None = None
    opt_court_decided_at: datetime | None = None
    # Discharge: R-12….
    discharged_at: datetime | None = None
    needs_tube_feeding: bool = False  # R-15 (VAR)

    def __post_init__(self) -> None:
        _require_aware_fields(self)
        if self.patient_age is not None and self.patient_age < 0:
            raise ValueError(f"patient_age must be >= 0: {self.patient_age}")

    @property
    def is_child(self) -> bool:
        return self.patient_age is not None and self.patient_age < ADULT_AGE

    @property
    def needs_municipal(self) -> bool:
        return self.needs_social_services or self.needs_municipal_health_care

    @property
    def needs_health_care(self) -> bool:
        """Continued health-care interventions: regional outpatient or municipal health care."""
        return self.needs_outpatient or self.needs_municipal_health_care

    @property
    def discharge_date(self) -> date | None:
        """The actual discharge date if discharged, else the estimated one."""
        if self.discharged_at is not None:
            return local_date(self.discharged_at)
        return self.estimated_discharge_date

    @property
    def admission_notice_sent_at(self) -> datetime | None:
        return min((n.sent_at for n in self.notices), default=None, key=_utc_key)


def _utc_key(t: datetime) -> float:
    return t.timestamp()


def _require_aware_fields(obj: DataclassInstance) -> None:
    for f in fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, datetime):
            require_aware(value)
