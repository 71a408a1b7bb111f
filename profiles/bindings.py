"""Required-binding checker for FHIR R4 resources, compiled once from the vendored definitions.

``compile_binding_checker(defs)`` walks the StructureDefinition snapshots of every resource type and
datatype, expands the ValueSet of each element with a **required** binding and builds, per type, a
small graph: JSON property name → what to check there (a ``code``, a ``Coding``/``Quantity``, a
``CodeableConcept``) and/or which node to descend into. Only properties that lead to a bound element
are kept, so ``BindingChecker.check`` touches just those parts of a resource.

Rules (FHIR R4, "Terminology binding", strength *required*):

* ``code`` (and other primitives): the string must be one of the codes of the expansion;
* ``Coding`` (and Quantity-likes, whose ``system``/``code`` are a coding): ``system`` + ``code`` must
  be in the expansion — a Coding without a system, or from another system, is an error;
* ``CodeableConcept``: at least one of its codings must be in the expansion (text alone is an error).

Elements are found through backbone elements, datatypes (recursively: ``Patient.identifier[0].use``,
``Observation.valueQuantity.comparator``), choice types (``value[x]`` → ``valueCode`` …), content
references (``Consent.provision.provision``), extensions (``extension[0].valueQuantity.comparator``),
primitive extensions (``_status``) and contained resources (``Patient.contained[0].status``).
``Bundle.entry.resource`` and ``Parameters.parameter.resource`` are not entered: each entry is a
resource of its own, checked on its own.

A ValueSet that cannot be expanded from the data (an external code system such as
``urn:ietf:bcp:13`` mime types or ``urn:iso:std:iso:4217`` currencies, an unsupported filter) is not
enforced: the binding is listed in ``BindingChecker.skipped`` instead.

Pure: data in, ``list[Issue]`` out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final, TypeAlias

from profiles.issues import Issue
from profiles.r4_data import FhirJson, R4Definitions
from profiles.terminology import CannotExpandError, ValueSetExpander

__all__ = ["BindingChecker", "SkippedBinding", "compile_binding_checker"]

_SD_PREFIX: Final = "http://hl7.org/fhir/StructureDefinition/"
_SYSTEM_TYPE_PREFIX: Final = "http://hl7.org/fhirpath/System."
_CODING_LIKE: Final = frozenset(
    {"Coding", "Quantity", "SimpleQuantity", "MoneyQuantity", "Age", "Count", "Distance", "Duration"}
)
_INLINE_TYPES: Final = frozenset({"BackboneElement", "Element"})
_MAX_QUOTED: Final = 64

# Edge kinds: what to check at a JSON property.
_CODE: Final = 0  # primitive string against the codes of the expansion
_CODING: Final = 1  # {system, code} against the (system, code) pairs of the expansion
_CONCEPT: Final = 2  # CodeableConcept: one coding must match
_COMPLEX: Final = 3  # no binding here: descend into ``node``
_RESOURCE: Final = 4  # contained resource: descend into the node of its resourceType


@dataclass(frozen=True, slots=True)
class SkippedBinding:
    """A required binding that is not enforced, and why."""

    path: str  # element path in its StructureDefinition, e.g. ``Attachment.contentType``
    value_set: str  # the binding's canonical, e.g. ``http://hl7.org/fhir/ValueSet/mimetypes|4.0.1``
    reason: str


@dataclass(frozen=True, slots=True)
class _Expansion:
    value_set: str  # as the binding names it (with ``|version``), for messages
    codes: frozenset[str]
    codings: frozenset[tuple[str, str]]


@dataclass(slots=True, eq=False)
class _Node:
    """A complex value (resource, datatype or backbone element): JSON property → edge."""

    name: str
    children: dict[str, _Edge] = field(default_factory=dict)


_NO_EXPANSION: Final = _Expansion("", frozenset(), frozenset())


@dataclass(slots=True, eq=False)
class _Edge:
    segment: str  # FHIRPath name of the element (``status`` for both ``status`` and ``_status``)
    kind: int
    expansion: _Expansion = _NO_EXPANSION  # the binding (kinds _CODE, _CODING, _CONCEPT)
    node: _Node | None = None  # where to descend (kinds _COMPLEX, _CODING, _CONCEPT)
    codes: frozenset[str] | None = None  # ``expansion.codes`` for kind _CODE, else None (fast path)


# A FHIRPath built only when an issue is found: the root type name, or (parent, segment, index).
_Path: TypeAlias = "str | tuple[_Path, str, int | None]"


# ------------------------------------------------------------------------------------------- checking


class BindingChecker:
    """Checks the required bindings of one resource at a time; build it with ``compile_binding_checker``."""

    __slots__ = ("_by_path", "_roots", "skipped")

    def __init__(
        self,
        roots: Mapping[str, _Node],
        by_path: Mapping[str, _Expansion],
        skipped: Iterable[SkippedBinding],
    ) -> None:
        self._roots = dict(roots)
        self._by_path = MappingProxyType(dict(by_path))
        #: Required bindings not enforced because their ValueSet cannot be expanded, by element path.
        self.skipped: tuple[SkippedBinding, ...] = tuple(sorted(skipped, key=lambda s: s.path))

    @property
    def resource_types(self) -> frozenset[str]:
        """The resource types this checker knows; others are accepted unchecked."""
        return frozenset(self._roots)

    @property
    def bindings(self) -> Mapping[str, str]:
        """Every enforced required binding: element path (``Task.status``) → ValueSet canonical."""
        return MappingProxyType({path: exp.value_set for path, exp in sorted(self._by_path.items())})

    def allowed_codes(self, element_path: str) -> frozenset[str] | None:
        """The codes allowed at an element path such as ``Task.status`` (``None``: no enforced binding)."""
        expansion = self._by_path.get(element_path)
        return None if expansion is None else expansion.codes

    def check(self, resource: Mapping[str, Any]) -> list[Issue]:
        """The ``code-invalid`` errors of ``resource`` (``[]`` for an unknown resource type)."""
        resource_type = resource.get("resourceType")
        if not isinstance(resource_type, str) or resource_type not in self._roots:
            return []
        issues: list[Issue] = []
        _walk(self._roots[resource_type], resource, resource_type, issues, self._roots)
        return issues


def _walk(node: _Node, obj: Mapping[str, Any], path: _Path, issues: list[Issue], roots: dict[str, _Node]) -> None:
    children = node.children
    for key, value in obj.items():
        edge = children.get(key)
        if edge is None:
            continue
        if type(value) is list:
            for index, item in enumerate(value):
                _visit(edge, item, path, index, issues, roots)
        else:
            _visit(edge, value, path, None, issues, roots)


def _visit(
    edge: _Edge, value: Any, parent: _Path, index: int | None, issues: list[Issue], roots: dict[str, _Node]
) -> None:
    codes = edge.codes
    if codes is not None:
        if type(value) is str and value not in codes:
            issues.append(_issue((parent, edge.segment, index), f"{_quote(value)} is not in", edge))
        return
    if type(value) is not dict:
        return
    path = (parent, edge.segment, index)
    node = edge.node
    kind = edge.kind
    if kind == _RESOURCE:
        resource_type = value.get("resourceType")
        node = roots.get(resource_type) if type(resource_type) is str else None
    elif kind != _COMPLEX:
        problem = _coding_problem(value, edge) if kind == _CODING else _concept_problem(value, edge)
        if problem is not None:
            issues.append(_issue(path, problem, edge))
    if node is not None:
        _walk(node, value, path, issues, roots)


def _coding_problem(coding: Mapping[str, Any], edge: _Edge) -> str | None:
    code = coding.get("code")
    if type(code) is not str or (coding.get("system"), code) in edge.expansion.codings:
        return None
    return f"{_coding_text(coding)} is not in"


def _concept_problem(concept: Mapping[str, Any], edge: _Edge) -> str | None:
    codings = edge.expansion.codings
    given = [c for c in concept.get("coding") or () if type(c) is dict]
    if any((c.get("system"), c.get("code")) in codings for c in given):
        return None
    if not given:
        return "has no coding from"
    listed = ", ".join(_coding_text(c) for c in given)
    return f"none of the codings ({listed}) is in"


def _format_path(path: _Path) -> str:
    parts = []
    while not isinstance(path, str):
        path, segment, index = path
        parts.append(segment if index is None else f"{segment}[{index}]")
    parts.append(path)
    return ".".join(reversed(parts))


def _quote(value: object) -> str:
    text = str(value)
    return repr(text if len(text) <= _MAX_QUOTED else text[:_MAX_QUOTED] + "…")


def _coding_text(coding: Mapping[str, Any]) -> str:
    system, code = coding.get("system"), coding.get("code")
    return _quote(f"{system}#{code}") if system is not None else f"{_quote(code)} (no system)"


def _issue(path: _Path, problem: str, edge: _Edge) -> Issue:
    where = _format_path(path)
    message = f"{where}: {problem} the required value set {edge.expansion.value_set}"
    return Issue("error", "code-invalid", where, message)


# ------------------------------------------------------------------------------------------ compilation


@dataclass(slots=True)
class _Snapshot:
    """The elements of one StructureDefinition snapshot by parent path, plus its compiled nodes by path."""

    by_parent: dict[str, list[FhirJson]]
    inline: dict[str, _Node]

    @classmethod
    def of(cls, sd: FhirJson) -> _Snapshot:
        by_parent: dict[str, list[FhirJson]] = {}
        for element in sd.get("snapshot", {}).get("element", []):
            if ":" in str(element.get("id", "")):
                continue  # slices: the base definitions carry none that matter here
            path = str(element["path"])
            if "." in path:
                by_parent.setdefault(path.rsplit(".", 1)[0], []).append(element)
        return cls(by_parent, {})


def _json_keys(element: FhirJson) -> list[tuple[str, str]]:
    """(JSON property name, type code) pairs of an element: one per type of a choice ``x[x]``."""
    name = str(element["path"]).rsplit(".", 1)[-1]
    types = [str(t["code"]) for t in element.get("type", [])]
    if name.endswith("[x]"):
        return [(name[:-3] + t[0].upper() + t[1:], t) for t in types]
    return [(name, types[0])] if types else []


class _Compiler:
    def __init__(self, defs: R4Definitions) -> None:
        self._sds: dict[str, FhirJson] = {}
        for sd in defs.structure_definitions:
            url = str(sd.get("url", ""))
            if url.startswith(_SD_PREFIX) and sd.get("kind") != "logical":
                self._sds[url.removeprefix(_SD_PREFIX)] = sd
        self._primitives = {name for name, sd in self._sds.items() if sd.get("kind") == "primitive-type"}
        self._expander = ValueSetExpander(defs.value_sets, defs.code_systems)
        self._type_nodes: dict[str, _Node | None] = {}
        self.nodes: list[_Node] = []
        self.by_path: dict[str, _Expansion] = {}
        self.skipped: dict[str, SkippedBinding] = {}

    def resource_roots(self) -> dict[str, _Node]:
        roots = {}
        for name, sd in self._sds.items():
            if sd.get("kind") == "resource" and not sd.get("abstract") and sd.get("derivation") != "constraint":
                node = self.type_node(name)
                if node is not None:
                    roots[name] = node
        return roots

    def type_node(self, type_name: str) -> _Node | None:
        if type_name not in self._type_nodes:
            sd = self._sds.get(type_name)
            if sd is None or type_name in self._primitives:
                self._type_nodes[type_name] = None
            else:  # registered before it is filled in: datatypes refer to each other in cycles
                root_path = str(sd.get("type", type_name))
                node = self._type_nodes[type_name] = _Node(root_path)
                self._fill(node, root_path, _Snapshot.of(sd))
        return self._type_nodes[type_name]

    def _inline(self, path: str, snapshot: _Snapshot) -> _Node:
        """The node of a backbone element (``Task.input``), shared by content references to it."""
        node = snapshot.inline.get(path)
        if node is None:
            node = _Node(path)
            self._fill(node, path, snapshot)
        return node

    def _fill(self, node: _Node, path: str, snapshot: _Snapshot) -> None:
        snapshot.inline[path] = node
        self.nodes.append(node)
        for element in snapshot.by_parent.get(path, []):
            self._add_element(node, element, snapshot)

    def _add_element(self, node: _Node, element: FhirJson, snapshot: _Snapshot) -> None:
        reference = element.get("contentReference")
        if reference is not None:
            name = str(element["path"]).rsplit(".", 1)[-1]
            target = self._inline(str(reference).split("#", 1)[-1], snapshot)
            node.children[name] = _Edge(name, _COMPLEX, node=target)
            return
        expansion = self._required_expansion(element)
        for key, type_code in _json_keys(element):
            self._add_typed(node, element, key, type_code, expansion, snapshot)

    def _add_typed(
        self,
        node: _Node,
        element: FhirJson,
        key: str,
        type_code: str,
        expansion: _Expansion | None,
        snapshot: _Snapshot,
    ) -> None:
        path = str(element["path"])
        if type_code in _INLINE_TYPES and path in snapshot.by_parent:
            node.children[key] = _Edge(key, _COMPLEX, node=self._inline(path, snapshot))
        elif type_code == "Resource":
            if element.get("base", {}).get("path") == "DomainResource.contained":
                node.children[key] = _Edge(key, _RESOURCE)
        elif type_code in self._primitives or type_code.startswith(_SYSTEM_TYPE_PREFIX):
            if expansion is not None:
                node.children[key] = _Edge(key, _CODE, expansion=expansion, codes=expansion.codes)
            if type_code in self._primitives:  # ``_key``: the primitive's id and extensions
                node.children["_" + key] = _Edge(key, _COMPLEX, node=self.type_node("Element"))
        else:
            kind = _CONCEPT if type_code == "CodeableConcept" else _CODING
            bound = expansion if type_code in _CODING_LIKE or type_code == "CodeableConcept" else None
            target = self.type_node(type_code)
            if bound is not None or target is not None:
                if bound is None:
                    node.children[key] = _Edge(key, _COMPLEX, node=target)
                else:
                    node.children[key] = _Edge(key, kind, expansion=bound, node=target)

    def _required_expansion(self, element: FhirJson) -> _Expansion | None:
        binding = element.get("binding") or {}
        value_set = binding.get("valueSet")
        if binding.get("strength") != "required" or not value_set:
            return None
        path = str(element["path"])
        try:
            pairs = self._expander.expand(str(value_set))
        except CannotExpandError as error:
            self.skipped[path] = SkippedBinding(path, str(value_set), str(error))
            return None
        expansion = _Expansion(str(value_set), frozenset(code for _, code in pairs), pairs)
        self.by_path[path] = expansion
        return expansion

    def prune(self) -> None:
        """Drop every edge that cannot lead to a bound element (fixed point over the node graph)."""
        relevant: set[int] = set()
        changed = True
        while changed:
            changed = False
            for node in self.nodes:
                if id(node) not in relevant and any(_leads_to_binding(e, relevant) for e in node.children.values()):
                    relevant.add(id(node))
                    changed = True
        for node in self.nodes:
            node.children = {k: e for k, e in node.children.items() if _leads_to_binding(e, relevant)}
            for edge in node.children.values():
                if edge.node is not None and id(edge.node) not in relevant:
                    edge.node = None


def _leads_to_binding(edge: _Edge, relevant: set[int]) -> bool:
    if edge.kind != _COMPLEX:
        return True
    return edge.node is not None and id(edge.node) in relevant


def compile_binding_checker(defs: R4Definitions) -> BindingChecker:
    """Compile the required bindings of every resource type and datatype in ``defs``.

    Takes some tens of milliseconds: do it once and share the checker (immutable, thread-safe).
    """
    compiler = _Compiler(defs)
    roots = compiler.resource_roots()
    compiler.prune()
    return BindingChecker(roots, compiler.by_path, compiler.skipped.values())
