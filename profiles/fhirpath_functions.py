"""The FHIRPath functions the compiled invariants call on whole collections (``exists()``, ``distinct()``,
``matches()`` …): plain functions over lists of JSON values, looked up by ``profiles.fhirpath_compile``.

Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final

from profiles.fhirpath_values import FhirPathError, NoValue, equal, to_boolean

__all__ = ["EAGER", "distinct"]

# Each entry: name → (number of arguments, how the arguments are passed, implementation).
# "lazy" arguments are compiled sub-expressions evaluated per input item ($this = the item); "eager" ones are
# evaluated once against the focus of the whole invocation.


def _exists(items: list[Any]) -> list[Any]:
    return [bool(items)]


def _has_value(items: list[Any]) -> list[Any]:
    return [len(items) == 1 and not isinstance(items[0], (dict, NoValue))]


def _single_string(items: list[Any]) -> str | None:
    if not items:
        return None
    if len(items) > 1:
        raise FhirPathError("a string function got several items")
    value = items[0]
    return value if type(value) is str else None


def _string_fn(operation: Callable[[str, list[Any]], Any]) -> Callable[[list[Any], list[list[Any]]], list[Any]]:
    def apply(items: list[Any], args: list[list[Any]]) -> list[Any]:
        value = _single_string(items)
        if value is None or any(not a for a in args):
            return []
        result = operation(value, [a[0] for a in args])
        return [] if result is None else [result]

    return apply


def _substring(value: str, args: list[Any]) -> str | None:
    start = args[0]
    if type(start) is not int or not 0 <= start < len(value):
        return None
    if len(args) > 1:
        return value[start : start + int(args[1])]
    return value[start:]


def _hashable(item: Any) -> bool:
    """Equal exactly when equal as Python values: not a date-like string (those start with a digit)."""
    kind = type(item)
    return (kind is str and not item[:1].isdigit()) or kind is bool or kind is int


def _distinct(items: list[Any]) -> list[Any]:
    if all(_hashable(item) for item in items):  # the common case, in linear time
        return [value for _, value in dict.fromkeys((type(item), item) for item in items)]
    out: list[Any] = []
    for item in items:
        if not any(equal([item], [seen]) for seen in out):
            out.append(item)
    return out


def _to_string(items: list[Any]) -> list[Any]:
    if len(items) != 1:
        return []
    value = items[0]
    if type(value) is bool:
        return ["true" if value else "false"]
    return [str(value)] if isinstance(value, (str, int, float)) else []


def _to_integer(items: list[Any]) -> list[Any]:
    if len(items) != 1:
        return []
    value = items[0]
    if type(value) is int:
        return [value]
    if type(value) is str and re.fullmatch(r"[+-]?\d+", value):
        return [int(value)]
    return []


def _children_of(items: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if type(item) is dict:
            for key, value in item.items():
                if key != "resourceType" and not key.startswith("_"):
                    out.extend(value if type(value) is list else [value])
    return out


def _descendants(items: list[Any]) -> list[Any]:
    out: list[Any] = []
    pending = _children_of(items)
    while pending:
        out.extend(pending)
        pending = _children_of(pending)
    return out


EAGER: Final[dict[str, tuple[int, Callable[[list[Any], list[list[Any]]], list[Any]]]]] = {
    "empty": (0, lambda items, _: [not items]),
    "exists": (0, lambda items, _: _exists(items)),
    "count": (0, lambda items, _: [len(items)]),
    "not": (0, lambda items, _: [] if (b := to_boolean(items)) is None else [not b]),
    "hasValue": (0, lambda items, _: _has_value(items)),
    "first": (0, lambda items, _: items[:1]),
    "last": (0, lambda items, _: items[-1:]),
    "tail": (0, lambda items, _: items[1:]),
    "distinct": (0, lambda items, _: _distinct(items)),
    "isDistinct": (0, lambda items, _: [len(_distinct(items)) == len(items)]),
    "toString": (0, lambda items, _: _to_string(items)),
    "toInteger": (0, lambda items, _: _to_integer(items)),
    "children": (0, lambda items, _: _children_of(items)),
    "descendants": (0, lambda items, _: _descendants(items)),
    "length": (0, _string_fn(lambda s, _: len(s))),
    "lower": (0, _string_fn(lambda s, _: s.lower())),
    "upper": (0, _string_fn(lambda s, _: s.upper())),
    "startsWith": (1, _string_fn(lambda s, a: s.startswith(str(a[0])))),
    "endsWith": (1, _string_fn(lambda s, a: s.endswith(str(a[0])))),
    "contains": (1, _string_fn(lambda s, a: str(a[0]) in s)),
    "matches": (1, _string_fn(lambda s, a: re.search(str(a[0]), s) is not None)),
    "replaceMatches": (2, _string_fn(lambda s, a: re.sub(str(a[0]), str(a[1]), s))),
    "substring": (1, _string_fn(_substring)),
    "combine": (1, lambda items, args: items + args[0]),
    "union": (1, lambda items, args: _distinct(items + args[0])),
    "intersect": (1, lambda items, args: [i for i in _distinct(items) if any(equal([i], [o]) for o in args[0])]),
    "exclude": (1, lambda items, args: [i for i in items if not any(equal([i], [o]) for o in args[0])]),
}


distinct = _distinct
