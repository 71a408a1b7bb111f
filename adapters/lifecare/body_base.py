"""The common base of every message body (``innehall``): it names its ``meddelandetyp``.

Boundary: data only; the registry of body classes is ``message.BODY_CLASSES``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from adapters.lifecare.codes import Meddelandetyp

__all__ = ["Innehall"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Innehall:
    """Base of the §9 bodies."""

    MEDDELANDETYP: ClassVar[Meddelandetyp]
