"""Errors of the mappings package::

    MappingError (ValueError)   a FHIR message or resource that cannot become a neutral event;
                                ``issues`` name every problem found, each with its FHIRPath expression

Problems are collected (``Reader``) and raised once, so a sender sees all of them in one OperationOutcome.
"""

from __future__ import annotations

from collections.abc import Sequence

from profiles.issues import Issue

__all__ = ["Issue", "MappingError"]


class MappingError(ValueError):
    """Root error of the package; ``issues`` are error-severity ``profiles.issues.Issue`` values."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues = tuple(issues)
        first = self.issues[0] if self.issues else None
        summary = f"{first.expression}: {first.message}" if first else "unmappable input"
        more = f" (+{len(self.issues) - 1} more)" if len(self.issues) > 1 else ""
        super().__init__(summary + more)
