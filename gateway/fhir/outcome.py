"""OperationOutcome construction (R4): issues as data in, a resource dict out."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from profiles.issues import Issue

_ELEMENT_PATH = re.compile(r"^[A-Z][A-Za-z]*(?:[.\[]|$)")  # Task.status, Bundle.entry[0]…, Patient


def issue_to_json(issue: Issue) -> dict[str, Any]:
    item: dict[str, Any] = {
        "severity": issue.severity,
        "code": issue.code,
        "diagnostics": issue.message,
    }
    if issue.expression:
        item["expression"] = [issue.expression]
        if not _ELEMENT_PATH.match(issue.expression):
            # A header, URL part or search parameter, not an element: R4 OperationOutcome.issue.location
            # names HTTP things as "http." + the name (expression is kept: clients read it first).
            item["location"] = [f"http.{issue.expression}"]
    return item


def operation_outcome(issues: Iterable[Issue]) -> dict[str, Any]:
    rendered = [issue_to_json(i) for i in issues]
    if not rendered:
        rendered = [{"severity": "information", "code": "informational", "diagnostics": "All OK"}]
    return {"resourceType": "OperationOutcome", "issue": rendered}


def information(message: str, *, code: str = "informational") -> dict[str, Any]:
    return operation_outcome([Issue("information", code, "", message)])
