"""FHIRPath locations built lazily during validation: a tuple chain turned into text only for an issue."""

from __future__ import annotations

from typing import TypeAlias

__all__ = ["Path", "format_path"]

# The root name (``Patient``), or (parent, segment, index) — index None for a single value.
Path: TypeAlias = "str | tuple[Path, str, int | None]"


def format_path(path: Path) -> str:
    """``(("Patient", "identifier", 1), "system", None)`` → ``Patient.identifier[1].system``."""
    parts = []
    while not isinstance(path, str):
        path, segment, index = path
        parts.append(segment if index is None else f"{segment}[{index}]")
    parts.append(path)
    return ".".join(reversed(parts))
