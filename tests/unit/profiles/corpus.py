"""The invariant-agreement corpus: typed values found in the official examples, plus defective variants.

``typed_values`` walks a resource with the compiled element tables and yields every complex value with its
datatype (``Period``, ``Reference`` …) or backbone path, the resource it is in and the root resource — what an
invariant is evaluated on. ``reference_holds`` evaluates an expression with fhirpathpy and its R4 model, the
reference the native checks and the compiled FHIRPath are compared against.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from functools import cache
from typing import Any

from fhirpathpy import apply_parsed_path
from fhirpathpy.engine.nodes import ResourceNode
from fhirpathpy.models import models
from fhirpathpy.parser import parse

from profiles.elements import COMPLEX, RESOURCE, ElementTables, Node
from profiles.invariants import Invariant

R4_MODEL = models["r4"]
_USER_FUNCTIONS = {
    "hasValue": {"fn": lambda items: [len(items) == 1 and not isinstance(items[0], dict | list)], "arity": {0: []}},
}


def typed_values(
    tables: ElementTables, resource: dict[str, Any]
) -> Iterator[tuple[str, Any, dict[str, Any], dict[str, Any]]]:
    """(type or backbone path, value, %resource, %rootResource) for every complex value, the resource included."""
    node = tables.resource(resource["resourceType"])
    assert node is not None
    yield resource["resourceType"], resource, resource, resource
    yield from _walk(tables, node, resource, resource, resource)


def _walk(
    tables: ElementTables, node: Node, obj: dict[str, Any], current: dict[str, Any], root: dict[str, Any]
) -> Iterator[tuple[str, Any, dict[str, Any], dict[str, Any]]]:
    for key, value in obj.items():
        prop = node.props.get(key)
        if prop is None or prop.kind not in (COMPLEX, RESOURCE):
            continue
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, dict):
                continue
            if prop.kind == RESOURCE:
                inner = tables.resource(str(item.get("resourceType")))
                if inner is not None:
                    new_root = root if key == "contained" else item
                    yield item["resourceType"], item, item, new_root
                    yield from _walk(tables, inner, item, item, new_root)
                continue
            assert prop.node is not None
            yield prop.node.name, item, current, root
            yield from _walk(tables, prop.node, item, current, root)


def invariant_sites(
    tables: ElementTables, resource: dict[str, Any]
) -> Iterator[tuple[str, tuple[Invariant, ...], Any, dict[str, Any], dict[str, Any]]]:
    """(type or element path, its invariants, value, %resource, %rootResource) wherever invariants apply."""
    node = tables.resource(resource["resourceType"])
    assert node is not None
    yield node.name, node.invariants, resource, resource, resource
    yield from _sites(tables, node, resource, resource, resource)


def _sites(
    tables: ElementTables, node: Node, obj: dict[str, Any], current: dict[str, Any], root: dict[str, Any]
) -> Iterator[tuple[str, tuple[Invariant, ...], Any, dict[str, Any], dict[str, Any]]]:
    for key, value in obj.items():
        prop = node.props.get(key)
        if prop is None or prop.kind not in (COMPLEX, RESOURCE):
            continue
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, dict):
                continue
            if prop.kind == RESOURCE:
                inner = tables.resource(str(item.get("resourceType")))
                if inner is not None:
                    new_root = root if key == "contained" else item
                    yield inner.name, inner.invariants, item, item, new_root
                    yield from _sites(tables, inner, item, item, new_root)
                continue
            assert prop.node is not None
            if prop.invariants:
                yield prop.element_path, prop.invariants, item, current, root
            if prop.node.invariants:
                yield prop.node.name, prop.node.invariants, item, current, root
            yield from _sites(tables, prop.node, item, current, root)


@cache
def _parsed(expression: str) -> Any:
    return parse(expression)


def reference_holds(expression: str, type_name: str, item: Any, resource: Any, root: Any) -> bool:
    """fhirpathpy's verdict: the expression is exactly ``[true]`` on ``item`` (of type ``type_name``)."""
    variables = {"resource": copy.deepcopy(resource), "rootResource": copy.deepcopy(root)}
    node = ResourceNode.create_node(copy.deepcopy(item), type_name)
    options = {"userInvocationTable": _USER_FUNCTIONS}
    result = apply_parsed_path(node, _parsed(expression), variables, R4_MODEL, options)
    return bool(result == [True])
