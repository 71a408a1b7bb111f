"""The vendored FHIR R4 definitions as one typed value (pure: the gateway reads the files).

``gateway.profile_data.load_r4_definitions()`` fills it from ``profiles/r4/``; validators such as
``profiles.bindings.compile_binding_checker`` compile from it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

FhirJson = Mapping[str, Any]


@dataclass(frozen=True, slots=True, eq=False)
class R4Definitions:
    """StructureDefinitions, ValueSets, CodeSystems and SearchParameters of FHIR R4 4.0.1 — or of our own
    profiles (``gateway.profile_data.load_profile_definitions``: no SearchParameters, some NamingSystems).

    Each field is a sequence of FHIR resources as parsed JSON (``dict``). The dataclass is frozen;
    treat the dicts inside as read-only too (they are shared by everything compiled from them).
    Equality and hashing are by identity, so a value can key a cache of compiled validators.
    """

    structure_definitions: Sequence[FhirJson]
    value_sets: Sequence[FhirJson]
    code_systems: Sequence[FhirJson]
    search_parameters: Sequence[FhirJson]
    naming_systems: Sequence[FhirJson] = ()

    def structure_definition(self, type_name: str) -> FhirJson | None:
        """The base StructureDefinition for a resource or datatype name (e.g. ``Task``, ``HumanName``)."""
        url = f"http://hl7.org/fhir/StructureDefinition/{type_name}"
        return next((sd for sd in self.structure_definitions if sd.get("url") == url), None)

    def value_set(self, url: str) -> FhirJson | None:
        """The ValueSet with this canonical URL (a ``|version`` suffix is ignored)."""
        canonical = url.split("|", 1)[0]
        return next((vs for vs in self.value_sets if vs.get("url") == canonical), None)

    def code_system(self, url: str) -> FhirJson | None:
        """The CodeSystem with this canonical URL (a ``|version`` suffix is ignored)."""
        canonical = url.split("|", 1)[0]
        return next((cs for cs in self.code_systems if cs.get("url") == canonical), None)
