"""Compile a FHIRPath expression, once, into a Python closure over plain JSON values.

The expression is parsed by fhirpathpy's parser; the syntax tree is then turned into nested closures, so
evaluating an invariant costs a few function calls instead of a tree-walking interpretation (~100 µs per
evaluation in fhirpathpy). The subset covers what the invariants of FHIR R4 and of our profiles use: paths
(choice types included), ``$this``, ``%resource`` / ``%rootResource`` / ``%context`` / ``%ucum``, literals,
the boolean, equality, comparison, membership, union and string-concatenation operators, indexers, the
functions of ``profiles.fhirpath_functions`` and ``where``, ``select``, ``all``, ``exists(criteria)``, ``iif``,
``extension(url)`` and type tests. Anything else raises ``UnsupportedExpression``: the caller then evaluates
the expression with fhirpathpy (``profiles.invariants``). Tests check both give the same answer on a corpus.
Absence guards (when an invariant needs no evaluation) are in ``profiles.fhirpath_guards``.

Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Final

from fhirpathpy.parser import parse as _untyped_parse

from profiles.fhirpath_functions import EAGER, distinct
from profiles.fhirpath_values import FhirPathError, NoValue, compare, equal, navigate, to_boolean

__all__ = ["Env", "Fn", "UnsupportedExpression", "compile_fhirpath"]

UCUM: Final = "http://unitsofmeasure.org"
parse: Callable[[str], Any] = _untyped_parse  # fhirpathpy ships py.typed but leaves parse untyped


class UnsupportedExpression(Exception):
    """The expression uses FHIRPath this compiler does not implement."""


class Env:
    """The variables of one evaluation: ``$this``, ``%resource``, ``%rootResource``, ``%context``.

    A plain class with slots: one is made per evaluation, so it must be cheap to create."""

    __slots__ = ("context", "resource", "root", "this")

    def __init__(self, this: Any, resource: Any, root: Any, context: Any) -> None:
        self.this = this
        self.resource = resource
        self.root = root
        self.context = context

    def with_this(self, this: Any) -> Env:
        return Env(this, self.resource, self.root, self.context)


Fn = Callable[[list[Any], Env], list[Any]]
_Node = Mapping[str, Any]


def _kids(node: _Node) -> list[_Node]:
    return list(node.get("children", []))


def _op(node: _Node) -> str:
    return str(node.get("terminalNodeText", [""])[0])


def _identifier(node: _Node) -> str:
    text = str(node.get("text", ""))
    return text[1:-1] if text.startswith("`") else text


# ------------------------------------------------------------------------------------------- compiler


class _Compiler:
    def __init__(self, choice_names: frozenset[str]) -> None:
        self._choices = choice_names

    def expression(self, node: _Node) -> Fn:
        kind = node.get("type")
        method = getattr(self, f"_{kind}", None)
        if method is None:
            raise UnsupportedExpression(f"{kind} is not supported")
        fn: Fn = method(node)
        return fn

    def _TermExpression(self, node: _Node) -> Fn:
        return self.expression(_kids(node)[0])

    def _InvocationTerm(self, node: _Node) -> Fn:
        return self._invocation(_kids(node)[0], None)

    def _ParenthesizedTerm(self, node: _Node) -> Fn:
        return self.expression(_kids(node)[0])

    def _LiteralTerm(self, node: _Node) -> Fn:
        literal = _kids(node)[0]
        text = str(literal.get("text"))
        kind = literal.get("type")
        value: list[Any]
        if kind == "StringLiteral":
            value = [_unquote(text)]
        elif kind == "NumberLiteral":
            value = [float(text) if "." in text else int(text)]
        elif kind == "BooleanLiteral":
            value = [text == "true"]
        elif kind == "NullLiteral":
            value = []
        else:
            raise UnsupportedExpression(f"{kind} literals are not supported")
        return lambda focus, env: value

    def _ExternalConstantTerm(self, node: _Node) -> Fn:
        name = _identifier(_kids(_kids(node)[0])[0]).strip("'")
        if name == "ucum":
            return lambda focus, env: [UCUM]
        if name == "resource":
            return lambda focus, env: [env.resource]
        if name == "rootResource":
            return lambda focus, env: [env.root]
        if name == "context":
            return lambda focus, env: [env.context]
        raise UnsupportedExpression(f"%{name} is not supported")

    def _InvocationExpression(self, node: _Node) -> Fn:
        left, invocation = _kids(node)
        return self._invocation(invocation, self.expression(left))

    def _IndexerExpression(self, node: _Node) -> Fn:
        source, index = (self.expression(k) for k in _kids(node))

        def indexer(focus: list[Any], env: Env) -> list[Any]:
            position = index(focus, env)
            items = source(focus, env)
            if not position or type(position[0]) is not int:
                return []
            return items[position[0] : position[0] + 1] if position[0] >= 0 else []

        return indexer

    def _PolarityExpression(self, node: _Node) -> Fn:
        operand = self.expression(_kids(node)[0])
        sign = -1 if _op(node) == "-" else 1
        return lambda focus, env: [sign * v for v in operand(focus, env)]

    def _TypeExpression(self, node: _Node) -> Fn:
        source = self.expression(_kids(node)[0])
        type_name = str(_kids(node)[1].get("text"))
        return _type_test(_op(node), source, type_name)

    def _invocation(self, node: _Node, source: Fn | None) -> Fn:
        kind = node.get("type")
        if kind == "MemberInvocation":
            name = _identifier(_kids(node)[0])
            choices = self._choices
            if source is None:
                return lambda focus, env: navigate(focus, name, choices)
            return lambda focus, env: navigate(source(focus, env), name, choices)
        if kind == "ThisInvocation":
            return lambda focus, env: [env.this]
        if kind == "FunctionInvocation":
            return self._function(_kids(node)[0], source)
        raise UnsupportedExpression(f"{kind} is not supported")

    def _function(self, node: _Node, source: Fn | None) -> Fn:
        parts = _kids(node)
        name = _identifier(parts[0])
        params = [self.expression(p) for p in _kids(parts[1])] if len(parts) > 1 else []
        args_ast = _kids(parts[1]) if len(parts) > 1 else []
        input_fn: Fn = source if source is not None else (lambda focus, env: focus)
        if name in ("where", "select", "all", "exists") and params:
            return _lazy_function(name, input_fn, params[0])
        if name == "iif":
            return _iif(input_fn, params)
        if name == "trace":
            return input_fn
        if name in ("is", "as", "ofType"):
            return _type_test(name, input_fn, str(args_ast[0].get("text")))
        if name == "extension":
            return _extension(input_fn, params[0])
        if name not in EAGER or EAGER[name][0] > len(params):
            raise UnsupportedExpression(f"function {name}() is not supported")
        implementation = EAGER[name][1]
        if not params:
            no_arguments: list[list[Any]] = []
            return lambda focus, env: implementation(input_fn(focus, env), no_arguments)

        def call(focus: list[Any], env: Env) -> list[Any]:
            return implementation(input_fn(focus, env), [p(focus, env) for p in params])

        return call

    def _binary(self, node: _Node) -> tuple[Fn, Fn]:
        left, right = _kids(node)
        return self.expression(left), self.expression(right)

    def _EqualityExpression(self, node: _Node) -> Fn:
        left, right = self._binary(node)
        op = _op(node)
        if op not in ("=", "!="):
            raise UnsupportedExpression(f"operator {op} is not supported")
        negate = op == "!="

        def equality(focus: list[Any], env: Env) -> list[Any]:
            result = equal(left(focus, env), right(focus, env))
            return [] if result is None else [result != negate]

        return equality

    def _InequalityExpression(self, node: _Node) -> Fn:
        left, right = self._binary(node)
        tests: dict[str, Callable[[int], bool]] = {
            "<": lambda o: o < 0,
            ">": lambda o: o > 0,
            "<=": lambda o: o <= 0,
            ">=": lambda o: o >= 0,
        }
        test = tests[_op(node)]

        def inequality(focus: list[Any], env: Env) -> list[Any]:
            order = compare(left(focus, env), right(focus, env))
            return [] if order is None else [test(order)]

        return inequality

    def _MembershipExpression(self, node: _Node) -> Fn:
        left, right = self._binary(node)
        element, collection = (left, right) if _op(node) == "in" else (right, left)

        def membership(focus: list[Any], env: Env) -> list[Any]:
            items = element(focus, env)
            if not items:
                return []
            if len(items) > 1:
                raise FhirPathError("membership of several items")
            return [any(equal(items, [other]) for other in collection(focus, env))]

        return membership

    def _UnionExpression(self, node: _Node) -> Fn:
        left, right = self._binary(node)
        return lambda focus, env: distinct(left(focus, env) + right(focus, env))

    def _AdditiveExpression(self, node: _Node) -> Fn:
        left, right = self._binary(node)
        op = _op(node)
        if op == "&":
            return lambda focus, env: ["".join(str(v[0]) if v else "" for v in (left(focus, env), right(focus, env)))]
        if op != "+":
            raise UnsupportedExpression(f"operator {op} is not supported")

        def add(focus: list[Any], env: Env) -> list[Any]:
            a, b = left(focus, env), right(focus, env)
            if len(a) != 1 or len(b) != 1 or type(a[0]) is bool or type(b[0]) is bool:
                return []
            if type(a[0]) is str and type(b[0]) is str:
                return [a[0] + b[0]]
            if isinstance(a[0], (int, float)) and isinstance(b[0], (int, float)):
                return [a[0] + b[0]]
            return []

        return add

    def _AndExpression(self, node: _Node) -> Fn:
        left, right = self._binary(node)

        def conjunction(focus: list[Any], env: Env) -> list[Any]:
            a = to_boolean(left(focus, env))
            if a is False:
                return [False]
            b = to_boolean(right(focus, env))
            if b is False:
                return [False]
            return [True] if a and b else []

        return conjunction

    def _OrExpression(self, node: _Node) -> Fn:
        left, right = self._binary(node)
        exclusive = _op(node) == "xor"

        def disjunction(focus: list[Any], env: Env) -> list[Any]:
            a = to_boolean(left(focus, env))
            if a is True and not exclusive:
                return [True]
            b = to_boolean(right(focus, env))
            if exclusive:
                return [] if a is None or b is None else [a != b]
            if b is True:
                return [True]
            return [False] if a is False and b is False else []

        return disjunction

    def _ImpliesExpression(self, node: _Node) -> Fn:
        left, right = self._binary(node)

        def implication(focus: list[Any], env: Env) -> list[Any]:
            a = to_boolean(left(focus, env))
            if a is False:
                return [True]
            b = to_boolean(right(focus, env))
            if b is True:
                return [True]
            return [False] if a is True and b is False else []

        return implication


def _unquote(text: str) -> str:
    body = text[1:-1]
    escapes = {"\\'": "'", '\\"': '"', "\\\\": "\\", "\\n": "\n", "\\t": "\t", "\\r": "\r", "\\/": "/"}
    return re.sub(r"\\.", lambda m: escapes.get(m.group(0), m.group(0)[1]), body)


def _lazy_function(name: str, source: Fn, criteria: Fn) -> Fn:
    def per_item(focus: list[Any], env: Env) -> list[tuple[Any, list[Any]]]:
        return [(item, criteria([item], env.with_this(item))) for item in source(focus, env)]

    if name == "where":
        return lambda focus, env: [item for item, result in per_item(focus, env) if to_boolean(result) is True]
    if name == "exists":
        return lambda focus, env: [any(to_boolean(result) is True for _, result in per_item(focus, env))]
    if name == "all":
        return lambda focus, env: [all(to_boolean(result) is True for _, result in per_item(focus, env))]
    return lambda focus, env: [value for _, result in per_item(focus, env) for value in result]  # select


def _iif(source: Fn, params: list[Fn]) -> Fn:
    if len(params) not in (2, 3):
        raise UnsupportedExpression("iif() takes 2 or 3 arguments")

    def iif(focus: list[Any], env: Env) -> list[Any]:
        items = source(focus, env)
        this = items[0] if len(items) == 1 else env.this
        inner = env.with_this(this)
        if to_boolean(params[0](items, inner)) is True:
            return params[1](items, inner)
        return params[2](items, inner) if len(params) == 3 else []

    return iif


_JSON_TYPES: Final[dict[str, Callable[[Any], bool]]] = {
    "decimal": lambda v: type(v) is float or type(v) is int,
    "integer": lambda v: type(v) is int,
    "boolean": lambda v: type(v) is bool,
    "string": lambda v: type(v) is str,
}
_SYSTEM_NAMES: Final = frozenset({"Boolean", "Decimal", "Integer", "String"})


def _type_test(name: str, source: Fn, type_name: str) -> Fn:
    """``is``/``as``/``ofType`` for resource types (a JSON object's ``resourceType``) and for the primitives
    whose JSON type tells them apart (decimal, integer, boolean). Other types raise UnsupportedExpression."""
    type_name = type_name.removeprefix("FHIR.")
    if type_name.startswith("System.") or type_name in _SYSTEM_NAMES:
        type_name = type_name.removeprefix("System.").lower()
    json_test = _JSON_TYPES.get(type_name)
    if json_test is None and not type_name[:1].isupper():
        raise UnsupportedExpression(f"type tests on {type_name} are not supported")

    def is_type(item: Any) -> bool:
        if json_test is not None:
            return json_test(item)
        return type(item) is dict and item.get("resourceType") == type_name

    if name == "is":
        return lambda focus, env: (lambda items: [is_type(items[0])] if len(items) == 1 else [])(source(focus, env))
    return lambda focus, env: [item for item in source(focus, env) if is_type(item)]


def _extension(source: Fn, url: Fn) -> Fn:
    def extension(focus: list[Any], env: Env) -> list[Any]:
        wanted = url(focus, env)
        out: list[Any] = []
        for item in source(focus, env):
            element = item.element if isinstance(item, NoValue) else item
            if type(element) is dict:
                out.extend(e for e in element.get("extension", ()) if type(e) is dict and [e.get("url")] == wanted)
        return out

    return extension


def compile_fhirpath(expression: str, *, choice_names: frozenset[str]) -> Fn:
    """Compile ``expression``; ``choice_names`` are the element names that are choice types (``value``,
    ``onset`` …). Raises ``UnsupportedExpression`` (outside the subset) or ``ValueError`` (syntax)."""
    try:
        tree = parse(expression)
        return _Compiler(choice_names).expression(_kids(tree)[0])
    except UnsupportedExpression:
        raise
    except Exception as error:  # the antlr parser raises bare Exceptions; a partial tree breaks the compiler
        raise ValueError(f"not a FHIRPath expression: {expression}") from error
