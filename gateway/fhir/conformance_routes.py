"""Conformance routes under /fhir: our definitions (read and search, read-only) and ``$validate``.

* ``GET /fhir/{StructureDefinition|ValueSet|CodeSystem|NamingSystem}[/{id}]``: served from the compiled
  definitions (never from the resource store); search by ``_id``, ``url`` (``|version`` allowed), ``name``,
  ``status`` and ``version``.
* ``POST /fhir/{type}/$validate`` and ``POST /fhir/{type}/{id}/$validate``: the body is the resource, or a
  Parameters with ``resource`` (and optionally ``profile`` and ``mode``); ``?profile=`` may be given too. The
  resource is validated against base R4, the profiles it declares, the profiles the gateway mandates for its
  type and the requested ones; the answer is 200 with an OperationOutcome even when it is invalid (R4
  Resource-validate). A malformed request (no resource, another type, an unknown profile, mode delete) is 400.

Included before the generic FHIR router, so ``$validate`` is not taken for a resource id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from gateway.definitions import compiled_definitions
from gateway.errors import BadRequest, NotFound
from gateway.fhir.capability import CONFORMANCE_TYPES
from gateway.fhir.media import check_accept, check_content_type, parse_json, read_body
from gateway.fhir.outcome import operation_outcome
from gateway.fhir.responses import base_url, bundle, fhir_response
from gateway.fhir.runtime import runtime_of as _rt
from gateway.fhir.service import check_id
from gateway.store.sql_store import instant
from profiles.issues import Issue

router = APIRouter(prefix="/fhir")

_SEARCH_FIELDS: Final = ("name", "status", "version")
_MODES: Final = ("create", "update")


def _published(resource_type: str) -> tuple[Any, ...]:
    profile_set = compiled_definitions()[0].profile_set
    return {
        "StructureDefinition": profile_set.structure_definitions,
        "ValueSet": profile_set.value_sets,
        "CodeSystem": profile_set.code_systems,
        "NamingSystem": profile_set.naming_systems,
    }[resource_type]


def _matches(resource: dict[str, Any], params: list[tuple[str, str]]) -> bool:
    for name, value in params:
        wanted = set(value.split(","))
        if name == "_id" and resource.get("id") not in wanted:
            return False
        if name == "url":
            urls = {v.split("|", 1)[0] for v in wanted}
            versions = {v.split("|", 1)[1] for v in wanted if "|" in v}
            if resource.get("url") not in urls or (versions and resource.get("version") not in versions):
                return False
        if name in _SEARCH_FIELDS and not any(
            str(resource.get(name, "")).lower().startswith(w.lower()) for w in wanted
        ):
            return False
    return True


def _search_handler(resource_type: str) -> Callable[[Request], Any]:
    async def search(request: Request) -> Response:
        check_accept(request)
        rt = _rt(request)
        params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("_count", "_offset", "_format")]
        unknown = sorted({k for k, _ in params if k not in ("_id", "url", *_SEARCH_FIELDS)})
        if unknown:
            raise BadRequest(
                "unknown search parameters for definitions",
                issues=[
                    Issue("error", "not-supported", k, f"search parameter {k} is not supported here") for k in unknown
                ],
            )
        base = base_url(request, rt.settings.base_url)
        found = [r for r in _published(resource_type) if _matches(r, params)]
        entries = [
            {"fullUrl": f"{base}/{resource_type}/{r['id']}", "resource": r, "search": {"mode": "match"}} for r in found
        ]
        now = instant(rt.service.clock())
        return fhir_response(bundle("searchset", total=len(found), links=[], entries=entries, now_instant=now))

    return search


def _read_handler(resource_type: str) -> Callable[[Request, str], Any]:
    async def read(request: Request, resource_id: str) -> Response:
        check_accept(request)
        found = next((r for r in _published(resource_type) if r.get("id") == resource_id), None)
        if found is None:
            raise NotFound(f"{resource_type}/{resource_id} is not known", expression="id")
        return fhir_response(found)

    return read


for _type in CONFORMANCE_TYPES:
    router.add_api_route(f"/{_type}", _search_handler(_type), methods=["GET"])
    router.add_api_route(f"/{_type}/{{resource_id}}", _read_handler(_type), methods=["GET"])


# ---------------------------------------------------------------------------------------------- $validate


def _parameter_value(parameter: dict[str, Any], *names: str) -> Any:
    return next((parameter[n] for n in names if n in parameter), None)


def _unpack(body: dict[str, Any], profiles: list[str]) -> tuple[dict[str, Any], str | None]:
    """The resource to validate and the mode, from a bare resource or a Parameters body."""
    if body.get("resourceType") != "Parameters":
        return body, None
    resource: Any = None
    mode = None
    for parameter in body.get("parameter") or []:
        if not isinstance(parameter, dict):
            continue
        name = parameter.get("name")
        if name == "resource":
            resource = parameter.get("resource")
        elif name == "profile":
            value = _parameter_value(parameter, "valueUri", "valueCanonical", "valueString")
            if isinstance(value, str):
                profiles.append(value)
        elif name == "mode":
            mode = _parameter_value(parameter, "valueCode", "valueString")
    if not isinstance(resource, dict):
        raise BadRequest("Parameters must hold the resource to validate in parameter 'resource'", expression="resource")
    return resource, mode if isinstance(mode, str) else None


async def _validate(request: Request, resource_type: str, resource_id: str | None) -> Response:
    check_accept(request)
    check_content_type(request)
    validator = compiled_definitions()[0]
    if resource_type not in validator.tables.resource_types:
        raise NotFound(f"resource type {resource_type!r} is not known", expression="type")
    rt = _rt(request)
    body = parse_json(
        await read_body(request, max_bytes=rt.settings.max_body_bytes), max_depth=rt.settings.max_json_depth
    )
    if not isinstance(body, dict):
        raise BadRequest("the body must be a resource or a Parameters resource")
    profiles = list(request.query_params.getlist("profile"))
    resource, mode = _unpack(body, profiles)
    mode = request.query_params.get("mode", mode)
    if mode is not None and mode not in _MODES:
        raise BadRequest(f"mode {mode!r} is not supported (create or update)", expression="mode")
    if resource.get("resourceType") != resource_type:
        raise BadRequest(f"the resource to validate must be a {resource_type}", expression="resourceType")
    unknown = [p for p in profiles if not validator.knows_profile(p)]
    if unknown:
        raise BadRequest(
            "unknown profile",
            issues=[Issue("error", "not-supported", "profile", f"profile {p} is not known here") for p in unknown],
        )
    today = rt.service.clock().astimezone(rt.service.tz).date()
    issues = validator.validate(resource, profiles=profiles, today=today)
    if resource_id is not None:
        check_id(resource_id)
        if resource.get("id") not in (None, resource_id):
            issues.insert(
                0, Issue("error", "invalid", f"{resource_type}.id", "the resource's id must equal the id in the URL")
            )
    return fhir_response(operation_outcome(issues))


@router.post("/{resource_type}/$validate")
async def validate_type(request: Request, resource_type: str) -> Response:
    return await _validate(request, resource_type, None)


@router.post("/{resource_type}/{resource_id}/$validate")
async def validate_instance(request: Request, resource_type: str, resource_id: str) -> Response:
    return await _validate(request, resource_type, resource_id)
