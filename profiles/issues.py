"""The validation issue: one problem found in a resource, as data (never raised one by one)."""

from __future__ import annotations

from typing import Literal, NamedTuple

Severity = Literal["fatal", "error", "warning", "information"]


class Issue(NamedTuple):
    """One OperationOutcome.issue in the making.

    ``code`` is a FHIR IssueType code (``structure``, ``required``, ``value``, ``code-invalid``,
    ``invariant``, ``invalid``, ``not-supported`` …); ``expression`` is the FHIRPath of the
    offending element with indexes, e.g. ``Patient.identifier[0].system``.

    ``profile`` is the canonical URL of the profile (or extension definition) whose rule was broken, and
    empty for the rules of base FHIR R4 itself. Callers use it to tell "not valid FHIR" (base) from "does
    not conform to a profile" (docs/adr/0002).

    A named tuple: immutable, and cheap to create (validation makes many).
    """

    severity: Severity
    code: str
    expression: str
    message: str
    profile: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity in ("fatal", "error")

    @property
    def is_base(self) -> bool:
        """A rule of base FHIR R4 (structure, datatypes, required bindings, base invariants)."""
        return not self.profile
