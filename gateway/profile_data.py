"""Read the FHIR definitions shipped in ``profiles/``: the vendored R4 definitions (``profiles/r4``) and our
own profiles, extensions and terminology (``profiles/se``, ``profiles/discharge``).

The I/O half of ``profiles.r4_data``: ``profiles`` stays pure, the gateway reads the files once at
start-up and hands the values to the compilers (``profiles.validator.ResourceValidator.compile`` …).
"""

from __future__ import annotations

import gzip
import importlib.resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import orjson

from profiles.r4_data import R4Definitions

FILE_STEMS = ("structure-definitions", "value-sets", "code-systems", "search-parameters")
EXPECTED_RESOURCE_TYPE = {
    "structure-definitions": "StructureDefinition",
    "value-sets": "ValueSet",
    "code-systems": "CodeSystem",
    "search-parameters": "SearchParameter",
}


def default_directory() -> Traversable:
    """The ``r4`` data folder shipped inside the ``profiles`` package."""
    return importlib.resources.files("profiles").joinpath("r4")


def _read_list(directory: Traversable, stem: str) -> list[dict[str, Any]]:
    plain, packed = directory.joinpath(f"{stem}.json"), directory.joinpath(f"{stem}.json.gz")
    if packed.is_file():
        raw = gzip.decompress(packed.read_bytes())
        source = packed
    elif plain.is_file():
        raw = plain.read_bytes()
        source = plain
    else:
        raise FileNotFoundError(f"FHIR R4 definitions: neither {stem}.json nor {stem}.json.gz in {directory}")
    content = orjson.loads(raw)
    expected = EXPECTED_RESOURCE_TYPE[stem]
    if not isinstance(content, list) or not all(
        isinstance(item, dict) and item.get("resourceType") == expected for item in content
    ):
        raise ValueError(f"FHIR R4 definitions: {source} is not a JSON list of {expected} resources")
    return content


PROFILE_FOLDERS = ("se", "discharge")
_LOCAL_KINDS = ("StructureDefinition", "ValueSet", "CodeSystem", "NamingSystem")


def load_profile_definitions(directories: list[Path] | None = None) -> R4Definitions:
    """Our definitions: every ``*.json`` (one resource each) in ``profiles/se`` and ``profiles/discharge``
    (or in ``directories``), grouped by type. Raises ``ValueError`` for another kind of file content."""
    folders: list[Traversable] = (
        [importlib.resources.files("profiles").joinpath(name) for name in PROFILE_FOLDERS]
        if directories is None
        else list(directories)
    )
    found: dict[str, list[dict[str, Any]]] = {kind: [] for kind in _LOCAL_KINDS}
    for folder in folders:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if not entry.name.endswith(".json"):
                continue
            resource = orjson.loads(entry.read_bytes())
            kind = resource.get("resourceType") if isinstance(resource, dict) else None
            if kind not in found:
                raise ValueError(f"profile definitions: {entry} holds no {', '.join(_LOCAL_KINDS)}")
            found[kind].append(resource)
    return R4Definitions(
        structure_definitions=found["StructureDefinition"],
        value_sets=found["ValueSet"],
        code_systems=found["CodeSystem"],
        search_parameters=[],
        naming_systems=found["NamingSystem"],
    )


def load_r4_definitions(directory: Path | None = None) -> R4Definitions:
    """Load the four definition lists from ``directory`` (default: the packaged ``profiles/r4``).

    Each list is read from ``<stem>.json.gz`` when present, else ``<stem>.json``. Raises
    ``FileNotFoundError`` when a file is missing and ``ValueError`` when one holds something else.
    """
    folder: Traversable = default_directory() if directory is None else directory
    lists = [_read_list(folder, stem) for stem in FILE_STEMS]
    return R4Definitions(
        structure_definitions=lists[0],
        value_sets=lists[1],
        code_systems=lists[2],
        search_parameters=lists[3],
    )
