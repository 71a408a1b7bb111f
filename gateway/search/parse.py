"""Search URL parameters -> ``SearchQuery`` (pure), per R4 §3.1.1 (search).

Known parameters come from the compiled official SearchParameters. Values that cannot be
parsed are a 400 whatever the handling; unknown parameters and unsupported modifiers are
collected so the caller can report them (lenient) or reject them (``Prefer: handling=strict``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import get_args

from gateway.errors import BadRequest
from gateway.search.extract import normalize_string, parse_date_range
from gateway.search.fhirpath_subset import parse_reference
from gateway.search.parameters import SearchParam, SearchRegistry
from gateway.search.query import (
    ChainMatch,
    Clause,
    DateMatch,
    DatePrefix,
    Match,
    ReferenceMatch,
    SearchQuery,
    SortKey,
    StringMatch,
    TokenMatch,
)

RESULT_PARAMETERS = frozenset({"_count", "_offset", "_sort", "_include", "_total", "_format", "_pretty", "_summary"})
_PREFIXES = frozenset(get_args(DatePrefix))
_TABLE_OF_TYPE = {
    "token": "token",
    "uri": "token",
    "string": "string",
    "reference": "reference",
    "date": "date",
}
_MODIFIERS = {
    "token": {"", "not", "missing"},
    "string": {"", "exact", "contains", "missing"},
    "reference": {"", "missing"},
    "date": {"", "missing"},
}
_ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")


@dataclass(frozen=True, slots=True)
class ParsedSearch:
    query: SearchQuery
    unknown: tuple[str, ...] = ()  # parameters ignored (reported in the Bundle, or 400 when strict)
    summary_count: bool = False
    # The parameters actually applied, for the Bundle's self/next/previous links (R4 search §3.1.1.2:
    # the self link states what was used, so a client can see what was ignored); _count/_offset excluded.
    used: tuple[tuple[str, str], ...] = ()


def split_escaped(value: str, separator: str) -> list[str]:
    """Split on ``separator`` not preceded by a backslash, then unescape (R4 §3.1.1.5.7)."""
    parts, current, escaped = [], [], False
    for char in value:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _token(value: str) -> TokenMatch:
    if "|" not in value.replace("\\|", ""):
        return TokenMatch(system=None, code=value.replace("\\|", "|"))
    head, _, code = value.partition("|")
    if head == "":
        return TokenMatch(system=None, code=code, no_system=True)
    return TokenMatch(system=head, code=code or None)


def _reference(value: str, type_modifier: str | None, targets: Sequence[str]) -> ReferenceMatch:
    parsed = parse_reference(value)
    if parsed is not None:
        return ReferenceMatch(target_type=parsed[0], target_id=parsed[1])
    if _ID.match(value):
        only = targets[0] if len(targets) == 1 else None
        return ReferenceMatch(target_type=type_modifier or only, target_id=value)
    return ReferenceMatch(target_type=None, target_id=None, url=value)


def _date(name: str, value: str, tz: tzinfo) -> DateMatch:
    prefix = value[:2]
    if prefix in _PREFIXES:
        value = value[2:]
    else:
        prefix = "eq"
    try:
        start, end = parse_date_range(value, tz=tz)
    except ValueError as exc:
        raise BadRequest(f"invalid date value for {name}: {exc}", expression=name) from exc
    return DateMatch(prefix=prefix, start_us=start, end_us=end)  # type: ignore[arg-type]


def _values(param: SearchParam, name: str, modifier: str, raw: str, tz: tzinfo) -> tuple[Match, ...]:
    table = _TABLE_OF_TYPE[param.type]
    out: list[Match] = []
    for value in split_escaped(raw, ","):
        if value == "":
            raise BadRequest(f"empty value for search parameter {name}", expression=name)
        if table == "token":
            out.append(_token(value) if param.type == "token" else TokenMatch(system=None, code=value))
        elif table == "string":
            if modifier == "exact":
                out.append(StringMatch(value, "exact"))
            else:
                out.append(StringMatch(normalize_string(value), "contains" if modifier == "contains" else "prefix"))
        elif table == "reference":
            out.append(_reference(value, modifier or None, param.targets))
        else:
            out.append(_date(name, value, tz))
    return tuple(out)


def _clause(param: SearchParam, name: str, modifier: str, raw: str, tz: tzinfo) -> Clause | None:
    table = _TABLE_OF_TYPE.get(param.type)
    if table is None:
        return None
    if param.type == "reference" and modifier and modifier in param.targets:
        pass  # subject:Patient=123
    elif modifier not in _MODIFIERS[table]:
        return None
    if modifier == "missing":
        if raw not in ("true", "false"):
            raise BadRequest(f"{name}:missing takes true or false", expression=name)
        return Clause(param=param.name, table=table, missing=raw == "true")  # type: ignore[arg-type]
    values = _values(param, name, modifier, raw, tz)
    return Clause(param=param.name, table=table, values=values, negate=modifier == "not")  # type: ignore[arg-type]


def _chain(key: str, raw: str, registry: SearchRegistry, resource_type: str, tz: tzinfo) -> Clause | None:
    """``patient.identifier=…`` or ``subject:Patient.name=…``: one level of chaining on a reference
    parameter; the chained parameter is looked up on each possible target type (OR-ed)."""
    head, _, tail = key.partition(".")
    ref_name, _, type_modifier = head.partition(":")
    param = registry.params(resource_type).get(ref_name)
    if param is None or param.type != "reference" or "." in tail or not tail:
        return None
    if type_modifier and type_modifier not in param.targets:
        return None
    inner_name, _, inner_modifier = tail.partition(":")
    matches: list[Match] = []
    for target in [type_modifier] if type_modifier else param.targets:
        if inner_name in ("_id", "_lastUpdated") and not inner_modifier:
            inner: Clause | None = _special(inner_name, raw, tz)
        else:
            inner_param = registry.get(target, inner_name)  # None too for a type we do not store
            inner = None if inner_param is None else _clause(inner_param, tail, inner_modifier, raw, tz)
        if inner is not None:
            matches.append(ChainMatch(target, inner))
    return Clause(param=param.name, table="reference", values=tuple(matches)) if matches else None


def _special(name: str, raw: str, tz: tzinfo) -> Clause:
    if name == "_id":
        values = tuple(split_escaped(raw, ","))
        bad = [v for v in values if not _ID.match(v)]
        if bad:
            raise BadRequest("_id values must be FHIR ids", expression="_id")
        return Clause(param="_id", table="id", values=values)
    return Clause(param="_lastUpdated", table="lastUpdated", values=tuple(_date(name, v, tz) for v in raw.split(",")))


def _int(name: str, raw: str, *, minimum: int) -> int:
    if not raw.isdigit() or int(raw) < minimum:
        raise BadRequest(f"{name} must be an integer >= {minimum}", expression=name)
    return int(raw)


def _sort(raw: str) -> tuple[tuple[SortKey, ...], list[str]]:
    keys, unknown = [], []
    for item in raw.split(","):
        descending = item.startswith("-")
        name = item.removeprefix("-")
        if name in ("_lastUpdated", "_id"):
            keys.append(SortKey(param=name, descending=descending))  # type: ignore[arg-type]
        else:
            unknown.append(f"_sort={item}")
    return tuple(keys), unknown


def _include(resource_type: str, raw: str, registry: SearchRegistry) -> tuple[str, str, str | None] | None:
    parts = raw.split(":")
    if len(parts) not in (2, 3) or parts[0] != resource_type:
        return None
    param = registry.params(resource_type).get(parts[1])
    if param is None or param.type != "reference":
        return None
    return (parts[0], parts[1], parts[2] if len(parts) == 3 else None)


@dataclass
class _Result:
    """The result parameters (_count, _offset, _sort, _include, _summary) as they are read."""

    count: int
    offset: int = 0
    sort: tuple[SortKey, ...] = ()
    includes: list[tuple[str, str, str | None]] = field(default_factory=list)
    summary_count: bool = False

    used: list[tuple[str, str]] = field(default_factory=list)

    def read(self, name: str, raw: str, resource_type: str, registry: SearchRegistry, max_count: int) -> list[str]:
        """Apply one result parameter; returns what was not understood."""
        if name == "_count":
            self.count = min(_int(name, raw, minimum=0), max_count)
        elif name == "_offset":
            self.offset = _int(name, raw, minimum=0)
        elif name == "_sort":
            self.sort, bad = _sort(raw)
            if self.sort:
                self.used.append((name, ",".join(("-" if k.descending else "") + k.param for k in self.sort)))
            return bad
        elif name == "_include":
            include = _include(resource_type, raw, registry)
            if include is None:
                return [f"_include={raw}"]
            self.includes.append(include)
            self.used.append((name, raw))
        elif name == "_summary":
            self.summary_count = raw == "count"
            if raw not in ("count", "false"):
                return [f"_summary={raw}"]
            self.used.append((name, raw))
        else:
            self.used.append((name, raw))  # _format, _pretty, _total: accepted, no effect on the result set
        return []


def parse_search(
    resource_type: str,
    params: Sequence[tuple[str, str]],
    registry: SearchRegistry,
    *,
    tz: tzinfo,
    default_count: int,
    max_count: int,
) -> ParsedSearch:
    known = registry.params(resource_type)
    clauses: list[Clause] = []
    unknown: list[str] = []
    result = _Result(count=default_count)
    used = result.used
    for key, raw in params:
        name, _, modifier = key.partition(":")
        if name in RESULT_PARAMETERS:
            unknown += result.read(name, raw, resource_type, registry, max_count)
            continue
        if name in ("_id", "_lastUpdated") and not modifier:
            clause: Clause | None = _special(name, raw, tz)
        elif "." in key:
            clause = _chain(key, raw, registry, resource_type, tz)
        elif name in known:
            clause = _clause(known[name], key, modifier, raw, tz)
        else:
            clause = None
        if clause is None:
            unknown.append(key)
        else:
            clauses.append(clause)
            used.append((key, raw))
    query = SearchQuery(resource_type, tuple(clauses), result.sort, result.count, result.offset, tuple(result.includes))
    return ParsedSearch(query=query, unknown=tuple(unknown), summary_count=result.summary_count, used=tuple(used))
