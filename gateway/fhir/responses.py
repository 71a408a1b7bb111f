"""HTTP responses for FHIR: headers (ETag, Last-Modified, Location), Prefer, Bundles.

Stored resources are embedded as ``orjson.Fragment`` so a Bundle never re-parses them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from email.utils import format_datetime
from typing import Any, Literal
from urllib.parse import urlencode

import orjson
from starlette.requests import Request
from starlette.responses import Response

from gateway.fhir.media import FHIR_JSON
from gateway.fhir.outcome import operation_outcome
from gateway.store import StoredResource
from gateway.store.sql_store import instant
from profiles.issues import Issue

CONTENT_TYPE = f"{FHIR_JSON}; charset=utf-8"
Return = Literal["minimal", "representation", "OperationOutcome"]


def dumps(data: Any) -> bytes:
    return orjson.dumps(data)


def fhir_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    body = b"" if data is None else dumps(data)
    return Response(body, status_code=status, headers=headers, media_type=CONTENT_TYPE if body else None)


def error_response(status: int, issues: Sequence[Issue], headers: dict[str, str] | None = None) -> Response:
    return fhir_response(operation_outcome(issues), status, headers)


def preferences(request: Request) -> dict[str, str]:
    """The ``Prefer`` header (RFC 7240): preferences separated by commas or in repeated header fields,
    each ``token[=value]``; ``;`` is read as a separator too (clients write ``handling=strict; return=minimal``),
    and the first occurrence of a preference wins."""
    found: dict[str, str] = {}
    for field_value in request.headers.getlist("prefer"):
        for preference in re.split(r"[,;]", field_value):
            token, _, value = preference.partition("=")
            if token.strip():
                found.setdefault(token.strip().lower(), value.strip().strip('"'))
    return found


def prefer_return(request: Request) -> Return:
    value = preferences(request).get("return")
    if value in ("minimal", "representation", "OperationOutcome"):
        return value  # type: ignore[return-value]
    return "representation"


def prefer_strict(request: Request) -> bool:
    return preferences(request).get("handling") == "strict"


def base_url(request: Request, configured: str | None) -> str:
    return configured.rstrip("/") if configured else f"{str(request.base_url).rstrip('/')}/fhir"


def version_headers(stored: StoredResource) -> dict[str, str]:
    return {"ETag": stored.etag, "Last-Modified": format_datetime(stored.last_updated, usegmt=True)}


def location(base: str, stored: StoredResource) -> str:
    return f"{base}/{stored.resource_type}/{stored.id}/_history/{stored.version_id}"


def resource_response(
    stored: StoredResource,
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
    prefer: Return = "representation",
    message: str = "",
) -> Response:
    all_headers = {**version_headers(stored), **(headers or {})}
    if prefer == "minimal":
        return Response(status_code=status, headers=all_headers)
    if prefer == "OperationOutcome":
        text = message or f"{stored.resource_type}/{stored.id} version {stored.version_id}"
        return fhir_response(operation_outcome([Issue("information", "informational", "", text)]), status, all_headers)
    return Response(stored.content, status_code=status, headers=all_headers, media_type=CONTENT_TYPE)


def entry(base: str, stored: StoredResource, **extra: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"fullUrl": f"{base}/{stored.resource_type}/{stored.id}"}
    if stored.content is not None:
        item["resource"] = orjson.Fragment(stored.content)
    item.update(extra)
    return item


def page_links(
    url: str, params: Sequence[tuple[str, str]], *, count: int, offset: int, total: int
) -> list[dict[str, str]]:
    kept = [(k, v) for k, v in params if k not in ("_count", "_offset")]

    def link(relation: str, at: int) -> dict[str, str]:
        query = urlencode([*kept, ("_count", str(count)), ("_offset", str(at))])
        return {"relation": relation, "url": f"{url}?{query}"}

    links = [link("self", offset)]
    if count > 0 and offset + count < total:
        links.append(link("next", offset + count))
    if offset > 0 and count > 0:
        links.append(link("previous", max(offset - count, 0)))
    return links


def bundle(
    kind: str, *, total: int | None, links: list[dict[str, str]], entries: list[dict[str, Any]], now_instant: str
) -> dict[str, Any]:
    data: dict[str, Any] = {"resourceType": "Bundle", "type": kind, "meta": {"lastUpdated": now_instant}}
    if total is not None:
        data["total"] = total
    if links:
        data["link"] = links
    if entries:  # JSON: arrays are never empty (R4 json.html)
        data["entry"] = entries
    return data


def history_entry(base: str, stored: StoredResource) -> dict[str, Any]:
    url = stored.resource_type if stored.method == "POST" else f"{stored.resource_type}/{stored.id}"
    request = {"method": stored.method, "url": url}
    status = "410 Gone" if stored.deleted else ("201 Created" if stored.version_id == 1 else "200 OK")
    response = {"status": status, "etag": stored.etag, "lastModified": instant(stored.last_updated)}
    return entry(base, stored, request=request, response=response)
