"""What ``vendor_r4_definitions.py`` keeps of the R4 package: the types, the keys, and the selection and
trimming of StructureDefinitions, ValueSets, CodeSystems and SearchParameters. Stdlib only, pure."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# The resource types the gateway handles: their SearchParameters are vendored. (StructureDefinitions are
# vendored for every resource type, so contained resources and Bundle entries of any type can be validated.)
RESOURCE_TYPES: tuple[str, ...] = (
    "Patient",
    "RelatedPerson",
    "Organization",
    "Practitioner",
    "PractitionerRole",
    "CareTeam",
    "Encounter",
    "EpisodeOfCare",
    "CarePlan",
    "Task",
    "Communication",
    "CommunicationRequest",
    "Appointment",
    "Consent",
    "Endpoint",
    "Subscription",
    "AuditEvent",
    "Provenance",
    "MessageHeader",
    "Bundle",
    "OperationOutcome",
    "Parameters",
    "CapabilityStatement",
    "StructureDefinition",
    "ValueSet",
    "CodeSystem",
    "SearchParameter",
    "Basic",
    "Location",
    "HealthcareService",
    "Condition",
    "Observation",
    "DocumentReference",
    "ServiceRequest",
    "Device",
    "Group",
)

# Abstract bases and core datatype profiles that are not "specialization" datatypes themselves.
BASE_TYPES: tuple[str, ...] = (
    "Resource",
    "DomainResource",
    "Element",
    "BackboneElement",
    "Extension",
    "SimpleQuantity",
    "MoneyQuantity",
)

SEARCH_PARAMETER_KEYS: tuple[str, ...] = (
    "resourceType",
    "id",
    "url",
    "name",
    "code",
    "base",
    "type",
    "expression",
    "xpathUsage",
    "target",
    "description",
    "modifier",
    "comparator",
    "multipleOr",
    "multipleAnd",
    "chain",
    "component",
)

# What validation reads from a StructureDefinition and from each of its snapshot elements.
SD_KEYS: tuple[str, ...] = (
    "resourceType",
    "id",
    "url",
    "name",
    "version",
    "status",
    "kind",
    "abstract",
    "type",
    "baseDefinition",
    "derivation",
    "fhirVersion",
)
ELEMENT_KEYS: tuple[str, ...] = (
    "id",
    "path",
    "sliceName",
    "min",
    "max",
    "base",
    "type",
    "contentReference",
    "binding",
    "constraint",
    "slicing",
    "maxLength",
    "isModifier",
    "isModifierReason",
    "isSummary",
    "representation",
    "short",
    "definition",
)
BINDING_KEYS: tuple[str, ...] = ("strength", "description", "valueSet")
CONSTRAINT_KEYS: tuple[str, ...] = ("key", "severity", "human", "expression", "source")

ABBREVIATIONS: tuple[str, ...] = ("e.g.", "i.e.", "etc.", "vs.")


def canonical(url: str) -> str:
    """Strip a ``|version`` suffix from a canonical URL."""
    return url.split("|", 1)[0]


def select_structure_definitions(by_url: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Every resource type and datatype (``derivation`` specialization) plus the abstract bases and the core
    datatype profiles; trimmed (``trim_structure_definition``)."""
    wanted = set(RESOURCE_TYPES) | set(BASE_TYPES)
    selected = []
    for url, sd in by_url.items():
        if not url.startswith("http://hl7.org/fhir/StructureDefinition/"):
            continue
        is_specialization = sd.get("kind") in ("resource", "complex-type", "primitive-type") and (
            sd.get("derivation") == "specialization"
        )
        if sd.get("id") in wanted or is_specialization:
            selected.append(trim_structure_definition(sd))
    missing = wanted - {sd["id"] for sd in selected}
    if missing:
        raise SystemExit(f"StructureDefinitions missing from the package: {sorted(missing)}")
    return sorted(selected, key=lambda sd: str(sd["url"]))


def _pick(source: dict[str, Any], keys: Iterable[str]) -> dict[str, Any]:
    return {key: source[key] for key in keys if key in source}


def trim_element(element: dict[str, Any]) -> dict[str, Any]:
    trimmed = _pick(element, ELEMENT_KEYS)
    trimmed.update((k, v) for k, v in element.items() if k.startswith(("fixed", "pattern")))
    if "binding" in trimmed:
        trimmed["binding"] = _pick(trimmed["binding"], BINDING_KEYS)
    if "constraint" in trimmed:
        trimmed["constraint"] = [_pick(c, CONSTRAINT_KEYS) for c in trimmed["constraint"]]
    return trimmed


def trim_structure_definition(sd: dict[str, Any]) -> dict[str, Any]:
    """The StructureDefinition without its narrative, mappings and differential; snapshot elements trimmed."""
    trimmed = _pick(sd, SD_KEYS)
    trimmed["snapshot"] = {"element": [trim_element(e) for e in sd.get("snapshot", {}).get("element", [])]}
    return trimmed


def required_value_sets(structure_definitions: Iterable[dict[str, Any]]) -> set[str]:
    urls = set()
    for sd in structure_definitions:
        for element in sd.get("snapshot", {}).get("element", []):
            binding = element.get("binding") or {}
            if binding.get("strength") == "required" and binding.get("valueSet"):
                urls.add(canonical(binding["valueSet"]))
    return urls


def _compose_parts(value_set: dict[str, Any]) -> list[dict[str, Any]]:
    compose = value_set.get("compose") or {}
    return list(compose.get("include", [])) + list(compose.get("exclude", []))


def close_value_sets(roots: set[str], value_sets: dict[str, dict[str, Any]]) -> tuple[list[dict[str, Any]], set[str]]:
    """The ValueSets reachable from ``roots`` through compose include/exclude valueSet references.

    Returns the ValueSets found and the URLs that are not in the package.
    """
    seen: set[str] = set()
    missing: set[str] = set()
    pending = sorted(roots)
    while pending:
        url = pending.pop()
        if url in seen or url in missing:
            continue
        value_set = value_sets.get(url)
        if value_set is None:
            missing.add(url)
            continue
        seen.add(url)
        for part in _compose_parts(value_set):
            pending.extend(canonical(ref) for ref in part.get("valueSet", []))
    return [value_sets[url] for url in sorted(seen)], missing


def referenced_code_systems(
    selected_value_sets: Iterable[dict[str, Any]], code_systems: dict[str, dict[str, Any]]
) -> tuple[list[dict[str, Any]], set[str]]:
    systems = {part["system"] for vs in selected_value_sets for part in _compose_parts(vs) if "system" in part}
    present = sorted(system for system in systems if system in code_systems)
    return [code_systems[system] for system in present], systems - set(present)


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    for index, char in enumerate(text):
        at_space = index + 1 == len(text) or text[index + 1] == " "
        if char == "." and at_space and not text[: index + 1].endswith(ABBREVIATIONS):
            return text[: index + 1]
    return text


def trim_description(description: str) -> str:
    """The first sentence; for a shared parameter ("Multiple Resources: * [Type](…): …" bullets) the
    first sentence of the bullets of the selected resource types."""
    head, bullet, rest = description.partition("* [")
    if not bullet or not head.strip().startswith("Multiple Resources"):
        return first_sentence(description)
    wanted = set(RESOURCE_TYPES)
    kept = [
        "* [" + first_sentence(item)
        for item in (bullet + rest).split("* [")
        if item.strip() and item.split("]", 1)[0] in wanted
    ]
    return " ".join([" ".join(head.split()), *kept])


def trim_search_parameter(parameter: dict[str, Any]) -> dict[str, Any]:
    trimmed = {key: parameter[key] for key in SEARCH_PARAMETER_KEYS if key in parameter}
    if "description" in trimmed:
        trimmed["description"] = trim_description(str(trimmed["description"]))
    return trimmed


def select_search_parameters(parameters: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Core (non-experimental) SearchParameters on the selected types or on Resource/DomainResource."""
    wanted = set(RESOURCE_TYPES) | {"Resource", "DomainResource"}
    selected = [
        trim_search_parameter(parameter)
        for parameter in parameters
        if not parameter.get("experimental") and wanted.intersection(parameter.get("base", []))
    ]
    return sorted(selected, key=lambda parameter: str(parameter["url"]))
