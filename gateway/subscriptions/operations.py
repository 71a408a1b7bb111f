"""The backport IG's Subscription operations (GET with query parameters, or POST with a Parameters body).

* ``Subscription/$status`` (``id``*, ``status``*) and ``Subscription/{id}/$status``: a ``searchset``
  Bundle with one status ``Parameters`` (type ``query-status``) per Subscription: status, topic,
  events-since-subscription-start and, in ``error``, why (OperationDefinition backport-subscription-status).
* ``Subscription/{id}/$events`` (``eventsSinceNumber``, ``eventsUntilNumber``, ``content``): the numbered
  events as a notification Bundle (``history``, type ``query-event``) for a receiver to repair gaps; the
  ``full-resource`` entries are the focus versions that were notified. At most ``GATEWAY_MAX_PAGE_SIZE``
  events per call (page on with ``eventsSinceNumber``).
"""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from gateway.errors import BadRequest
from gateway.fhir.media import check_accept, parse_resource_body, read_body
from gateway.fhir.responses import base_url, bundle, fhir_response
from gateway.fhir.runtime import runtime_of as _rt
from gateway.store import StoredResource
from gateway.store.sql_store import instant
from gateway.subscriptions.channel import subscription_query
from gateway.subscriptions.notifier import receivers_of
from gateway.subscriptions.store import event_count, events_between
from mappings.subscription_bundles import EventRecord, StatusInfo, notification_bundle, status_parameters
from mappings.subscriptions import CONTENTS, read_subscription

router = APIRouter(prefix="/fhir")


async def _params(request: Request) -> list[tuple[str, str]]:
    """Query parameters, plus those of a POSTed Parameters body (any primitive value)."""
    found = list(request.query_params.multi_items())
    if request.method == "POST":
        body = await read_body(request, max_bytes=_rt(request).settings.max_body_bytes)
        if body.strip():
            resource = parse_resource_body(body, max_depth=_rt(request).settings.max_json_depth)
            if resource["resourceType"] != "Parameters":
                raise BadRequest("the body of an operation is a Parameters resource", expression="resourceType")
            for parameter in resource.get("parameter", []):
                value = next((v for k, v in parameter.items() if k.startswith("value")), None)
                if isinstance(value, str | int) and not isinstance(value, bool):
                    found.append((str(parameter.get("name")), str(value)))
    return found


async def _info(request: Request, stored: StoredResource, kind: str) -> tuple[StatusInfo, dict[str, Any]]:
    resource = stored.json()
    async with _rt(request).service.store.reader() as conn:
        count = await event_count(conn, stored.id)
    info = StatusInfo(
        stored.id, str(resource.get("criteria", "")), str(resource.get("status", "")), kind, count,
        error=resource.get("error"),
    )  # fmt: skip
    return info, resource


async def _status(request: Request, subscriptions: list[StoredResource]) -> Response:
    rt = _rt(request)
    base = base_url(request, rt.settings.base_url)
    entries = []
    for stored in subscriptions:
        info, _ = await _info(request, stored, "query-status")
        parameters_id = str(uuid.uuid4())
        parameters = status_parameters(info, [], base=base, content="id-only", parameters_id=parameters_id)
        entries.append({"fullUrl": f"urn:uuid:{parameters_id}", "resource": parameters, "search": {"mode": "match"}})
    now = instant(rt.service.clock())
    return fhir_response(bundle("searchset", total=len(entries), links=[], entries=entries, now_instant=now))


@router.api_route("/Subscription/$status", methods=["GET", "POST"])
async def status_of_many(request: Request) -> Response:
    check_accept(request)
    rt = _rt(request)
    params = await _params(request)
    ids = {i for k, v in params if k == "id" for i in v.split(",")}
    statuses = [s for k, v in params if k == "status" for s in v.split(",")] or ["requested", "active", "error", "off"]
    found: list[StoredResource] = []
    for status in dict.fromkeys(statuses):
        page = await rt.service.store.search(subscription_query(rt.service, status))
        found += [s for s in page.items if not ids or s.id in ids]
    return await _status(request, sorted(found, key=lambda s: s.id))


@router.api_route("/Subscription/{resource_id}/$status", methods=["GET", "POST"])
async def status_of_one(request: Request, resource_id: str) -> Response:
    check_accept(request)
    await _params(request)  # read (and check) a POSTed body; instance level takes no parameters
    return await _status(request, [await _rt(request).service.read("Subscription", resource_id)])


def _number(params: dict[str, str], name: str, default: int | None) -> int | None:
    value = params.get(name)
    if value is None:
        return default
    if not value.isdigit():
        raise BadRequest(f"{name} must be a non-negative event number", expression=name)
    return int(value)


@router.api_route("/Subscription/{resource_id}/$events", methods=["GET", "POST"])
async def events(request: Request, resource_id: str) -> Response:
    check_accept(request)
    rt = _rt(request)
    params = dict(await _params(request))
    stored = await rt.service.read("Subscription", resource_id)
    info, resource = await _info(request, stored, "query-event")
    spec = read_subscription(resource)[0]
    content = params.get("content") or (spec.content if spec is not None else "id-only")
    if content not in CONTENTS:
        raise BadRequest(f"content must be one of {', '.join(CONTENTS)}", expression="content")
    if content == "full-resource" and (spec is None or receivers_of(spec)):
        content = "id-only"  # a replay is not judged per event for the filtered receivers (§4.4): ids only
    since = _number(params, "eventsSinceNumber", 1) or 1
    until = _number(params, "eventsUntilNumber", None)
    async with rt.service.store.reader() as conn:
        found = await events_between(conn, resource_id, since=since, until=until, limit=rt.settings.max_page_size)
    pairs = [(event, await _focus(request, event) if content == "full-resource" else None) for event in found]
    base = base_url(request, rt.settings.base_url)
    now = rt.service.clock()
    answer = notification_bundle(info, pairs, base=base, content=content, bundle_id=str(uuid.uuid4()), now=now)
    return fhir_response(answer)


async def _focus(request: Request, event: EventRecord) -> dict[str, Any] | None:
    """The focus as it was notified (that version), or None when it is no longer there."""
    store = _rt(request).service.store
    resource_type, _, resource_id = event.focus.partition("/")
    if event.focus_version is None:
        stored = await store.read(resource_type, resource_id)
    else:
        stored = await store.vread(resource_type, resource_id, event.focus_version)
    return None if stored is None or stored.deleted else stored.json()
