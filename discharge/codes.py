"""Neutral code lists shared by the discharge events and the case (domain spec §2–§4, both contracts §10).

Role: one vocabulary for everything the Lifecare SP–style and Cosmic Link–style adapters (and FHIR input)
produce. Each enum is the union of what both contracts can express; adapters map their own spellings
(``GRON``/``GREEN``, ``LAMNAT``/``GIVEN``) onto these values. Boundary: codes only, no behaviour beyond
trivial classification helpers. Values are stable strings because they are persisted (``event_to_dict``).
"""

from __future__ import annotations

from enum import StrEnum


class Principal(StrEnum):
    """The two principals (huvudmän), §1."""

    REGION = "REGION"
    MUNICIPALITY = "MUNICIPALITY"


class Sector(StrEnum):
    """Care setting of a unit; also the *disclosing sector* of a legal-basis record (§4.2)."""

    INPATIENT = "INPATIENT"  # A1 slutenvård
    OUTPATIENT = "OUTPATIENT"  # A3 regionens öppenvård
    SOCIAL_SERVICES = "SOCIAL_SERVICES"  # A4 socialtjänst
    MUNICIPAL_HEALTH_CARE = "MUNICIPAL_HEALTH_CARE"  # A5 kommunal hälso- och sjukvård

    @property
    def principal(self) -> Principal:
        if self in (Sector.INPATIENT, Sector.OUTPATIENT):
            return Principal.REGION
        return Principal.MUNICIPALITY

    @property
    def is_health_care(self) -> bool:
        """C-03: every sector but social services may rely on a harm assessment."""
        return self is not Sector.SOCIAL_SERVICES


class Need(StrEnum):
    """Needs for interventions after discharge (M-01 ``behovAvInsatser`` / ``servicesNeeded``)."""

    SOCIAL_SERVICES = "SOCIAL_SERVICES"
    MUNICIPAL_HEALTH_CARE = "MUNICIPAL_HEALTH_CARE"
    OUTPATIENT = "OUTPATIENT"


MUNICIPAL_NEEDS = frozenset({Need.SOCIAL_SERVICES, Need.MUNICIPAL_HEALTH_CARE})


class CareType(StrEnum):
    SOMATIC = "SOMATIC"
    PSYCHIATRIC = "PSYCHIATRIC"


class CareStatute(StrEnum):
    """Statute the inpatient stay runs under (Cosmic ``episode.legalBasis.type``, Lifecare ``lagrum``)."""

    VOLUNTARY = "VOLUNTARY"
    LPT = "LPT"  # compulsory psychiatric inpatient care
    OPT = "OPT"  # readmission under an ongoing ÖPT


class ConsentStatus(StrEnum):
    """Consent / harm-assessment status as messages state it (contracts §10 Samtyckesstatus / Consent)."""

    GIVEN = "GIVEN"
    REFUSED = "REFUSED"
    WITHDRAWN = "WITHDRAWN"
    HARM_ASSESSMENT_PERMITS = "HARM_ASSESSMENT_PERMITS"
    HARM_ASSESSMENT_DENIES = "HARM_ASSESSMENT_DENIES"
    NOT_ASKED = "NOT_ASKED"


class ConsentGivenBy(StrEnum):
    PATIENT = "PATIENT"
    GUARDIAN = "GUARDIAN"
    LEGAL_REPRESENTATIVE = "LEGAL_REPRESENTATIVE"
    SOCIAL_WELFARE_BOARD = "SOCIAL_WELFARE_BOARD"  # CH-02, social services only


class Purpose(StrEnum):
    """What a disclosure is for (§4.2 ``hasBasis(sector, purpose)``; M-24 ``avser`` / ``purposes``)."""

    INFORMATION_EXCHANGE = "INFORMATION_EXCHANGE"
    SIP_INVITATION = "SIP_INVITATION"
    SIP_ESTABLISHMENT = "SIP_ESTABLISHMENT"
    RELATIVES = "RELATIVES"


class MaturityLevel(StrEnum):
    """CH-01 child maturity assessment (``childMaturityAssessment``)."""

    NOT_ASSESSED = "NOT_ASSESSED"
    CHILD_DECIDES = "CHILD_DECIDES"
    JOINT = "JOINT"
    GUARDIANS_DECIDE = "GUARDIANS_DECIDE"


class IdentifierKind(StrEnum):
    PERSONNUMMER = "PERSONNUMMER"
    SAMORDNINGSNUMMER = "SAMORDNINGSNUMMER"
    RESERVNUMMER = "RESERVNUMMER"


class Intervention(StrEnum):
    """Existing or planned interventions: union of Lifecare ``Insats`` and Cosmic ``Intervention``."""

    HOME_HELP = "HOME_HELP"
    HOME_HEALTH_CARE = "HOME_HEALTH_CARE"
    SPECIAL_HOUSING = "SPECIAL_HOUSING"
    SHORT_TERM_HOUSING = "SHORT_TERM_HOUSING"
    HOUSING_WITH_SPECIAL_SERVICE = "HOUSING_WITH_SPECIAL_SERVICE"
    SAFETY_ALARM = "SAFETY_ALARM"
    MEAL_DELIVERY = "MEAL_DELIVERY"
    DAY_ACTIVITY = "DAY_ACTIVITY"
    RESPITE_CARE = "RESPITE_CARE"
    LSS_SUPPORT = "LSS_SUPPORT"
    PERSONAL_ASSISTANCE = "PERSONAL_ASSISTANCE"
    CONTACT_PERSON = "CONTACT_PERSON"
    FAMILY_SUPPORT = "FAMILY_SUPPORT"
    FOSTER_CARE = "FOSTER_CARE"
    RESIDENTIAL_CARE = "RESIDENTIAL_CARE"
    SCHOOL_SUPPORT = "SCHOOL_SUPPORT"
    ASSISTIVE_DEVICES = "ASSISTIVE_DEVICES"
    REHABILITATION = "REHABILITATION"
    ASIH = "ASIH"
    PRIMARY_CARE = "PRIMARY_CARE"
    OUTPATIENT_PSYCHIATRY = "OUTPATIENT_PSYCHIATRY"
    HOUSING_ADAPTATION = "HOUSING_ADAPTATION"
    OTHER = "OTHER"


class Service(StrEnum):
    """Regional services (Cosmic ``Service``), targets of referrals and ongoing contacts."""

    PRIMARY_CARE = "PRIMARY_CARE"
    CHILD_HEALTH_CENTRE = "CHILD_HEALTH_CENTRE"
    SPECIALIST_OUTPATIENT = "SPECIALIST_OUTPATIENT"
    CHILD_AND_ADOLESCENT_PSYCHIATRY = "CHILD_AND_ADOLESCENT_PSYCHIATRY"
    ADULT_PSYCHIATRY = "ADULT_PSYCHIATRY"
    HABILITATION = "HABILITATION"
    ASIH = "ASIH"
    REHABILITATION = "REHABILITATION"
    INPATIENT_GERIATRICS = "INPATIENT_GERIATRICS"  # M-15 STO «slutenvårdsgeriatrik»
    OTHER_HOSPITAL = "OTHER_HOSPITAL"  # M-15 STO «annat sjukhus»
    OTHER = "OTHER"


class Profession(StrEnum):
    PHYSICIAN = "PHYSICIAN"
    NURSE = "NURSE"
    DISTRICT_NURSE = "DISTRICT_NURSE"
    OCCUPATIONAL_THERAPIST = "OCCUPATIONAL_THERAPIST"
    PHYSIOTHERAPIST = "PHYSIOTHERAPIST"
    SOCIAL_WORKER = "SOCIAL_WORKER"
    PSYCHOLOGIST = "PSYCHOLOGIST"
    OTHER = "OTHER"


class Responsible(StrEnum):
    """Who carries out a SIP / LPT-plan measure (``ansvarig`` / ``responsible``)."""

    INPATIENT = "INPATIENT"
    OUTPATIENT = "OUTPATIENT"
    SOCIAL_SERVICES = "SOCIAL_SERVICES"
    MUNICIPAL_HEALTH_CARE = "MUNICIPAL_HEALTH_CARE"
    OTHER = "OTHER"


class Location(StrEnum):
    """Meeting place (Lifecare ``Plats`` / Cosmic ``Location``)."""

    HOME = "HOME"
    INPATIENT_WARD = "INPATIENT_WARD"
    OUTPATIENT_CLINIC = "OUTPATIENT_CLINIC"
    MUNICIPAL_PREMISES = "MUNICIPAL_PREMISES"
    SCHOOL = "SCHOOL"
    OTHER = "OTHER"


class MeetingMode(StrEnum):
    IN_PERSON = "IN_PERSON"
    PHONE = "PHONE"
    VIDEO = "VIDEO"


class Destination(StrEnum):
    """Where the patient was discharged to (``utskrivenTill`` / ``dischargedTo``)."""

    HOME = "HOME"
    SPECIAL_HOUSING = "SPECIAL_HOUSING"
    SHORT_TERM_HOUSING = "SHORT_TERM_HOUSING"
    FOSTER_HOME = "FOSTER_HOME"
    RESIDENTIAL_CARE = "RESIDENTIAL_CARE"
    OTHER_INPATIENT = "OTHER_INPATIENT"
    OTHER = "OTHER"


class CloseReason(StrEnum):
    """``closeReason`` codes of §2.2 (M-22, T12, T13)."""

    SIP_ESTABLISHED = "SIP_ESTABLISHED"
    DISCHARGED_NO_FURTHER_COORDINATION = "DISCHARGED_NO_FURTHER_COORDINATION"
    DECEASED = "DECEASED"
    NO_CONSENT_NO_SIP = "NO_CONSENT_NO_SIP"
    NEEDS_CHANGED_OUT_OF_SCOPE = "NEEDS_CHANGED_OUT_OF_SCOPE"
    TRANSFERRED_TO_OTHER_INPATIENT_PROVIDER = "TRANSFERRED_TO_OTHER_INPATIENT_PROVIDER"
    ENTERED_IN_ERROR = "ENTERED_IN_ERROR"
    OTHER = "OTHER"
