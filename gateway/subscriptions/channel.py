"""A Subscription's rest-hook channel as a delivery destination.

Notifications go through the transactional outbox like every other delivery, under the synthetic
endpoint id ``subscription/<id>``; ``subscription_target`` resolves those ids to the channel's
endpoint, headers, timeout and optional secret reference, and hands every other id to the directory.
Only an ``active`` Subscription delivers: an ``off``, ``error`` or deleted one dead-letters what is left.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from gateway.delivery.retry import RetryPolicy
from gateway.delivery.worker import Destination, Target
from gateway.fhir.service import ResourceService
from gateway.search.parse import parse_search
from gateway.search.query import SearchQuery
from gateway.store import StoredResource, StoreTransaction
from mappings.subscriptions import SubscriptionSpec, read_subscription, subscription_issues
from profiles.issues import Issue

PREFIX = "subscription/"
_MAX = 1000  # Subscriptions looked at per event (and per monitor round)


def endpoint_id(subscription_id: str) -> str:
    return f"{PREFIX}{subscription_id}"


def subscription_id_of(endpoint: str) -> str | None:
    return endpoint.removeprefix(PREFIX) if endpoint.startswith(PREFIX) else None


def spec_of(stored: StoredResource | None) -> SubscriptionSpec | None:
    if stored is None or stored.deleted:
        return None
    return read_subscription(stored.json())[0]


def destination(spec: SubscriptionSpec) -> Destination:
    policy = RetryPolicy() if spec.timeout_s is None else RetryPolicy(timeout=timedelta(seconds=spec.timeout_s))
    return Destination(spec.endpoint, spec.secret_ref, policy, spec.headers, signed=spec.secret_ref is not None)


def subscription_query(service: ResourceService, status: str) -> SearchQuery:
    params = [("status", status), ("_sort", "_id")]
    return parse_search(
        "Subscription", params, service.registry, tz=service.tz, default_count=_MAX, max_count=_MAX
    ).query


async def subscriptions_in(tx: StoreTransaction, service: ResourceService, status: str) -> list[SubscriptionSpec]:
    """The usable Subscriptions with ``status``, as the transaction sees them."""
    found = []
    for subscription_id in await tx.search_ids(subscription_query(service, status), limit=_MAX):
        spec = spec_of(await tx.current("Subscription", subscription_id))
        if spec is not None and spec.status == status:
            found.append(spec)
    return found


def subscription_target(service: ResourceService, fallback: Target) -> Target:
    """The delivery worker's resolver: ``subscription/<id>`` here, any other endpoint id by ``fallback``."""

    async def target(endpoint: str) -> Destination | tuple[str | None, str | None, RetryPolicy]:
        subscription_id = subscription_id_of(endpoint)
        if subscription_id is None:
            return await fallback(endpoint)
        spec = spec_of(await service.store.read("Subscription", subscription_id))
        if spec is None or spec.status != "active":
            return Destination(None, None, RetryPolicy())
        return destination(spec)

    return target


def with_subscription_rules(
    validate: Callable[[dict[str, Any]], list[Issue]],
) -> Callable[[dict[str, Any]], list[Issue]]:
    """The write check plus the backport rules for Subscriptions (non-base issues: a write breaking them is 422)."""

    def check(resource: dict[str, Any]) -> list[Issue]:
        return validate(resource) + subscription_issues(resource)

    return check
