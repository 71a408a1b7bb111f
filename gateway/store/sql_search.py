"""SearchQuery -> SQL (shared by SQLite and PostgreSQL): one EXISTS sub-query per clause.

Date ranges are half-open [start, end) in epoch microseconds on both sides; the prefix
semantics follow R4 §3.1.1.4.2 (search/prefix) on ranges.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gateway.search.query import (
    ChainMatch,
    Clause,
    DateMatch,
    Match,
    ReferenceMatch,
    SearchQuery,
    StringMatch,
    TokenMatch,
)

_TABLES = {"token": "idx_token", "string": "idx_string", "reference": "idx_reference", "date": "idx_date"}
_DAY_US = 86_400_000_000


@dataclass
class SqlBuilder:
    args: list[Any] = field(default_factory=list)

    def arg(self, value: Any) -> str:
        self.args.append(value)
        return f"${len(self.args)}"


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _token_sql(b: SqlBuilder, m: TokenMatch) -> str:
    parts = []
    if m.code is not None:
        parts.append(f"i.code = {b.arg(m.code)}")
    if m.no_system:
        parts.append("i.system IS NULL")
    elif m.system is not None:
        parts.append(f"i.system = {b.arg(m.system)}")
    return "(" + " AND ".join(parts or ["1=1"]) + ")"


def _string_sql(b: SqlBuilder, m: StringMatch) -> str:
    if m.mode == "exact":
        return f"i.exact = {b.arg(m.value)}"
    pattern = _like_escape(m.value) + "%"
    if m.mode == "contains":
        pattern = "%" + pattern
    return f"i.norm LIKE {b.arg(pattern)} ESCAPE '\\'"


def _reference_sql(b: SqlBuilder, m: ReferenceMatch) -> str:
    if m.target_id is None:
        return f"i.url = {b.arg(m.url)}"
    sql = f"i.target_id = {b.arg(m.target_id)}"
    if m.target_type is not None:
        sql += f" AND i.target_type = {b.arg(m.target_type)}"
    return f"({sql})"


def date_sql(b: SqlBuilder, m: DateMatch, start: str, end: str) -> str:
    """Conditions on a stored range [start, end) against the searched range of ``m``."""

    def eq() -> str:
        return f"({start} >= {b.arg(m.start_us)} AND {end} <= {b.arg(m.end_us)})"

    match m.prefix:
        case "eq":
            return eq()
        case "ne":
            return f"NOT {eq()}"
        case "gt":
            return f"{end} > {b.arg(m.end_us)}"
        case "lt":
            return f"{start} < {b.arg(m.start_us)}"
        case "ge":
            return f"{end} > {b.arg(m.start_us)}"
        case "le":
            return f"{start} < {b.arg(m.end_us)}"
        case "sa":
            return f"{start} >= {b.arg(m.end_us)}"
        case "eb":
            return f"{end} <= {b.arg(m.start_us)}"
        case "ap":
            # Approximately: overlap with the searched range widened by 10 % of its length, >= 1 day.
            widen = max((m.end_us - m.start_us) // 10, _DAY_US)
            return f"({start} < {b.arg(m.end_us + widen)} AND {end} > {b.arg(m.start_us - widen)})"
    raise ValueError(f"unknown date prefix {m.prefix}")


def _chain_sql(b: SqlBuilder, m: ChainMatch) -> str:
    """The referenced resource (alias ``c``) exists, is current, and matches the chained clause."""
    inner = _clause_sql(b, m.clause, res="c")
    return (
        f"(i.target_type = {b.arg(m.target_type)} AND EXISTS (SELECT 1 FROM resources c"
        f" WHERE c.res_type = i.target_type AND c.res_id = i.target_id AND c.deleted = 0 AND {inner}))"
    )


def _value_sql(b: SqlBuilder, clause: Clause, value: Match) -> str:
    if isinstance(value, ChainMatch):
        return _chain_sql(b, value)
    if isinstance(value, TokenMatch):
        return _token_sql(b, value)
    if isinstance(value, StringMatch):
        return _string_sql(b, value)
    if isinstance(value, ReferenceMatch):
        return _reference_sql(b, value)
    if isinstance(value, DateMatch):
        return date_sql(b, value, "i.start_us", "i.end_us")
    raise TypeError(f"unexpected match {value!r} for {clause.param}")


def _clause_sql(b: SqlBuilder, clause: Clause, *, res: str = "r") -> str:
    """One clause on the resource aliased ``res`` (``r`` at the top; ``c`` inside a chain)."""
    if clause.table == "id":
        ids = ", ".join(b.arg(v) for v in clause.values)
        return f"{'NOT ' if clause.negate else ''}{res}.res_id IN ({ids})"
    if clause.table == "lastUpdated":
        conds = [
            date_sql(b, v, f"{res}.last_updated_us", f"({res}.last_updated_us + 1)")
            for v in clause.values
            if isinstance(v, DateMatch)
        ]
        return "(" + " OR ".join(conds) + ")"
    table = _TABLES[clause.table]
    owner = f"i.res_type = {res}.res_type AND i.res_id = {res}.res_id AND i.param = {b.arg(clause.param)}"
    if clause.missing is not None:
        exists = f"EXISTS (SELECT 1 FROM {table} i WHERE {owner})"
        return f"NOT {exists}" if clause.missing else exists
    ors = " OR ".join(_value_sql(b, clause, v) for v in clause.values)
    exists = f"EXISTS (SELECT 1 FROM {table} i WHERE {owner} AND ({ors}))"
    return f"NOT {exists}" if clause.negate else exists


def where_sql(b: SqlBuilder, query: SearchQuery) -> str:
    conds = [f"r.res_type = {b.arg(query.resource_type)}", "r.deleted = 0"]
    conds += [_clause_sql(b, clause) for clause in query.clauses]
    return " AND ".join(conds)


def order_sql(query: SearchQuery) -> str:
    keys = []
    for key in query.sort:
        column = "r.last_updated_us" if key.param == "_lastUpdated" else "r.res_id"
        keys.append(f"{column} {'DESC' if key.descending else 'ASC'}")
    # seq breaks ties deterministically so that paging is stable.
    descending = bool(query.sort) and query.sort[0].descending
    keys.append(f"r.seq {'DESC' if descending else 'ASC'}")
    return ", ".join(keys)
