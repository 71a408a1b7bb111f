"""Request bodies and media types: size and nesting limits, JSON parsing, content negotiation."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request

from gateway.errors import BadRequest, NotAcceptable, PayloadTooLarge, UnsupportedMediaType

FHIR_JSON = "application/fhir+json"
_JSON_TYPES = frozenset({"application/fhir+json", "application/json", "application/json+fhir", "text/json"})
_XML_TYPES = frozenset({"application/fhir+xml", "application/xml", "text/xml", "application/xml+fhir"})
_FORMAT_ALIASES = {"json": FHIR_JSON, "application/json": FHIR_JSON, FHIR_JSON: FHIR_JSON}


def _media_type(value: str) -> str:
    return value.split(";", 1)[0].strip().lower()


def check_content_type(request: Request) -> None:
    """415 unless the body is declared as JSON (FHIR or plain)."""
    declared = request.headers.get("content-type")
    if declared is None or _media_type(declared) not in _JSON_TYPES:
        raise UnsupportedMediaType(
            f"Content-Type must be {FHIR_JSON} (got {_media_type(declared or '') or 'none'})",
            expression="Content-Type",
        )


def check_accept(request: Request) -> None:
    """406 when the client accepts only formats we do not produce (XML, RDF)."""
    fmt = request.query_params.get("_format")
    if fmt is not None:
        if _media_type(fmt) not in _FORMAT_ALIASES:
            raise NotAcceptable(f"_format {fmt!r} is not supported; use json", expression="_format")
        return
    accept = request.headers.get("accept")
    if not accept:
        return
    types = {_media_type(part) for part in accept.split(",")}
    if types and types <= _XML_TYPES | {"application/fhir+turtle", "text/turtle"}:
        raise NotAcceptable(f"only {FHIR_JSON} is produced", expression="Accept")


async def read_body(request: Request, *, max_bytes: int) -> bytes:
    """Read the body, refusing (413) anything above ``max_bytes`` before buffering it all."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_bytes:
        raise PayloadTooLarge(f"body of {declared} bytes exceeds the limit of {max_bytes} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise PayloadTooLarge(f"body exceeds the limit of {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def parse_json(body: bytes, *, max_depth: int) -> Any:
    """Parse JSON and enforce the nesting limit; errors name what failed, never echo the body."""
    if not body.strip():
        raise BadRequest("request body is empty")
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        # orjson's message holds a position, not content.
        raise BadRequest(f"body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    if json_depth(data, limit=max_depth) > max_depth:
        raise BadRequest(f"JSON nesting deeper than {max_depth} levels")
    return data


def json_depth(data: Any, *, limit: int) -> int:
    """Depth of containers (a scalar is 0), stopping early once ``limit`` is exceeded."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


def parse_resource_body(body: bytes, *, max_depth: int) -> dict[str, Any]:
    data = parse_json(body, max_depth=max_depth)
    if not isinstance(data, dict) or not isinstance(data.get("resourceType"), str):
        raise BadRequest("body must be a FHIR resource (a JSON object with resourceType)", expression="resourceType")
    return data
