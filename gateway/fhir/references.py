"""Literal references inside a resource: finding the local ones and rewriting ``urn:uuid`` ones.

A *local* reference is relative (``Type/id`` or ``Type/id/_history/n``): per R4 it points at
this server, so the gateway can and does check that it resolves (422 when it does not).
Absolute URLs, ``urn:`` references, contained ``#id`` and logical (identifier-only) references
are not checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_LOCAL = re.compile(r"^([A-Z][A-Za-z]+)/([A-Za-z0-9\-.]{1,64})(?:/_history/[A-Za-z0-9\-.]{1,64})?$")


@dataclass(frozen=True, slots=True)
class LocalReference:
    path: str  # FHIRPath of the Reference.reference element, e.g. Task.for.reference
    resource_type: str
    resource_id: str


def local_references(node: Any, path: str) -> list[LocalReference]:
    found: list[LocalReference] = []
    stack: list[tuple[Any, str]] = [(node, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key == "contained":
                    continue  # contained resources resolve inside the container
                if key == "reference" and isinstance(value, str):
                    match = _LOCAL.match(value)
                    if match:
                        found.append(LocalReference(f"{where}.reference", match.group(1), match.group(2)))
                else:
                    stack.append((value, f"{where}.{key}"))
        elif isinstance(item, list):
            stack.extend((value, f"{where}[{i}]") for i, value in enumerate(item))
    return sorted(found, key=lambda r: r.path)


def rewrite_references(node: Any, ids: dict[str, str], path: str, unresolved: list[str]) -> Any:
    """Copy of ``node`` with references found in ``ids`` replaced; dangling ``urn:uuid`` paths
    are appended to ``unresolved``."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                if value in ids:
                    value = ids[value]
                elif value.startswith("urn:uuid:"):
                    unresolved.append(f"{path}.reference")
            out[key] = rewrite_references(value, ids, f"{path}.{key}", unresolved)
        return out
    if isinstance(node, list):
        return [rewrite_references(v, ids, f"{path}[{i}]", unresolved) for i, v in enumerate(node)]
    return node
