"""The parsed search: typed clauses the store turns into SQL (no SQL here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Table = Literal["token", "string", "reference", "date", "id", "lastUpdated"]
DatePrefix = Literal["eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap"]


@dataclass(frozen=True, slots=True)
class TokenMatch:
    system: str | None  # None: any system (unless ``no_system``)
    code: str | None  # None: any code in ``system`` ("system|")
    no_system: bool = False  # "|code": the element has no system


@dataclass(frozen=True, slots=True)
class StringMatch:
    value: str  # normalised for prefix/contains, as given for exact
    mode: Literal["prefix", "exact", "contains"] = "prefix"


@dataclass(frozen=True, slots=True)
class ReferenceMatch:
    target_type: str | None
    target_id: str | None
    url: str | None = None  # canonical / absolute reference matched as given


@dataclass(frozen=True, slots=True)
class DateMatch:
    prefix: DatePrefix
    start_us: int
    end_us: int  # half-open [start, end)


@dataclass(frozen=True, slots=True)
class ChainMatch:
    """A chained parameter (R4 search §3.1.1.4.13, one level): the reference's target is a
    ``target_type`` resource that matches ``clause`` (``Encounter?patient.identifier=…``)."""

    target_type: str
    clause: Clause


Match = TokenMatch | StringMatch | ReferenceMatch | DateMatch | ChainMatch | str


@dataclass(frozen=True, slots=True)
class Clause:
    param: str
    table: Table
    values: tuple[Match, ...] = ()  # OR-ed; repeated parameters become separate (AND-ed) clauses
    negate: bool = False  # :not
    missing: bool | None = None  # :missing=true|false


@dataclass(frozen=True, slots=True)
class SortKey:
    param: Literal["_lastUpdated", "_id"]
    descending: bool = False


@dataclass(frozen=True, slots=True)
class SearchQuery:
    resource_type: str
    clauses: tuple[Clause, ...] = ()
    sort: tuple[SortKey, ...] = ()
    count: int = 50
    offset: int = 0
    includes: tuple[tuple[str, str, str | None], ...] = field(default=())  # (source type, param, target type)
