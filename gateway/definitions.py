"""The compiled FHIR definitions of this process, built once: the resource validator and the search registry.

Loads the vendored R4 definitions and our profiles (``gateway.profile_data``), compiles the validator with
the profiles the gateway mandates for its process resources (``MANDATED_PROFILES``) and the search
parameters. ``write_validator`` gives the ``ResourceService`` its check for writes: errors only, with
today's date in the gateway's time zone (the personnummer ``+`` rule depends on the year).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from functools import cache
from typing import Any

from gateway.fhir.capability import MANDATED_PROFILES, SUPPORTED_TYPES
from gateway.profile_data import load_profile_definitions, load_r4_definitions
from gateway.search.parameters import SearchRegistry, compile_search_parameters
from profiles.issues import Issue
from profiles.validator import ResourceValidator

__all__ = ["compiled_definitions", "write_validator"]


@cache
def compiled_definitions() -> tuple[ResourceValidator, SearchRegistry]:
    """Compiled once per process: the definitions are immutable data (~1.5 s to compile)."""
    definitions = load_r4_definitions()
    registry = compile_search_parameters(definitions.search_parameters, SUPPORTED_TYPES)
    validator = ResourceValidator.compile(definitions, load_profile_definitions(), mandated=MANDATED_PROFILES)
    return validator, registry


def write_validator(
    validator: ResourceValidator, *, tz: tzinfo, clock: Callable[[], datetime]
) -> Callable[[dict[str, Any]], list[Issue]]:
    """The check every write runs: base R4 + declared + mandated profiles; warning-level rules skipped."""

    def validate(resource: dict[str, Any]) -> list[Issue]:
        return validator.validate(resource, today=clock().astimezone(tz).date(), warnings=False)

    return validate
