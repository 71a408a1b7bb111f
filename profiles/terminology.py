"""ValueSet expansion from the definitions at hand (no terminology server): compose include/exclude over
the concepts of complete CodeSystems, with ``is-a`` / ``descendent-of`` / ``is-not-a`` / ``=`` / ``in`` filters.

Used by the binding checks to turn a *required* binding into a set of allowed (system, code) pairs. A ValueSet
that cannot be expanded from the data (an external or fragment CodeSystem, an unsupported filter) raises
``CannotExpandError``; callers record such bindings as skipped rather than enforce them.

Pure: definitions in, sets out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from profiles.r4_data import FhirJson

__all__ = ["CannotExpandError", "CodeSystemIndex", "ValueSetExpander"]

_HIERARCHY_OPS: Final = frozenset({"is-a", "descendent-of", "is-not-a"})


class CannotExpandError(Exception):
    """A ValueSet (part) that cannot be expanded from the available data."""


class CodeSystemIndex:
    """The codes of a CodeSystem, their hierarchy (nesting, ``parent``/``subsumedBy``) and properties."""

    def __init__(self, resource: FhirJson) -> None:
        self.url = str(resource.get("url"))
        self.complete = resource.get("content") == "complete"
        self.codes: dict[str, None] = {}  # ordered set
        self.children: dict[str, list[str]] = {}
        self.properties: dict[str, dict[str, set[str]]] = {}
        pending: list[tuple[str | None, FhirJson]] = [(None, c) for c in resource.get("concept", [])]
        while pending:
            parent, concept = pending.pop()
            code = str(concept.get("code"))
            self.codes[code] = None
            if parent is not None:
                self.children.setdefault(parent, []).append(code)
            for prop in concept.get("property", []):
                self._add_property(code, prop)
            pending.extend((code, child) for child in concept.get("concept", []))

    def _add_property(self, code: str, prop: FhirJson) -> None:
        values = [str(v).lower() if type(v) is bool else str(v) for k, v in prop.items() if k.startswith("value")]
        name = str(prop.get("code"))
        self.properties.setdefault(code, {}).setdefault(name, set()).update(values)
        if name in ("parent", "subsumedBy"):
            for parent in values:
                self.children.setdefault(parent, []).append(code)

    def descendants(self, code: str) -> set[str]:
        found: set[str] = set()
        pending = list(self.children.get(code, ()))
        while pending:
            child = pending.pop()
            if child not in found:
                found.add(child)
                pending.extend(self.children.get(child, ()))
        return found

    def filtered(self, prop: str, op: str, value: str) -> set[str]:
        if op in _HIERARCHY_OPS and prop in ("concept", "code"):
            below = self.descendants(value)
            if op == "descendent-of":
                return below
            subsumed = below | ({value} & self.codes.keys())
            return subsumed if op == "is-a" else set(self.codes) - subsumed
        if op in ("=", "in"):
            wanted = set(value.split(",")) if op == "in" else {value}
            if prop in ("concept", "code"):
                return wanted & self.codes.keys()
            return {c for c in self.codes if self.properties.get(c, {}).get(prop, set()) & wanted}
        raise CannotExpandError(f"filter {prop} {op} {value} on {self.url} is not supported")


class ValueSetExpander:
    def __init__(self, value_sets: Iterable[FhirJson], code_systems: Iterable[FhirJson]) -> None:
        self._value_sets = {str(vs.get("url")): vs for vs in value_sets}
        self._code_systems = {str(cs.get("url")): cs for cs in code_systems}
        self._systems: dict[str, CodeSystemIndex] = {}
        self._done: dict[str, frozenset[tuple[str, str]] | CannotExpandError] = {}
        self._busy: set[str] = set()

    def expand(self, url: str) -> frozenset[tuple[str, str]]:
        """The (system, code) pairs of a ValueSet; raises ``CannotExpandError``."""
        canonical = url.split("|", 1)[0]
        if canonical not in self._done:
            if canonical in self._busy:
                raise CannotExpandError(f"value set {canonical} includes itself")
            self._busy.add(canonical)
            try:
                self._done[canonical] = frozenset(self._compose(canonical))
            except CannotExpandError as error:
                self._done[canonical] = error
            finally:
                self._busy.discard(canonical)
        result = self._done[canonical]
        if isinstance(result, CannotExpandError):
            raise result
        return result

    def _compose(self, canonical: str) -> set[tuple[str, str]]:
        value_set = self._value_sets.get(canonical)
        if value_set is None:
            raise CannotExpandError(f"value set {canonical} is not available")
        compose = value_set.get("compose") or {}
        if not compose.get("include"):
            raise CannotExpandError(f"value set {canonical} has no compose.include")
        pairs: set[tuple[str, str]] = set()
        for part in compose["include"]:
            pairs |= self._part(part)
        for part in compose.get("exclude", []):
            pairs -= self._part(part)
        return pairs

    def _part(self, part: FhirJson) -> set[tuple[str, str]]:
        """One include/exclude: the intersection of its system selection and its valueSets."""
        selections = [set(self.expand(str(ref))) for ref in part.get("valueSet", [])]
        if "system" in part:
            system = str(part["system"])
            selections.append({(system, code) for code in self._system_codes(system, part)})
        if not selections:
            raise CannotExpandError("compose part with neither system nor valueSet")
        return set.intersection(*selections)

    def _system_codes(self, system: str, part: FhirJson) -> set[str]:
        if "concept" in part:
            return {str(concept.get("code")) for concept in part["concept"]}
        code_system = self._code_system(system)
        codes = set(code_system.codes)
        for flt in part.get("filter", []):
            codes &= code_system.filtered(str(flt.get("property")), str(flt.get("op")), str(flt.get("value")))
        return codes

    def _code_system(self, system: str) -> CodeSystemIndex:
        if system not in self._systems:
            resource = self._code_systems.get(system)
            if resource is None:
                raise CannotExpandError(f"code system {system} is not available")
            self._systems[system] = CodeSystemIndex(resource)
        code_system = self._systems[system]
        if not code_system.complete:
            raise CannotExpandError(f"code system {system} is not available in full")
        return code_system
