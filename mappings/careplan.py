"""The coordinated individual plan (SIP) → CarePlan (M-18; M-19 updates it): one CarePlan per case.

Glossary: SIP → CarePlan(category = sip, intent = plan): ``activity`` per measure with the responsible
principal, ``author`` = the documenting unit (the FVK's), meeting date = ``created``; the follow-up date
and C-10 consent confirmation are extensions. The gateway stores ``case_careplan``: the latest M-18 with
the SIP sub-machine laid over it (closed by M-19 → ``completed``; the current next follow-up) and the
measures an M-19 restates.
"""

from __future__ import annotations

from dataclasses import replace

from discharge.case import Case
from discharge.codes import Principal, Responsible
from discharge.planning_events import Measure
from discharge.sip import SipStatus
from discharge.sip_events import SipEstablished, SipFollowUp, SipRecordKind
from mappings.codes import PlanCategory, code_of, resource_id, system_of
from mappings.fields import BOOLEAN, DATE, DATETIME, STRING, Many, Nested, bind, coding, field
from mappings.paths import Item, path
from mappings.spec import EventSpec, Links, Node, message_identifier, set_extension

__all__ = ["SIP_ESTABLISHED", "case_careplan", "sip_careplan_id"]


def sip_careplan_id(case_id: str) -> str:
    return resource_id("sip", case_id)


def _careplan(event: SipEstablished, links: Links) -> Node:
    node: Node = {
        "resourceType": "CarePlan",
        "id": sip_careplan_id(event.case_id),
        "identifier": [message_identifier(event)],  # the latest M-18
        "status": "active",
        "intent": "plan",
        "category": [{"coding": [{"system": system_of(PlanCategory), "code": code_of(PlanCategory.SIP)}]}],
        "title": "Samordnad individuell plan (SIP)",
        "subject": links.patient if links.patient is not None else {"display": "unknown patient"},
    }
    if links.encounter is not None:
        node["encounter"] = links.encounter
    node["author"] = links.unit(event.sender)
    node["supportingInfo"] = [links.episode]
    return node


def _finish(node: Node) -> None:
    for activity in node.get("activity", []):
        activity["detail"].setdefault("status", "not-started")


_MEASURE = bind(
    Measure,
    field("responsible", "detail.extension[responsible].valueCoding", coding(Responsible)),
    field("description", "detail.description", STRING),
)

# M-18 SipEstablished → CarePlan(category = sip) (C-10, CH-06, CH-09, T11)
SIP_ESTABLISHED = EventSpec(
    SipEstablished,
    "CarePlan",
    _careplan,
    bind(
        SipEstablished,
        field("kind", "extension[sip-record-kind].valueCoding", coding(SipRecordKind)),
        field("meeting_date", "created", DATE, "the SIP meeting"),
        field("consent_confirmed", "extension[consent-confirmed].valueBoolean", BOOLEAN, "C-10"),
        field("measures", path(Item("activity", has="detail", label="detail")), Many(Nested(Measure, _MEASURE))),
        field("overall_responsible", "extension[overall-responsible].valueCoding", coding(Principal)),
        field("measures_by_others", "note[0].text", STRING, "measures by others than the principals"),
        field("next_follow_up_at", "extension[next-follow-up-at].valueDateTime", DATETIME),
        field("signed_by_all", "extension[signed-by-all].valueBoolean", BOOLEAN, "STO"),
        field("child_heard", "extension[child-heard].valueBoolean", BOOLEAN, "CH-09"),
        field("evaluation", "description", STRING),
    ),
    finish=_finish,
)

_RESTATED = ("measures", "overall_responsible", "measures_by_others", "signed_by_all", "child_heard")


def case_careplan(case: Case, links: Links) -> Node | None:
    """The case's SIP: the latest M-18, closed (M-19) → completed, with the current next follow-up."""
    records = [e.event for e in case.history if isinstance(e.event, SipEstablished | SipFollowUp)]
    established = [r for r in records if isinstance(r, SipEstablished)]
    if not established:
        return None
    latest = established[-1]
    restated = [r for r in records if isinstance(r, SipFollowUp) and r.measures]
    if restated and records.index(restated[-1]) > records.index(latest):  # M-19 restating the plan (revised)
        latest = replace(latest, **{name: getattr(restated[-1], name) for name in _RESTATED})
    node = SIP_ESTABLISHED.to_resource(latest, links)
    if case.sip.status is SipStatus.CLOSED:
        node["status"] = "completed"
    follow_up = case.sip.next_follow_up_at
    current = follow_up.isoformat() if follow_up is not None and case.sip.status is not SipStatus.CLOSED else None
    set_extension(node, "next-follow-up-at", "valueDateTime", current)
    return node
