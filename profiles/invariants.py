"""Invariants (ElementDefinition.constraint) compiled once: native checks, compiled FHIRPath, or fhirpathpy.

Three engines, chosen per constraint when the validator is compiled:

* **native** — the base invariants that hold on nearly every element or resource, written out in Python
  (``NATIVE``): ext-1 (every extension), per-1, ref-1, cpt-2, qty-3, att-1 (common datatypes), dom-2/4/5/6
  (every resource), txt-1/txt-2 (narrative). ele-1 and dom-3 need the whole walk and are checked by the walker
  (``profiles.walker``); sqty-1 is the SimpleQuantity's ``comparator`` cardinality 0..0, checked structurally.
  Tests prove each agrees with fhirpathpy on a corpus.
* **compiled** — any other expression inside the subset of ``profiles.fhirpath_compile`` (all remaining R4
  invariants but one, and our profiles' own): a closure over the JSON, built once.
* **fhirpathpy** — the rest (R4: ctm-1, which calls ``resolve()``), compiled once with ``fhirpathpy.compile``.

``Invariant.holds(item, env)`` is True when the constraint is satisfied; the FHIRPath result must be exactly
``[true]`` (an empty result does not satisfy a constraint). It raises ``InvariantError`` when fhirpathpy
cannot evaluate the expression.

Pure.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

import fhirpathpy

from profiles.fhirpath_compile import Env, UnsupportedExpression, compile_fhirpath
from profiles.fhirpath_guards import Guards, absence_guards
from profiles.fhirpath_values import CHOICE_SUFFIXES, FhirPathError, compare
from profiles.narrative import narrative_problems

__all__ = ["NATIVE", "Invariant", "InvariantError", "compile_invariant"]

Engine = Literal["native", "compiled", "fhirpathpy"]
Holds = Callable[[Any, Env], bool]


class InvariantError(Exception):
    """The expression could not be evaluated (fhirpathpy raised)."""


@dataclass(frozen=True, slots=True)
class Invariant:
    key: str
    severity: Literal["error", "warning"]
    human: str
    expression: str
    holds: Holds
    engine: Engine
    guards: Guards = ()  # key sets whose joint absence from the context object makes the invariant hold
    needs_env: bool = True  # reads %resource / %rootResource / $this beyond the item (natives mostly do not)


def _has(item: Mapping[str, Any], name: str) -> bool:
    """FHIRPath ``name.exists()`` on a JSON object (a primitive may be present through ``_name`` only)."""
    return name in item or ("_" + name) in item


def _has_value(item: Mapping[str, Any], name: str) -> bool:
    value = item.get(name)
    return value is not None and not isinstance(value, (dict, list))


def _ext_1(item: Any, env: Env) -> bool:
    """``extension.exists() != value.exists()``."""
    has_value = False
    for key in item:
        if (key[:5] == "value" and key[5:] in CHOICE_SUFFIXES) or (key[:6] == "_value" and key[6:] in CHOICE_SUFFIXES):
            has_value = True
            break
    return bool(item.get("extension")) != has_value


def _per_1(item: Any, env: Env) -> bool:
    """``start.hasValue().not() or end.hasValue().not() or (start <= end)``.

    Bounds of different precision that agree as far as both go (``2020`` … ``2020-06``) hold, as in fhirpathpy
    and @medplum/core (strict FHIRPath would make the comparison empty, and the period invalid)."""
    if not (_has_value(item, "start") and _has_value(item, "end")):
        return True
    try:
        order = compare([item["start"]], [item["end"]])
    except FhirPathError:
        return False
    return order is None or order <= 0


def _ref_1(item: Any, env: Env) -> bool:
    """``reference.startsWith('#').not() or (reference.substring(1) in %rootResource.contained.id)``.

    A bare ``#`` (a contained resource pointing at its container) is accepted: R4's expression rejects it by
    oversight (its substring is empty), while dom-3 relies on it; later FHIR versions add ``or reference='#'``.
    """
    reference = item.get("reference")
    if type(reference) is not str or not reference.startswith("#") or reference == "#":
        return True
    contained = env.root.get("contained") if type(env.root) is dict else None
    return type(contained) is list and any(type(c) is dict and c.get("id") == reference[1:] for c in contained)


def _contained(resource: Any) -> list[Mapping[str, Any]]:
    contained = resource.get("contained") if type(resource) is dict else None
    return [c for c in contained if type(c) is dict] if type(contained) is list else []


def _meta(resource: Mapping[str, Any]) -> Mapping[str, Any]:
    meta = resource.get("meta")
    return meta if type(meta) is dict else {}


def _dom_2(item: Any, env: Env) -> bool:
    return not any(c.get("contained") for c in _contained(item))


def _dom_4(item: Any, env: Env) -> bool:
    return not any(_has(_meta(c), "versionId") or _has(_meta(c), "lastUpdated") for c in _contained(item))


def _dom_5(item: Any, env: Env) -> bool:
    return not any(_meta(c).get("security") for c in _contained(item))


def _dom_6(item: Any, env: Env) -> bool:
    text = item.get("text")
    return type(text) is dict and _has(text, "div")


def _txt(index: int) -> Holds:
    def check(item: Any, env: Env) -> bool:
        return type(item) is not str or narrative_problems(item)[index] is None

    return check


def _keys(*names: str) -> tuple[str, ...]:
    return tuple(sorted(key for name in names for key in (name, "_" + name)))


NATIVE_GUARDS: Final[dict[str, Guards]] = {
    "per-1": (_keys("start"), _keys("end")),
    "ref-1": (("reference",),),
    "cpt-2": (_keys("value"),),
    "qty-3": (_keys("code"),),
    "att-1": (_keys("data"),),
    "dom-2": (("contained",),),
    "dom-4": (("contained",),),
    "dom-5": (("contained",),),
}

NATIVE: Final[dict[str, Holds]] = {
    "ext-1": _ext_1,
    "per-1": _per_1,
    "ref-1": _ref_1,
    "cpt-2": lambda item, env: not _has(item, "value") or _has(item, "system"),
    "qty-3": lambda item, env: not _has(item, "code") or _has(item, "system"),
    "att-1": lambda item, env: not _has(item, "data") or _has(item, "contentType"),
    "dom-2": _dom_2,
    "dom-4": _dom_4,
    "dom-5": _dom_5,
    "dom-6": _dom_6,
    "txt-1": _txt(0),
    "txt-2": _txt(1),
}
_BASE: Final = "http://hl7.org/fhir/StructureDefinition/"
# Checked by the walker or structurally, never as an expression.
WALKER_CHECKED: Final = frozenset({"ele-1", "dom-3", "sqty-1", "txt-1", "txt-2"})


def _compiled(expression: str, choice_names: frozenset[str]) -> Holds:
    fn = compile_fhirpath(expression, choice_names=choice_names)

    def holds(item: Any, env: Env) -> bool:
        try:
            return fn([item], env) == [True]
        except FhirPathError:
            return False

    return holds


def _resolve(items: list[Any]) -> list[Any]:
    return []  # references are not resolved in validation (a contained one could be; none of R4's needs it)


def _fhirpathpy_has_value(items: list[Any]) -> list[Any]:
    return [len(items) == 1 and not isinstance(items[0], (dict, list))]


_USER_FUNCTIONS: Final = {
    "resolve": {"fn": _resolve, "arity": {0: []}},
    "hasValue": {"fn": _fhirpathpy_has_value, "arity": {0: []}},
}


def _fhirpathpy(expression: str) -> Holds:
    fn = fhirpathpy.compile(expression, options={"userInvocationTable": _USER_FUNCTIONS})

    def holds(item: Any, env: Env) -> bool:
        variables = {"resource": env.resource, "rootResource": env.root, "context": item}
        try:  # fhirpathpy may annotate what it is given: hand it a copy
            return bool(fn(copy.deepcopy(item), copy.deepcopy(variables)) == [True])
        except Exception as error:  # fhirpathpy raises bare Exceptions for what it does not implement
            raise InvariantError(str(error)) from error

    return holds


def compile_invariant(constraint: Mapping[str, Any], *, choice_names: frozenset[str]) -> Invariant | None:
    """The executable form of one ElementDefinition.constraint (None for those the walker checks itself)."""
    key = str(constraint.get("key"))
    if key in WALKER_CHECKED:
        return None
    expression = str(constraint.get("expression") or "")
    severity: Literal["error", "warning"] = "error" if constraint.get("severity") == "error" else "warning"
    human = str(constraint.get("human") or key)
    source = str(constraint.get("source") or _BASE)
    native = NATIVE.get(key) if source.startswith(_BASE) else None
    if native is not None:
        guards = NATIVE_GUARDS.get(key, ())
        return Invariant(key, severity, human, expression, native, "native", guards, needs_env=key == "ref-1")
    if not expression:
        return None
    guards = absence_guards(expression, choice_names=choice_names)
    try:
        return Invariant(key, severity, human, expression, _compiled(expression, choice_names), "compiled", guards)
    except UnsupportedExpression:
        return Invariant(key, severity, human, expression, _fhirpathpy(expression), "fhirpathpy", guards)
