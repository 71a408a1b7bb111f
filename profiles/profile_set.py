"""Our profiles, extension definitions and terminology, compiled once: the ``ProfileSet``.

From the differential-only StructureDefinitions in ``profiles/se`` and ``profiles/discharge`` (loaded by the
gateway), ``compile_profile_set`` generates each snapshot (``profiles.snapshot``; a profile may build on
another of ours), compiles the rules (``profiles.profile_rules``) and keeps the definitions with their
snapshots for publication (``/fhir/StructureDefinition`` …). Extension definitions become rules the walker
applies wherever the extension occurs (``extension_rules``). The Swedish identifier rules are bound to the
constraint keys ``se-*`` (``profiles.swedish_ids``); the list of kommunkoder is the KV Kommun CodeSystem.

Pure.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from profiles.conformance import check_profile
from profiles.elements import CODE, CODING, ElementTables
from profiles.issues import Issue
from profiles.paths import Path
from profiles.profile_rules import UNSET, ProfileRules, compile_profile
from profiles.r4_data import FhirJson, R4Definitions
from profiles.snapshot import generate_snapshot
from profiles.swedish_ids import rules as identifier_rules
from profiles.walker import ExtensionRule

__all__ = ["KV_KOMMUN", "ProfileSet", "compile_profile_set"]

KV_KOMMUN: Final = "urn:oid:1.2.752.129.2.2.1.17"  # SCB municipality codes (KV Kommun)


@dataclass(frozen=True, slots=True, eq=False)
class ProfileSet:
    profiles: Mapping[str, ProfileRules]  # canonical URL → rules, for resource profiles
    extension_rules: Mapping[str, ExtensionRule]  # extension URL → check, for the walker
    structure_definitions: tuple[FhirJson, ...]  # as published: differential and generated snapshot
    value_sets: tuple[FhirJson, ...]
    code_systems: tuple[FhirJson, ...]
    naming_systems: tuple[FhirJson, ...]

    def profile_type(self, url: str) -> str | None:
        """The resource type a profile constrains (None for an unknown profile)."""
        rules = self.profiles.get(url.split("|", 1)[0])
        return rules.type if rules is not None else None


def _extension_rule(rules: ProfileRules) -> ExtensionRule:
    def check(extension: Mapping[str, Any], path: Path, issues: list[Issue], today: date | None) -> None:
        check_profile(rules, extension, path, issues, today=today)

    return _simple_extension_rule(rules, check) or check


def _simple_extension_rule(rules: ProfileRules, full: ExtensionRule) -> ExtensionRule | None:
    """A fast check for the common shape (a url and one value of given types, maybe bound, no
    sub-extensions): it only looks for a problem, and hands the extension to ``full`` to report it."""
    root = rules.root
    children = {c.name: c for c in root.children}
    value = children.get("value")
    if root.invariants or root.native or root.slices or set(children) - {"extension", "url", "value"} or value is None:
        return None
    if value.children or value.slices or value.invariants or value.native or value.targets is not None:
        return None
    if value.fixed is not UNSET or value.pattern is not UNSET:
        return None
    keys, allowed, required = value.key_set, value.allowed_keys or value.key_set, value.min == 1
    no_sub = "extension" in children and children["extension"].max == 0
    bound = value.binding
    codings = value.expansion.codings if value.expansion is not None else frozenset()
    codes = value.expansion.codes if value.expansion is not None else frozenset()

    def in_binding(item: Any) -> bool:
        if bound == CODE:
            return type(item) is not str or item in codes
        if type(item) is not dict:
            return True
        if bound == CODING:
            return (item.get("system"), item.get("code")) in codings
        return any(type(c) is dict and (c.get("system"), c.get("code")) in codings for c in item.get("coding") or ())

    def check(extension: Mapping[str, Any], path: Path, issues: list[Issue], today: date | None) -> None:
        found = 0
        ok = not (no_sub and "extension" in extension)
        for key, item in extension.items():
            if key in keys:
                found += 1
                ok = ok and key in allowed and (not bound or in_binding(item))
        if not ok or found > 1 or (required and not found):
            full(extension, path, issues, today)

    return check


def _ordered(definitions: list[FhirJson]) -> list[FhirJson]:
    """Definitions after those they are based on (a profile may build on another of ours)."""
    by_url = {str(sd["url"]): sd for sd in definitions}
    ordered: list[FhirJson] = []
    seen: set[str] = set()

    def visit(sd: FhirJson) -> None:
        url = str(sd["url"])
        if url in seen:
            return
        seen.add(url)
        base = by_url.get(str(sd.get("baseDefinition")))
        if base is not None:
            visit(base)
        ordered.append(sd)

    for sd in definitions:
        visit(sd)
    return ordered


def compile_profile_set(tables: ElementTables, base: R4Definitions, local: R4Definitions) -> ProfileSet:
    """Compile our definitions (``local``) on top of base R4 (``base``, whose element tables are ``tables``;
    build ``tables`` with the ValueSets and CodeSystems of both, so our bindings expand)."""
    by_url: dict[str, FhirJson] = {str(sd.get("url")): sd for sd in base.structure_definitions}
    kommun = next((cs for cs in local.code_systems if cs.get("url") == KV_KOMMUN), {})
    native = identifier_rules(frozenset(str(c.get("code")) for c in kommun.get("concept", [])))
    published: list[FhirJson] = []
    for sd in _ordered(list(local.structure_definitions)):
        full = dict(copy.deepcopy(sd))
        full["snapshot"] = {"element": generate_snapshot(sd, by_url.get)}
        by_url[str(sd["url"])] = full
        published.append(full)
    profile_types = {str(sd["url"]): str(sd["type"]) for sd in published}
    profiles: dict[str, ProfileRules] = {}
    extensions: dict[str, ExtensionRule] = {}
    for sd in published:
        type_base = by_url[f"http://hl7.org/fhir/StructureDefinition/{sd['type']}"]
        rules = compile_profile(
            tables,
            sd,
            sd["snapshot"]["element"],
            base=type_base,
            native_rules=native,
            profile_types=profile_types,
        )
        if sd.get("type") == "Extension":
            extensions[rules.url] = _extension_rule(rules)
        else:
            profiles[rules.url] = rules
    return ProfileSet(
        profiles=profiles,
        extension_rules=extensions,
        structure_definitions=tuple(published),
        value_sets=tuple(local.value_sets),
        code_systems=tuple(local.code_systems),
        naming_systems=tuple(local.naming_systems),
    )
