"""The typed envelope (§8) and the shared data types of §7.2–§7.4, as frozen dataclasses.

Role: what ``parse`` returns besides the body: ``Message`` = header + patient + episode + body. Field
annotations (``fields``) carry the contract's member definitions; field order is the wire order. Values are
normalised: text in NFC, timestamps as aware datetimes, optional arrays empty when absent, unique code
arrays as frozensets. Boundary: data only — multi-member rules live in ``envelope_rules``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from adapters.cosmic_link.errors import ErrorCode
from adapters.cosmic_link.fields import (
    UUID,
    Base64,
    Card,
    Checked,
    Date,
    Fixed,
    Oid,
    Phone,
    PlainString,
    PostalCode,
    ShortText100,
    ShortText200,
    Timestamp,
    Version,
)
from adapters.cosmic_link.formats import check_person_extension
from adapters.cosmic_link.vocabulary import (
    HSA_ROOT,
    KV_KOMMUN,
    PERSON_ROOTS,
    AttachmentType,
    CareSetting,
    CareType,
    GuardianConsent,
    LegalBasisType,
    MaturityLevel,
    MessageTypeName,
    Principal,
    Process,
    RegionProfile,
)

__all__ = [
    "Address",
    "Attachment",
    "Clinician",
    "Episode",
    "Guardian",
    "Header",
    "HsaId",
    "LegalBasis",
    "MaturityAssessment",
    "MunicipalityCv",
    "Party",
    "Patient",
    "PersonId",
    "PersonName",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class HsaId:
    """§7.2 HSA-id II: ``root`` is always the HSA OID; ``extension`` e.g. ``SE2321000156-BUP7``."""

    root: Annotated[str, Fixed(HSA_ROOT)]
    extension: Annotated[str, Checked.HSA_EXTENSION]


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonId:
    """§7.3 person identifier II: personnummer, samordningsnummer or a reserve number (by ``root``)."""

    root: Oid
    extension: PlainString

    def member_errors(self) -> list[tuple[str, ErrorCode, str]]:
        """§7.3: unknown root → ``unknown-code`` at root; otherwise the extension rules of that root."""
        if self.root not in PERSON_ROOTS:
            return [("root", ErrorCode.UNKNOWN_CODE, "not a person identifier root of §7.3")]
        code = check_person_extension(self.root, self.extension)
        if code is None:
            return []
        what = "check digit is wrong" if code is ErrorCode.CHECKSUM else "not a valid identifier for this root"
        return [("extension", code, what)]


@dataclass(frozen=True, slots=True, kw_only=True)
class MunicipalityCv:
    """§7.2 Municipality CV (KV Kommun)."""

    code: Annotated[str, Checked.MUNICIPALITY_CODE]
    code_system: Annotated[str, Fixed(KV_KOMMUN)]
    display_name: ShortText100 | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Party:
    """§8 Party: a sending or receiving unit."""

    id: HsaId
    name: ShortText200
    principal: Principal
    care_setting: CareSetting
    municipality: MunicipalityCv | None = None  # required for MUNICIPALITY


@dataclass(frozen=True, slots=True, kw_only=True)
class Clinician:
    """§8 Clinician."""

    name: ShortText200
    id: HsaId | None = None
    work_phone: Phone | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Attachment:
    """§8 Attachment."""

    file_name: ShortText200
    content_type: AttachmentType
    data: Base64


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonName:
    given: ShortText100
    family: ShortText100


@dataclass(frozen=True, slots=True, kw_only=True)
class Address:
    """§8 Patient ``registeredAddress``."""

    street_address: ShortText200
    postal_code: PostalCode
    city: ShortText100
    municipality: MunicipalityCv


@dataclass(frozen=True, slots=True, kw_only=True)
class Guardian:
    """§8 Guardian with their own consent and the CH-03 significant-harm flag."""

    name: PersonName
    id: PersonId | None = None
    phone: Phone | None = None
    consent: GuardianConsent
    significant_harm: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class MaturityAssessment:
    """§7.4 (CH-01, CH-05): who controls confidentiality for a child."""

    level: MaturityLevel
    assessed_by: Clinician | None = None  # required unless NOT_ASSESSED
    assessed_on: Date | None = None  # required unless NOT_ASSESSED


@dataclass(frozen=True, slots=True, kw_only=True)
class Patient:
    """§8 Patient."""

    id: PersonId
    name: PersonName
    birth_date: Date
    registered_address: Address
    guardians: Annotated[tuple[Guardian, ...], Card(1, 4)] = ()  # children only (§7.4)
    maturity_assessment: MaturityAssessment | None = None  # children only (§7.4)


@dataclass(frozen=True, slots=True, kw_only=True)
class LegalBasis:
    type: LegalBasisType
    admission_decision_date: Date | None = None  # required for LPT/OPT


@dataclass(frozen=True, slots=True, kw_only=True)
class Episode:
    """§8 Episode: the case."""

    episode_id: UUID
    region_profile: RegionProfile
    process: Process | None = None
    care_type: CareType
    legal_basis: LegalBasis | None = None  # required in AdmissionNotification


@dataclass(frozen=True, slots=True, kw_only=True)
class Header:
    """§8 header. ``version`` is always ``"1.0"``: a higher 1.x minor is validated and kept as 1.0 (§6)."""

    version: Version
    message_id: UUID
    message_type: MessageTypeName
    created_at: Timestamp
    sender: Party
    receivers: Annotated[tuple[Party, ...], Card(1, 20)]
