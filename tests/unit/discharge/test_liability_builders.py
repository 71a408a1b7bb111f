"""Builders for the liability tests (no tests here): a ``Stay`` whose preconditions are all met unless told.

§5.8: «Unless stated otherwise, preconditions are met and the episode has municipal needs.» Times are
written as Europe/Stockholm wall-clock text, ``"2025-03-03 09:00"``; a bare date means 10:00 that day.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from discharge.liability.model import Needs, Payer, RfdNotice, Stay
from discharge.regions import Region

STOCKHOLM = ZoneInfo("Europe/Stockholm")
KUMLA = Payer("Kumla")
SODERMALM = Payer("Stockholm", "Södermalm")
SOCIAL_AND_OUTPATIENT = Needs(social_services=True, municipal_health_care=False, outpatient=True)
SOCIAL_ONLY = Needs(social_services=True, municipal_health_care=False, outpatient=False)
HEALTH_CARE = Needs(social_services=False, municipal_health_care=True, outpatient=True)
OUTPATIENT_ONLY = Needs(social_services=False, municipal_health_care=False, outpatient=True)


def at(text: str) -> datetime:
    """Stockholm wall-clock time; ``"2025-03-05"`` alone means 10:00."""
    moment = datetime.fromisoformat(text if " " in text or "T" in text else f"{text} 10:00")
    return moment.replace(tzinfo=STOCKHOLM)


def stay(
    case_id: str,
    *,
    region: Region,
    rfd: str | datetime | RfdNotice | tuple[RfdNotice, ...],
    end: str | datetime | None,
    payer: Payer = KUMLA,
    needs: Needs = SOCIAL_AND_OUTPATIENT,
    **facts: Any,
) -> Stay:
    """A stay with every precondition met (M-01 in time, FVK, SIP invitation, home-ready) unless overridden."""
    notices = _notices(rfd)
    first_sent = notices[0].sent_at
    end_at = at(end) if isinstance(end, str) else end
    admission_sent = first_sent - timedelta(days=2)
    built = Stay(
        case_id=case_id,
        patient_id=f"patient-{case_id}",
        region=region,
        registered=payer,
        care_type="somatic",
        needs=needs,
        rfd_notices=notices,
        end_at=end_at,
        admission_notice_sent_at=admission_sent,
        admission_notice_due_at=admission_sent + timedelta(hours=1),
        fvk_appointed_at=admission_sent + timedelta(hours=2),
        sip_invitation_sent_at=notices[-1].sent_at,
        home_ready_confirmed_at=end_at,
    )
    return replace(built, **facts)


def _notices(rfd: str | datetime | RfdNotice | tuple[RfdNotice, ...]) -> tuple[RfdNotice, ...]:
    if isinstance(rfd, tuple):
        return rfd
    if isinstance(rfd, RfdNotice):
        return (rfd,)
    return (RfdNotice(at(rfd) if isinstance(rfd, str) else rfd),)
