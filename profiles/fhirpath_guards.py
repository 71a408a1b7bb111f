"""Absence guards: when an invariant certainly holds because the elements it tests are absent.

Most invariants hold trivially when the elements they test are absent (``a.empty() or …``, ``a.exists()
implies …``). ``absence_guards`` finds such sets of names in the syntax tree, so the walker can skip evaluating
an invariant on an object where one set is entirely absent. Only forms whose value on absent input is fixed by
the FHIRPath rules are recognised; anything else contributes no guard (the invariant is then evaluated).
Tests check the guards are sound on the corpus.

Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fhirpathpy.parser import parse as _untyped_parse

__all__ = ["Guards", "absence_guards"]

_Node = Mapping[str, Any]
parse: Callable[[str], Any] = _untyped_parse  # fhirpathpy ships py.typed but leaves parse untyped


def _kids(node: _Node) -> list[_Node]:
    return list(node.get("children", []))


def _op(node: _Node) -> str:
    return str(node.get("terminalNodeText", [""])[0])


def _identifier(node: _Node) -> str:
    text = str(node.get("text", ""))
    return text[1:-1] if text.startswith("`") else text


Guards = tuple[tuple[str, ...], ...]


def _first_member(node: _Node) -> str | None:
    """The first name of a plain path starting at ``$this`` (``a`` in ``a.b.where(…)``), else None."""
    while node.get("type") in ("InvocationExpression", "TermExpression", "InvocationTerm"):
        node = _kids(node)[0]
        if node.get("type") == "MemberInvocation":
            return _identifier(_kids(node)[0])
    return None


def _call(node: _Node) -> tuple[str, _Node] | None:
    """(function name, its input expression) for ``input.fn(…)``."""
    if node.get("type") != "InvocationExpression":
        return None
    source, invocation = _kids(node)
    if invocation.get("type") != "FunctionInvocation":
        return None
    return _identifier(_kids(_kids(invocation)[0])[0]), source


def _true_when_absent(node: _Node) -> list[frozenset[str]]:
    kind = node.get("type")
    if kind in ("ParenthesizedTerm", "TermExpression") and len(_kids(node)) == 1:
        return _true_when_absent(_kids(node)[0])
    if kind == "OrExpression" and _op(node) == "or":
        left, right = _kids(node)
        return _true_when_absent(left) + _true_when_absent(right)
    if kind == "AndExpression":
        left, right = _kids(node)
        return [a | b for a in _true_when_absent(left) for b in _true_when_absent(right)]
    if kind == "ImpliesExpression":
        left, right = _kids(node)
        return _false_when_absent(left) + _true_when_absent(right)
    call = _call(node)
    if call is None:
        return []
    name, source = call
    if name in ("empty", "all"):
        first = _first_member(source)
        return [frozenset({first})] if first else []
    if name == "not":
        return _false_when_absent(source)
    return []


def _false_when_absent(node: _Node) -> list[frozenset[str]]:
    kind = node.get("type")
    if kind in ("ParenthesizedTerm", "TermExpression") and len(_kids(node)) == 1:
        return _false_when_absent(_kids(node)[0])
    if kind == "AndExpression":
        left, right = _kids(node)
        return _false_when_absent(left) + _false_when_absent(right)
    if kind == "OrExpression" and _op(node) == "or":
        left, right = _kids(node)
        return [a | b for a in _false_when_absent(left) for b in _false_when_absent(right)]
    call = _call(node)
    if call is None:
        return []
    name, source = call
    if name in ("exists", "hasValue"):
        first = _first_member(source)
        return [frozenset({first})] if first else []
    if name == "not":
        return _true_when_absent(source)
    return []


def absence_guards(expression: str, *, choice_names: frozenset[str]) -> Guards:
    """Sets of JSON keys such that, when every key of one set is absent from the context object, the
    expression is certainly ``true``. Each name stands for itself and its ``_name`` primitive element;
    choice-type names (whose keys vary) are never used."""
    try:
        tree = _kids(parse(expression))[0]
    except Exception:  # syntax errors surface when the expression is compiled
        return ()
    alternatives = {names for names in _true_when_absent(tree) if not names & choice_names}
    return tuple(sorted(tuple(sorted(key for name in names for key in (name, "_" + name))) for names in alternatives))
