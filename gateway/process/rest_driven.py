"""Process-driving REST writes (issue 5 §3): a client's FHIR write that changes the process — a
recipient accepting its admission-notice Task, a named care contact on a CareTeam, a SIP CarePlan,
… — becomes the same neutral event as a message would, and runs the same pipeline in the same
transaction as the write. A write the process forbids is refused (422, naming the rule) and
nothing of it is kept.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import orjson

from discharge.case import new_case
from gateway.errors import Unprocessable
from gateway.fhir.runtime import Runtime
from gateway.process.pipeline import EventOutcome
from gateway.process.recipients import resolve_recipients
from gateway.store import StoreTransaction
from mappings.rest import rest_write_to_event
from profiles.issues import Issue

REST_DRIVEN = frozenset({"Task", "CareTeam", "CarePlan", "Appointment", "Encounter", "Consent", "EpisodeOfCare"})
_EPISODE = re.compile(rb'"reference":\s*"EpisodeOfCare/([A-Za-z0-9\-.]{1,64})"')
_ENCOUNTER = re.compile(rb'"reference":\s*"Encounter/([A-Za-z0-9\-.]{1,64})"')


async def case_of(tx: StoreTransaction, resource: dict[str, Any]) -> str | None:
    """The case a resource belongs to: the EpisodeOfCare it names, or its Encounter's."""
    if resource.get("resourceType") == "EpisodeOfCare":
        return str(resource.get("id"))
    text = orjson.dumps(resource)
    if match := _EPISODE.search(text):
        return match.group(1).decode()
    if match := _ENCOUNTER.search(text):
        encounter = await tx.current("Encounter", match.group(1).decode())
        if encounter is not None and not encounter.deleted:
            found = _EPISODE.search(encounter.content or b"")
            return found.group(1).decode() if found else None
    return None


async def drive(
    runtime: Runtime, tx: StoreTransaction, old: dict[str, Any] | None, new: dict[str, Any], *, now: datetime
) -> EventOutcome | None:
    if new.get("resourceType") not in REST_DRIVEN:
        return None
    case_id = await case_of(tx, new)
    if case_id is None:
        return None
    case = await runtime.pipeline.load(tx, case_id)
    if case is None:
        return None
    event = rest_write_to_event(old, new, case, now=now)
    if event is None:
        return None
    outcome = await runtime.pipeline.apply_event(tx, event)
    if outcome.rejected is not None:
        rule = outcome.rejected.rule or outcome.rejected.transition
        raise Unprocessable(
            str(outcome.rejected), issues=[Issue("error", "business-rule", rule, str(outcome.rejected))]
        )
    recipients = await resolve_recipients(event, case or new_case(case_id), runtime.directory)
    await runtime.router.route(tx, event, outcome.case, source_format="fhir", recipients=recipients, now=now)
    return outcome
