"""Errors raised by the payment-liability package; every one derives from ``LiabilityError``.

Problems with the *facts* of a stay that the rules themselves answer (a missing admission notice, a
refused intervention, a revoked ready-for-discharge notice) are never errors: they come back as data
(``Finding`` and ``Exclusion`` in the report). Errors are reserved for input the rules cannot be applied to::

    LiabilityError (ValueError)
    ├── InvalidStayError         a Stay with naive datetimes or an impossible RFD / discharge history
    ├── RegionMismatchError      a stay of one region passed to the computation of another
    ├── RuleNotInForceError      a settlement month before the region's rules took effect (AMB-42)
    └── MissingDailyAmountError  a tariff table given, but without the year / care type a charge needs
"""

from __future__ import annotations

__all__ = [
    "InvalidStayError",
    "LiabilityError",
    "MissingDailyAmountError",
    "RegionMismatchError",
    "RuleNotInForceError",
]


class LiabilityError(ValueError):
    """Root of the liability package's errors."""


class InvalidStayError(LiabilityError):
    """A ``Stay`` (or one of its parts) cannot describe a real stay; raised when it is built."""


class RegionMismatchError(LiabilityError):
    """A stay's region profile differs from the region being computed (§0.3: one profile per case)."""


class RuleNotInForceError(LiabilityError):
    """The settlement month lies before the region's payment rules took effect (AMB-42)."""


class MissingDailyAmountError(LiabilityError):
    """``daily_amounts`` was given but lacks the ``(year, care type)`` entry a liable episode needs (P-GEN-03)."""
