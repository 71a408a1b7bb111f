"""Visitors: one closure per property of a node, specialised for its kind and cardinality.

``build_visitors(node)`` turns the node's ``Prop`` tables into ``{json key: visit}``, where
``visit(value, parent_path, walker, parent_object)`` checks one property's value (its items for an array) and
descends into objects through ``walker.object``. Everything known when the tables are compiled (the format
check, the allowed codes, the node to descend into, the element path) is bound into the closure, and the
common case — a plain value that is valid — takes one call and one check; everything else (issues, codes not
in the binding, ``#id`` references, narrative, element invariants) goes through the slower general path.
Built lazily, on the first walk of a node, and kept on the node.

Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final

from profiles.elements import CODING, COMPLEX, ELEMENT, PRIMITIVE, Node, Prop
from profiles.narrative import narrative_problems
from profiles.paths import Path

if TYPE_CHECKING:
    from profiles.walker import Walker

__all__ = ["Visitor", "build_visitors"]

Visitor = Callable[[Any, Path, "Walker", Mapping[str, Any]], None]
_Check = Callable[[Any, Path, "Walker"], None]
_MAX_QUOTED: Final = 64


def _quote(value: object) -> str:
    text = str(value)
    return repr(text if len(text) <= _MAX_QUOTED else text[:_MAX_QUOTED] + "…")


def _coding_text(coding: Mapping[str, Any]) -> str:
    system, code = coding.get("system"), coding.get("code")
    return _quote(f"{system}#{code}") if system is not None else f"{_quote(code)} (no system)"


def _binding_problem(prop: Prop, value: Mapping[str, Any]) -> str | None:
    """The required-binding problem of a Coding-like or CodeableConcept value, if any."""
    codings = prop.expansion.codings  # type: ignore[union-attr]
    if prop.binding == CODING:
        code = value.get("code")
        if type(code) is not str or (value.get("system"), code) in codings:
            return None
        problem = f"{_coding_text(value)} is not in"
    else:
        given = [c for c in value.get("coding") or () if type(c) is dict]
        if any((c.get("system"), c.get("code")) in codings for c in given):
            return None
        listed = ", ".join(_coding_text(c) for c in given)
        problem = f"none of the codings ({listed}) is in" if given else "has no coding from"
    return f"{problem} the required value set {prop.expansion.value_set}"  # type: ignore[union-attr]


def _reference_type(reference: str, resource_types: frozenset[str]) -> str | None:
    """The resource type a literal reference names (``Patient/1``, ``http://x/fhir/Patient/1/_history/2``,
    ``Patient?identifier=…``); None for other forms (``urn:uuid:…``, logical URLs, local ``#id``)."""
    if "?" in reference:
        head = reference.split("?", 1)[0]
        return head if head in resource_types else None
    parts = reference.split("/")
    if len(parts) >= 4 and parts[-2] == "_history":
        parts = parts[:-2]
    if len(parts) >= 2 and parts[-2] in resource_types:
        return parts[-2]
    return None


def _note_reference(value: Any, w: Walker) -> None:
    """A ``#id`` in a uri/url/canonical: contained resource ``id`` is referenced (dom-3)."""
    frame = w.frame
    if frame is not None and frame.has_contained:
        frame.refs.add(value[1:])


# ------------------------------------------------------------------------------------------ primitives


def _primitive_check(prop: Prop) -> _Check:
    """The general check of one primitive value (issues reported at ``path``)."""
    check, codes, invariants = prop.check, prop.codes, prop.invariants
    assert check is not None
    is_xhtml, uri_like = prop.type_code == "xhtml", prop.uri_like

    def general(value: Any, path: Path, w: Walker) -> None:
        if not (codes is not None and type(value) is str and value in codes):
            problem = check(value)
            if problem is not None:
                w.issue("structure" if problem.startswith("must be a JSON") else "value", path, problem)
                return
            if codes is not None:
                value_set = prop.expansion.value_set  # type: ignore[union-attr]
                w.issue("code-invalid", path, f"{_quote(value)} is not in the required value set {value_set}")
                return
        if uri_like and value[:1] == "#":
            _note_reference(value, w)
        if is_xhtml:
            for key, problem in zip(("txt-1", "txt-2"), narrative_problems(value), strict=True):
                if problem is not None:
                    w.issue("invariant", path, f"{key}: {problem}")
        if invariants:
            w.invariants(invariants, value, path)

    return general


def _primitive_fast(prop: Prop, general: _Check) -> Callable[[Any, Path, Walker], None]:
    """Checks one value; the common valid case without the general path's work."""
    check, codes, name = prop.check, prop.codes, prop.name
    assert check is not None
    if prop.invariants or prop.type_code == "xhtml":
        return lambda value, parent, w: general(value, (parent, name, None), w)
    if prop.uri_like:

        def uri(value: Any, parent: Path, w: Walker) -> None:
            if check(value) is not None:
                general(value, (parent, name, None), w)
            elif value[:1] == "#":
                _note_reference(value, w)

        return uri
    if codes is not None:

        def coded(value: Any, parent: Path, w: Walker) -> None:
            if type(value) is not str or value not in codes:
                general(value, (parent, name, None), w)

        return coded

    def plain(value: Any, parent: Path, w: Walker) -> None:
        if check(value) is not None:
            general(value, (parent, name, None), w)

    return plain


def _primitive(prop: Prop) -> Visitor:
    general = _primitive_check(prop)
    name, maximum, partner = prop.name, prop.max, "_" + prop.key
    if not prop.array:
        fast = _primitive_fast(prop, general)

        def single(value: Any, parent: Path, w: Walker, obj: Mapping[str, Any]) -> None:
            if type(value) is list:
                w.issue("structure", (parent, name, None), "must be a single value, not an array")
            else:
                fast(value, parent, w)

        return _forbidden(name) if maximum == -1 else single
    check = prop.check
    assert check is not None
    simple = not (prop.codes is not None or prop.invariants or prop.uri_like or prop.type_code == "xhtml")

    def many(value: Any, parent: Path, w: Walker, obj: Mapping[str, Any]) -> None:
        if not _array_ok(value, parent, name, maximum, w):
            return
        for index, item in enumerate(value):
            if item is None:
                _null_item(obj.get(partner), index, (parent, name, index), w)
            elif not simple or check(item) is not None:
                general(item, (parent, name, index), w)

    return many


def _forbidden(name: str) -> Visitor:
    def forbidden(value: Any, parent: Path, w: Walker, obj: Mapping[str, Any]) -> None:
        w.issue("structure", (parent, name, None), "is not allowed here (maximum 0)")

    return forbidden


def _array_ok(value: Any, parent: Path, name: str, maximum: int, w: Walker) -> bool:
    if type(value) is not list:
        w.issue("structure", (parent, name, None), "must be an array")
        return False
    if not value:
        w.issue("structure", (parent, name, None), "must not be an empty array")
        return False
    if maximum and len(value) > maximum:
        allowed = "no items" if maximum == -1 else f"at most {maximum}"
        w.issue("structure", (parent, name, None), f"has {len(value)} items; {allowed} allowed")
    return True


def _null_item(partner: Any, index: int, path: Path, w: Walker) -> None:
    """``null`` is allowed only in a primitive array whose partner array has a value at that index."""
    if type(partner) is list and index < len(partner) and partner[index] is not None:
        return
    w.issue("structure", path, "must not be null")


# ---------------------------------------------------------------------------------- complex and the rest


def _complex_check(prop: Prop) -> _Check:
    node, binding, invariants = prop.node, prop.binding, prop.invariants
    assert node is not None
    is_reference = prop.type_code == "Reference"
    is_extension = prop.type_code == "Extension"
    targets = prop.targets
    if not (binding or is_reference or is_extension or invariants):

        def plain(value: Any, path: Path, w: Walker) -> None:
            if type(value) is dict:
                w.object(node, value, path)
            else:
                w.issue("structure", path, "must be a JSON object")

        return plain

    def visit(value: Any, path: Path, w: Walker) -> None:
        if type(value) is not dict:
            w.issue("structure", path, "must be a JSON object")
            return
        if binding:
            problem = _binding_problem(prop, value)
            if problem is not None:
                w.issue("code-invalid", path, problem)
        if is_reference:
            _reference(value, path, targets, w)
        w.object(node, value, path)
        if is_extension:
            w.extension(value, path)
        if invariants:
            w.invariants(invariants, value, path)

    return visit


def _reference(value: Mapping[str, Any], path: Path, targets: frozenset[str] | None, w: Walker) -> None:
    reference = value.get("reference")
    if type(reference) is not str:
        return
    if reference[:1] == "#":
        frame = w.frame
        if frame is not None:
            frame.refs.add(reference[1:])
        return
    if targets is None:
        return
    target = _reference_type(reference, w.tables.resource_types)
    if target is not None and target not in targets:
        w.issue("structure", (path, "reference", None), f"must refer to {', '.join(sorted(targets))} (not {target})")


def _element_check(prop: Prop) -> Callable[[Any, Path, Walker, bool], None]:
    """``_x``: the primitive's id and extensions; ele-1 holds when the primitive itself has a value."""
    node = prop.node
    assert node is not None
    with_value = _twin_without_ele_1(node)

    def visit(value: Any, path: Path, w: Walker, has_value: bool) -> None:
        if type(value) is not dict:
            w.issue("structure", path, "must be a JSON object (the primitive's id and extensions)")
            return
        w.object(with_value if has_value else node, value, path)

    return visit


def _twin_without_ele_1(node: Node) -> Node:
    twin = Node(node.name, node.type_code, node.props, node.required, node.invariants, ele_1=False)
    twin.visitors = node.visitors
    return twin


def _embedded_check(prop: Prop) -> _Check:
    contained = prop.key == "contained"

    def visit(value: Any, path: Path, w: Walker) -> None:
        resource_type = value.get("resourceType") if type(value) is dict else None
        node = w.tables.resource(resource_type) if type(resource_type) is str else None
        if node is None:
            problem = "must be a resource with a known resourceType" if type(value) is dict else "must be an object"
            w.issue("structure", path, problem)
        elif contained:
            w.contained(node, value, path)
        else:
            w.resource(node, value, path)

    return visit


def _structured(prop: Prop) -> Visitor:
    name, array, maximum = prop.name, prop.array, prop.max
    if prop.kind == ELEMENT:
        return _element(prop)
    check = _complex_check(prop) if prop.kind == COMPLEX else _embedded_check(prop)

    def single(value: Any, parent: Path, w: Walker, obj: Mapping[str, Any]) -> None:
        if type(value) is list:
            w.issue("structure", (parent, name, None), "must be a single value, not an array")
        else:
            check(value, (parent, name, None), w)

    def many(value: Any, parent: Path, w: Walker, obj: Mapping[str, Any]) -> None:
        if _array_ok(value, parent, name, maximum, w):
            for index, item in enumerate(value):
                if item is None:
                    w.issue("structure", (parent, name, index), "must not be null")
                else:
                    check(item, (parent, name, index), w)

    if maximum == -1 and not array:
        return _forbidden(name)
    return many if array else single


def _element(prop: Prop) -> Visitor:
    name, array = prop.name, prop.array
    check = _element_check(prop)
    partner = prop.key[1:]

    def single(value: Any, parent: Path, w: Walker, obj: Mapping[str, Any]) -> None:
        check(value, (parent, name, None), w, partner in obj)

    def many(value: Any, parent: Path, w: Walker, obj: Mapping[str, Any]) -> None:
        if not _array_ok(value, parent, name, 0, w):
            return
        values = obj.get(partner)
        values = values if type(values) is list else []
        if values and len(values) != len(value):
            w.issue("structure", (parent, name, None), f"must have as many items as {partner}")
        for index, item in enumerate(value):
            has_value = index < len(values) and values[index] is not None
            if item is None:
                if not has_value:
                    w.issue("structure", (parent, name, index), "must not be null")
            else:
                check(item, (parent, name, index), w, has_value)

    return many if array else single


def _is_plain(prop: Prop) -> bool:
    """A single primitive whose only check is its format: the walk calls that check directly."""
    return (
        prop.kind == PRIMITIVE
        and not prop.array
        and prop.max != -1
        and prop.codes is None
        and not prop.invariants
        and not prop.uri_like
        and prop.type_code != "xhtml"
    )


def build_visitors(node: Node) -> dict[str, Visitor]:
    """The visitors of every property of ``node``, and the format checks of its plain primitives (kept on the
    node for later walks; a plain primitive that fails its check is handed to its visitor to report it)."""
    visitors = {k: _primitive(p) if p.kind == PRIMITIVE else _structured(p) for k, p in node.props.items()}
    node.plain = {key: prop.check for key, prop in node.props.items() if _is_plain(prop)}
    node.choice_of = {key: prop.choice for key, prop in node.props.items() if prop.choice}
    node.visitors = visitors
    return visitors
