"""The individual → Patient (SEBasePatient shape), guardians → RelatedPerson; M-25 as a Patient update.

Patient.id derives from the person identifier (one Patient per person, whatever the case). Guardians are
RelatedPerson resources (glossary: vårdnadshavare → RelatedPerson GUARD, each with their own consent
status), relatives of M-25 are ``Patient.contact``. In a message the Patient entry is ``event.patient``
exactly when it has an identifier; an M-25 about an unnamed patient carries an identifier-less Patient.
The gateway stores ``case_patient_resources``: the case's patient with the latest M-25 and the time of
death (M-21) laid over it.
"""

from __future__ import annotations

from typing import Any

from discharge.admission_events import HousingType, PersonalDataUpdated, Relation, Relative
from discharge.case import Case
from discharge.codes import ConsentStatus, MaturityLevel
from discharge.event_base import DischargeEvent
from discharge.parties import Address, Guardian, MaturityAssessment, Patient
from mappings.codes import (
    BCP47,
    INTERPRETER_REQUIRED,
    SCT,
    SCT_REGISTERED_ADDRESS,
    SE_ADDRESS_TYPE,
    V3_ROLE_CODE,
    resource_id,
)
from mappings.fields import (
    BOOLEAN,
    DATE,
    STRING,
    Bad,
    Codec,
    Many,
    Nested,
    Reader,
    bind,
    coding,
    concept,
    decode,
    encode,
    field,
)
from mappings.parties import CLINICIAN, MUNICIPALITY, PERSON_IDENTIFIER, person_identifier
from mappings.paths import Item, path
from mappings.spec import EventSpec, Links, Node

__all__ = [
    "PERSONAL_DATA_UPDATED",
    "bundle_patient",
    "case_patient_resources",
    "patient_id",
    "patient_resources",
]

_ADDRESS_FIELDS = bind(
    Address,
    field("street", "line[0]", STRING),
    field("postal_code", "postalCode", STRING),
    field("city", "city", STRING),
    field("municipality_code", "extension[municipality].valueCoding", MUNICIPALITY),
    field("city_district", "extension[city-district].valueString", STRING, "STO stadsdel (P-GEN-05)"),
    field("municipality_name", "extension[municipality].valueCoding.display", STRING),
)

_MATURITY_FIELDS = bind(
    MaturityAssessment,
    field("level", "sub[level].valueCoding", coding(MaturityLevel)),
    field("assessed_by", "sub[assessed-by].valueReference", CLINICIAN),
    field("assessed_on", "sub[assessed-on].valueDate", DATE),
)

_PATIENT_FIELDS = bind(
    Patient,
    field("identifier", "identifier[0]", PERSON_IDENTIFIER, "personnummer / samordningsnummer / reservnummer"),
    field("given_name", "name[use=official].given[0]", STRING),
    field("family_name", "name[use=official].family", STRING),
    field("registered_address", "address[use=home]", Nested(Address, _ADDRESS_FIELDS), "folkbokföringsadress"),
    field("birth_date", "birthDate", DATE),
    field("maturity", "extension[maturity-assessment]", Nested(MaturityAssessment, _MATURITY_FIELDS), "CH-01"),
)

_GUARDIAN_FIELDS = bind(
    Guardian,
    field("given_name", "name[0].given[0]", STRING),
    field("family_name", "name[0].family", STRING),
    field("consent", "extension[consent-status].valueCoding", coding(ConsentStatus), "AMB-39"),
    field("significant_harm", "extension[significant-harm].valueBoolean", BOOLEAN, "CH-03"),
    field("identifier", "identifier[0]", PERSON_IDENTIFIER),
    field("phone", "telecom[system=phone].value", STRING),
)

_RELATIVE_FIELDS = bind(
    Relative,
    field("name", "name.text", STRING),
    field("relation", "relationship[0]", concept(Relation)),
    field("phone", "telecom[system=phone].value", STRING),
)


def _language(raw: Any, _: Node) -> str:
    found = next((c.get("code") for c in raw.get("coding", []) if c.get("system") == BCP47), None)
    if not isinstance(found, str):
        raise Bad(f"expected a {BCP47} language coding")
    return found


_LANGUAGE = Codec("CodeableConcept", lambda v, _: {"coding": [{"system": BCP47, "code": v}]}, _language)
_INTERPRETER = Item("extension", {"url": INTERPRETER_REQUIRED}, label="patient-interpreterRequired")

# M-25 PersonalDataUpdated → Patient (STO; D7 — never without a legal basis)
_PERSONAL_DATA_FIELDS = bind(
    PersonalDataUpdated,
    field("phone", "telecom[system=phone].value", STRING),
    field("email", "telecom[system=email].value", STRING),
    field("housing_type", "extension[housing-type].valueCoding", coding(HousingType), "glossary gw:housingType"),
    field("temporary_address", "address[use=temp]", Nested(Address, _ADDRESS_FIELDS), "tillfällig vistelseadress"),
    field("relatives", "contact[?name]", Many(Nested(Relative, _RELATIVE_FIELDS)), "närstående"),
    field("outpatient_psychiatry_contact", "extension[outpatient-psychiatry-contact].valueBoolean", BOOLEAN),
    field("home_health_care", "extension[home-health-care].valueBoolean", BOOLEAN),
    field("interpreter_needed", path(_INTERPRETER, "valueBoolean"), BOOLEAN, "tolkbehov"),
    field("interpreter_language", "communication[0].language", _LANGUAGE, "ISO 639-1 (BCP 47)"),
)


def patient_id(patient: Patient | None, case_id: str) -> str:
    if patient is None:
        return resource_id("case-patient", case_id)
    identifier = person_identifier(patient.identifier)
    return resource_id("patient", identifier["system"], identifier["value"])


def patient_resources(
    patient: Patient | None, case_id: str, *, update: PersonalDataUpdated | None = None
) -> list[Node]:
    """Patient (with an M-25 update laid over it) and a RelatedPerson per guardian, in order."""
    pid = patient_id(patient, case_id)
    node: Node = {"resourceType": "Patient", "id": pid}
    if patient is not None:
        encode(patient, _PATIENT_FIELDS, node, node)
        node["address"][0]["extension"] = [
            {
                "url": SE_ADDRESS_TYPE,  # HL7 SE: folkbokföringsadress
                "valueCodeableConcept": {"coding": [{"system": SCT, "code": SCT_REGISTERED_ADDRESS}]},
            },
            *node["address"][0].get("extension", []),
        ]
    if update is not None:
        encode(update, _PERSONAL_DATA_FIELDS, node, node)
    guardians = [_guardian(g, pid, i) for i, g in enumerate(patient.guardians if patient else ())]
    return [node, *guardians]


def _guardian(guardian: Guardian, pid: str, index: int) -> Node:
    node: Node = {
        "resourceType": "RelatedPerson",
        "id": resource_id("guardian", pid, str(index)),
        "active": True,
        "patient": {"reference": f"Patient/{pid}"},
        "relationship": [{"coding": [{"system": V3_ROLE_CODE, "code": "GUARD", "display": "guardian"}]}],
    }
    encode(guardian, _GUARDIAN_FIELDS, node, node)
    return node


def case_patient_resources(case: Case, event: DischargeEvent) -> list[Node]:
    """What the gateway stores for the patient: demographics, the latest M-25, the time of death (M-21)."""
    patient = case.patient or event.patient
    updates = [e.event for e in case.history if isinstance(e.event, PersonalDataUpdated)]
    if isinstance(event, PersonalDataUpdated) and event not in updates:
        updates.append(event)
    if patient is None and not updates:
        return []
    resources = patient_resources(patient, case.case_id, update=updates[-1] if updates else None)
    if case.deceased_at is not None:
        resources[0]["deceasedDateTime"] = case.deceased_at.isoformat()  # M-21 → Patient.deceasedDateTime
    return resources


def patient_link(resources: list[Node]) -> Node | None:
    return {"reference": f"Patient/{resources[0]['id']}"} if resources else None


def bundle_patient(patient: Node, where: str, related: list[tuple[Node, str]], reader: Reader) -> Patient | None:
    """``event.patient`` from a message's Patient entry (None without an identifier) and its guardians."""
    if not patient.get("identifier"):
        return None
    guardians = []
    for node, node_where in related:
        guardian = decode(Guardian, _GUARDIAN_FIELDS, node, node_where, node, reader)
        if isinstance(guardian, Guardian):
            guardians.append(guardian)
    base = decode(Patient, _PATIENT_FIELDS, patient, where, patient, reader)
    if not isinstance(base, Patient):
        return None
    return Patient(
        identifier=base.identifier,
        given_name=base.given_name,
        family_name=base.family_name,
        registered_address=base.registered_address,
        birth_date=base.birth_date,
        guardians=tuple(guardians),
        maturity=base.maturity,
    )


def _personal_data_skeleton(event: PersonalDataUpdated, links: Links) -> Node:
    return patient_resources(event.patient, event.case_id)[0]


# M-25: the focus is the Patient entry itself (its demographics are ``event.patient``).
PERSONAL_DATA_UPDATED = EventSpec(PersonalDataUpdated, "Patient", _personal_data_skeleton, _PERSONAL_DATA_FIELDS)
