"""The base-R4 walk: one pass over a resource's JSON against the compiled element tables.

Checks, collecting every issue: unknown properties; JSON shape (arrays, objects, nulls — allowed only where a
primitive array item has its ``_x`` counterpart); cardinality (max from the tables, required elements);
primitive formats; choice types (one variant at most); ``_x`` primitive elements; required bindings (codes,
Codings, CodeableConcepts); Reference target types; ele-1 (no empty objects); the invariants of every
element, datatype, backbone element and resource; dom-3 (contained resources referenced from the resource);
txt-1/txt-2 (narrative). Contained resources are walked as part of their container (``%rootResource``);
Bundle entries and ``Parameters`` resources as resources of their own type. Extensions whose URL has a rule
(``extension_rules``: our own extension definitions) are handed to that rule as well.

Speed: each property of each node gets a visitor closure specialised for its kind and cardinality
(``profiles.visitors``), built on first use; the walk is then dict lookups and direct calls. Paths are tuples
``(parent, segment, index)`` turned into text only when an issue is reported; messages never quote values
other than codes.

Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from profiles.elements import ElementTables, Node
from profiles.fhirpath_compile import Env
from profiles.invariants import Invariant, InvariantError
from profiles.issues import Issue
from profiles.paths import Path, format_path
from profiles.visitors import build_visitors

__all__ = ["ExtensionRule", "Frame", "ResourceSeen", "Walker"]

# An extension rule: (extension JSON, its path, issues, today) → appends its issues.
ExtensionRule = Callable[[Mapping[str, Any], Path, list[Issue], "date | None"], None]


class ResourceSeen:
    """A resource met during the walk (the root, a Bundle entry, a contained resource), for profile checks."""

    __slots__ = ("contained", "path", "resource")

    def __init__(self, resource: Mapping[str, Any], path: Path, contained: bool) -> None:
        self.resource = resource
        self.path = path
        self.contained = contained


class Frame:
    """The resource being walked: ``resource`` (``%resource``), ``root`` (``%rootResource``, the container of
    a contained resource) and the local ``#id`` references seen, for dom-3."""

    __slots__ = ("has_contained", "refs", "resource", "root")

    def __init__(self, resource: Mapping[str, Any], root: Mapping[str, Any]) -> None:
        self.resource = resource
        self.root = root
        contained = root.get("contained")
        self.has_contained = type(contained) is list and bool(contained)
        self.refs: set[str] = set()


class Walker:
    """Walks one resource; ``issues`` and ``resources`` hold the results. The visitors read and set ``frame``."""

    __slots__ = ("extension_rules", "frame", "issues", "resources", "tables", "today", "warnings")

    def __init__(
        self,
        tables: ElementTables,
        *,
        extension_rules: Mapping[str, ExtensionRule],
        today: date | None,
        warnings: bool = True,
    ) -> None:
        self.tables = tables
        self.extension_rules = extension_rules
        self.warnings = warnings  # False: skip warning-level invariants (callers that only act on errors)
        self.today = today
        self.issues: list[Issue] = []
        self.resources: list[ResourceSeen] = []
        self.frame: Frame | None = None

    def issue(self, code: str, path: Path, problem: str, severity: str = "error") -> None:
        where = format_path(path)
        self.issues.append(Issue(severity, code, where, f"{where}: {problem}"))  # type: ignore[arg-type]

    # --------------------------------------------------------------------------------------- resources

    def walk(self, resource: Mapping[str, Any]) -> None:
        """Walk a top-level resource (its ``resourceType`` must be a known type: the caller checks)."""
        resource_type = str(resource["resourceType"])
        node = self.tables.resource(resource_type)
        assert node is not None
        self.resource(node, resource, resource_type)

    def resource(self, node: Node, resource: Mapping[str, Any], path: Path) -> None:
        """A resource of its own (the root, a Bundle entry): a new ``%rootResource``."""
        outer = self.frame
        frame = self.frame = Frame(resource, resource)
        self.resources.append(ResourceSeen(resource, path, False))
        self.object(node, resource, path)
        if frame.has_contained:
            self._dom_3(resource, path, frame)
        self.frame = outer

    def contained(self, node: Node, resource: Mapping[str, Any], path: Path) -> None:
        """A contained resource: ``%resource`` changes, ``%rootResource`` stays the container."""
        outer = self.frame
        assert outer is not None
        frame = self.frame = Frame(resource, outer.root)
        frame.refs = outer.refs
        frame.has_contained = outer.has_contained
        self.resources.append(ResourceSeen(resource, path, True))
        self.object(node, resource, path)
        self.frame = outer

    def _dom_3(self, resource: Mapping[str, Any], path: Path, frame: Frame) -> None:
        for index, contained in enumerate(resource["contained"]):
            if type(contained) is not dict or type(contained.get("id")) is not str:
                continue
            if contained["id"] not in frame.refs and not _refers_to_container(contained):
                self.issue(
                    "invariant",
                    (path, "contained", index),
                    "dom-3: a contained resource must be referenced from elsewhere in the resource",
                )

    # ----------------------------------------------------------------------------------------- objects

    def object(self, node: Node, obj: Mapping[str, Any], path: Path) -> None:
        visitors = node.visitors
        if visitors is None:
            visitors = build_visitors(node)
        plain = node.plain
        for key, value in obj.items():
            check = plain.get(key)
            if check is not None and check(value) is None:
                continue  # the common case: a valid plain primitive
            visit = visitors.get(key)
            if visit is None:
                if not (key == "resourceType" and node.is_resource):
                    self.issue("structure", (path, key, None), "unknown element")
            elif value is None:
                self.issue("structure", (path, key.lstrip("_"), None), "must not be null")
            else:
                visit(value, path, self, obj)
        if node.choice_of and len(obj) > 1:
            self._choices(node, obj, path)
        for name, keys in node.required:
            for key in keys:
                if key in obj:
                    break
            else:
                self.issue("required", (path, name, None), "required element is missing")
        if node.ele_1 and (not obj or (len(obj) == 1 and "id" in obj)):
            self.issue("invariant", path, "ele-1: an element must have a value or children")
        if node.invariants:
            self.invariants(node.invariants, obj, path)

    def _choices(self, node: Node, obj: Mapping[str, Any], path: Path) -> None:
        """At most one type per choice element (``valueString`` or ``valueCode``, not both)."""
        choice_of = node.choice_of
        seen: str | set[str] | None = None
        for key in obj:
            choice = choice_of.get(key)
            if choice is None:
                continue
            if seen is None:
                seen = choice  # the usual case: one choice key, no set needed
                continue
            if isinstance(seen, str):
                seen = {seen}
            if choice in seen:
                self.issue("structure", (path, key, None), f"only one type of {choice}[x] may be given")
            seen.add(choice)

    def invariants(self, invariants: tuple[Invariant, ...], item: Any, path: Path) -> None:
        env = None
        is_object = type(item) is dict
        for invariant in invariants:
            if invariant.severity == "warning" and not self.warnings:
                continue
            if is_object and _guarded(invariant, item):
                continue
            if env is None and invariant.needs_env:
                frame = self.frame
                assert frame is not None
                env = Env(item, frame.resource, frame.root, item)
            try:
                if invariant.holds(item, env):  # type: ignore[arg-type]
                    continue
            except InvariantError:
                self.issue("processing", path, f"{invariant.key} could not be evaluated", "warning")
                continue
            self.issue("invariant", path, f"{invariant.key}: {invariant.human}", invariant.severity)

    def extension(self, value: Mapping[str, Any], path: Path) -> None:
        url = value.get("url")
        rule = self.extension_rules.get(url) if type(url) is str else None
        if rule is not None:
            rule(value, path, self.issues, self.today)


def _guarded(invariant: Invariant, item: Mapping[str, Any]) -> bool:
    """An absence guard of the invariant applies: it holds without evaluating it."""
    for keys in invariant.guards:
        for key in keys:
            if key in item:
                break
        else:
            return True
    return False


def _refers_to_container(resource: Mapping[str, Any]) -> bool:
    """A contained resource that refers to its container (``"reference": "#"``) needs no other reference."""
    pending: list[Any] = [resource]
    while pending:
        item = pending.pop()
        if type(item) is dict:
            if item.get("reference") == "#":
                return True
            pending.extend(item.values())
        elif type(item) is list:
            pending.extend(item)
    return False
