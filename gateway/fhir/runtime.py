"""What the FHIR routes need at request time, built once by ``create_app``."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request

from gateway.delivery.worker import DeliveryWorker
from gateway.directory import Directory
from gateway.fhir.service import ResourceService
from gateway.process.pipeline import ProcessPipeline
from gateway.process.routing import Router
from gateway.scheduler.runner import DeadlineScheduler
from gateway.settings import Settings
from gateway.subscriptions.monitor import SubscriptionMonitor


@dataclass(frozen=True, slots=True)
class Runtime:
    settings: Settings
    service: ResourceService
    pipeline: ProcessPipeline
    scheduler: DeadlineScheduler
    directory: Directory
    router: Router
    delivery: DeliveryWorker | None
    version: str
    started: str  # FHIR dateTime of start-up (CapabilityStatement.date)
    subscriptions: SubscriptionMonitor | None = None  # handshakes and heartbeats of topic-based Subscriptions


def runtime_of(request: Request) -> Runtime:
    """The Runtime ``create_app`` put on the app (the one accessor every route module uses)."""
    runtime: Runtime = request.app.state.runtime
    return runtime
