"""Profiles compiled into rules: what each of our StructureDefinitions adds to base R4.

A profile's differential names the elements it constrains; ``compile_profile`` reads those elements from the
generated snapshot (``profiles.snapshot``) and builds a tree of ``ElementRule``s holding only what the profile
says beyond base R4: cardinality, allowed types (choice types, Reference targets), fixed and pattern values,
required bindings, invariants (compiled FHIRPath, or a native Swedish identifier rule when the constraint's
key names one — ``profiles.swedish_ids``), slicing (on ``identifier.system``, ``extension.url`` …) and, for an
extension slice, the rule of the extension's own definition. The checks that apply the tree are in
``profiles.conformance``. Extension definitions compile the same way (their root is the ``Extension``).

Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from profiles.elements import CODE, CODING, CONCEPT, ElementTables, Expansion
from profiles.invariants import Invariant
from profiles.r4_data import FhirJson
from profiles.snapshot import element_path
from profiles.swedish_ids import IdentifierRule

__all__ = ["UNSET", "ElementRule", "ProfileRules", "Slice", "compile_profile"]

UNSET: Final = object()
_SD_PREFIX: Final = "http://hl7.org/fhir/StructureDefinition/"
_CODING_LIKE: Final = frozenset({"Coding", "Quantity", "Age", "Count", "Distance", "Duration"})


@dataclass(slots=True, eq=False)
class Slice:
    name: str
    min: int
    max: int | None  # None: unbounded
    match: tuple[tuple[str, Any, bool], ...]  # (discriminator path, expected value, pattern (else exact))
    rule: ElementRule


@dataclass(slots=True, eq=False)
class ElementRule:
    element_id: str  # ``Patient.identifier:personnummer``, for messages
    name: str  # FHIRPath segment: the element name (a choice element's base name)
    keys: tuple[str, ...]  # the JSON keys it occurs under (a choice element: one per base type)
    key_set: frozenset[str] = frozenset()  # = keys, for lookups
    min: int | None = None  # set only when the profile constrains it
    max: int | None = None  # set only when the profile constrains it (0: not allowed); None also for "*"
    allowed_keys: frozenset[str] | None = None  # choice restricted to some types
    fixed: Any = UNSET
    pattern: Any = UNSET
    binding: int = 0
    expansion: Expansion | None = None
    targets: frozenset[str] | None = None  # Reference restricted to these resource types
    invariants: tuple[Invariant, ...] = ()
    native: tuple[tuple[str, str, IdentifierRule], ...] = ()  # (key, human, rule)
    children: list[ElementRule] = field(default_factory=list)
    slices: list[Slice] = field(default_factory=list)
    closed: bool = False  # closed slicing: every item must match a slice
    slice_path: str = ""  # when every slice is told apart by one value at one path (identifier.system,
    slice_index: dict[str, Slice] | None = None  # extension.url): that path and value → slice, for lookups
    extension: str = ""  # an extension slice: the URL of the extension definition to apply


@dataclass(slots=True, eq=False)
class ProfileRules:
    url: str
    type: str  # the constrained type: ``Patient``, or ``Extension`` for an extension definition
    root: ElementRule


def _keys(element: FhirJson, base_types: list[str]) -> tuple[str, ...]:
    name = str(element["path"]).rsplit(".", 1)[-1]
    if name.endswith("[x]"):
        return tuple(name[:-3] + t[0].upper() + t[1:] for t in base_types)
    return (name,)


def _value_key(element: FhirJson, prefix: str) -> Any:
    return next((v for k, v in element.items() if k.startswith(prefix) and k != prefix), UNSET)


class _ProfileCompiler:
    def __init__(
        self,
        tables: ElementTables,
        snapshot: list[FhirJson],
        differential: list[FhirJson],
        native_rules: Mapping[str, IdentifierRule],
        base_of: Mapping[str, FhirJson],
        profile_types: Mapping[str, str],
    ) -> None:
        self._tables = tables
        self._native = native_rules
        self._profile_types = profile_types
        self._snapshot = {str(e["id"]): e for e in snapshot}
        self._order = [str(e["id"]) for e in snapshot]
        self._differential = {str(e.get("id") or e.get("path")): e for e in differential}
        self._base_of = base_of  # element path → the base R4 element (types, array-ness)
        self._rules: dict[str, ElementRule] = {}

    def compile(self, root_id: str) -> ElementRule:
        wanted: set[str] = set()
        for element_id in self._differential:
            parts = element_id.split(".")
            for i in range(len(parts)):
                prefix = ".".join(parts[: i + 1])
                wanted.add(prefix)
                wanted.add(prefix.rsplit(":", 1)[0] if ":" in parts[i] else prefix)  # the sliced element
        root = self._rules[root_id] = self._rule(root_id)
        for element_id in self._order:
            if element_id in wanted and element_id != root_id:
                self._place(element_id)
        return root

    def _place(self, element_id: str) -> None:
        parent_id, _, last = element_id.rpartition(".")
        rule = self._rules[element_id] = self._rule(element_id)
        name, _, slice_name = last.partition(":")
        if slice_name:
            sliced = self._rules[parent_id + "." + name]
            sliced.slices.append(self._slice(element_id, slice_name, rule))
            _index_slices(sliced)
        else:
            self._rules[parent_id].children.append(rule)

    def _rule(self, element_id: str) -> ElementRule:
        element = self._snapshot[element_id]
        differential = self._differential.get(element_id, {})
        base = self._base_of.get(str(element["path"]), element)
        base_types = [str(t.get("code")) for t in base.get("type", [])]
        keys = _keys(element, base_types)
        name = str(element["path"]).rsplit(".", 1)[-1].removesuffix("[x]")
        rule = ElementRule(element_id, name, keys, frozenset(keys))
        if "min" in differential:
            rule.min = int(differential["min"])
        if "max" in differential and differential["max"] != "*":
            rule.max = int(differential["max"])
        self._types(rule, element, differential, base_types)
        rule.fixed = _value_key(differential, "fixed")
        rule.pattern = _value_key(differential, "pattern")
        self._binding(rule, element, differential)
        self._constraints(rule, differential)
        slicing = differential.get("slicing") or {}
        rule.closed = slicing.get("rules") == "closed"
        return rule

    def _types(self, rule: ElementRule, element: FhirJson, differential: FhirJson, base_types: list[str]) -> None:
        types = differential.get("type")
        if not types:
            return
        codes = [str(t.get("code")) for t in types]
        if str(element["path"]).endswith("[x]") and set(codes) < set(base_types):
            rule.allowed_keys = frozenset(_keys(element, codes))
        if codes == ["Extension"] and types[0].get("profile"):
            rule.extension = str(types[0]["profile"][0]).split("|", 1)[0]
        targets = [str(p) for t in types for p in t.get("targetProfile", [])]
        if targets:
            rule.targets = frozenset(self._target_type(t) for t in targets)

    def _target_type(self, url: str) -> str:
        if url.startswith(_SD_PREFIX):
            return url.removeprefix(_SD_PREFIX)
        if url not in self._profile_types:
            raise ValueError(f"unknown target profile {url}")
        return self._profile_types[url]

    def _binding(self, rule: ElementRule, element: FhirJson, differential: FhirJson) -> None:
        binding = differential.get("binding") or {}
        if binding.get("strength") != "required" or not binding.get("valueSet"):
            return
        codes = [str(t.get("code")) for t in element.get("type", [])]
        if codes == ["CodeableConcept"]:
            kind = CONCEPT
        elif codes and codes[0] in _CODING_LIKE:
            kind = CODING
        else:
            kind = CODE
        expansion = self._tables.expansion(str(binding["valueSet"]), rule.element_id)
        if expansion is None:
            raise ValueError(f"{rule.element_id}: the required value set {binding['valueSet']} cannot be expanded")
        rule.binding, rule.expansion = kind, expansion

    def _constraints(self, rule: ElementRule, differential: FhirJson) -> None:
        invariants: list[Invariant] = []
        native: list[tuple[str, str, IdentifierRule]] = []
        for constraint in differential.get("constraint", []):
            key = str(constraint.get("key"))
            if key in self._native:
                native.append((key, str(constraint.get("human", key)), self._native[key]))
                continue
            invariant = self._tables.invariant(constraint)
            if invariant is not None:
                invariants.append(invariant)
        rule.invariants, rule.native = tuple(invariants), tuple(native)

    def _slice(self, element_id: str, slice_name: str, rule: ElementRule) -> Slice:
        element = self._snapshot[element_id]
        sliced = self._snapshot[element_id.rsplit(":", 1)[0]]
        discriminators = (sliced.get("slicing") or {}).get("discriminator", [])
        match = []
        for discriminator in discriminators:
            path = str(discriminator.get("path"))
            match.append((path, *self._expected(element_id, element, path, str(discriminator.get("type")))))
        maximum = str(element.get("max", "*"))
        return Slice(
            slice_name, int(element.get("min", 0)), None if maximum == "*" else int(maximum), tuple(match), rule
        )

    def _expected(self, element_id: str, element: FhirJson, path: str, kind: str) -> tuple[Any, bool]:
        if path == "url" and any(t.get("code") == "Extension" for t in element.get("type", [])):
            profiles = [p for t in element.get("type", []) for p in t.get("profile", [])]
            if profiles:
                return str(profiles[0]).split("|", 1)[0], False
        target = element if path == "$this" else self._snapshot.get(f"{element_id}.{path}", {})
        fixed, pattern = _value_key(target, "fixed"), _value_key(target, "pattern")
        if fixed is not UNSET:
            return fixed, False
        if pattern is not UNSET:
            return pattern, True
        raise ValueError(f"{element_id}: no fixed or pattern value for the {kind} discriminator {path}")


def _index_slices(rule: ElementRule) -> None:
    """Fill ``slice_index`` when every slice has one exact string discriminator on the same simple path."""
    paths = {m[0] for s in rule.slices for m in s.match}
    simple = all(len(s.match) == 1 and not s.match[0][2] and type(s.match[0][1]) is str for s in rule.slices)
    if simple and len(paths) == 1 and "." not in next(iter(paths)) and "$" not in next(iter(paths)):
        rule.slice_path = next(iter(paths))
        rule.slice_index = {s.match[0][1]: s for s in rule.slices}
    else:
        rule.slice_path, rule.slice_index = "", None


def compile_profile(
    tables: ElementTables,
    profile: FhirJson,
    snapshot: list[FhirJson],
    *,
    base: FhirJson,
    native_rules: Mapping[str, IdentifierRule],
    profile_types: Mapping[str, str],
) -> ProfileRules:
    """The rules of one profile or extension definition. ``snapshot`` is its generated snapshot, ``base`` the
    base R4 definition of its type, ``profile_types`` maps the canonical URL of each profile we know to the
    type it constrains (for Reference targets given as profiles)."""
    base_of = {str(e["path"]): e for e in base.get("snapshot", {}).get("element", [])}
    for element in snapshot:  # elements below datatypes: their own (datatype) definitions are the base
        base_of.setdefault(element_path(str(element["id"])), element)
    differential = list(profile.get("differential", {}).get("element", []))
    compiler = _ProfileCompiler(tables, snapshot, differential, native_rules, base_of, profile_types)
    return ProfileRules(str(profile["url"]), str(profile.get("type")), compiler.compile(str(snapshot[0]["id"])))
