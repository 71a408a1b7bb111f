"""Read access to a checked message for the multi-member rules (§7.5 step 3).

Role: ``Tree`` answers "is this member present in the body?" and "what is its parsed value, if it is present
and valid?" — a member is valid while no error has been reported at or below its pointer, including errors
reported by earlier rules, so one defect gives one error. Boundary: no rules here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from adapters.lifecare.errors import ErrorCode
from adapters.lifecare.structure import INVALID, Context

__all__ = ["MISSING", "Tree"]

T = TypeVar("T")


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()


def _walk(node: Any, pointer: str) -> Any:
    for token in pointer.split("/")[1:]:
        if isinstance(node, dict):
            node = node.get(token, MISSING)
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return MISSING
    return node


@dataclass(slots=True)
class Tree:
    """The raw JSON body, its parsed tree and the validation context (pointers are built, never user input)."""

    raw: dict[str, Any]
    parsed: dict[str, Any]
    ctx: Context

    def present(self, pointer: str) -> bool:
        """The member is in the body (whatever its value)."""
        return _walk(self.raw, pointer) is not MISSING

    def count(self, pointer: str) -> int:
        """The number of items of an array in the body (0 if absent or not an array)."""
        value = _walk(self.raw, pointer)
        return len(value) if isinstance(value, list) else 0

    def has_error(self, pointer: str) -> bool:
        prefix = pointer + "/"
        return any(error.pointer == pointer or error.pointer.startswith(prefix) for error in self.ctx.errors)

    def valid(self, pointer: str) -> Any:
        """The parsed value if present and valid, else ``MISSING``."""
        value = _walk(self.parsed, pointer)
        if value is MISSING or value is INVALID or self.has_error(pointer):
            return MISSING
        return value

    def get(self, pointer: str, kind: type[T]) -> T | None:
        """The parsed value if present, valid and of ``kind``, else None."""
        value = self.valid(pointer)
        return value if isinstance(value, kind) else None

    def report(self, pointer: str, code: ErrorCode, text: str = "") -> None:
        self.ctx.report(pointer, code, text)
