"""FHIR interactions on the store, independent of HTTP: create (incl. conditional), update
(incl. If-Match and update-as-create), delete (with referential integrity), reads.

Used by the REST routes and by batch/transaction processing alike, so both behave the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any
from urllib.parse import parse_qsl

from gateway.errors import BadRequest, Conflict, Gone, NotFound, PreconditionFailed, Unprocessable
from gateway.fhir.references import ConditionalReference, conditional_references, local_references
from gateway.search.extract import extract_index
from gateway.search.parameters import SearchRegistry
from gateway.search.parse import parse_search
from gateway.store import ResourceStore, StoredResource, StoreTransaction
from profiles.issues import Issue

ID_PATTERN = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")
_ETAG = re.compile(r'^(?:W/)?"([^"]+)"$')
_REFERRER_LIMIT = 5

Validate = Callable[[dict[str, Any]], list[Issue]]


@dataclass(frozen=True, slots=True)
class WriteResult:
    stored: StoredResource
    created: bool  # 201 Created; False: 200 OK (update, or conditional create that matched)


def check_id(resource_id: str, *, expression: str = "id") -> str:
    if not ID_PATTERN.match(resource_id):
        raise BadRequest("id must be 1-64 characters of A-Z, a-z, 0-9, '-' and '.'", expression=expression)
    return resource_id


def etag_versions(value: str, *, header: str) -> frozenset[int] | None:
    """The versions an ``If-Match`` / ``If-None-Match`` value names: a comma-separated list of ETags,
    compared weakly (``"3"`` and ``W/"3"`` are the same version, RFC 7232 §2.3.2); None for ``*`` (any)."""
    if value.strip() == "*":
        return None
    versions = set()
    for tag in value.split(","):
        match = _ETAG.match(tag.strip())
        if match is None or not match.group(1).isdigit():
            raise BadRequest(f'{header} must be ETags such as W/"3" (or *)', expression=header)
        versions.add(int(match.group(1)))
    return frozenset(versions)


def _same_content(stored: dict[str, Any], proposed: dict[str, Any]) -> bool:
    def strip(resource: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in resource.items() if k != "meta"}

    return strip(stored) == strip(proposed)


@dataclass
class ResourceService:
    store: ResourceStore
    registry: SearchRegistry
    validate: Validate
    supported_types: frozenset[str]
    tz: tzinfo
    clock: Callable[[], datetime]
    new_id: Callable[[], str]

    def check_type(self, resource_type: str) -> None:
        if resource_type not in self.supported_types:
            raise NotFound(f"resource type {resource_type!r} is not supported", expression="type")

    def check_body(self, resource: dict[str, Any], resource_type: str) -> None:
        if resource.get("resourceType") != resource_type:
            raise BadRequest(
                f"resourceType must be {resource_type} (got {resource.get('resourceType')!r})",
                expression="resourceType",
            )
        issues = [i for i in self.validate(resource) if i.is_error]
        if any(i.is_base for i in issues):  # docs/adr/0002: not valid FHIR → 400, not conforming → 422
            raise BadRequest(f"{resource_type} is not valid FHIR R4", issues=issues)
        if issues:
            raise Unprocessable(f"{resource_type} does not conform to its profiles", issues=issues)

    async def _matches(
        self,
        tx: StoreTransaction,
        resource_type: str,
        criteria: str,
        *,
        expression: str,
        what: str | None = None,
        lock: bool = False,
    ) -> list[str]:
        """Up to two ids matching search ``criteria`` (enough to tell none, one and several apart); ``lock``
        serialises writers with the same criteria (in PostgreSQL across instances too)."""
        params = parse_qsl(criteria.removeprefix("?"), keep_blank_values=True)
        parsed = parse_search(resource_type, params, self.registry, tz=self.tz, default_count=2, max_count=2)
        if parsed.unknown or not parsed.query.clauses:
            raise BadRequest(f"{what or expression} must hold supported search parameters only", expression=expression)
        if lock:
            await tx.lock(f"conditional-create:{resource_type}?{'&'.join(sorted(f'{k}={v}' for k, v in params))}")
        return await tx.search_ids(parsed.query, limit=2)

    async def resolve_conditional(self, tx: StoreTransaction, ref: ConditionalReference) -> str:
        """A transaction's ``Type?criteria`` reference → ``Type/id`` of its one match; none is 404 and
        several are 412, and either fails the whole transaction (R4 http §3.1.0.11.2)."""
        self.check_type(ref.resource_type)
        what = "a conditional reference"
        ids = await self._matches(tx, ref.resource_type, ref.criteria, expression=ref.path, what=what)
        if not ids:
            raise NotFound(f"the conditional reference {ref.resource_type}?… matches no resource", expression=ref.path)
        if len(ids) > 1:
            raise PreconditionFailed(
                f"the conditional reference {ref.resource_type}?… matches more than one resource", expression=ref.path
            )
        return f"{ref.resource_type}/{ids[0]}"

    async def check_references(self, tx: StoreTransaction, resource: dict[str, Any]) -> None:
        """422 naming every relative reference that does not resolve to a current resource here (and every
        conditional one: those are resolved only inside a transaction)."""
        resource_type = str(resource["resourceType"])
        conditional = conditional_references(resource, resource_type)
        if conditional:
            raise Unprocessable(
                "a conditional reference (Type?search) is resolved only inside a transaction Bundle",
                issues=[Issue("error", "not-supported", ref.path, "conditional reference outside a transaction")
                        for ref in conditional],
            )  # fmt: skip
        dangling = []
        for ref in local_references(resource, resource_type):
            if (ref.resource_type, ref.resource_id) == (resource_type, resource.get("id")):
                continue  # a self-reference resolves once written
            target = None
            if ref.resource_type in self.supported_types:
                target = await tx.current(ref.resource_type, ref.resource_id)
            if target is None or target.deleted:
                dangling.append(ref)
        if dangling:
            raise Unprocessable(
                "reference to a resource that does not exist on this server",
                issues=[
                    Issue("error", "not-found", ref.path, f"{ref.resource_type}/{ref.resource_id} does not exist")
                    for ref in dangling
                ],
            )

    async def _write(
        self,
        tx: StoreTransaction,
        resource_type: str,
        resource_id: str,
        resource: dict[str, Any],
        method: str,
    ) -> StoredResource:
        resource = {**resource, "id": resource_id}
        index = extract_index(resource, self.registry, tz=self.tz)
        return await tx.write(resource_type, resource_id, resource, method=method, now=self.clock(), index=index)

    async def create(
        self,
        tx: StoreTransaction,
        resource_type: str,
        resource: dict[str, Any],
        *,
        if_none_exist: str | None = None,
        resource_id: str | None = None,
        verify_references: bool = True,
    ) -> WriteResult:
        """Create with a server-assigned id (``resource_id`` only from transaction pre-assignment;
        a transaction verifies references itself once all its entries are written)."""
        self.check_type(resource_type)
        self.check_body(resource, resource_type)
        if if_none_exist:
            existing = await self.find_existing(tx, resource_type, if_none_exist)
            if existing is not None:
                return WriteResult(existing, created=False)
        if verify_references:
            await self.check_references(tx, resource)
        stored = await self._write(tx, resource_type, resource_id or self.new_id(), resource, "POST")
        return WriteResult(stored, created=True)

    async def find_existing(self, tx: StoreTransaction, resource_type: str, criteria: str) -> StoredResource | None:
        """Conditional create: 0 matches -> None, 1 -> that resource, more -> 412 (R4 §3.1.0.8)."""
        ids = await self._matches(tx, resource_type, criteria, expression="If-None-Exist", lock=True)
        if len(ids) > 1:
            raise PreconditionFailed("If-None-Exist matched more than one resource", expression="If-None-Exist")
        return await tx.current(resource_type, ids[0]) if ids else None

    async def update(
        self,
        tx: StoreTransaction,
        resource_type: str,
        resource_id: str,
        resource: dict[str, Any],
        *,
        if_match: str | None = None,
        verify_references: bool = True,
    ) -> WriteResult:
        self.check_type(resource_type)
        check_id(resource_id)
        if resource.get("id") != resource_id:
            raise BadRequest("the resource's id must equal the id in the URL", expression=f"{resource_type}.id")
        self.check_body(resource, resource_type)
        await tx.lock(f"resource:{resource_type}/{resource_id}")
        current = await tx.current(resource_type, resource_id)
        if if_match is not None:
            wanted = etag_versions(if_match, header="If-Match")
            have_version = current.version_id if current is not None and not current.deleted else None
            if have_version is None or (wanted is not None and have_version not in wanted):
                have = "none" if have_version is None else f'W/"{have_version}"'
                raise PreconditionFailed(
                    f"version conflict: If-Match {if_match.strip()} but current is {have}", expression="If-Match"
                )
        if verify_references:
            await self.check_references(tx, resource)
        stored = await self._write(tx, resource_type, resource_id, resource, "PUT")
        return WriteResult(stored, created=current is None or current.deleted)

    async def upsert(
        self, tx: StoreTransaction, resource: dict[str, Any], *, verify_references: bool = True
    ) -> StoredResource:
        """A system write (deterministic id, from the process pipeline or a directory load): validated like
        any write, and skipped when the content is unchanged so re-applying the same facts makes no new
        version. With ``verify_references=False`` the caller checks references once its set is written."""
        resource_type, resource_id = str(resource["resourceType"]), str(resource["id"])
        self.check_type(resource_type)
        self.check_body(resource, resource_type)
        await tx.lock(f"resource:{resource_type}/{resource_id}")
        current = await tx.current(resource_type, resource_id)
        if current is not None and not current.deleted and _same_content(current.json(), resource):
            return current
        if verify_references:
            await self.check_references(tx, resource)
        return await self._write(tx, resource_type, resource_id, resource, "PUT")

    async def delete(self, tx: StoreTransaction, resource_type: str, resource_id: str) -> StoredResource | None:
        """Delete; None when there was nothing to delete. 409 while other resources refer to it."""
        self.check_type(resource_type)
        check_id(resource_id)
        await tx.lock(f"resource:{resource_type}/{resource_id}")
        current = await tx.current(resource_type, resource_id)
        if current is None or current.deleted:
            return None
        referrers = await tx.referrers(resource_type, resource_id, limit=_REFERRER_LIMIT)
        if referrers:
            names = ", ".join(f"{t}/{i}" for t, i in referrers)
            raise Conflict(
                f"{resource_type}/{resource_id} is referenced by {names}; delete or update those first",
                expression=resource_type,
            )
        return await tx.write(resource_type, resource_id, None, method="DELETE", now=self.clock(), index=None)

    async def read(self, resource_type: str, resource_id: str) -> StoredResource:
        self.check_type(resource_type)
        check_id(resource_id)
        stored = await self.store.read(resource_type, resource_id)
        if stored is None:
            raise NotFound(f"{resource_type}/{resource_id} is not known", expression="id")
        if stored.deleted:
            raise Gone(f"{resource_type}/{resource_id} has been deleted", expression="id")
        return stored

    async def vread(self, resource_type: str, resource_id: str, version: str) -> StoredResource:
        self.check_type(resource_type)
        check_id(resource_id)
        if not version.isdigit():
            raise NotFound(f"version {version!r} is not known", expression="vid")
        stored = await self.store.vread(resource_type, resource_id, int(version))
        if stored is None:
            raise NotFound(f"{resource_type}/{resource_id}/_history/{version} is not known", expression="vid")
        if stored.deleted:
            raise Gone(f"{resource_type}/{resource_id} version {version} is a deletion", expression="vid")
        return stored
