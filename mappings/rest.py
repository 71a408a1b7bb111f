"""Process-driving FHIR REST writes → neutral events (issue 5 §3), pure: ``old`` (None on create), ``new``, the
case, ``now`` and optionally the authenticated ``author`` unit.

Supported (``REST_DRIVEN``; docs/mappings/README.md):

==============  ================================================================  ==========
resource        change                                                            event
==============  ================================================================  ==========
Task            the recipient's admission-notice Task → ``accepted``              M-02
Task            the recipient's ready-for-discharge Task → ``accepted``           M-12-ACK
Task            a referral Task's ``status`` changes                              M-15
Task            created with code ``outpatient-nurse-request``                    M-16
Task            created with code ``follow-up-contact``                           M-20
CareTeam        the FVK (or named physician contact) participant changes          M-04
CarePlan (SIP)  created or its content changes while ``active``                   M-18
CarePlan (SIP)  ``status`` → ``completed``                                        M-19 (CLOSED)
Appointment     an invited unit's ``participant.status`` changes                  M-10-ACK / M-11-ACK
Encounter       ``extension[estimated-discharge-date]`` changes                   M-06 (reason OTHER)
Encounter       ``status`` → ``onleave`` / back from ``onleave``                  M-08 STARTED / ENDED
Consent         the sector's Consent changes                                      M-24
EpisodeOfCare   ``status`` → ``finished``                                         M-22
==============  ================================================================  ==========

Anything else returns None (no process change). The event's message id is derived from the write
(resource, id, content), so a repeated identical write is the same message (idempotency). The sender is
``author`` or the unit the resource names, looked up among the case's units; the case supplies region and
track. A write the rules cannot read raises ``MappingError`` with FHIRPath issues.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from discharge.case import Case
from discharge.event_base import DischargeEvent
from discharge.parties import Unit
from mappings.rest_context import RestContext
from mappings.rest_handlers import (
    appointment_reply,
    careplan_change,
    careteam_change,
    consent_change,
    encounter_change,
    episode_change,
    task_change,
)
from mappings.spec import Node

__all__ = [
    "REST_DRIVEN",
    "careplan_to_event",
    "careteam_to_event",
    "rest_write_to_event",
    "task_update_to_event",
]

REST_DRIVEN: tuple[tuple[str, str, str], ...] = (
    ("Task", "the recipient's admission-notice Task → accepted", "M-02"),
    ("Task", "the recipient's ready-for-discharge Task → accepted", "M-12-ACK"),
    ("Task", "a referral Task's status changes", "M-15"),
    ("Task", "created with code outpatient-nurse-request", "M-16"),
    ("Task", "created with code follow-up-contact", "M-20"),
    ("CareTeam", "the FVK or named physician contact participant changes", "M-04"),
    ("CarePlan", "SIP created, or its content changes while active", "M-18"),
    ("CarePlan", "SIP status → completed", "M-19"),
    ("Appointment", "an invited unit's participant.status changes", "M-10-ACK / M-11-ACK"),
    ("Encounter", "extension[estimated-discharge-date] changes", "M-06"),
    ("Encounter", "status → onleave, or back from onleave", "M-08"),
    ("Consent", "the sector's Consent changes", "M-24"),
    ("EpisodeOfCare", "status → finished", "M-22"),
)


_Handler = Callable[[RestContext], DischargeEvent | None]


_HANDLERS: dict[str, _Handler] = {
    "Task": task_change,
    "CareTeam": careteam_change,
    "CarePlan": careplan_change,
    "Appointment": appointment_reply,
    "Encounter": encounter_change,
    "Consent": consent_change,
    "EpisodeOfCare": episode_change,
}


def rest_write_to_event(
    old: Node | None, new: Node, case: Case, *, now: datetime, author: Unit | None = None
) -> DischargeEvent | None:
    """The neutral event a REST create/update implies, or None when it changes nothing in the process."""
    handler = _HANDLERS.get(str(new.get("resourceType")))
    if handler is None or (old is not None and _same_content(old, new)):
        return None
    return handler(RestContext(old, new, case, now, author))


def _same_content(old: Node, new: Node) -> bool:
    def strip(node: Node) -> Node:
        return {k: v for k, v in node.items() if k not in ("meta", "text")}

    return strip(old) == strip(new)


def task_update_to_event(
    old_task: Node | None, new_task: Node, case: Case, *, now: datetime, author: Unit | None = None
) -> DischargeEvent | None:
    return rest_write_to_event(old_task, new_task, case, now=now, author=author)


def careteam_to_event(
    old: Node | None, new: Node, case: Case, *, now: datetime, author: Unit | None = None
) -> DischargeEvent | None:
    return rest_write_to_event(old, new, case, now=now, author=author)


def careplan_to_event(
    old: Node | None, new: Node, case: Case, *, now: datetime, author: Unit | None = None
) -> DischargeEvent | None:
    return rest_write_to_event(old, new, case, now=now, author=author)
