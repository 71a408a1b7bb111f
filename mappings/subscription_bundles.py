"""Notification Bundles of the R4 Subscriptions Backport IG (``backport-subscription-notification-r4``).

A ``history`` Bundle whose first entry is the status ``Parameters`` (``backport-subscription-status-r4``:
subscription, topic, status, type, events-since-subscription-start, notification-event*, error*); its
``request`` mirrors the ``$status`` operation (bdl-3/bdl-4 want a request on every history entry). For
``full-resource`` each event's focus follows as an entry (POST for its first version, PUT after); for
``id-only`` the status names the focus only; for ``empty`` neither focus nor topic is sent.
Used for handshake, heartbeat, event-notification and the ``$status`` / ``$events`` answers. Pure.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from mappings.subscriptions import BACKPORT_SD

STATUS_PROFILE: Final = f"{BACKPORT_SD}/backport-subscription-status-r4"
NOTIFICATION_PROFILE: Final = f"{BACKPORT_SD}/backport-subscription-notification-r4"
_NAMESPACE: Final = uuid.UUID("5d0a8c0e-41f2-5b8e-9a37-0c6f1b7e2a44")


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One numbered event of a Subscription (a row of ``subscription_events``)."""

    number: int
    timestamp: datetime
    focus: str  # "EpisodeOfCare/<id>" (relative)
    focus_version: int | None = None


@dataclass(frozen=True, slots=True)
class StatusInfo:
    subscription_id: str
    topic: str
    status: str  # requested | active | error | off
    type: str  # handshake | heartbeat | event-notification | query-status | query-event
    events_since_start: int
    error: str | None = None


def stable_id(*parts: str) -> str:
    """A UUIDv5 for a notification (the same delivery always gets the same Bundle id)."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def _instant(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def _event_parameter(event: EventRecord, *, base: str, content: str) -> dict[str, Any]:
    parts: list[dict[str, Any]] = [
        {"name": "event-number", "valueString": str(event.number)},
        {"name": "timestamp", "valueInstant": _instant(event.timestamp)},
    ]
    if content != "empty":
        parts.append({"name": "focus", "valueReference": {"reference": f"{base}/{event.focus}"}})
    return {"name": "notification-event", "part": parts}


def status_parameters(
    info: StatusInfo, events: Sequence[EventRecord], *, base: str, content: str, parameters_id: str
) -> dict[str, Any]:
    parameters: list[dict[str, Any]] = [
        {"name": "subscription", "valueReference": {"reference": f"{base}/Subscription/{info.subscription_id}"}},
    ]
    if content != "empty":
        parameters.append({"name": "topic", "valueCanonical": info.topic})
    parameters += [
        {"name": "status", "valueCode": info.status},
        {"name": "type", "valueCode": info.type},
        {"name": "events-since-subscription-start", "valueString": str(info.events_since_start)},
    ]
    parameters += [_event_parameter(e, base=base, content=content) for e in events]
    if info.error:
        parameters.append({"name": "error", "valueCodeableConcept": {"text": info.error}})
    return {
        "resourceType": "Parameters",
        "id": parameters_id,
        "meta": {"profile": [STATUS_PROFILE]},
        "parameter": parameters,
    }


def _focus_entry(event: EventRecord, resource: dict[str, Any], *, base: str) -> dict[str, Any]:
    resource_type = event.focus.partition("/")[0]
    first = str(resource.get("meta", {}).get("versionId", "1")) == "1"
    return {
        "fullUrl": f"{base}/{event.focus}",
        "resource": resource,
        "request": {"method": "POST", "url": resource_type} if first else {"method": "PUT", "url": event.focus},
        "response": {"status": "201" if first else "200"},
    }


def notification_bundle(
    info: StatusInfo,
    events: Sequence[tuple[EventRecord, dict[str, Any] | None]],
    *,
    base: str,
    content: str,
    bundle_id: str,
    now: datetime,
) -> dict[str, Any]:
    """``events`` pairs each event with its focus resource (used for ``full-resource``; None: not available)."""
    status_id = stable_id(bundle_id, "status")
    status = status_parameters(info, [e for e, _ in events], base=base, content=content, parameters_id=status_id)
    entries: list[dict[str, Any]] = [
        {
            "fullUrl": f"urn:uuid:{status_id}",
            "resource": status,
            "request": {"method": "GET", "url": f"{base}/Subscription/{info.subscription_id}/$status"},
            "response": {"status": "200"},
        }
    ]
    if content == "full-resource":
        entries += [_focus_entry(e, r, base=base) for e, r in events if r is not None]
    return {
        "resourceType": "Bundle",
        "id": bundle_id,
        "meta": {"profile": [NOTIFICATION_PROFILE]},
        "type": "history",
        "timestamp": _instant(now),
        "entry": entries,
    }
