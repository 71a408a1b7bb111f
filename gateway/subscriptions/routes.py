"""Subscription routes under /fhir, included before the generic FHIR routes.

* ``POST /fhir/Subscription`` and ``PUT /fhir/Subscription/{id}``: the normal create/update (validated,
  incl. the backport rules → 422), except that the server owns the status: a client's ``off`` stays
  ``off``, anything else becomes ``requested`` and the monitor shakes hands; a client's ``error`` is dropped.
* ``GET /fhir/Basic[/{id}]``: the SubscriptionTopics as cross-version ``Basic`` resources (read-only,
  search by ``_id``, ``url`` and ``code``).
* ``$status`` and ``$events``: see ``gateway.subscriptions.operations``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from gateway.errors import BadRequest, NotFound
from gateway.fhir.media import check_accept, check_content_type, parse_resource_body, read_body
from gateway.fhir.responses import base_url, bundle, fhir_response, location, prefer_return, resource_response
from gateway.fhir.runtime import runtime_of as _rt
from gateway.store.sql_store import instant
from mappings.subscription_topics import ARTIFACT_URL, FHIR_TYPES, TOPICS, topic_to_basic
from profiles.issues import Issue

router = APIRouter(prefix="/fhir")
_TOPIC_PARAMS = ("_id", "url", "code")


async def _write(request: Request, resource_id: str | None) -> Response:
    check_accept(request)
    check_content_type(request)
    rt = _rt(request)
    body = await read_body(request, max_bytes=rt.settings.max_body_bytes)
    resource = {
        k: v for k, v in parse_resource_body(body, max_depth=rt.settings.max_json_depth).items() if k != "error"
    }
    if resource.get("status") != "off":
        resource["status"] = "requested"  # IG: the server sets requested and shakes hands before active
    async with rt.service.store.transaction() as tx:
        if resource_id is None:
            result = await rt.service.create(
                tx, "Subscription", resource, if_none_exist=request.headers.get("if-none-exist")
            )
        else:
            result = await rt.service.update(
                tx, "Subscription", resource_id, resource, if_match=request.headers.get("if-match")
            )
    if rt.subscriptions is not None:
        rt.subscriptions.wake()
    base = base_url(request, rt.settings.base_url)
    return resource_response(
        result.stored,
        status=201 if result.created else 200,
        headers={"Location": location(base, result.stored)},
        prefer=prefer_return(request),
    )


@router.post("/Subscription")
async def create_subscription(request: Request) -> Response:
    return await _write(request, None)


@router.put("/Subscription/{resource_id}")
async def update_subscription(request: Request, resource_id: str) -> Response:
    return await _write(request, resource_id)


def _topic_matches(resource: dict[str, Any], params: list[tuple[str, str]]) -> bool:
    url = next(e["valueUri"] for e in resource["extension"] if e["url"] == ARTIFACT_URL)
    for name, value in params:
        wanted = set(value.split(","))
        if name == "_id" and resource["id"] not in wanted:
            return False
        if name == "url" and url not in wanted:
            return False
        if name == "code" and not wanted & {"SubscriptionTopic", f"{FHIR_TYPES}|SubscriptionTopic"}:
            return False
    return True


@router.get("/Basic")
async def search_topics(request: Request) -> Response:
    check_accept(request)
    rt = _rt(request)
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("_count", "_offset", "_format")]
    unknown = sorted({k for k, _ in params if k not in _TOPIC_PARAMS})
    if unknown:
        raise BadRequest(
            "unknown search parameters for Basic (this server holds only its SubscriptionTopics as Basic)",
            issues=[Issue("error", "not-supported", k, f"search parameter {k} is not supported here") for k in unknown],
        )
    base = base_url(request, rt.settings.base_url)
    found = [b for b in map(topic_to_basic, TOPICS) if _topic_matches(b, params)]
    entries = [{"fullUrl": f"{base}/Basic/{b['id']}", "resource": b, "search": {"mode": "match"}} for b in found]
    now = instant(rt.service.clock())
    return fhir_response(bundle("searchset", total=len(found), links=[], entries=entries, now_instant=now))


@router.get("/Basic/{resource_id}")
async def read_topic(request: Request, resource_id: str) -> Response:
    check_accept(request)
    found = next((t for t in TOPICS if t.name == resource_id), None)
    if found is None:
        raise NotFound(f"Basic/{resource_id} is not known", expression="id")
    return fhir_response(topic_to_basic(found))
