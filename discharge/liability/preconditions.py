"""Preconditions of §5.1–§5.5 evaluated on one closed stay; each outcome is a ``Finding`` citing its rule id.

A precondition is met if it was satisfied at any time up to and including the end of the stay, except
P-STO-1 and P-STO-4, which carry their own deadlines (§5.2 "Evaluating preconditions", AMB-LIAB-02).
Outcomes are data, never exceptions: a stay failing a precondition still counts in its average where the
rule says so (AMB-05).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from discharge.liability.days import sent_by_sip_deadline, sip_invitation_deadline
from discharge.liability.model import Needs, RfdNotice, Stay, utc


@dataclass(frozen=True)
class Finding:
    """One rule checked for one episode: ``met`` or not, and why."""

    rule: str
    met: bool
    detail: str


def in_target_group(needs: Needs) -> bool:
    # P-GEN-01 (STO X3, AMB-07): only social-services or municipal health-care needs can make a municipality pay.
    return needs.municipal


def all_met(findings: tuple[Finding, ...]) -> bool:
    return all(finding.met for finding in findings)


def _by(instant: datetime | None, end_at: datetime) -> bool:
    return instant is not None and utc(instant) <= utc(end_at)


def nat_preconditions(stay: Stay, notice: RfdNotice, end_at: datetime) -> tuple[Finding, ...]:
    """P-NAT-1..3 (§5.3); BLE applies them too (Proposal, AMB-06)."""
    # P-NAT-3's sipRequired is «continued health-care needs» (§5.3), whatever a regional SIP plan says
    needed = stay.sip_required or stay.needs.municipal_health_care or stay.needs.outpatient
    sip_ok = not needed or _by(stay.sip_invitation_sent_at, end_at)
    return (
        # P-NAT-1: «om inskrivningsmeddelande skickats»
        Finding("P-NAT-1", _by(stay.admission_notice_sent_at, end_at), "admission notice (M-01) sent"),
        # P-NAT-2: the ready-for-discharge notice (M-12) starts the clock.
        Finding("P-NAT-2", _by(notice.sent_at, end_at), f"ready-for-discharge notice (M-12) sent {notice.sent_at}"),
        # P-NAT-3: with continued health-care needs, only if a SIP invitation was sent (not necessarily held).
        Finding(
            "P-NAT-3",
            sip_ok,
            "SIP invitation (M-10) sent" if needed else "no SIP required (no continued health-care needs)",
        ),
    )


def sto_preconditions(stay: Stay, notice: RfdNotice, end_at: datetime) -> tuple[Finding, ...]:
    """P-STO-1..5 and the exclusions X1, X2 (§5.4); all must hold for a chargeable episode (X3: ``in_target_group``)."""
    return (
        _sto_admission_notice_in_time(stay),
        Finding("P-STO-2", _by(notice.sent_at, end_at), "physician judged ready for discharge and M-12 was sent"),
        _sto_fvk(stay, end_at),
        _sto_sip_invitation(stay, notice),
        # P-STO-5: «ska den enskilde/legal företrädare inte ha motsatt sig att ta emot insatser»
        Finding("P-STO-5", not stay.interventions_refused, "the individual has not refused the interventions"),
        # X1: region-funded interventions unavailable, or unclear whether they are.
        Finding(
            "X1",
            not stay.region_interventions_unavailable_or_unclear,
            "region-funded interventions are available and clarified",
        ),
        _sto_sip_called(stay, notice, end_at),
    )


def _sto_admission_notice_in_time(stay: Stay) -> Finding:
    # P-STO-1 (AMB-28): M-01 sent «i rätt tid», i.e. by the R-01 deadline; an unknown deadline cannot be shown met.
    sent, due = stay.admission_notice_sent_at, stay.admission_notice_due_at
    if sent is None:
        return Finding("P-STO-1", False, "no admission notice (M-01) sent")
    if due is None:
        return Finding("P-STO-1", False, "admission-notice deadline (R-01) unknown, so 'in time' is not shown")
    met = utc(sent) <= utc(due)
    return Finding("P-STO-1", met, f"M-01 sent {sent.isoformat()}, due {due.isoformat()} (R-01)")


def _sto_fvk(stay: Stay, end_at: datetime) -> Finding:
    # P-STO-3, waived without outpatient needs: no FVK is appointed then (AMB-21).
    if not stay.needs.outpatient:
        return Finding("P-STO-3", True, "no outpatient needs, so no named care contact is required (AMB-21)")
    return Finding("P-STO-3", _by(stay.fvk_appointed_at, end_at), "named care contact (FVK, M-04) appointed")


def _sto_sip_invitation(stay: Stay, notice: RfdNotice) -> Finding:
    # P-STO-4: with both principals' interventions, M-10 by endOfDayPlusDays(rfdSentAt, 3) (R-07).
    if not stay.needs.both_principals:
        return Finding("P-STO-4", True, "interventions from one principal only; no SIP-invitation deadline")
    deadline = sip_invitation_deadline(notice.sent_at)
    invited = stay.sip_invitation_sent_at
    met = invited is not None and sent_by_sip_deadline(notice.sent_at, invited)
    when = "never" if invited is None else invited.isoformat()
    return Finding("P-STO-4", met, f"SIP invitation (M-10) sent {when}, due {deadline.isoformat()}")


def _sto_sip_called(stay: Stay, notice: RfdNotice, end_at: datetime) -> Finding:
    # X2: not chargeable if the FVK has not called a SIP when one should be held. Same allowance as P-STO-4:
    # the end of the stay or the R-07 deadline, whichever is later (AMB-LIAB-02), so the two never disagree.
    if not stay.sip_required:
        return Finding("X2", True, "no SIP required")
    bound = max(utc(end_at), utc(sip_invitation_deadline(notice.sent_at)))
    return Finding("X2", _by(stay.sip_invitation_sent_at, bound), "SIP invitation (M-10) sent where a SIP is required")


def ore_preconditions(stay: Stay, notice: RfdNotice, end_at: datetime) -> tuple[Finding, ...]:
    """P-ORE-1..4 (§5.5, «Kommunens betalningsansvar inträder när:»)."""
    if stay.needs.social_services_only:
        # P-ORE-4 waived: «regionens öppenvård inte är någon part» (ORE-3).
        fvk = Finding("P-ORE-4", True, "social-services needs only: no named care contact required")
    else:
        fvk = Finding("P-ORE-4", _by(stay.fvk_appointed_at, end_at), "named care contact (FVK) appointed")
    return (
        Finding("P-ORE-1", _by(stay.admission_notice_sent_at, end_at), "admission notice (M-01) sent"),
        Finding("P-ORE-2", _by(notice.sent_at, end_at), "municipal units notified ready for discharge (M-12)"),
        Finding("P-ORE-3", _by(stay.home_ready_confirmed_at, end_at), "home-ready checklist (§2.6) complete"),
        fvk,
    )


def unmet(findings: tuple[Finding, ...]) -> str:
    """The failed rules as one phrase for an explanation, e.g. ``P-NAT-3 not met (SIP invitation (M-10) sent)``."""
    return "; ".join(f"{finding.rule} not met ({finding.detail})" for finding in findings if not finding.met)
