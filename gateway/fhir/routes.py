"""FHIR REST routes under /fhir: thin HTTP adapters over ``ResourceService``.

Handlers take the raw ``Request`` and return a ``Response`` (no pydantic body models: the body
is parsed once with orjson and validated by our own checks).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from gateway.errors import BadRequest, GatewayError, NotFound
from gateway.fhir.bundles import process_batch, process_transaction
from gateway.fhir.capability import capability_statement
from gateway.fhir.media import check_accept, check_content_type, parse_resource_body, read_body
from gateway.fhir.outcome import operation_outcome
from gateway.fhir.responses import (
    base_url,
    bundle,
    entry,
    fhir_response,
    history_entry,
    location,
    page_links,
    prefer_return,
    prefer_strict,
    resource_response,
)
from gateway.fhir.runtime import Runtime
from gateway.fhir.runtime import runtime_of as _rt
from gateway.fhir.service import WriteResult, etag_versions
from gateway.process.pipeline import EventOutcome
from gateway.process.rest_driven import REST_DRIVEN, drive
from gateway.search.extract import parse_date_range
from gateway.search.parse import parse_search
from gateway.store import StoreTransaction
from gateway.store.sql_store import instant
from profiles.issues import Issue

router = APIRouter(prefix="/fhir")


async def _resource_body(request: Request) -> dict[str, Any]:
    check_content_type(request)
    rt = _rt(request)
    body = await read_body(request, max_bytes=rt.settings.max_body_bytes)
    return parse_resource_body(body, max_depth=rt.settings.max_json_depth)


@router.get("/metadata")
async def metadata(request: Request) -> Response:
    check_accept(request)
    rt = _rt(request)
    return fhir_response(
        capability_statement(
            base=base_url(request, rt.settings.base_url),
            software_version=rt.version,
            date=rt.started,
            types=rt.service.supported_types,
            registry=rt.service.registry,
        )
    )


@router.post("")
async def batch_or_transaction(request: Request) -> Response:
    check_accept(request)
    data = await _resource_body(request)
    if data["resourceType"] != "Bundle" or data.get("type") not in ("batch", "transaction"):
        raise BadRequest("POST to the base takes a Bundle of type batch or transaction", expression="Bundle.type")
    items = data.get("entry") or []
    if not isinstance(items, list):
        raise BadRequest("Bundle.entry must be an array", expression="Bundle.entry")
    rt = _rt(request)
    base = base_url(request, rt.settings.base_url)

    async def read(method: str, url: str) -> dict[str, Any]:
        return await _read_entry(request, url)

    kind = data["type"]
    process = process_transaction if kind == "transaction" else process_batch
    results = await process(rt.service, items, base, read)
    return fhir_response(
        bundle(f"{kind}-response", total=None, links=[], entries=results, now_instant=instant(rt.service.clock()))
    )


async def _read_entry(request: Request, url: str) -> dict[str, Any]:
    """A GET inside a batch/transaction: read, vread or search; errors become the entry status."""
    rt = _rt(request)
    base = base_url(request, rt.settings.base_url)
    path, _, query = url.partition("?")
    parts = path.strip("/").split("/")
    try:
        if len(parts) == 1:
            result = await _search(request, parts[0], parse_qsl(query, keep_blank_values=True))
            return {"resource": result, "response": {"status": "200 OK"}}
        if len(parts) == 2:
            stored = await rt.service.read(parts[0], parts[1])
        elif len(parts) == 4 and parts[2] == "_history":
            stored = await rt.service.vread(parts[0], parts[1], parts[3])
        else:
            raise NotFound(f"unsupported url {path!r}", expression="request.url")
    except GatewayError as exc:
        return {"response": {"status": str(exc.status), "outcome": operation_outcome(exc.issues)}}
    return entry(
        base, stored, response={"status": "200 OK", "etag": stored.etag, "lastModified": instant(stored.last_updated)}
    )


@router.get("/_history")
async def system_history(request: Request) -> Response:
    return await _history(request, None, None)


@router.get("/{resource_type}")
async def search_type(request: Request, resource_type: str) -> Response:
    check_accept(request)
    return fhir_response(await _search(request, resource_type, list(request.query_params.multi_items())))


@router.post("/{resource_type}/_search")
async def search_post(request: Request, resource_type: str) -> Response:
    check_accept(request)
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        raise BadRequest("_search takes application/x-www-form-urlencoded parameters", expression="Content-Type")
    body = await read_body(request, max_bytes=_rt(request).settings.max_body_bytes)
    params = list(request.query_params.multi_items()) + parse_qsl(body.decode(), keep_blank_values=True)
    return fhir_response(await _search(request, resource_type, params))


async def _search(request: Request, resource_type: str, params: list[tuple[str, str]]) -> dict[str, Any]:
    rt = _rt(request)
    rt.service.check_type(resource_type)
    parsed = parse_search(
        resource_type,
        params,
        rt.service.registry,
        tz=rt.service.tz,
        default_count=rt.settings.default_page_size,
        max_count=rt.settings.max_page_size,
    )
    if parsed.unknown and prefer_strict(request):
        raise BadRequest(
            "unknown or unsupported search parameters",
            issues=[
                Issue("error", "not-supported", name, f"unknown or unsupported search parameter {name}")
                for name in parsed.unknown
            ],
        )
    query = parsed.query
    base = base_url(request, rt.settings.base_url)
    page = await rt.service.store.search(replace(query, count=0) if parsed.summary_count else query)
    entries = [entry(base, s, search={"mode": "match"}) for s in page.items]
    ids = [s.id for s in page.items]
    listed = {(resource_type, i) for i in ids}  # bdl-7: each resource once (a match is not included again)
    for _, param, target in query.includes:
        refs = await rt.service.store.references(resource_type, ids, param)
        refs = [r for r in dict.fromkeys(refs) if (target is None or r[0] == target) and r not in listed]
        listed.update(refs)
        entries += [entry(base, s, search={"mode": "include"}) for s in await rt.service.store.read_many(refs)]
    if parsed.unknown:
        outcome = operation_outcome(
            Issue(
                "warning",
                "not-supported",
                name,
                f"search parameter {name} is unknown or unsupported and was ignored",
            )
            for name in parsed.unknown
        )
        entries.append({"resource": outcome, "search": {"mode": "outcome"}})
    links = page_links(f"{base}/{resource_type}", parsed.used, count=query.count, offset=query.offset, total=page.total)
    return bundle("searchset", total=page.total, links=links, entries=entries, now_instant=instant(rt.service.clock()))


@router.post("/{resource_type}")
async def create(request: Request, resource_type: str) -> Response:
    check_accept(request)
    rt = _rt(request)
    rt.service.check_type(resource_type)
    resource = await _resource_body(request)

    async def work(tx: StoreTransaction) -> tuple[WriteResult, EventOutcome | None]:
        result = await rt.service.create(
            tx, resource_type, resource, if_none_exist=request.headers.get("if-none-exist")
        )
        driven = await drive(rt, tx, None, result.stored.json(), now=rt.service.clock()) if result.created else None
        return result, driven

    result, driven = await rt.service.store.atomically(work)
    await _after_process(rt, driven)
    base = base_url(request, rt.settings.base_url)
    status = 201 if result.created else 200
    return resource_response(
        result.stored, status=status, headers={"Location": location(base, result.stored)}, prefer=prefer_return(request)
    )


async def _after_process(rt: Runtime, outcome: EventOutcome | None) -> None:
    """After the commit of a process-driving write: arm its deadlines, wake the delivery worker."""
    if outcome is None:
        return
    await rt.scheduler.armed(outcome.timers)
    if rt.delivery is not None:
        rt.delivery.wake()


@router.get("/{resource_type}/_history")
async def type_history(request: Request, resource_type: str) -> Response:
    _rt(request).service.check_type(resource_type)
    return await _history(request, resource_type, None)


@router.get("/{resource_type}/{resource_id}")
async def read(request: Request, resource_type: str, resource_id: str) -> Response:
    check_accept(request)
    stored = await _rt(request).service.read(resource_type, resource_id)
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        versions = etag_versions(if_none_match, header="If-None-Match")
        if versions is None or stored.version_id in versions:
            return Response(status_code=304, headers={"ETag": stored.etag})
    return resource_response(stored)


@router.put("/{resource_type}/{resource_id}")
async def update(request: Request, resource_type: str, resource_id: str) -> Response:
    check_accept(request)
    rt = _rt(request)
    rt.service.check_type(resource_type)
    resource = await _resource_body(request)

    async def work(tx: StoreTransaction) -> tuple[WriteResult, EventOutcome | None]:
        current = await tx.current(resource_type, resource_id) if resource_type in REST_DRIVEN else None
        old = current.json() if current is not None and not current.deleted else None
        result = await rt.service.update(
            tx, resource_type, resource_id, resource, if_match=request.headers.get("if-match")
        )
        return result, await drive(rt, tx, old, result.stored.json(), now=rt.service.clock())

    result, driven = await rt.service.store.atomically(work)
    await _after_process(rt, driven)
    base = base_url(request, rt.settings.base_url)
    return resource_response(
        result.stored,
        status=201 if result.created else 200,
        headers={"Location": location(base, result.stored)},
        prefer=prefer_return(request),
    )


@router.delete("/{resource_type}/{resource_id}")
async def delete(request: Request, resource_type: str, resource_id: str) -> Response:
    rt = _rt(request)
    deleted = await rt.service.store.atomically(lambda tx: rt.service.delete(tx, resource_type, resource_id))
    headers = {"ETag": deleted.etag} if deleted is not None else {}
    if prefer_return(request) == "OperationOutcome":
        text = f"{resource_type}/{resource_id} deleted" if deleted else f"{resource_type}/{resource_id} did not exist"
        return fhir_response(operation_outcome([Issue("information", "informational", "", text)]), 200, headers)
    return Response(status_code=204, headers=headers)


@router.get("/{resource_type}/{resource_id}/_history")
async def instance_history(request: Request, resource_type: str, resource_id: str) -> Response:
    rt = _rt(request)
    rt.service.check_type(resource_type)
    if await rt.service.store.read(resource_type, resource_id) is None:
        raise NotFound(f"{resource_type}/{resource_id} is not known", expression="id")
    return await _history(request, resource_type, resource_id)


@router.get("/{resource_type}/{resource_id}/_history/{version_id}")
async def vread(request: Request, resource_type: str, resource_id: str, version_id: str) -> Response:
    check_accept(request)
    return resource_response(await _rt(request).service.vread(resource_type, resource_id, version_id))


async def _history(request: Request, resource_type: str | None, resource_id: str | None) -> Response:
    check_accept(request)
    rt = _rt(request)
    params = list(request.query_params.multi_items())
    values = dict(params)
    count = (
        min(int(values["_count"]), rt.settings.max_page_size)
        if values.get("_count", "").isdigit()
        else (rt.settings.default_page_size)
    )
    offset = int(values["_offset"]) if values.get("_offset", "").isdigit() else 0
    since_us = None
    if "_since" in values:
        try:
            since_us = parse_date_range(values["_since"], tz=rt.service.tz)[0]
        except ValueError as exc:
            raise BadRequest(f"_since must be an instant: {exc}", expression="_since") from exc
    page = await rt.service.store.history(resource_type, resource_id, since_us=since_us, count=count, offset=offset)
    base = base_url(request, rt.settings.base_url)
    url = "/".join(p for p in (base, resource_type, resource_id, "_history") if p)
    links = page_links(url, params, count=count, offset=offset, total=page.total)
    entries = [history_entry(base, s) for s in page.items]
    return fhir_response(
        bundle("history", total=page.total, links=links, entries=entries, now_instant=instant(rt.service.clock()))
    )
