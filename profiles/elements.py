"""Element tables compiled from the R4 StructureDefinition snapshots: what may appear where in the JSON.

For every resource type, complex datatype and backbone element a ``Node`` maps each JSON property name to a
``Prop``: its FHIRPath name, whether it is an array and its maximum, its kind (primitive with its format check,
complex with the ``Node`` to descend into, a contained resource, or the ``_x`` element of a primitive), the
required binding to enforce (codes, or (system, code) pairs), the resource types a Reference may point to and
the element's own invariants. Choice elements (``value[x]``) get one property per type (``valueString`` …);
content references (``Questionnaire.item.item``) share the node they point to; elements typed with a core
profile (``Quantity`` as ``SimpleQuantity``) use the node of that profile. The node lists the elements it
requires (min ≥ 1) and the invariants of the type or backbone element.

Built once (``compile_element_tables``); the walker (``profiles.walker``) then only does dict lookups.
Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from profiles.invariants import Invariant, compile_invariant
from profiles.primitives import PrimitiveCheck, compile_primitive_checks
from profiles.r4_data import FhirJson
from profiles.terminology import CannotExpandError, ValueSetExpander

__all__ = ["COMPLEX", "ELEMENT", "PRIMITIVE", "RESOURCE", "ElementTables", "Expansion", "Node", "Prop"]

SD_PREFIX: Final = "http://hl7.org/fhir/StructureDefinition/"
_SYSTEM_TYPE: Final = "http://hl7.org/fhirpath/System."
_FHIR_TYPE_EXTENSION: Final = "http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type"
_SYSTEM_TYPES: Final = {"String": "string", "Boolean": "boolean", "Integer": "integer", "Decimal": "decimal"}
_CODING_LIKE: Final = frozenset({"Coding", "Quantity", "Age", "Count", "Distance", "Duration", "MoneyQuantity"})
_INLINE: Final = frozenset({"BackboneElement", "Element"})

# Prop kinds
PRIMITIVE: Final = 0
COMPLEX: Final = 1
RESOURCE: Final = 2  # a resource inside a resource (contained, Bundle.entry.resource, Parameters…resource)
ELEMENT: Final = 3  # ``_x``: the id and extensions of primitive ``x``

# Binding kinds
CODE: Final = 1
CODING: Final = 2
CONCEPT: Final = 3


@dataclass(frozen=True, slots=True)
class Expansion:
    value_set: str  # the binding's canonical as written (with ``|version``), for messages
    codes: frozenset[str]
    codings: frozenset[tuple[str, str]]


@dataclass(slots=True, eq=False)
class Prop:
    key: str  # JSON property name
    name: str  # FHIRPath segment: the key, without the ``_`` of a primitive's element
    kind: int
    array: bool
    max: int  # 0: unbounded; -1: not allowed at all (max 0)
    type_code: str
    element_path: str  # ``Patient.identifier``, for messages and skipped bindings
    check: PrimitiveCheck | None = None
    node: Node | None = None
    binding: int = 0
    expansion: Expansion | None = None
    codes: frozenset[str] | None = None  # = expansion.codes for binding CODE (the fast path)
    targets: frozenset[str] | None = None  # Reference: allowed resource types; None = any
    invariants: tuple[Invariant, ...] = ()
    choice: str = ""  # the choice element's name (``value``) for ``valueString``; "" otherwise
    uri_like: bool = False  # uri / url / canonical: may hold a ``#id`` pointing at a contained resource


@dataclass(slots=True, eq=False)
class Node:
    name: str  # type name or backbone path, e.g. ``Patient.contact``
    type_code: str  # ``Reference``, ``Extension`` … for datatypes; the path for backbone elements
    props: dict[str, Prop] = field(default_factory=dict)
    required: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (name, any of these keys)
    invariants: tuple[Invariant, ...] = ()
    is_resource: bool = False
    ele_1: bool = True  # check ele-1 (not for resources, nor for the ``_x`` of a primitive that has a value)
    # Filled by the walker on first use: JSON key → specialised visitor, and key → choice name.
    visitors: dict[str, Any] | None = None
    plain: dict[str, Any] = field(default_factory=dict)  # key → format check of a plain single primitive
    choice_of: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SkippedBinding:
    path: str
    value_set: str
    reason: str


def _capitalised(code: str) -> str:
    return code[0].upper() + code[1:]


def _type_code(element: FhirJson, type_: FhirJson) -> str:
    code = str(type_.get("code"))
    if element.get("base", {}).get("path") == "Resource.id":
        return "id"  # typed System.String in the R4 snapshots, but an ``id`` by the specification
    if code.startswith(_SYSTEM_TYPE):
        for extension in type_.get("extension", []):
            if extension.get("url") == _FHIR_TYPE_EXTENSION:
                return str(extension.get("valueUrl"))
        return _SYSTEM_TYPES.get(code.removeprefix(_SYSTEM_TYPE), "string")
    return code


def _max(element: FhirJson) -> int:
    value = str(element.get("max", "*"))
    return 0 if value == "*" else (-1 if value == "0" else int(value))


def _is_array(element: FhirJson) -> bool:
    """JSON arrays follow the base definition's maximum (a profile's 0..1 stays an array)."""
    return str(element.get("base", {}).get("max", element.get("max", "1"))) != "1"


def _targets(type_: FhirJson) -> frozenset[str] | None:
    profiles = [str(p) for p in type_.get("targetProfile", [])]
    names = {p.removeprefix(SD_PREFIX) for p in profiles if p.startswith(SD_PREFIX)}
    if not profiles or "Resource" in names or len(names) < len(profiles):
        return None  # any resource, or a target profile we cannot reduce to a type
    return frozenset(names)


class ElementTables:
    """The compiled tables: ``resource(name)`` / ``datatype(name)`` give the ``Node`` to walk with."""

    def __init__(
        self, definitions: Iterable[FhirJson], value_sets: Iterable[FhirJson], code_systems: Iterable[FhirJson]
    ):
        definitions = list(definitions)
        self._by_url: dict[str, FhirJson] = {str(sd.get("url")): sd for sd in definitions}
        self._sds: dict[str, FhirJson] = {
            url.removeprefix(SD_PREFIX): sd for url, sd in self._by_url.items() if url.startswith(SD_PREFIX)
        }
        self.checks = compile_primitive_checks(definitions)
        self._expander = ValueSetExpander(value_sets, code_systems)
        self._expansions: dict[str, Expansion | None] = {}
        self._nodes: dict[str, Node] = {}
        self._invariants: dict[tuple[str, str], Invariant | None] = {}
        self.choice_names = frozenset(
            str(e["path"]).rsplit(".", 1)[-1][:-3]
            for sd in definitions
            for e in sd.get("snapshot", {}).get("element", [])
            if str(e.get("path", "")).endswith("[x]")
        )
        self.skipped: dict[str, SkippedBinding] = {}
        self.resource_types = frozenset(
            name
            for name, sd in self._sds.items()
            if sd.get("kind") == "resource" and not sd.get("abstract") and sd.get("derivation") == "specialization"
        )

    # ------------------------------------------------------------------------------------------ lookup

    def resource(self, name: str) -> Node | None:
        """The node of a concrete resource type (None for an unknown or abstract type)."""
        return self.datatype(name) if name in self.resource_types else None

    def datatype(self, name_or_url: str) -> Node | None:
        """The node of a complex datatype, resource or core profile (by name or canonical URL)."""
        url = name_or_url if "/" in name_or_url else SD_PREFIX + name_or_url
        node = self._nodes.get(url)
        if node is None:
            sd = self._by_url.get(url)
            if sd is None or sd.get("kind") == "primitive-type":
                return None
            node = self._compile(url, sd)
        return node

    # ---------------------------------------------------------------------------------------- compiling

    def invariant(self, constraint: FhirJson) -> Invariant | None:
        key = (str(constraint.get("key")), str(constraint.get("expression")))
        if key not in self._invariants:
            self._invariants[key] = compile_invariant(constraint, choice_names=self.choice_names)
        return self._invariants[key]

    def invariants(self, element: FhirJson, skip: Iterable[str] = ()) -> tuple[Invariant, ...]:
        skipped = set(skip)
        compiled = (self.invariant(c) for c in element.get("constraint", []) if c.get("key") not in skipped)
        return tuple(i for i in compiled if i is not None)

    def _compile(self, url: str, sd: FhirJson) -> Node:
        root = str(sd.get("type"))
        elements = [e for e in sd.get("snapshot", {}).get("element", []) if ":" not in str(e.get("id", ""))]
        by_parent: dict[str, list[FhirJson]] = {}
        by_path: dict[str, FhirJson] = {}
        for element in elements:
            path = str(element["path"])
            by_path[path] = element
            if "." in path:
                by_parent.setdefault(path.rsplit(".", 1)[0], []).append(element)
        is_resource = sd.get("kind") == "resource"
        node = self._nodes[url] = Node(root, root, is_resource=is_resource, ele_1=not is_resource)
        inline: dict[str, Node] = {root: node}
        self._fill(node, root, by_parent, by_path, inline)
        node.invariants = self.invariants(by_path.get(root, {}))
        return node

    def _fill(
        self,
        node: Node,
        path: str,
        by_parent: Mapping[str, list[FhirJson]],
        by_path: Mapping[str, FhirJson],
        inline: dict[str, Node],
    ) -> None:
        for element in by_parent.get(path, []):
            reference = element.get("contentReference")
            if reference is not None:
                target_path = str(reference).split("#", 1)[-1]
                self._add(node, element, "BackboneElement", {}, self._inline(target_path, by_parent, by_path, inline))
                continue
            for type_ in element.get("type", []):
                code = _type_code(element, type_)
                target = None
                if code in _INLINE and str(element["path"]) in by_parent:
                    target = self._inline(str(element["path"]), by_parent, by_path, inline)
                self._add(node, element, code, type_, target)

    def _inline(
        self,
        path: str,
        by_parent: Mapping[str, list[FhirJson]],
        by_path: Mapping[str, FhirJson],
        inline: dict[str, Node],
    ) -> Node:
        node = inline.get(path)
        if node is None:
            node = inline[path] = Node(path, path)
            self._fill(node, path, by_parent, by_path, inline)
            node.invariants = self.invariants(by_path.get(path, {}))
        return node

    def _add(self, node: Node, element: FhirJson, code: str, type_: FhirJson, target: Node | None) -> None:
        path = str(element["path"])
        name = path.rsplit(".", 1)[-1]
        choice = name[:-3] if name.endswith("[x]") else ""
        key = choice + _capitalised(code) if choice else name
        prop = Prop(key, key, COMPLEX, _is_array(element), _max(element), code, path, choice=choice)
        if code in self.checks:
            prop.kind = PRIMITIVE
            prop.check = self.checks[code]
            prop.uri_like = code in ("uri", "url", "canonical")
            if not str(type_.get("code", "")).startswith(_SYSTEM_TYPE) or code == "id":  # not an XML attribute
                node.props["_" + key] = Prop(
                    "_" + key, key, ELEMENT, prop.array, prop.max, code, path, node=self.datatype("Element")
                )
        elif code == "Resource":
            prop.kind = RESOURCE
        elif target is not None:
            prop.node = target
        else:
            profiles = [str(p) for p in type_.get("profile", [])]
            prop.node = self.datatype(profiles[0] if profiles else code)
        if code == "Reference":
            prop.targets = _targets(type_)
        self._bind(prop, element, code)
        skip = [i.key for i in prop.node.invariants] if prop.node is not None and prop.node is not target else []
        prop.invariants = self.invariants(element, skip=["ele-1", *skip]) if target is None else ()
        node.props[key] = prop
        if int(element.get("min", 0)) > 0:
            keys = tuple(k for k in (key, "_" + key) if k in node.props)
            existing = next((r for r in node.required if r[0] == (choice or name)), None)
            if existing is None:
                node.required.append((choice or name, keys))
            else:
                node.required[node.required.index(existing)] = (existing[0], existing[1] + keys)

    def _bind(self, prop: Prop, element: FhirJson, code: str) -> None:
        binding = element.get("binding") or {}
        if binding.get("strength") != "required" or not binding.get("valueSet"):
            return
        if prop.kind == PRIMITIVE:
            kind = CODE
        elif code == "CodeableConcept":
            kind = CONCEPT
        elif code in _CODING_LIKE:
            kind = CODING
        else:
            return
        expansion = self.expansion(str(binding["valueSet"]), str(element["path"]))
        if expansion is not None:
            prop.binding = kind
            prop.expansion = expansion
            prop.codes = expansion.codes if kind == CODE else None

    def expansion(self, value_set: str, path: str) -> Expansion | None:
        """The expansion of a required ValueSet (None, recorded in ``skipped``, when it cannot be expanded)."""
        if value_set not in self._expansions:
            try:
                pairs = self._expander.expand(value_set)
            except CannotExpandError as error:
                self.skipped[path] = SkippedBinding(path, value_set, str(error))
                self._expansions[value_set] = None
            else:
                self._expansions[value_set] = Expansion(value_set, frozenset(c for _, c in pairs), pairs)
        elif self._expansions[value_set] is None and path not in self.skipped:
            self.skipped[path] = SkippedBinding(path, value_set, "cannot be expanded")
        return self._expansions[value_set]
