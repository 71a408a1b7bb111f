"""Compile official R4 ``SearchParameter`` resources into per-resource-type search parameters."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, cast, get_args

from gateway.search.fhirpath_subset import (
    CompiledExpression,
    Path,
    UnsupportedExpression,
    compile_expression,
)

__all__ = ["ParamType", "SearchParam", "SearchRegistry", "SkippedParam", "compile_search_parameters"]

ParamType = Literal["token", "string", "reference", "date", "uri", "number", "quantity", "composite", "special"]
StoreColumn = Literal["id", "last_updated"]

# Types with an index table (uri values are stored as tokens without a system).
INDEXED_TYPES: frozenset[str] = frozenset({"token", "string", "reference", "date", "uri"})
# DomainResource parameters do not apply to these (they are plain Resources).
_NOT_DOMAIN_RESOURCES = frozenset({"Bundle", "Binary", "Parameters"})

# Always present; the store answers them from its own columns, not from index rows.
_BUILTINS: tuple[tuple[str, ParamType, str, StoreColumn], ...] = (
    ("_id", "token", "Resource.id", "id"),
    ("_lastUpdated", "date", "Resource.meta.lastUpdated", "last_updated"),
)


@dataclass(frozen=True, slots=True)
class SearchParam:
    name: str  # the search code, e.g. "patient"
    type: ParamType
    resource_type: str
    expression: str
    path: Path
    targets: tuple[str, ...] = ()  # reference target types from the definition
    column: StoreColumn | None = None  # set for _id/_lastUpdated: answered from the store's own columns
    url: str | None = None

    @property
    def from_store_column(self) -> bool:
        return self.column is not None


class SkippedParam(NamedTuple):
    resource_type: str
    code: str
    reason: str


@dataclass(frozen=True, slots=True)
class SearchRegistry:
    by_type: Mapping[str, Mapping[str, SearchParam]]
    skipped: tuple[SkippedParam, ...] = field(default=())

    @property
    def resource_types(self) -> frozenset[str]:
        return frozenset(self.by_type)

    def params(self, resource_type: str) -> Mapping[str, SearchParam]:
        """The compiled parameters of ``resource_type`` by code; KeyError for a type not registered."""
        try:
            return self.by_type[resource_type]
        except KeyError:
            raise KeyError(f"no search parameters registered for resource type {resource_type!r}") from None

    def get(self, resource_type: str, code: str) -> SearchParam | None:
        return self.by_type.get(resource_type, {}).get(code)


def _bases(definition: Mapping[str, Any], resource_types: Collection[str]) -> list[str]:
    out: list[str] = []
    for base in definition.get("base") or ():
        if base == "Resource":
            out.extend(resource_types)
        elif base == "DomainResource":
            out.extend(t for t in resource_types if t not in _NOT_DOMAIN_RESOURCES)
        elif base in resource_types:
            out.append(base)
    return list(dict.fromkeys(out))


def _skip_reason(definition: Mapping[str, Any]) -> str | None:
    kind = definition.get("type")
    if kind not in get_args(ParamType):
        return f"unknown type {kind!r}"
    if kind not in INDEXED_TYPES:
        return f"type {kind} is not supported"
    usage = definition.get("xpathUsage")
    if usage not in (None, "normal") or definition.get("code") == "phonetic":  # usage may be trimmed away
        return f"xpathUsage {usage or 'phonetic'} is not supported"
    if not definition.get("expression"):
        return "no expression"
    return None


class _Compiler:
    def __init__(self, resource_types: Collection[str]) -> None:
        self.resource_types = list(dict.fromkeys(resource_types))
        self.by_type: dict[str, dict[str, SearchParam]] = {t: {} for t in self.resource_types}
        self.skipped: list[SkippedParam] = []
        self.expressions: dict[str, CompiledExpression] = {}

    def add_builtins(self) -> None:
        for code, kind, expression, column in _BUILTINS:
            compiled = self._expression(expression)
            for resource_type in self.resource_types:
                path = compiled.for_resource_type(resource_type)
                self.by_type[resource_type][code] = SearchParam(
                    code, kind, resource_type, expression, path, column=column
                )

    def add(self, definition: Mapping[str, Any]) -> None:
        code = str(definition.get("code", ""))
        bases = _bases(definition, self.resource_types)
        if not bases:
            return
        if not code:
            self.skipped.extend(SkippedParam(t, code, "no code") for t in bases)
            return
        if any(code == builtin[0] for builtin in _BUILTINS):
            return  # answered from store columns; the definition adds nothing
        reason = _skip_reason(definition)
        if reason is not None:
            self.skipped.extend(SkippedParam(t, code, reason) for t in bases)
            return
        expression = str(definition["expression"])
        try:
            compiled = self._expression(expression)
        except UnsupportedExpression as exc:
            self.skipped.extend(SkippedParam(t, code, str(exc)) for t in bases)
            return
        for resource_type in bases:
            self._add_one(definition, code, compiled, resource_type)

    def _add_one(
        self, definition: Mapping[str, Any], code: str, compiled: CompiledExpression, resource_type: str
    ) -> None:
        if code in self.by_type[resource_type]:
            self.skipped.append(SkippedParam(resource_type, code, f"duplicate of {code} (first one kept)"))
            return
        try:
            path = compiled.for_resource_type(resource_type)
        except UnsupportedExpression as exc:
            self.skipped.append(SkippedParam(resource_type, code, str(exc)))
            return
        self.by_type[resource_type][code] = SearchParam(
            name=code,
            type=cast(ParamType, definition["type"]),
            resource_type=resource_type,
            expression=compiled.expression,
            path=path,
            targets=tuple(str(t) for t in definition.get("target") or ()),
            url=definition.get("url"),
        )

    def _expression(self, expression: str) -> CompiledExpression:
        compiled = self.expressions.get(expression)
        if compiled is None:
            compiled = self.expressions[expression] = compile_expression(expression)
        return compiled

    def registry(self) -> SearchRegistry:
        return SearchRegistry(
            by_type=MappingProxyType({t: MappingProxyType(p) for t, p in self.by_type.items()}),
            skipped=tuple(self.skipped),
        )


def compile_search_parameters(defs: Iterable[Mapping[str, Any]], resource_types: Collection[str]) -> SearchRegistry:
    """Compile ``SearchParameter`` dicts for ``resource_types``; each expression is parsed once.

    ``_id`` and ``_lastUpdated`` are always registered (flagged with ``column``). Composite, special,
    number and quantity parameters, phonetic/nearby ones and unsupported expressions are listed in
    ``skipped``. For a code defined twice on a type the first non-experimental definition wins (R4
    ships experimental examples such as ``example-reference``, a second ``Condition`` ``subject``).
    """
    compiler = _Compiler(resource_types)
    compiler.add_builtins()
    ordered = sorted(defs, key=lambda d: bool(d.get("experimental")))
    for definition in ordered:
        if definition.get("resourceType", "SearchParameter") == "SearchParameter":
            compiler.add(definition)
    return compiler.registry()
