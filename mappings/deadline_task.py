"""A deadline of the case → the responsible unit's Task, and its overdue notice → Communication.

Task.code = the process step that fulfils the deadline; Task.restriction.period.end = the
deadline; Task.businessStatus = pending | overdue | met | missed; Task.owner = the responsible
unit (by HSA-id); Task.focus = the case's EpisodeOfCare.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from discharge.case import Case
from discharge.codes import Sector
from discharge.deadlines import DeadlineStatus, Party
from discharge.parties import Unit
from discharge.timeline import DeadlineView
from mappings.codes import (
    DEADLINE_IDENTIFIER,
    DEADLINE_RULE,
    PROCESS_STEP,
    PROCESS_STEPS,
    TASK_BUSINESS_STATUS,
    resource_id,
)
from mappings.parties import person_identifier, unit_reference

_SECTORS = {
    Party.INPATIENT: {Sector.INPATIENT},
    Party.OUTPATIENT: {Sector.OUTPATIENT},
    Party.FVK: {Sector.OUTPATIENT},
    Party.MUNICIPALITY: {Sector.SOCIAL_SERVICES, Sector.MUNICIPAL_HEALTH_CARE},
    Party.SOCIAL_SERVICES: {Sector.SOCIAL_SERVICES},
    Party.MUNICIPAL_HEALTH_CARE: {Sector.MUNICIPAL_HEALTH_CARE},
}


def task_id(case_id: str, view: DeadlineView) -> str:
    return resource_id("deadline-task", case_id, view.key)


def known_units(case: Case) -> list[Unit]:
    units: dict[str, Unit] = {}
    for entry in case.history:
        for unit in (entry.event.sender, *entry.event.recipients):
            units.setdefault(unit.hsa_id, unit)
    return list(units.values())


def responsible_unit(case: Case, view: DeadlineView) -> Unit | None:
    """The unit that must act: the deadline's subject (per-recipient rules), else the first known
    unit of the responsible sector."""
    units = known_units(case)
    if view.deadline.subject is not None:
        match = next((u for u in units if u.hsa_id == view.deadline.subject), None)
        if match is not None:
            return match
    sectors = _SECTORS.get(view.deadline.responsible, set())
    return next((u for u in units if u.sector in sectors), None)


def deadline_to_task(case: Case, view: DeadlineView, *, authored: datetime) -> dict[str, Any]:
    deadline = view.deadline
    done = view.status in (DeadlineStatus.MET, DeadlineStatus.MISSED)
    step = PROCESS_STEPS.get(deadline.message or "", "general-message")
    task: dict[str, Any] = {
        "resourceType": "Task",
        "id": task_id(case.case_id, view),
        "identifier": [{"system": DEADLINE_IDENTIFIER, "value": f"{case.case_id}/{view.key}"}],
        "status": "completed" if done else "requested",
        "businessStatus": {"coding": [{"system": TASK_BUSINESS_STATUS, "code": view.status.value}]},
        "intent": "order",
        "code": {"coding": [{"system": PROCESS_STEP, "code": step}]},
        "description": deadline.description,
        "focus": {"reference": f"EpisodeOfCare/{case.case_id}"},
        "authoredOn": authored.isoformat(),
        "restriction": {"period": {"end": deadline.due.isoformat()}},  # R-xx: the deadline itself
        "reasonCode": {"coding": [{"system": DEADLINE_RULE, "code": deadline.rule.value}]},
    }
    if case.patient is not None:
        task["for"] = {"identifier": person_identifier(case.patient.identifier)}
    owner = responsible_unit(case, view)
    if owner is not None:
        task["owner"] = unit_reference(owner)
    if view.fulfilled_at is not None:
        task["executionPeriod"] = {"end": view.fulfilled_at.isoformat()}
    return task


def overdue_notice(case: Case, view: DeadlineView, *, now: datetime) -> dict[str, Any]:
    """The Communication that tells the responsible unit its deadline has passed."""
    owner = responsible_unit(case, view)
    deadline = view.deadline
    notice: dict[str, Any] = {
        "resourceType": "Communication",
        "id": resource_id("overdue-notice", case.case_id, view.key, deadline.due.isoformat()),
        "status": "completed",
        "category": [
            {
                "coding": [
                    {"system": PROCESS_STEP, "code": PROCESS_STEPS.get(deadline.message or "", "general-message")}
                ]
            },
            {"coding": [{"system": DEADLINE_RULE, "code": deadline.rule.value}]},
        ],
        "about": [{"reference": f"Task/{task_id(case.case_id, view)}"}],
        "sent": now.isoformat(),
        "payload": [
            {"contentString": f"{deadline.rule.value} overdue since {deadline.due.isoformat()}: {deadline.description}"}
        ],
    }
    if owner is not None:
        notice["recipient"] = [unit_reference(owner)]
    return notice
