"""Applying compiled profile rules (``profiles.profile_rules``) to a resource.

Only the elements a profile constrains are visited: for each, its cardinality, the JSON keys it may use (a
restricted choice type), then for each item its fixed / pattern value, required binding, Reference targets,
native Swedish identifier rules and invariants, its constrained children, and its slices (items are matched
to the first slice whose discriminator values they carry; slice cardinality; closed slicing). The base walk
has already reported what is not valid FHIR, so values of the wrong JSON type are skipped here, quietly.

Every issue carries the profile's canonical URL (``Issue.profile``): not conforming to a profile is a 422,
not a 400 (docs/adr/0002). Messages quote profile values (fixed values, codes), never instance values.

Pure.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from profiles.elements import CODE, CODING
from profiles.fhirpath_compile import Env
from profiles.invariants import InvariantError
from profiles.issues import Issue
from profiles.paths import Path, format_path
from profiles.profile_rules import UNSET, ElementRule, ProfileRules, Slice

__all__ = ["check_profile"]

_MAX_QUOTED: Final = 96


def _text(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= _MAX_QUOTED else text[:_MAX_QUOTED] + "…"


def _includes(value: Any, pattern: Any) -> bool:
    """FHIR pattern matching: every property (and array item) of the pattern is found in the value."""
    if type(pattern) is dict:
        return type(value) is dict and all(k in value and _includes(value[k], v) for k, v in pattern.items())
    if type(pattern) is list:
        return type(value) is list and all(any(_includes(item, p) for item in value) for p in pattern)
    return bool(value == pattern) and type(value) is type(pattern)


def _reference_type(value: Any) -> str | None:
    reference = value.get("reference") if type(value) is dict else None
    if type(reference) is not str or reference.startswith(("#", "urn:")):
        return None
    parts = reference.split("?", 1)[0].split("/")
    if len(parts) >= 4 and parts[-2] == "_history":
        parts = parts[:-2]
    return parts[-2] if len(parts) >= 2 else (parts[0] if "?" in reference else None)


class _Check:
    def __init__(
        self, rules: ProfileRules, issues: list[Issue], resource: Mapping[str, Any], root: Any, today: date | None
    ):
        self.url = rules.url
        self.issues = issues
        self.resource = resource
        self.root = root
        self.today = today

    def issue(self, code: str, path: Path, problem: str, severity: str = "error") -> None:
        where = format_path(path)
        self.issues.append(Issue(severity, code, where, f"{where}: {problem}", self.url))  # type: ignore[arg-type]

    # ---------------------------------------------------------------------------------------- elements

    def element(self, rule: ElementRule, obj: Mapping[str, Any], parent: Path) -> None:
        found: list[tuple[Path, Any]] = []
        if len(rule.keys) == 1:
            key = rule.keys[0]
            value = obj.get(key)
            if value is not None:
                self._collect(rule, key, value, parent, found)
        else:  # a choice element: its keys are many, the object's few
            for key, value in obj.items():
                if key in rule.key_set and value is not None:
                    self._collect(rule, key, value, parent, found)
        if rule.min is not None or rule.max is not None:
            self._cardinality(rule, len(found), (parent, rule.name, None))
        for path, value in found:
            self.item(rule, value, path)
        if rule.slices:
            self._slicing(rule, found, (parent, rule.name, None))

    def _collect(self, rule: ElementRule, key: str, value: Any, parent: Path, found: list[tuple[Path, Any]]) -> None:
        if rule.allowed_keys is not None and key not in rule.allowed_keys:
            self.issue("structure", (parent, key, None), "this type is not allowed by the profile")
        if type(value) is list:
            found.extend(((parent, key, i), v) for i, v in enumerate(value) if v is not None)
        else:
            found.append(((parent, key, None), value))

    def _cardinality(self, rule: ElementRule | Slice, count: int, path: Path) -> None:
        what = f"slice {rule.name}" if isinstance(rule, Slice) else "the profile"
        if rule.min is not None and count < rule.min:
            self.issue("required", path, f"{what} requires at least {rule.min} (found {count})")
        if rule.max is not None and count > rule.max:
            allowed = "does not allow it" if rule.max == 0 else f"allows at most {rule.max} (found {count})"
            self.issue("structure", path, f"{what} {allowed}")

    def _slicing(self, rule: ElementRule, found: list[tuple[Path, Any]], path: Path) -> None:
        counts = dict.fromkeys((s.name for s in rule.slices), 0)
        index, key = rule.slice_index, rule.slice_path
        for item_path, value in found:
            if index is not None:
                discriminator = value.get(key) if type(value) is dict else None
                matched = index.get(discriminator) if type(discriminator) is str else None
            else:
                matched = next((s for s in rule.slices if _matches(s, value)), None)
            if matched is None:
                if rule.closed:
                    self.issue("structure", item_path, "matches none of the slices the profile allows")
                continue
            counts[matched.name] += 1
            self.item(matched.rule, value, item_path)
        for slice_ in rule.slices:
            self._cardinality(slice_, counts[slice_.name], path)

    # ------------------------------------------------------------------------------------------- items

    def item(self, rule: ElementRule, value: Any, path: Path) -> None:
        if rule.fixed is not UNSET and value != rule.fixed:
            self.issue("value", path, f"must be exactly {_text(rule.fixed)} (fixed by the profile)")
        if rule.pattern is not UNSET and not _includes(value, rule.pattern):
            self.issue("value", path, f"must match the pattern {_text(rule.pattern)}")
        if rule.binding:
            self._binding(rule, value, path)
        if rule.targets is not None:
            target = _reference_type(value)
            if target is not None and target not in rule.targets:
                allowed = ", ".join(sorted(rule.targets))
                self.issue("structure", (path, "reference", None), f"the profile allows references to {allowed} only")
        for key, _, native in rule.native:
            problem = native(value, self.today)
            if problem is not None:
                self.issue("value", (path, "value", None), f"{key}: {problem}")
        if rule.invariants:
            self._invariants(rule, value, path)
        if type(value) is dict:
            for child in rule.children:
                self.element(child, value, path)

    def _binding(self, rule: ElementRule, value: Any, path: Path) -> None:
        expansion = rule.expansion
        assert expansion is not None
        if rule.binding == CODE:
            ok = type(value) is not str or value in expansion.codes
        elif type(value) is not dict:
            ok = True
        elif rule.binding == CODING:
            ok = (value.get("system"), value.get("code")) in expansion.codings
        else:
            codings = [c for c in value.get("coding") or () if type(c) is dict]
            ok = any((c.get("system"), c.get("code")) in expansion.codings for c in codings)
        if not ok:
            self.issue("code-invalid", path, f"not in the value set {expansion.value_set} the profile requires")

    def _invariants(self, rule: ElementRule, value: Any, path: Path) -> None:
        env = Env(value, self.resource, self.root, value)
        for invariant in rule.invariants:
            try:
                holds = invariant.holds(value, env)
            except InvariantError:
                self.issue("processing", path, f"{invariant.key} could not be evaluated", "warning")
                continue
            if not holds:
                self.issue("invariant", path, f"{invariant.key}: {invariant.human}", invariant.severity)


def _value_at(value: Any, path: str) -> Any:
    if path == "$this":
        return value
    for part in path.split("."):
        value = value.get(part) if type(value) is dict else None
    return value


def _matches(slice_: Slice, value: Any) -> bool:
    for path, expected, is_pattern in slice_.match:
        actual = _value_at(value, path)
        if not (_includes(actual, expected) if is_pattern else actual == expected):
            return False
    return True


def check_profile(
    rules: ProfileRules,
    resource: Mapping[str, Any],
    path: Path,
    issues: list[Issue],
    *,
    root: Any = None,
    today: date | None = None,
) -> None:
    """Append the issues of ``resource`` (found at ``path``) against ``rules``; ``root`` is the
    ``%rootResource`` (the container of a contained resource; the resource itself by default)."""
    check = _Check(rules, issues, resource, resource if root is None else root, today)
    check.item(rules.root, resource, path)
