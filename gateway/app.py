"""The composition root: ``create_app`` builds and wires everything; nothing connects at import.

The store opens (and migrates) in the lifespan; definitions are compiled once at start-up.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import orjson
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import Scope

from gateway.definitions import compiled_definitions, write_validator
from gateway.delivery.dead_letters import open_manual_contact
from gateway.delivery.outbox import OutboxRow
from gateway.delivery.routes import router as delivery_router
from gateway.delivery.streams import RedisStreamDeliveryWorker
from gateway.delivery.worker import DeadLetterHook, DeliveryWorker, Target
from gateway.directory import Directory, load_directory
from gateway.errors import GatewayError
from gateway.fhir.capability import SUPPORTED_TYPES
from gateway.fhir.conformance_routes import router as conformance_router
from gateway.fhir.messaging import router as messaging_router
from gateway.fhir.responses import error_response, fhir_response
from gateway.fhir.routes import router as fhir_router
from gateway.fhir.runtime import Runtime
from gateway.fhir.service import ResourceService
from gateway.inbound.routes import router as inbound_router
from gateway.middleware import CorrelationMiddleware
from gateway.process.pipeline import ProcessPipeline
from gateway.process.routes import router as process_router
from gateway.process.routing import Router
from gateway.scheduler.runner import Clock, DatabaseScheduler, DeadlineScheduler, RedisScheduler, TimerHandler
from gateway.settings import Settings
from gateway.store import store_from_url
from gateway.store.sql_store import SqlResourceStore
from gateway.subscriptions.channel import subscription_id_of, subscription_target, with_subscription_rules
from gateway.subscriptions.monitor import SubscriptionMonitor
from gateway.subscriptions.notifier import SubscriptionNotifier
from gateway.subscriptions.operations import router as subscription_operations
from gateway.subscriptions.routes import router as subscription_router
from profiles.issues import Issue

_log = logging.getLogger("gateway")
_STATUS_CODES = {404: "not-found", 405: "not-supported", 406: "not-supported", 413: "too-long"}


def _version() -> str:
    try:
        return version("discharge-gateway")
    except PackageNotFoundError:
        return "0.0.0"


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _new_id() -> str:
    return str(uuid.uuid4())


def redis_client(settings: Settings) -> Any:
    """One Redis client per instance (a connection pool), shared by the scheduler and the delivery worker."""
    if settings.redis_url is None:
        return None
    import redis.asyncio as aioredis  # only needed when scaled out

    return aioredis.from_url(settings.redis_url)


def build_scheduler(
    settings: Settings, store: SqlResourceStore, handler: TimerHandler, clock: Clock, redis: Any
) -> DeadlineScheduler:
    """In-process (database polling) by default; a Redis sorted set when GATEWAY_REDIS_URL is set."""
    interval = settings.scheduler_interval_s
    if redis is None:
        return DatabaseScheduler(store, handler, clock=clock, interval_s=interval)
    # The delivery worker stops last and closes the shared client.
    return RedisScheduler(store, handler, redis, clock=clock, prefix=settings.redis_prefix, interval_s=interval)


def build_delivery(
    settings: Settings, store: SqlResourceStore, target: Target, clock: Clock, on_dead: DeadLetterHook, redis: Any
) -> DeliveryWorker:
    """The in-process outbox worker by default; Redis Streams shared by every instance when scaled out."""
    if redis is None:
        return DeliveryWorker(store, target, clock=clock, on_dead=on_dead)
    return RedisStreamDeliveryWorker(
        store, target, clock=clock, on_dead=on_dead, redis=redis, prefix=settings.redis_prefix, owns_client=True
    )


def build_runtime(settings: Settings, store: SqlResourceStore, *, clock: Clock = _utc_now) -> Runtime:
    validator, registry = compiled_definitions()
    tz = ZoneInfo(settings.timezone)
    service = ResourceService(
        store=store,
        registry=registry,
        validate=with_subscription_rules(write_validator(validator, tz=tz, clock=clock)),
        supported_types=frozenset(SUPPORTED_TYPES),
        tz=tz,
        clock=clock,
        new_id=_new_id,
    )
    started = clock().astimezone(UTC).isoformat(timespec="seconds")
    fhir_base = settings.base_url or f"http://{settings.host}:{settings.port}/fhir"  # what notifications refer to
    pipeline = ProcessPipeline(service=service, clock=clock, notifier=SubscriptionNotifier(service, fhir_base))
    redis = redis_client(settings)
    scheduler = build_scheduler(settings, store, pipeline.on_timer, clock, redis)
    directory = Directory(service)

    subscriptions = SubscriptionMonitor(service, base=fhir_base, clock=clock)

    async def on_dead(row: OutboxRow, now: datetime) -> None:
        if subscription_id_of(row.message.endpoint_id) is not None:
            await subscriptions.on_dead(row, now)  # a Subscription's notification: the Subscription goes to error
        else:
            await open_manual_contact(service, row, now)

    target = subscription_target(service, directory.endpoint_target)
    delivery = build_delivery(settings, store, target, clock, on_dead, redis)
    return Runtime(
        settings=settings,
        service=service,
        pipeline=pipeline,
        scheduler=scheduler,
        directory=directory,
        router=Router(service, directory),
        delivery=delivery,
        version=_version(),
        started=started,
        subscriptions=subscriptions,
    )


def _allowed_methods(app: FastAPI, scope: Scope) -> list[str]:
    """RFC 9110 §15.5.6: a 405 lists every method the path supports (Starlette names only the first route's)."""
    return [
        method
        for method in ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH")
        if any(route.matches({**scope, "method": method})[0] is Match.FULL for route in app.router.routes)
    ]


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(GatewayError)
    async def gateway_error(request: Request, exc: GatewayError) -> Response:
        return error_response(exc.status, exc.issues, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = _STATUS_CODES.get(exc.status_code, "processing")
        text = "no such route" if exc.status_code == 404 else str(exc.detail)
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            text = f"{request.method} is not allowed on this path"
            headers["Allow"] = ", ".join(_allowed_methods(app, request.scope))  # every route of the path
        return error_response(exc.status_code, [Issue("error", code, "", text)], headers)

    @app.exception_handler(RequestValidationError)
    async def request_error(request: Request, exc: RequestValidationError) -> Response:
        return error_response(400, [Issue("error", "invalid", "", "malformed request")])

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        correlation_id = request.scope.get("state", {}).get("correlation_id", "")
        _log.error("unexpected error", exc_info=exc, extra={"correlation_id": correlation_id})
        text = f"internal error (correlation id {correlation_id})"
        return error_response(500, [Issue("fatal", "exception", "", text)])


def create_app(settings: Settings, *, store: SqlResourceStore | None = None, clock: Clock = _utc_now) -> FastAPI:
    store = store or store_from_url(settings.database_url, sqlite_synchronous=settings.sqlite_synchronous)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await store.open()
        runtime = build_runtime(settings, store, clock=clock)
        app.state.runtime = runtime
        if settings.directory_file:
            content = await asyncio.to_thread(Path(settings.directory_file).read_bytes)
            loaded = await load_directory(runtime.service, orjson.loads(content))
            _log.info("directory loaded", extra={"resources": loaded})
        if settings.scheduler_enabled:
            await runtime.scheduler.start()
        if settings.delivery_enabled and runtime.delivery is not None:
            await runtime.delivery.start()
        if settings.delivery_enabled and runtime.subscriptions is not None:
            await runtime.subscriptions.start()
        _log.info("gateway started", extra={"store": type(store).__name__, "redis": settings.redis_url is not None})
        try:
            yield
        finally:
            await runtime.scheduler.stop()
            if runtime.delivery is not None:
                await runtime.delivery.stop()
            if runtime.subscriptions is not None:
                await runtime.subscriptions.stop()
            await store.close()

    app = FastAPI(
        title="Discharge-coordination FHIR gateway",
        version=_version(),
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.add_middleware(CorrelationMiddleware)
    _install_error_handlers(app)
    app.include_router(inbound_router)
    app.include_router(messaging_router)
    app.include_router(delivery_router)
    app.include_router(subscription_router)  # before the generic routes: the server owns Subscription.status
    app.include_router(subscription_operations)  # before the generic routes: $status is not a resource id
    app.include_router(process_router)  # before the generic routes: /fhir/$kpi is not a type search
    app.include_router(conformance_router)  # before the generic routes: $validate is not a resource id
    app.include_router(fhir_router)

    @app.get("/healthz")
    async def healthz() -> Response:
        return fhir_response({"status": "ok"})

    @app.get("/readyz")
    async def readyz() -> Response:
        try:
            await store.ping()
        except Exception as exc:  # any store failure means not ready
            _log.warning("store not ready", extra={"error_type": type(exc).__name__})
            return error_response(503, [Issue("error", "transient", "", "store is not reachable")])
        return fhir_response({"status": "ready"})

    return app
