"""Element paths inside a FHIR resource held as JSON: parse, read (with the concrete FHIRPath) and write.

A path is written the way the mapping tables read: ``extension[estimated-discharge-date].valueDate``,
``telecom[system=phone].value``, ``input[type=task-parameter#requested-actions].valueString``. Selectors:

=====================  ==========================================================================
``name[0]``            the first element (the first primitive, when it is the path's last step)
``extension[slug]``    the gateway extension ``codes.extension_url(slug)``
``sub[name]``          a sub-extension of a complex extension (relative ``url``)
``name[k=v]``          the first element whose ``k`` equals ``v``
``name[k=cs#code]``    the first element whose CodeableConcept ``k`` has the gateway code ``cs#code``
``name[k*=cs#code]``   the same, for a list of CodeableConcepts ``k``
``name[@cs]``          the first CodeableConcept with a coding of the gateway CodeSystem ``cs``
``name[?k]``           the elements that have a member ``k``
=====================  ==========================================================================

Writing finds the first matching element or appends one seeded with the selector's template, so several
fields can fill one element (a complex extension, a Period). Boundary: no FHIR knowledge beyond JSON shape.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from mappings.codes import CODE_SYSTEM_BASE, extension_url

__all__ = ["Item", "Key", "Path", "Scalars", "append", "ensure", "find", "find_all", "path", "put", "render"]


@dataclass(frozen=True, slots=True)
class Key:
    name: str

    def doc(self) -> str:
        return self.name

    def fhirpath(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Item:
    """One element of a list member: the first matching ``template`` (deep subset), or having ``has``."""

    name: str
    template: Any = None
    has: str | None = None
    label: str = ""

    def doc(self) -> str:
        return f"{self.name}[{self.label or 0}]"

    def fhirpath(self) -> str:
        if self.has is not None:
            return f"{self.name}.where({self.has}.exists())"
        if not self.template:
            return f"{self.name}[0]"
        return f"{self.name}.where({' and '.join(_clauses(self.template, ''))})"

    def matches(self, element: Any) -> bool:
        if self.has is not None:
            return isinstance(element, dict) and self.has in element
        return self.template is None or _subset(self.template, element)

    def seed(self) -> dict[str, Any]:
        return copy.deepcopy(self.template) if isinstance(self.template, dict) else {}


@dataclass(frozen=True, slots=True)
class Scalars:
    """The first primitive of a list member (``given``, ``line``)."""

    name: str

    def doc(self) -> str:
        return f"{self.name}[0]"

    def fhirpath(self) -> str:
        return f"{self.name}[0]"


Step = Key | Item | Scalars
Path = tuple[Step, ...]


def path(*parts: str | Step) -> Path:
    """Parse the mapping-table notation (module docstring); ready-made steps pass through."""
    tokens: list[str | Step] = []
    for part in parts:
        tokens.extend(_split(part) if isinstance(part, str) else [part])
    steps: list[Step] = []
    for index, token in enumerate(tokens):
        steps.append(token if not isinstance(token, str) else _step(token, last=index == len(tokens) - 1))
    return tuple(steps)


def _split(text: str) -> list[str | Step]:
    tokens: list[str | Step] = []
    depth, current = 0, ""
    for char in text:
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == "." and depth == 0:
            tokens.append(current)
            current = ""
        else:
            current += char
    return [*tokens, current] if current else tokens


def _step(token: str, *, last: bool) -> Step:
    if "[" not in token:
        return Key(token)
    name, selector = token[:-1].split("[", 1)
    if selector == "0":
        return Scalars(name) if last else Item(name)
    if name == "extension":
        return Item("extension", {"url": extension_url(selector)}, label=selector)
    if name == "sub":
        return Item("extension", {"url": selector}, label=selector)
    if selector.startswith("?"):
        return Item(name, has=selector[1:], label=selector[1:])
    if selector.startswith("@"):
        return Item(name, {"coding": [{"system": f"{CODE_SYSTEM_BASE}/{selector[1:]}"}]}, label=selector[1:])
    key, value = selector.split("=", 1)
    if "#" in value:
        system, code = value.split("#", 1)
        concept: Any = {"coding": [{"system": f"{CODE_SYSTEM_BASE}/{system}", "code": code}]}
        many = key.endswith("*")
        return Item(name, {key.rstrip("*"): [concept] if many else concept}, label=f"{key.rstrip('*')}={code}")
    return Item(name, {key: value}, label=selector)


def render(steps: Path) -> str:
    """The table notation of a path (``extension[need].valueCoding``)."""
    return ".".join(step.doc() for step in steps)


def _subset(template: Any, value: Any) -> bool:
    if isinstance(template, dict):
        return isinstance(value, dict) and all(k in value and _subset(v, value[k]) for k, v in template.items())
    if isinstance(template, list):
        return isinstance(value, list) and all(any(_subset(t, v) for v in value) for t in template)
    return bool(template == value)


def _clauses(template: Any, prefix: str) -> list[str]:
    if isinstance(template, dict):
        return [c for k, v in template.items() for c in _clauses(v, f"{prefix}.{k}" if prefix else k)]
    if isinstance(template, list):
        return [c for item in template for c in _clauses(item, prefix)]
    return [f"{prefix}='{template}'"]


def find(node: Any, steps: Path, where: str) -> tuple[Any, str]:
    """The value at ``steps`` (None when absent) and its FHIRPath, concrete as far as the path exists."""
    current = node
    for position, step in enumerate(steps):
        if not isinstance(current, dict):
            return None, where + "".join("." + s.fhirpath() for s in steps[position:])
        member = current.get(step.name)
        if isinstance(step, Key):
            current, where = member, f"{where}.{step.name}"
            continue
        found = _first(member, step)
        if found is None:
            return None, where + "".join("." + s.fhirpath() for s in steps[position:])
        index, current = found
        where = f"{where}.{step.name}[{index}]"
    return current, where


def _first(member: Any, step: Item | Scalars) -> tuple[int, Any] | None:
    if not isinstance(member, list) or not member:
        return None
    if isinstance(step, Scalars):
        return 0, member[0]
    return next(((i, element) for i, element in enumerate(member) if step.matches(element)), None)


def find_all(node: Any, steps: Path, where: str) -> list[tuple[dict[str, Any], str]]:
    """Every element the last step (an ``Item``) selects, in order, with its FHIRPath."""
    *prefix, last = steps
    container, base = find(node, tuple(prefix), where)
    if not isinstance(last, Item) or not isinstance(container, dict):
        return []
    member = container.get(last.name)
    if not isinstance(member, list):
        return []
    return [(e, f"{base}.{last.name}[{i}]") for i, e in enumerate(member) if isinstance(e, dict) and last.matches(e)]


def ensure(node: dict[str, Any], steps: Path) -> dict[str, Any]:
    """The object at ``steps``, creating members and list elements on the way."""
    current = node
    for step in steps:
        if isinstance(step, Key):
            current = current.setdefault(step.name, {})
        elif isinstance(step, Item):
            member = current.setdefault(step.name, [])
            found = _first(member, step)
            if found is None:
                member.append(step.seed())
                current = member[-1]
            else:
                current = found[1]
        else:
            raise TypeError(f"{step.doc()} holds primitives, not an element")
    return current


def put(node: dict[str, Any], steps: Path, value: Any) -> None:
    """Set the value at ``steps``: a member, the first primitive of a list, or (merged) a selected element."""
    if not steps:
        node.update(value)
        return
    *prefix, last = steps
    container = ensure(node, tuple(prefix))
    if isinstance(last, Scalars):
        container[last.name] = [value]
    elif isinstance(last, Key):
        container[last.name] = value
    else:
        ensure(container, (last,)).update(value)


def append(node: dict[str, Any], steps: Path) -> dict[str, Any]:
    """A new element at the end of the list the last step (an ``Item``) selects from."""
    *prefix, last = steps
    if not isinstance(last, Item):
        raise TypeError(f"{last.doc()} is not a list selector")
    container = ensure(node, tuple(prefix))
    member = container.setdefault(last.name, [])
    member.append(last.seed())
    element: dict[str, Any] = member[-1]
    return element
