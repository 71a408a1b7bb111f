"""What every definition builder shares: paths, the canonical base, common metadata and element helpers."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from discharge.event_base import MessageType  # noqa: E402  (the repository root is added above)
from mappings import codes  # noqa: E402
from mappings.manual_contact import MANUAL_CONTACT  # noqa: E402

__all__ = ["MANUAL_CONTACT", "MessageType", "codes"]  # re-exported: imported here, after the path is set

B = codes.CANONICAL_BASE
R4 = "http://hl7.org/fhir/StructureDefinition/"
SD = f"{B}/StructureDefinition/"
COMMON: dict[str, Any] = {
    "version": "0.1.0",
    "status": "active",
    "experimental": False,
    "date": "2026-11-22",
    "publisher": "Discharge-coordination FHIR gateway",
}
V2_0203 = codes.V2_IDENTIFIER_TYPE
ORGNR = "urn:oid:2.5.4.97"
_KOMMUN_LINES = (Path(__file__).parent / "kommunkoder.txt").read_text(encoding="utf-8").splitlines()
KOMMUNKODER = [line.strip() for line in _KOMMUN_LINES if line.strip() and not line.startswith("#")]

Json = dict[str, Any]


# ---------------------------------------------------------------------------------------------- helpers


def element(element_id: str, **values: Any) -> Json:
    parts = element_id.split(".")
    out: Json = {"id": element_id, "path": ".".join(p.split(":", 1)[0] for p in parts)}
    if ":" in parts[-1]:
        out["sliceName"] = parts[-1].split(":", 1)[1]
    if "max" in values:
        values["max"] = str(values["max"])
    out.update(values)
    return out


def structure_definition(
    id_: str, name: str, title: str, type_: str, description: str, elements: list[Json], *, context: list[str] = ()
) -> Json:
    url = SD + id_
    for item in elements:
        for constraint in item.get("constraint", []):
            constraint.setdefault("source", url)
    out: Json = {"resourceType": "StructureDefinition", "id": id_, "url": url, "name": name, "title": title, **COMMON}
    out.update(description=description, fhirVersion="4.0.1")
    out.update(kind="complex-type" if type_ == "Extension" else "resource", abstract=False)
    if context:
        out["context"] = [{"type": "element", "expression": c} for c in context]
    out.update(type=type_, baseDefinition=R4 + type_, derivation="constraint", differential={"element": elements})
    return out


def code_system(id_: str, name: str, title: str, description: str, concepts: list[Json], **extra: Any) -> Json:
    out: Json = {"resourceType": "CodeSystem", "id": id_, "url": extra.pop("url", f"{B}/CodeSystem/{id_}")}
    out.update(name=name, title=title, **COMMON, description=description, caseSensitive=True)
    out.update(valueSet=extra.pop("value_set", f"{B}/ValueSet/{id_}"), content="complete", count=len(concepts))
    out.update(extra)
    out["concept"] = concepts
    return out


def value_set(id_: str, name: str, title: str, description: str, includes: list[Json]) -> Json:
    out: Json = {"resourceType": "ValueSet", "id": id_, "url": f"{B}/ValueSet/{id_}", "name": name, "title": title}
    out.update(**COMMON, description=description, compose={"include": includes})
    return out


def pascal(slug: str) -> str:
    return "".join(part.capitalize() for part in slug.split("-"))


def words(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


def invariant(key: str, human: str, expression: str) -> Json:
    return {"key": key, "severity": "error", "human": human, "expression": expression}


def reference(*types: str) -> list[Json]:
    return [{"code": "Reference", "targetProfile": [R4 + t for t in types]}]
