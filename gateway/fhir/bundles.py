"""batch and transaction Bundles (R4 §3.1.0.11, http.html#transaction).

A transaction is all-or-nothing in one store transaction, processed in the order DELETE, POST,
PUT, then GET (GETs read after commit, so they see the transaction's writes); ``urn:uuid``
fullUrls of created resources are replaced in every reference of the Bundle. A batch processes
each entry on its own and reports a status per entry.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from gateway.errors import BadRequest, GatewayError, MethodNotAllowed
from gateway.fhir.outcome import operation_outcome
from gateway.fhir.references import conditional_references, rewrite_references
from gateway.fhir.responses import entry, location
from gateway.fhir.service import ResourceService, WriteResult, check_id
from gateway.store import StoredResource, StoreTransaction
from gateway.store.sql_store import instant
from profiles.issues import Issue

ReadEntry = Callable[[str, str], Awaitable[dict[str, Any]]]  # (method, url) -> response entry
_ORDER = {"DELETE": 0, "POST": 1, "PUT": 2, "GET": 3}


@dataclass
class Op:
    index: int
    method: str
    resource_type: str
    resource_id: str | None
    query: str
    url: str
    full_url: str | None
    resource: dict[str, Any] | None
    if_match: str | None
    if_none_exist: str | None
    result: dict[str, Any] = field(default_factory=dict)
    written: StoredResource | None = None


def _relative(url: str, base: str) -> str:
    return url[len(base) + 1 :] if url.startswith(base + "/") else url


def _parse_entry(index: int, item: Any, base: str) -> Op:
    where = f"Bundle.entry[{index}]"
    if not isinstance(item, dict) or not isinstance(item.get("request"), dict):
        raise BadRequest("each entry needs a request", expression=f"{where}.request")
    request = item["request"]
    method, url = request.get("method"), request.get("url")
    if method not in _ORDER:
        raise MethodNotAllowed(f"request.method {method!r} is not supported", expression=f"{where}.request.method")
    if not isinstance(url, str) or not url:
        raise BadRequest("request.url is required", expression=f"{where}.request.url")
    path, _, query = _relative(url, base).partition("?")
    parts = path.strip("/").split("/")
    resource = item.get("resource")
    if method in ("POST", "PUT") and not isinstance(resource, dict):
        raise BadRequest(f"{method} entries need a resource", expression=f"{where}.resource")
    if method in ("PUT", "DELETE") and (len(parts) != 2 or query):
        raise BadRequest(
            f"{method} needs a url of the form Type/id (conditional {method} is not supported)",
            expression=f"{where}.request.url",
        )
    if method == "POST" and len(parts) != 1:
        raise BadRequest("POST needs a url of the form Type", expression=f"{where}.request.url")
    return Op(
        index,
        method,
        parts[0],
        parts[1] if len(parts) > 1 else None,
        query,
        _relative(url, base),
        item.get("fullUrl"),
        resource,
        request.get("ifMatch"),
        request.get("ifNoneExist"),
    )


def _with_entry(exc: GatewayError, index: int, resource_type: str) -> GatewayError:
    prefix = f"Bundle.entry[{index}]"
    issues = []
    for issue in exc.issues:
        expr = issue.expression
        if expr.startswith(resource_type):
            expr = f"{prefix}.resource{expr[len(resource_type) :]}"
        elif not expr.startswith("Bundle"):
            expr = f"{prefix}.request" + (f".{expr}" if expr else "")
        issues.append(Issue(issue.severity, issue.code, expr, issue.message))
    exc.issues = issues
    return exc


def _write_result(op: Op, base: str, written: WriteResult | StoredResource | None, created: bool) -> None:
    if written is None:
        op.result = {"response": {"status": "204 No Content"}}
        return
    stored = written.stored if isinstance(written, WriteResult) else written
    status = "201 Created" if created else ("204 No Content" if stored.deleted else "200 OK")
    response = {"status": status, "etag": stored.etag, "lastModified": instant(stored.last_updated)}
    if not stored.deleted:
        response["location"] = location(base, stored)
    op.result = entry(base, stored, response=response) if not stored.deleted else {"response": response}


async def _delete_and_assign_ids(
    service: ResourceService, tx: StoreTransaction, ops: list[Op], base: str
) -> dict[str, str]:
    """Run the DELETEs, then give every POST its id (or its conditional match); map fullUrls."""
    ids: dict[str, str] = {}
    for op in (o for o in ops if o.method == "DELETE"):
        assert op.resource_id is not None
        _write_result(op, base, await service.delete(tx, op.resource_type, op.resource_id), created=False)
    for op in (o for o in ops if o.method == "POST"):
        existing = None
        if op.if_none_exist:
            existing = await service.find_existing(tx, op.resource_type, op.if_none_exist)
        op.resource_id = existing.id if existing is not None else service.new_id()
        if existing is not None:
            _write_result(op, base, existing, created=False)
    for op in (o for o in ops if o.method in ("POST", "PUT") and o.full_url):
        ids[str(op.full_url)] = f"{op.resource_type}/{op.resource_id}"
    return ids


async def _write_entry(service: ResourceService, tx: StoreTransaction, op: Op, ids: dict[str, str], base: str) -> None:
    unresolved: list[str] = []
    resource = rewrite_references(op.resource, ids, op.resource_type, unresolved)
    if unresolved:
        raise BadRequest("reference to a urn:uuid that is not a fullUrl in this Bundle", expression=unresolved[0])
    assert op.resource_id is not None
    try:
        if op.method == "POST":
            written = await service.create(
                tx, op.resource_type, resource, resource_id=op.resource_id, verify_references=False
            )
        else:
            written = await service.update(
                tx, op.resource_type, op.resource_id, resource, if_match=op.if_match, verify_references=False
            )
    except GatewayError as exc:
        raise _with_entry(exc, op.index, op.resource_type) from exc
    _write_result(op, base, written, created=written.created)
    op.written = written.stored


async def _resolve_conditional_references(
    service: ResourceService, tx: StoreTransaction, ops: list[Op]
) -> dict[str, str]:
    """``Type?criteria`` → ``Type/id`` for every conditional reference in the transaction's resources."""
    resolved: dict[str, str] = {}
    for op in ops:
        for ref in conditional_references(op.resource or {}, op.resource_type):
            if ref.value not in resolved:
                try:
                    resolved[ref.value] = await service.resolve_conditional(tx, ref)
                except GatewayError as exc:
                    raise _with_entry(exc, op.index, op.resource_type) from exc
    return resolved


async def _run_writes(service: ResourceService, tx: StoreTransaction, ops: list[Op], base: str) -> None:
    for op in ops:  # a clean slate: the store may run this again after a deadlock
        op.result, op.written = {}, None
    resolved = await _resolve_conditional_references(service, tx, ops)  # against what was there before
    ids = {**resolved, **await _delete_and_assign_ids(service, tx, ops, base)}
    for op in (o for o in ops if o.method in ("POST", "PUT") and not o.result):
        await _write_entry(service, tx, op, ids, base)
    # References are verified once every write is done: entries may refer to each other in any order.
    for op in ops:
        if op.written is None:
            continue
        try:
            await service.check_references(tx, op.written.json())
        except GatewayError as exc:
            raise _with_entry(exc, op.index, op.resource_type) from exc


async def process_transaction(service: ResourceService, items: list[Any], base: str, read: ReadEntry) -> list[Any]:
    return await _transaction(service, list(enumerate(items)), base, read)


async def _transaction(service: ResourceService, items: list[tuple[int, Any]], base: str, read: ReadEntry) -> list[Any]:
    ops = [_parse_entry(i, item, base) for i, item in items]
    seen: set[tuple[str, str]] = set()
    for op in ops:
        try:
            service.check_type(op.resource_type)
            if op.resource_id is not None:
                check_id(op.resource_id)
            if op.method in ("POST", "PUT"):
                assert op.resource is not None
                service.check_body(op.resource, op.resource_type)
        except GatewayError as exc:
            raise _with_entry(exc, op.index, op.resource_type) from exc
        if op.method in ("PUT", "DELETE"):
            key = (op.resource_type, op.resource_id or "")
            if key in seen:  # R4: a resource may appear only once in a transaction
                raise BadRequest(f"{op.url} appears more than once", expression=f"Bundle.entry[{op.index}].request.url")
            seen.add(key)
    await service.store.atomically(lambda tx: _run_writes(service, tx, ops, base))
    for op in (o for o in ops if o.method == "GET"):
        op.result = await read(op.method, op.url)
    return [op.result for op in ops]


async def process_batch(service: ResourceService, items: list[Any], base: str, read: ReadEntry) -> list[Any]:
    results: list[Any] = []
    for index, item in enumerate(items):
        try:
            op = _parse_entry(index, item, base)
            if op.method == "GET":
                results.append(await read(op.method, op.url))
                continue
            results.append((await _transaction(service, [(index, item)], base, read))[0])
        except GatewayError as exc:
            results.append({"response": {"status": str(exc.status), "outcome": operation_outcome(exc.issues)}})
    return results
