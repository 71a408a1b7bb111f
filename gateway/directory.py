"""The routing directory: receiving units as FHIR ``Organization`` (HSA-id, sector, served
municipalities, age group) with ``Endpoint`` (address, payload format, secret reference),
managed through the FHIR API like any resource and read from the store when routing.

``load_directory`` puts a directory file (a FHIR Bundle) into the store at start-up; unchanged
resources get no new version, so restarting with the same file changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from discharge.codes import Sector
from gateway.delivery.retry import RetryPolicy
from gateway.errors import BadRequest
from gateway.fhir.service import ResourceService
from gateway.search.parse import parse_search
from gateway.store import StoredResource
from mappings.codes import CANONICAL_BASE, HSA_ID, KOMMUNKOD, system_of

SECTOR_SYSTEM = system_of(Sector)  # the mappings own the unit-sector CodeSystem
PAYLOAD_FORMAT_SYSTEM = f"{CANONICAL_BASE}/CodeSystem/payload-format"
SERVED_MUNICIPALITY = f"{CANONICAL_BASE}/StructureDefinition/served-municipality"
AGE_GROUP = f"{CANONICAL_BASE}/StructureDefinition/age-group"
ENDPOINT_SECRET = f"{CANONICAL_BASE}/StructureDefinition/endpoint-secret"
RETRY_POLICY = f"{CANONICAL_BASE}/StructureDefinition/retry-policy"
FORMATS = ("lifecare", "cosmic-link", "fhir")


def retry_policy_of(endpoint: dict[str, Any]) -> RetryPolicy:
    """Per-endpoint retry settings: extension retry-policy with sub-extensions firstDelay, maxDelay,
    giveUpAfter, timeout (valueDuration in seconds, ``unit`` s); the contracts' schedule otherwise."""
    default = RetryPolicy()
    settings = {}
    for extension in _extensions(endpoint, RETRY_POLICY):
        for part in extension.get("extension", []):
            value = part.get("valueDuration", {}).get("value")
            if isinstance(value, int | float) and value > 0:
                settings[part.get("url")] = timedelta(seconds=float(value))
    return RetryPolicy(
        first_delay=settings.get("firstDelay", default.first_delay),
        max_delay=settings.get("maxDelay", default.max_delay),
        give_up_after=settings.get("giveUpAfter", default.give_up_after),
        timeout=settings.get("timeout", default.timeout),
    )


@dataclass(frozen=True, slots=True)
class Route:
    """Where and how a unit receives messages (``endpoint_id`` None: no endpoint → manual contact)."""

    hsa_id: str
    name: str
    sector: str | None
    municipalities: tuple[str, ...]
    age_group: str
    endpoint_id: str | None = None
    address: str | None = None
    format: str | None = None
    secret_ref: str | None = None


def _codes(resource: dict[str, Any], path: str, system: str) -> list[str]:
    return [c["code"] for cc in resource.get(path, []) for c in cc.get("coding", []) if c.get("system") == system]


def _extensions(resource: dict[str, Any], url: str) -> list[dict[str, Any]]:
    return [e for e in resource.get("extension", []) if e.get("url") == url]


def route_of(organization: dict[str, Any], endpoint: dict[str, Any] | None) -> Route:
    hsa = next((i["value"] for i in organization.get("identifier", []) if i.get("system") == HSA_ID), "")
    sectors = _codes(organization, "type", SECTOR_SYSTEM)
    municipalities = tuple(
        e["valueCoding"]["code"]
        for e in _extensions(organization, SERVED_MUNICIPALITY)
        if e.get("valueCoding", {}).get("system") == KOMMUNKOD
    )
    age = next((e.get("valueCode", "all") for e in _extensions(organization, AGE_GROUP)), "all")
    route = Route(hsa, organization.get("name", hsa), sectors[0] if sectors else None, municipalities, age)
    if endpoint is None or endpoint.get("status") != "active":
        return route
    formats = _codes(endpoint, "payloadType", PAYLOAD_FORMAT_SYSTEM)
    secret = next((e.get("valueString") for e in _extensions(endpoint, ENDPOINT_SECRET)), None)
    return Route(
        hsa, route.name, route.sector, municipalities, age,
        endpoint_id=endpoint["id"], address=endpoint.get("address"),
        format=formats[0] if formats and formats[0] in FORMATS else None, secret_ref=secret,
    )  # fmt: skip


class Directory:
    def __init__(self, service: ResourceService) -> None:
        self._service = service

    async def _search(self, resource_type: str, params: list[tuple[str, str]]) -> Sequence[StoredResource]:
        parsed = parse_search(
            resource_type, params, self._service.registry, tz=self._service.tz, default_count=1000, max_count=1000
        )
        return (await self._service.store.search(parsed.query)).items

    async def _endpoint(self, organization: dict[str, Any]) -> dict[str, Any] | None:
        for ref in organization.get("endpoint", []):
            target = str(ref.get("reference", "")).removeprefix("Endpoint/")
            stored = await self._service.store.read("Endpoint", target) if target else None
            if stored is not None and not stored.deleted:
                return stored.json()
        return None

    async def lookup(self, hsa_id: str) -> Route | None:
        found = await self._search("Organization", [("identifier", f"{HSA_ID}|{hsa_id}"), ("active", "true")])
        if not found:
            return None
        organization = found[0].json()
        return route_of(organization, await self._endpoint(organization))

    async def endpoint_target(self, endpoint_id: str) -> tuple[str | None, str | None, RetryPolicy]:
        """Address, secret reference and retry policy of an active Endpoint (address None: gone/inactive)."""
        stored = await self._service.store.read("Endpoint", endpoint_id)
        if stored is None or stored.deleted:
            return None, None, RetryPolicy()
        endpoint = stored.json()
        if endpoint.get("status") != "active":
            return None, None, RetryPolicy()
        secret = next((e.get("valueString") for e in _extensions(endpoint, ENDPOINT_SECRET)), None)
        return endpoint.get("address"), secret, retry_policy_of(endpoint)

    async def units(self, *, municipality: str, sectors: Sequence[str]) -> list[Route]:
        """Units of the given sectors serving a municipality (for messages that name no receivers)."""
        routes = []
        for sector in sectors:
            for stored in await self._search("Organization", [("type", f"{SECTOR_SYSTEM}|{sector}")]):
                organization = stored.json()
                route = route_of(organization, await self._endpoint(organization))
                if municipality in route.municipalities:
                    routes.append(route)
        return routes


async def load_directory(service: ResourceService, bundle: dict[str, Any]) -> int:
    """Store the directory Bundle's Organizations and Endpoints; returns how many resources it holds."""
    if bundle.get("resourceType") != "Bundle":
        raise BadRequest("a directory file is a FHIR Bundle", expression="Bundle")
    resources = [e["resource"] for e in bundle.get("entry", []) if isinstance(e.get("resource"), dict)]
    async with service.store.transaction() as tx:
        for resource in resources:
            await service.upsert(tx, resource, verify_references=False)
        for resource in resources:
            await service.check_references(tx, resource)
    return len(resources)
