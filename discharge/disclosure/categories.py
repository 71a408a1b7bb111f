"""The data categories D0–D17 of §4.4 and what each needs before it may leave the disclosing sector.

Role: the left half of the §4.4 table as data — category → requirement (none, a basis, consent only, never)
and the spec rules that govern it. Which message or field carries which category is ``catalogue``'s job;
applying the requirement to a case and a recipient is ``decision``'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

__all__ = ["CATEGORIES", "WITHDRAWAL_SCOPE", "Category", "CategoryRule", "Requirement"]


class Category(StrEnum):
    """§4.4 data categories (``value`` is the spec's id)."""

    D0 = "D0"
    D1 = "D1"
    D2 = "D2"
    D3 = "D3"
    D4 = "D4"
    D5 = "D5"
    D6 = "D6"
    D7 = "D7"
    D8 = "D8"
    D9 = "D9"
    D10 = "D10"
    D11 = "D11"
    D12 = "D12"
    D13 = "D13"
    D14 = "D14"
    D15 = "D15"
    D16 = "D16"
    D17 = "D17"


class Requirement(StrEnum):
    """What a category needs (§4.4 "Allowed without basis?")."""

    NONE = "none"  # minimal: allowed without any basis
    BASIS = "basis"  # §4.2 hasBasis(disclosing sector, purpose)
    CONSENT = "consent"  # consent only: a harm assessment or a board decision is not enough
    NEVER = "never"


@dataclass(frozen=True, slots=True)
class CategoryRule:
    requirement: Requirement
    rules: tuple[str, ...]  # the spec rules that govern the category, for the decision's ``rule``
    data: str
    child_rules: tuple[str, ...] = ()  # the §4.3 rules that add to it when the patient is a child


_NONE, _BASIS, _CONSENT, _NEVER = Requirement.NONE, Requirement.BASIS, Requirement.CONSENT, Requirement.NEVER

CATEGORIES: Mapping[Category, CategoryRule] = MappingProxyType(
    {
        Category.D0: CategoryRule(_NONE, (), "routing metadata: message type, case id, units, timestamps"),
        Category.D1: CategoryRule(_NONE, ("C-01",), "name, personnummer, registered address"),
        Category.D2: CategoryRule(_NONE, ("C-01",), "estimated discharge date"),
        Category.D3: CategoryRule(_NONE, (), "consent / harm-assessment status code, no reasons"),
        Category.D4: CategoryRule(_NONE, (), "reserve or coordination number instead of personnummer"),
        Category.D5: CategoryRule(_BASIS, ("C-01",), "responsible physician's name"),
        Category.D6: CategoryRule(_BASIS, ("C-01",), "contact / admission reason", ("CH-07",)),
        Category.D7: CategoryRule(_BASIS, ("C-01",), "extended personal data"),
        Category.D8: CategoryRule(_BASIS, ("C-07",), "track / process assignment"),
        Category.D9: CategoryRule(_BASIS, ("C-02",), "existing interventions and other reply content"),
        Category.D10: CategoryRule(_BASIS, ("C-07", "C-08"), "planning documentation, needs"),
        Category.D11: CategoryRule(_BASIS, ("C-09",), "SIP invitation"),
        Category.D12: CategoryRule(_BASIS, ("C-10",), "SIP content, establishment, follow-up", ("CH-06",)),
        Category.D13: CategoryRule(_BASIS, ("C-13",), "discharge information"),
        Category.D14: CategoryRule(_NONE, (), "process status without clinical content"),
        Category.D15: CategoryRule(_CONSENT, ("C-11",), "anything addressed to relatives"),
        Category.D16: CategoryRule(_NEVER, ("CH-03",), "anything addressed to a guardian flagged for harm"),
        Category.D17: CategoryRule(_CONSENT, ("C-08",), "social services ↔ municipal health care, one municipality"),
    }
)

# Rule 3(a): after a withdrawal, content of these categories is refused rather than redacted
WITHDRAWAL_SCOPE = frozenset(
    {
        Category.D5,
        Category.D6,
        Category.D7,
        Category.D8,
        Category.D9,
        Category.D10,
        Category.D11,
        Category.D12,
        Category.D13,
    }
)
