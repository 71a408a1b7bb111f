#!/usr/bin/env python3
"""Vendor a small, deterministic subset of the FHIR R4 (4.0.1) definitions into ``profiles/r4/``.

Source: the npm package ``hl7.fhir.r4.examples@4.0.1`` (HL7 FHIR R4 specification content, CC0-1.0),
fetched with ``npm pack`` into a temporary directory, or read from ``--tarball PATH``.

Writes (compact JSON, sorted keys; gzipped with mtime 0 when larger than ~1 MB):

* ``structure-definitions.json[.gz]``: the StructureDefinitions of **every** R4 resource type, every datatype
  and the abstract bases (Resource, DomainResource, Element …), trimmed to what validation and our snapshots
  need (the snapshot elements' ids, paths, short and definition, cardinality, types, bindings, constraints,
  slicing, fixed/pattern values); comments, requirements, mappings and differentials are dropped (~6.6 MB of
  JSON instead of 31 MB);
* ``value-sets.json[.gz]``: the ValueSets reachable from the *required* bindings of those definitions,
  plus the ValueSets they include;
* ``code-systems.json[.gz]``: the CodeSystems those ValueSets draw their codes from (when in the package);
* ``search-parameters.json[.gz]``: the SearchParameters on the resource types the gateway handles (or on
  Resource / DomainResource), trimmed to the fields a server needs;
* ``README.md``.

Stdlib only. Usage::

    python scripts/vendor_r4_definitions.py [--tarball hl7.fhir.r4.examples-4.0.1.tgz] [--out profiles/r4]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

PACKAGE = "hl7.fhir.r4.examples"
VERSION = "4.0.1"
GZIP_THRESHOLD = 1_000_000  # bytes of JSON above which a file is written gzipped

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

OUTPUT_STEMS: tuple[str, ...] = (
    "structure-definitions",
    "value-sets",
    "code-systems",
    "search-parameters",
)


# --------------------------------------------------------------------------------------------- input


def npm_pack(destination: Path) -> Path:
    """Run ``npm pack`` for the package into ``destination`` and return the tarball path."""
    spec = f"{PACKAGE}@{VERSION}"
    subprocess.run(["npm", "pack", spec, "--silent"], cwd=destination, check=True, stdout=subprocess.DEVNULL)
    tarballs = sorted(destination.glob("*.tgz"))
    if len(tarballs) != 1:
        raise SystemExit(f"npm pack {spec} produced {len(tarballs)} tarballs in {destination}")
    return tarballs[0]


def read_package(tarball: Path) -> Iterator[dict[str, Any]]:
    """Yield every FHIR resource (JSON object with a resourceType) in the package tarball."""
    with tarfile.open(tarball, mode="r:gz") as archive:
        for member in archive:
            name = member.name
            if not member.isfile() or not name.startswith("package/") or not name.endswith(".json"):
                continue
            if name.count("/") != 1 or name.endswith(("/package.json", "/.index.json")):
                continue
            handle = archive.extractfile(member)
            if handle is None:
                continue
            resource = json.loads(handle.read().decode("utf-8-sig"))
            if isinstance(resource, dict) and "resourceType" in resource:
                yield resource


# ------------------------------------------------------------------------------------------ selection


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


# ---------------------------------------------------------------------------------------------- output


def encode(content: list[dict[str, Any]]) -> bytes:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def write_json(directory: Path, stem: str, content: list[dict[str, Any]]) -> Path:
    """Write ``stem.json`` (or ``stem.json.gz`` when large) deterministically; remove the other form."""
    data = encode(content)
    plain, packed = directory / f"{stem}.json", directory / f"{stem}.json.gz"
    if len(data) > GZIP_THRESHOLD:
        buffer = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as stream:
            stream.write(data)
        target, stale = packed, plain
        target.write_bytes(buffer.getvalue())
    else:
        target, stale = plain, packed
        target.write_bytes(data)
    stale.unlink(missing_ok=True)
    return target


README = """\
# FHIR R4 definitions (vendored data)

Generated by `scripts/vendor_r4_definitions.py` — do not edit by hand.

Source: the npm package `{package}@{version}` (the HL7 FHIR R4 {version} specification's
definitions and examples, <http://hl7.org/fhir/R4>). The FHIR specification content is
published by HL7 under **CC0-1.0** (public domain dedication), so it may be vendored freely.

| file | content |
| --- | --- |
{table}

* **StructureDefinitions**: every resource type and datatype (`kind` resource / complex-type /
  primitive-type, `derivation` specialization), the abstract bases (Resource, DomainResource,
  Element, BackboneElement, Extension) and the core profiles SimpleQuantity / MoneyQuantity.
  Trimmed to what validation reads: {sd_keys} of each definition and, of each snapshot element,
  {element_keys}, `fixed[x]`/`pattern[x]`, `binding` ({binding_keys}) and `constraint`
  ({constraint_keys}). Differentials, comments, requirements and mappings are dropped.
* **ValueSets**: those reachable from a `required` binding of any element of those definitions,
  plus the ValueSets they include (`compose.include.valueSet`).
* **CodeSystems**: those the ValueSets draw codes from, when the package has them. Not in the
  package (external; a ValueSet taking all of such a system cannot be expanded from this data):
  {external}.
* **SearchParameters**: every non-experimental SearchParameter whose `base` names one of the
  resource types, Resource or DomainResource (the experimental example / extension parameters
  are left out) — only for the {n_types} resource types the gateway handles; trimmed to {sp_keys};
  `description` cut to its first sentence (for parameters
  shared by many resources: the first sentence of each selected resource type's bullet).

JSON is compact with sorted keys; files above ~1 MB are gzipped with mtime 0, so regenerating
gives byte-identical output. `gateway.profile_data.load_r4_definitions()` reads them into a
`profiles.r4_data.R4Definitions`.

## Regenerate

```sh
python scripts/vendor_r4_definitions.py                   # runs `npm pack {package}@{version}`
python scripts/vendor_r4_definitions.py --tarball PATH.tgz  # or use a tarball fetched earlier
```
"""


def write_readme(directory: Path, files: dict[str, tuple[Path, int]], external: set[str]) -> None:
    rows = [
        f"| `{path.name}` | {count} {stem.replace('-', ' ')} ({path.stat().st_size:,} bytes) |"
        for stem, (path, count) in files.items()
    ]
    text = README.format(
        package=PACKAGE,
        version=VERSION,
        table="\n".join(rows),
        n_types=len(RESOURCE_TYPES),
        external=", ".join(f"`{system}`" for system in sorted(external)) or "none",
        sp_keys=", ".join(f"`{key}`" for key in SEARCH_PARAMETER_KEYS),
        sd_keys=", ".join(f"`{key}`" for key in SD_KEYS),
        element_keys=", ".join(f"`{key}`" for key in ELEMENT_KEYS),
        binding_keys=", ".join(f"`{key}`" for key in BINDING_KEYS),
        constraint_keys=", ".join(f"`{key}`" for key in CONSTRAINT_KEYS),
    )
    (directory / "README.md").write_text(text, encoding="utf-8")


# ------------------------------------------------------------------------------------------------ main


def vendor(tarball: Path, out: Path) -> None:
    by_type: dict[str, dict[str, dict[str, Any]]] = {}
    for resource in read_package(tarball):
        if "url" in resource:
            by_type.setdefault(resource["resourceType"], {})[resource["url"]] = resource

    structure_definitions = select_structure_definitions(by_type["StructureDefinition"])
    roots = required_value_sets(structure_definitions)
    value_sets, missing_value_sets = close_value_sets(roots, by_type["ValueSet"])
    code_systems, external = referenced_code_systems(value_sets, by_type["CodeSystem"])
    search_parameters = select_search_parameters(by_type["SearchParameter"].values())

    out.mkdir(parents=True, exist_ok=True)
    contents = dict(
        zip(OUTPUT_STEMS, (structure_definitions, value_sets, code_systems, search_parameters), strict=True)
    )
    files = {stem: (write_json(out, stem, content), len(content)) for stem, content in contents.items()}
    write_readme(out, files, external | missing_value_sets)

    for stem, (path, count) in files.items():
        print(f"{path}: {count} {stem} ({path.stat().st_size:,} bytes)")
    if missing_value_sets:
        print(f"ValueSets not in the package: {sorted(missing_value_sets)}", file=sys.stderr)
    print(f"CodeSystems not in the package: {sorted(external)}")


def main(argv: list[str] | None = None) -> int:
    repo = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n", 1)[0])
    parser.add_argument("--tarball", type=Path, help=f"a {PACKAGE}-{VERSION}.tgz; default: npm pack it")
    parser.add_argument("--out", type=Path, default=repo / "profiles" / "r4", help="output directory")
    args = parser.parse_args(argv)
    if args.tarball is not None:
        vendor(args.tarball, args.out)
        return 0
    with tempfile.TemporaryDirectory(prefix="r4-vendor-") as temporary:
        vendor(npm_pack(Path(temporary)), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
