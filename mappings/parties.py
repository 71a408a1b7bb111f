"""Parties as FHIR: units ↔ Organization (and references to them), person identifiers, clinicians.

Units are referenced *logically* by HSA-id in the resources the gateway stores: the routing directory
(gateway/directory.py) owns the Organization resources, with id = HSA-id, and writing our own would
shadow or overwrite them. A message Bundle carries an Organization entry per unit (same id convention)
so that it is self-contained. A clinician named in a message (physician, convener, contact person) is a
contained Practitioner: a person as the message states them, with no identity of their own here.
"""

from __future__ import annotations

from typing import Any

from discharge.codes import IdentifierKind, Principal, Sector
from discharge.parties import Clinician, PersonIdentifier, Unit
from mappings.codes import (
    HSA_ID,
    KOMMUNKOD,
    NATIONAL_RESERVE_OID,
    PERSONNUMMER,
    RESERVNUMMER,
    SAMORDNINGSNUMMER,
    V2_IDENTIFIER_TYPE,
    code_of,
    extension_url,
    is_fhir_id,
    resource_id,
    system_of,
)
from mappings.fields import STRING, Bad, Codec, Reader, bind, coding, decode, encode, field
from mappings.paths import Path, find, path

__all__ = [
    "CLINICIAN",
    "MUNICIPALITY",
    "PERSON_IDENTIFIER",
    "identifier_to_person",
    "organization_id",
    "organization_to_unit",
    "person_identifier",
    "unit_reference",
    "unit_to_organization",
]

_PERSON_SYSTEMS = {
    IdentifierKind.PERSONNUMMER: PERSONNUMMER,
    IdentifierKind.SAMORDNINGSNUMMER: SAMORDNINGSNUMMER,
}


def person_identifier(identifier: PersonIdentifier) -> dict[str, Any]:
    if identifier.kind is IdentifierKind.RESERVNUMMER:
        # Regional reserve numbers carry their issuer's OID as the system (swedish-fhir.md §1.4).
        issuer = identifier.issuer
        system = RESERVNUMMER if issuer in (None, NATIONAL_RESERVE_OID) else f"urn:oid:{issuer}"
        return {"system": system, "value": identifier.value}
    return {"system": _PERSON_SYSTEMS[identifier.kind], "value": identifier.value}


def identifier_to_person(raw: Any, _: dict[str, Any] | None = None) -> PersonIdentifier:
    """The inverse of ``person_identifier``; the national reserve-number URI reads back with its OID."""
    if not isinstance(raw, dict) or not isinstance(raw.get("value"), str) or not isinstance(raw.get("system"), str):
        raise Bad("expected an Identifier with system and value")
    system, value = raw["system"], raw["value"]
    if system == PERSONNUMMER:
        return PersonIdentifier(kind=IdentifierKind.PERSONNUMMER, value=value)
    if system == SAMORDNINGSNUMMER:
        return PersonIdentifier(kind=IdentifierKind.SAMORDNINGSNUMMER, value=value)
    if system == RESERVNUMMER:
        return PersonIdentifier(kind=IdentifierKind.RESERVNUMMER, value=value, issuer=NATIONAL_RESERVE_OID)
    if system.startswith("urn:oid:"):
        return PersonIdentifier(kind=IdentifierKind.RESERVNUMMER, value=value, issuer=system.removeprefix("urn:oid:"))
    raise Bad(f"unknown person identifier system {system!r}")


PERSON_IDENTIFIER = Codec("Identifier", lambda v, _: person_identifier(v), identifier_to_person)


def organization_id(hsa_id: str) -> str:
    """The directory's convention: Organization.id = HSA-id (HSA-ids are valid ids), else a uuid5."""
    return hsa_id if is_fhir_id(hsa_id) else resource_id("organization", hsa_id)


def unit_reference(unit: Unit) -> dict[str, Any]:
    """A logical reference by HSA-id (the directory's Organization may not be in this server)."""
    return {"identifier": {"system": HSA_ID, "value": unit.hsa_id}, "display": unit.name}


def unit_bundle_reference(unit: Unit) -> dict[str, Any]:
    """Inside a message Bundle: the Organization entry, plus the HSA-id for receivers that resolve logically."""
    return {"reference": f"Organization/{organization_id(unit.hsa_id)}", **unit_reference(unit)}


def _concept(member: Principal | Sector) -> dict[str, Any]:
    return {"coding": [{"system": system_of(type(member)), "code": code_of(member)}]}


def unit_to_organization(unit: Unit) -> dict[str, Any]:
    """Unit → Organization (``type``: principal and sector, as the directory's Organizations have them)."""
    organization: dict[str, Any] = {
        "resourceType": "Organization",
        "id": organization_id(unit.hsa_id),
        "identifier": [
            {
                "type": {"coding": [{"system": V2_IDENTIFIER_TYPE, "code": "PRN"}]},  # SEBaseOrganization hsaid
                "system": HSA_ID,  # Unit.hsa_id → Organization.identifier[hsaid]
                "value": unit.hsa_id,
            }
        ],
        "active": True,
        "type": [_concept(unit.principal), _concept(unit.sector)],  # Unit.principal, Unit.sector → Organization.type
        "name": unit.name,  # Unit.name → Organization.name
    }
    municipality: dict[str, Any] = {}
    if unit.municipality_code is not None:  # Unit.municipality_code → Organization.extension[municipality]
        municipality = {"system": KOMMUNKOD, "code": unit.municipality_code}
    if unit.municipality_name is not None:  # Unit.municipality_name → …valueCoding.display
        municipality["display"] = unit.municipality_name
    if municipality:
        organization["extension"] = [{"url": extension_url("municipality"), "valueCoding": municipality}]
    return organization


_PRINCIPAL = coding(Principal)
_SECTOR = coding(Sector)  # unit-sector: the directory's Organization.type codes (gateway/directory.py)


def organization_to_unit(organization: dict[str, Any], where: str, reader: Reader) -> Unit | None:
    """Organization → Unit; every problem goes to ``reader``."""
    hsa, hsa_path = find(organization, path("identifier[system=urn:oid:1.2.752.29.4.19].value"), where)
    name, name_path = find(organization, path("name"), where)
    before = len(reader.issues)
    if not isinstance(hsa, str):
        reader.error(hsa_path, "a unit needs its HSA-id", code="required")
    if not isinstance(name, str):
        reader.error(name_path, "a unit needs its name", code="required")
    principal = _typed(organization, _PRINCIPAL, path("type[@unit-principal].coding[0]"), where, reader)
    sector = _typed(organization, _SECTOR, path("type[@unit-sector].coding[0]"), where, reader)
    municipality, _ = find(organization, path("extension[municipality].valueCoding.code"), where)
    municipality_name, _ = find(organization, path("extension[municipality].valueCoding.display"), where)
    if len(reader.issues) > before or not isinstance(hsa, str) or not isinstance(name, str):
        return None
    assert isinstance(principal, Principal)
    assert isinstance(sector, Sector)
    return Unit(
        hsa_id=hsa,
        name=name,
        principal=principal,
        sector=sector,
        municipality_code=municipality if isinstance(municipality, str) else None,
        municipality_name=municipality_name if isinstance(municipality_name, str) else None,
    )


def _typed(node: dict[str, Any], codec: Codec, at: Path, where: str, reader: Reader) -> Any:
    raw, expression = find(node, at, where)
    if raw is None:
        reader.error(expression, "a unit needs its principal and sector", code="required")
        return None
    try:
        return codec.decode(raw, node)
    except Bad as exc:
        reader.error(expression, str(exc), code="value")
        return None


# ---- clinicians: contained Practitioners ---------------------------------------------------------

_CLINICIAN_FIELDS = bind(
    Clinician,
    field("name", "name[0].text", STRING),  # Clinician.name → Practitioner.name[0].text
    field("hsa_id", "identifier[system=urn:oid:1.2.752.29.4.19].value", STRING),  # → identifier[hsaid]
    field("phone", "telecom[system=phone].value", STRING),  # → telecom (work phone)
)


def _encode_clinician(clinician: Clinician, resource: dict[str, Any]) -> dict[str, Any]:
    contained = resource.setdefault("contained", [])
    practitioner: dict[str, Any] = {"resourceType": "Practitioner", "id": f"practitioner-{len(contained) + 1}"}
    encode(clinician, _CLINICIAN_FIELDS, practitioner, practitioner)
    if clinician.phone is not None:
        practitioner["telecom"][0]["use"] = "work"
    contained.append(practitioner)
    return {"reference": f"#{practitioner['id']}", "display": clinician.name}


def _decode_clinician(raw: Any, resource: dict[str, Any]) -> Clinician | None:
    reference = raw.get("reference") if isinstance(raw, dict) else None
    if not isinstance(reference, str) or not reference.startswith("#"):
        return None  # not a contained clinician (e.g. a unit); the field is absent
    target = next(
        (c for c in resource.get("contained", []) if isinstance(c, dict) and c.get("id") == reference[1:]), None
    )
    if target is None or target.get("resourceType") != "Practitioner":
        raise Bad(f"{reference} names no contained Practitioner")
    reader = Reader()
    clinician = decode(Clinician, _CLINICIAN_FIELDS, target, f"contained({reference[1:]})", target, reader)
    if clinician is None:
        raise Bad("; ".join(f"{i.expression}: {i.message}" for i in reader.issues))
    assert isinstance(clinician, Clinician)
    return clinician


CLINICIAN = Codec("Reference(Practitioner)", _encode_clinician, _decode_clinician)


def _decode_municipality(raw: Any, _: dict[str, Any]) -> str | None:
    if isinstance(raw, dict) and "code" not in raw and "system" not in raw:
        return None  # only a display: the code is absent
    if not isinstance(raw, dict) or raw.get("system") != KOMMUNKOD or not isinstance(raw.get("code"), str):
        raise Bad(f"expected a Coding from {KOMMUNKOD} (kommunkod)")
    code: str = raw["code"]
    return code


MUNICIPALITY = Codec("Coding", lambda v, _: {"system": KOMMUNKOD, "code": v}, _decode_municipality)
