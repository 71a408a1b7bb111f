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
_NARRATIVE_LINK = re.compile(r'\b(href|src)="(urn:uuid:[0-9a-fA-F-]{36})"')
_CONDITIONAL = re.compile(r"^([A-Z][A-Za-z]+)\?(.+)$")  # Type?search — R4 http §3.1.0.11.2, transactions only


@dataclass(frozen=True, slots=True)
class LocalReference:
    path: str  # FHIRPath of the Reference.reference element, e.g. Task.for.reference
    resource_type: str
    resource_id: str


def _reference_strings(node: Any, path: str) -> list[tuple[str, str]]:
    """(FHIRPath, value) of every ``Reference.reference`` string in ``node``, outside contained resources
    (they resolve inside their container), in path order."""
    found: list[tuple[str, str]] = []
    stack: list[tuple[Any, str]] = [(node, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key == "reference" and isinstance(value, str):
                    found.append((f"{where}.reference", value))
                elif key != "contained":
                    stack.append((value, f"{where}.{key}"))
        elif isinstance(item, list):
            stack.extend((value, f"{where}[{i}]") for i, value in enumerate(item))
    return sorted(found)


def local_references(node: Any, path: str) -> list[LocalReference]:
    return [
        LocalReference(where, match.group(1), match.group(2))
        for where, value in _reference_strings(node, path)
        if (match := _LOCAL.match(value))
    ]


@dataclass(frozen=True, slots=True)
class ConditionalReference:
    path: str  # FHIRPath of the Reference.reference element
    value: str  # e.g. Patient?identifier=http://electronichealth.se/identifier/personnummer|191212121212
    resource_type: str
    criteria: str


def conditional_references(node: Any, path: str) -> list[ConditionalReference]:
    """The ``Type?criteria`` references in ``node`` (outside contained resources)."""
    return [
        ConditionalReference(where, value, match.group(1), match.group(2))
        for where, value in _reference_strings(node, path)
        if (match := _CONDITIONAL.match(value))
    ]


def rewrite_references(node: Any, ids: dict[str, str], path: str, unresolved: list[str]) -> Any:
    """Copy of ``node`` with references found in ``ids`` replaced; dangling ``urn:uuid`` paths
    are appended to ``unresolved``. R4 http §3.1.0.11.2: every matching link is replaced — references,
    elements of type uri/url/uuid that hold one, and ``href``/``src`` in the narrative."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                if value in ids:
                    value = ids[value]
                elif value.startswith("urn:uuid:"):
                    unresolved.append(f"{path}.reference")
            elif key == "div" and isinstance(value, str) and "urn:uuid:" in value:
                value = _NARRATIVE_LINK.sub(lambda m: f'{m.group(1)}="{ids.get(m.group(2), m.group(2))}"', value)
            elif isinstance(value, str) and value in ids and value.startswith("urn:uuid:"):
                value = ids[value]
            out[key] = rewrite_references(value, ids, f"{path}.{key}", unresolved)
        return out
    if isinstance(node, list):
        return [rewrite_references(v, ids, f"{path}[{i}]", unresolved) for i, v in enumerate(node)]
    return node
