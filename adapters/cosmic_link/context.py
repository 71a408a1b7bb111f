"""What a multi-member rule sees: valid values and present members by pointer, and where to report.

Role: the seam between the member walk (``structure``) and the rules (``envelope_rules``,
``body_rules``). ``get`` answers only for members that are present *and* valid, so a rule over several
members stays silent when one of them already has an error (§7.5 step 3). Boundary: no rules here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from adapters.cosmic_link.errors import ErrorCode
from adapters.cosmic_link.structure import Walker
from adapters.cosmic_link.vocabulary import MessageTypeName

__all__ = ["RuleContext"]


@dataclass(frozen=True, slots=True)
class RuleContext:
    walker: Walker
    message_type: MessageTypeName
    received_at: datetime

    def get(self, pointer: str) -> Any:
        """The typed value at ``pointer`` if present and valid, else ``None``."""
        return self.walker.values.get(pointer)

    def has(self, pointer: str) -> bool:
        """Whether the member is present at all (valid or not)."""
        return pointer in self.walker.present

    def fail(self, pointer: str, code: ErrorCode, message: str) -> None:
        self.walker.fail(pointer, code, message)
