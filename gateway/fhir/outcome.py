"""OperationOutcome construction (R4): issues as data in, a resource dict out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from profiles.issues import Issue


def issue_to_json(issue: Issue) -> dict[str, Any]:
    item: dict[str, Any] = {
        "severity": issue.severity,
        "code": issue.code,
        "diagnostics": issue.message,
    }
    if issue.expression:
        item["expression"] = [issue.expression]
    return item


def operation_outcome(issues: Iterable[Issue]) -> dict[str, Any]:
    rendered = [issue_to_json(i) for i in issues]
    if not rendered:
        rendered = [{"severity": "information", "code": "informational", "diagnostics": "All OK"}]
    return {"resourceType": "OperationOutcome", "issue": rendered}


def information(message: str, *, code: str = "informational") -> dict[str, Any]:
    return operation_outcome([Issue("information", code, "", message)])
