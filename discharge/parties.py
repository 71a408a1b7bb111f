"""Units, people and the patient as the neutral events carry them (contracts §8 envelope; domain spec §1, §4.3).

Role: immutable value objects that both contracts' envelopes map onto (Lifecare ``Enhet``/``Patient``/
``Vardnadshavare``, Cosmic ``Party``/``Patient``/``Guardian``). Boundary: no validation of identifier
check digits or HSA-id syntax here — that is the adapters' contract check; these types only hold data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from discharge.codes import ConsentStatus, IdentifierKind, MaturityLevel, Principal, Sector

__all__ = [
    "Address",
    "Attachment",
    "Clinician",
    "Guardian",
    "MaturityAssessment",
    "Patient",
    "PersonIdentifier",
    "Unit",
]

ADULT_AGE = 18  # §4.3: a child is under 18


@dataclass(frozen=True, slots=True, kw_only=True)
class Unit:
    """A sending or receiving organisational unit (berörd enhet), identified by its HSA-id."""

    hsa_id: str
    name: str
    principal: Principal
    sector: Sector
    municipality_code: str | None = None  # required for municipal units (both contracts)
    municipality_name: str | None = None  # display name of ``municipality_code`` (Cosmic ``displayName``)


@dataclass(frozen=True, slots=True, kw_only=True)
class Clinician:
    """A named person acting for a unit: physician, convener, contact person (``Person`` / ``Clinician``)."""

    name: str
    hsa_id: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonIdentifier:
    """Personnummer, samordningsnummer or reserve number; ``issuer`` is the reserve-number issuer OID."""

    kind: IdentifierKind
    value: str
    issuer: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Address:
    street: str
    postal_code: str
    city: str
    municipality_code: str
    city_district: str | None = None  # Stockholm stadsdel: the payer unit (P-GEN-05)
    municipality_name: str | None = None  # display name of ``municipality_code`` (Cosmic ``displayName``)


@dataclass(frozen=True, slots=True, kw_only=True)
class Guardian:
    """A guardian (vårdnadshavare) with their own consent (AMB-39) and the CH-03 significant-harm flag."""

    given_name: str
    family_name: str
    consent: ConsentStatus
    significant_harm: bool = False
    identifier: PersonIdentifier | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MaturityAssessment:
    """CH-01 / CH-05: who controls confidentiality for a child."""

    level: MaturityLevel
    assessed_by: Clinician | None = None
    assessed_on: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Patient:
    """The individual. Every contract message carries it; FHIR REST writes may not (then ``None`` on the event)."""

    identifier: PersonIdentifier
    given_name: str
    family_name: str
    registered_address: Address
    birth_date: date | None = None
    guardians: tuple[Guardian, ...] = ()
    maturity: MaturityAssessment | None = None

    @property
    def effective_birth_date(self) -> date | None:
        """The stated birth date, else the one a personnummer or samordningsnummer encodes (day − 60)."""
        if self.birth_date is not None:
            return self.birth_date
        return _encoded_birth_date(self.identifier)

    def age_on(self, day: date) -> int | None:
        born = self.effective_birth_date
        if born is None:
            return None
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def is_child_on(self, day: date) -> bool:
        """Under 18 on ``day`` (contracts: counted on the Stockholm date of the message).

        Without any birth date the listed guardians decide: both contracts require guardians for a child and
        forbid them for an adult (AMB-CASE-07).
        """
        age = self.age_on(day)
        return bool(self.guardians) if age is None else age < ADULT_AGE


def _encoded_birth_date(identifier: PersonIdentifier) -> date | None:
    digits = identifier.value
    if identifier.kind is IdentifierKind.RESERVNUMMER or len(digits) != 12 or not digits.isdigit():
        return None
    day = int(digits[6:8]) - (60 if identifier.kind is IdentifierKind.SAMORDNINGSNUMMER else 0)
    try:
        return date(int(digits[:4]), int(digits[4:6]), day)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Attachment:
    """A message attachment; ``data`` stays base64 text (the core never decodes it)."""

    file_name: str
    content_type: str
    data: str
