"""The named care contact → CareTeam (M-04): one CareTeam per case, its FVK participant replaced on reassignment.

Glossary: fast vårdkontakt → CareTeam.participant(role = fvk) with the person (name, work phone) as a
contained Practitioner, ``onBehalfOf`` the appointing outpatient unit; fast läkarkontakt → a participant
with role named-physician-contact. The EpisodeOfCare's ``careManager`` names the FVK as well
(``mappings.episode``). A REST write of this CareTeam that changes the FVK is an M-04 (``mappings.rest``).
"""

from __future__ import annotations

from typing import Any

from discharge.admission_events import CareContact, CareContactAppointed
from discharge.case import Case
from discharge.codes import Profession
from discharge.parties import Clinician
from mappings.codes import CareTeamRole, code_of, extension_url, resource_id, system_of
from mappings.fields import BOOLEAN, DATETIME, Bad, Custom, Reader, bind, concept, field
from mappings.parties import CLINICIAN
from mappings.paths import find, path
from mappings.spec import EventSpec, Links, Node, message_identifier

__all__ = ["CARE_CONTACT_APPOINTED", "careteam_id", "case_careteam"]

_LOINC = "http://loinc.org"
_FVK = "participant[role*=care-team-role#fvk]"
_PROFESSION = concept(Profession)
_LICENSED = extension_url("licensed-physician")


def careteam_id(case_id: str) -> str:
    return resource_id("careteam", case_id)


def _role(role: CareTeamRole) -> list[Node]:
    return [{"coding": [{"system": system_of(CareTeamRole), "code": code_of(role)}]}]


def _careteam(event: CareContactAppointed, links: Links) -> Node:
    node: Node = {
        "resourceType": "CareTeam",
        "id": careteam_id(event.case_id),
        "identifier": [message_identifier(event)],  # the latest M-04
        "status": "active",
        "category": [
            {"coding": [{"system": _LOINC, "code": "LA27977-0", "display": "Episode of care-focused care team"}]}
        ],
        "name": "Fast vårdkontakt",
    }
    if links.patient is not None:
        node["subject"] = links.patient
    if links.encounter is not None:
        node["encounter"] = links.encounter
    node["participant"] = [{"role": _role(CareTeamRole.FVK), "onBehalfOf": links.unit(event.sender)}]
    node["managingOrganization"] = [links.unit(event.sender)]
    return node


def _write_contact(element: Node, contact: CareContact, resource: Node) -> None:
    person = Clinician(name=contact.name, hsa_id=contact.hsa_id, phone=contact.work_phone)  # tjänstetelefon
    element["member"] = CLINICIAN.encode(person, resource)
    element.setdefault("extension", []).append(
        {"url": _LICENSED, "valueBoolean": contact.licensed_physician}  # A10: life-threatening ⇒ physician
    )
    if contact.profession is not None:
        element["role"].append(_PROFESSION.encode(contact.profession, resource))


def _read_contact(element: Node, where: str, resource: Node, reader: Reader) -> CareContact | None:
    member, member_where = find(element, path("member"), where)
    licensed, licensed_where = find(element, path("extension[licensed-physician].valueBoolean"), where)
    try:
        person = CLINICIAN.decode(member, resource) if member is not None else None
    except Bad as exc:
        reader.error(member_where, str(exc), code="value")
        return None
    if person is None:
        reader.error(member_where, "the FVK is a contained Practitioner", code="required")
    if not isinstance(licensed, bool):
        reader.error(licensed_where, "licensed-physician (boolean) is required", code="required")
    profession = next((p for role in element.get("role", []) if (p := _profession(role, resource)) is not None), None)
    if person is None or not isinstance(licensed, bool):
        return None
    return CareContact(
        name=person.name,
        work_phone=person.phone,
        licensed_physician=licensed,
        profession=profession,
        hsa_id=person.hsa_id,
    )


def _profession(role: Any, resource: Node) -> Profession | None:
    try:
        value = _PROFESSION.decode(role, resource)
    except Bad:
        return None
    return value if isinstance(value, Profession) else None


# M-04 CareContactAppointed → CareTeam (R-05, R-06, R-28, T4)
CARE_CONTACT_APPOINTED = EventSpec(
    CareContactAppointed,
    "CareTeam",
    _careteam,
    bind(
        CareContactAppointed,
        field("contact", _FVK, Custom("participant", _write_contact, _read_contact), "name, work phone, physician"),
        field("appointed_at", f"{_FVK}.period.start", DATETIME),
        field("existing_continues", f"{_FVK}.extension[existing-continues].valueBoolean", BOOLEAN, "ORE-A"),
        field(
            "named_physician_contact",
            "participant[role*=care-team-role#named-physician-contact].member",
            CLINICIAN,
            "VAR fast läkarkontakt",
        ),
    ),
)


def case_careteam(case: Case, links: Links) -> Node | None:
    """The CareTeam of the case's latest M-04 (the current FVK)."""
    latest = [e.event for e in case.history if isinstance(e.event, CareContactAppointed)]
    return CARE_CONTACT_APPOINTED.to_resource(latest[-1], links) if latest else None
