"""The resource validator: base FHIR R4, our profiles and the Swedish identifier rules, compiled once.

``ResourceValidator.compile(base, local, mandated=…)`` builds, from the vendored R4 definitions and our own
(``profiles/se``, ``profiles/discharge``): the element tables of every R4 type (``profiles.elements``), the
compiled invariants, the required-binding expansions, and the rules of each of our profiles and extension
definitions (``profiles.profile_set``). ``validate(resource)`` then walks the JSON once for base R4
(``profiles.walker``) and applies, to the resource and to each Bundle entry / ``Parameters`` resource in it,
the profiles it declares (``meta.profile``), those the gateway mandates for its type (``mandated``) and those
the caller asks for (``profiles``, e.g. ``$validate?profile=…``). Contained resources get the profiles they
declare.

Every issue is returned, none raised. ``Issue.profile`` is empty for base R4 ("not valid FHIR": 400) and
holds the profile's URL otherwise ("does not conform": 422); docs/adr/0002.

Pure: definitions in; ``today`` (for the age rule of the personnummer ``+``) is passed by the caller.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from profiles.conformance import check_profile
from profiles.elements import ElementTables
from profiles.issues import Issue
from profiles.paths import format_path
from profiles.profile_set import ProfileSet, compile_profile_set
from profiles.r4_data import R4Definitions
from profiles.walker import ResourceSeen, Walker

__all__ = ["ResourceValidator"]

_EMPTY = R4Definitions(structure_definitions=(), value_sets=(), code_systems=(), search_parameters=())


class ResourceValidator:
    """Validates one resource at a time; immutable once compiled, shared by all requests."""

    def __init__(self, tables: ElementTables, profile_set: ProfileSet, mandated: Mapping[str, Sequence[str]]) -> None:
        self.tables = tables
        self.profile_set = profile_set
        self.mandated = {t: tuple(urls) for t, urls in mandated.items()}
        for resource_type, urls in self.mandated.items():
            for url in urls:
                if profile_set.profile_type(url) != resource_type:
                    raise ValueError(f"mandated profile {url} is not a known profile of {resource_type}")

    @classmethod
    def compile(
        cls,
        definitions: R4Definitions,
        local: R4Definitions = _EMPTY,
        *,
        mandated: Mapping[str, Sequence[str]] | None = None,
    ) -> ResourceValidator:
        """Compile base R4 (``definitions``) and our definitions (``local``); ``mandated`` maps a resource
        type to the profiles every resource of that type must conform to. Takes about a second."""
        tables = ElementTables(
            definitions.structure_definitions,
            [*definitions.value_sets, *local.value_sets],
            [*definitions.code_systems, *local.code_systems],
        )
        for resource_type in sorted(tables.resource_types):
            tables.resource(resource_type)
        return cls(tables, compile_profile_set(tables, definitions, local), mandated or {})

    def knows_profile(self, url: str) -> bool:
        return self.profile_set.profile_type(url) is not None

    def validate(
        self,
        resource: Mapping[str, Any],
        *,
        profiles: Sequence[str] = (),
        today: date | None = None,
        warnings: bool = True,
    ) -> list[Issue]:
        """Every issue of ``resource``: base R4, then its profiles. ``warnings=False`` skips the
        warning-level invariants (for callers that act on errors only)."""
        resource_type = resource.get("resourceType")
        if type(resource_type) is not str:
            return [Issue("error", "structure", "resourceType", "resourceType is missing or not a string")]
        if resource_type not in self.tables.resource_types:
            return [Issue("error", "not-supported", "resourceType", f"unknown resource type {resource_type!r}")]
        walker = Walker(self.tables, extension_rules=self.profile_set.extension_rules, today=today, warnings=warnings)
        walker.walk(resource)
        issues = walker.issues
        for index, seen in enumerate(walker.resources):
            self._check_profiles(seen, profiles if index == 0 else (), walker.resources[0].resource, issues, today)
        return issues

    def _check_profiles(
        self,
        seen: ResourceSeen,
        requested: Sequence[str],
        root: Mapping[str, Any],
        issues: list[Issue],
        today: date | None,
    ) -> None:
        resource = seen.resource
        resource_type = str(resource.get("resourceType"))
        path = seen.path
        where = format_path(path)
        declared = _declared_profiles(resource)
        wanted = (
            [*declared, *requested]
            if seen.contained
            else [*declared, *self.mandated.get(resource_type, ()), *requested]
        )
        for url in dict.fromkeys(u.split("|", 1)[0] for u in wanted):
            rules = self.profile_set.profiles.get(url)
            if rules is None:
                severity = "warning" if url in declared and url not in requested else "error"
                problem = f"{where}: profile {url} is not known here; not checked"
                issues.append(Issue(severity, "not-supported", where, problem, url))  # type: ignore[arg-type]
            elif rules.type != resource_type:
                issues.append(Issue("error", "invalid", where, f"{where}: profile {url} is for {rules.type}", url))
            else:
                check_profile(rules, resource, path, issues, root=root if seen.contained else resource, today=today)


def _declared_profiles(resource: Mapping[str, Any]) -> list[str]:
    meta = resource.get("meta")
    profiles = meta.get("profile") if type(meta) is dict else None
    return [p for p in profiles if type(p) is str] if type(profiles) is list else []
