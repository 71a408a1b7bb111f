"""Errors of the discharge process core; every one derives from ``DischargeError``.

A process *deviation* that the case can still record (a late notice, a discharge without a
ready-for-discharge notice) is data (``Deviation`` on the case), never an error. Errors are for input the
process cannot apply::

    DischargeError (ValueError)
    ├── InvalidEventError      an event that cannot exist: naive datetime, unknown type, malformed dict
    └── TransitionRejected     a guard of T1–T14 (or of a sub-machine) refused the event for this case

The gateway turns ``TransitionRejected`` into the contracts' ``out-of-sequence`` deviation (contracts §4:
a message that does not fit the case is accepted with a deviation, never rejected for that reason).
"""

from __future__ import annotations

__all__ = ["DischargeError", "InvalidEventError", "TransitionRejected"]


class DischargeError(ValueError):
    """Root of the discharge package's errors."""


class InvalidEventError(DischargeError):
    """An event (or its dict form) that violates the neutral event model itself."""


class TransitionRejected(DischargeError):
    """A transition guard refused an event.

    ``transition`` is the spec's transition id (``T8``) or, for events outside the T-table, the message
    type (``M-19``); ``rule`` is the rule that failed (``R-29``, ``C-10``), or ``None`` for a pure
    state-machine refusal. ``str(error)`` reads ``"T8 rejected: R-29 open referral to another inpatient
    provider"``.
    """

    def __init__(self, transition: str, reason: str, *, rule: str | None = None) -> None:
        self.transition = transition
        self.rule = rule
        self.reason = reason
        cited = f"{rule} " if rule else ""
        super().__init__(f"{transition} rejected: {cited}{reason}")
