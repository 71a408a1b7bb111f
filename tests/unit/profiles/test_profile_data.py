"""Our definitions (profiles/se, profiles/discharge): generated, consistent with the mappings, valid FHIR."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from gateway.fhir.capability import MANDATED_PROFILES
from mappings import codes
from profiles.validator import ResourceValidator

REPO = Path(__file__).resolve().parents[3]
BASE = "https://discharge-gateway.example.se/fhir/"


def test_the_files_are_what_scripts_build_profiles_writes() -> None:
    completed = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_profiles.py"), "--check"], capture_output=True, text=True
    )
    assert completed.returncode == 0, completed.stderr


def test_every_published_definition_is_valid_fhir(validator: ResourceValidator) -> None:
    published = validator.profile_set
    for resource in (*published.structure_definitions, *published.value_sets, *published.code_systems,
                     *published.naming_systems):  # fmt: skip
        errors = [i for i in validator.validate(resource) if i.is_error]
        assert errors == [], (resource["id"], errors[:3])


def test_canonicals_are_under_one_base_and_ids_are_unique(validator: ResourceValidator) -> None:
    published = validator.profile_set
    for kind, resources in (
        ("StructureDefinition", published.structure_definitions),
        ("ValueSet", published.value_sets),
    ):
        assert all(r["url"] == f"{BASE}{kind}/{r['id']}" for r in resources)
        assert len({r["id"] for r in resources}) == len(resources)
    ours = [cs for cs in published.code_systems if cs["url"].startswith(BASE)]
    assert all(cs["url"] == f"{BASE}CodeSystem/{cs['id']}" for cs in ours)


def test_the_vocabulary_is_the_one_the_mappings_emit(validator: ResourceValidator) -> None:
    systems = {cs["url"]: {c["code"] for c in cs["concept"]} for cs in validator.profile_set.code_systems}
    for enum in codes.ENUM_SYSTEMS:
        assert systems[codes.system_of(enum)] == {codes.code_of(m) for m in enum}
    assert set(codes.PROCESS_STEPS.values()) <= systems[codes.PROCESS_STEP]
    assert systems[codes.DISCHARGE_EVENT] >= {f"M-{n:02d}" for n in range(1, 26)} | {"M-10-ACK", "M-12-ACK", "E-01"}
    assert set(codes.BUSINESS_STATUSES) == systems[codes.TASK_BUSINESS_STATUS]
    assert len(systems[codes.KOMMUNKOD]) == 290
    extensions = {sd["url"] for sd in validator.profile_set.structure_definitions if sd["type"] == "Extension"}
    assert {codes.extension_url(slug) for slug in codes.EXTENSIONS} <= extensions


def test_the_mandated_profiles_are_ours_and_for_their_type(validator: ResourceValidator) -> None:
    for resource_type, urls in MANDATED_PROFILES.items():
        for url in urls:
            assert validator.profile_set.profile_type(url) == resource_type


def test_the_naming_systems_map_hl7_sweden_uris_to_oids(validator: ResourceValidator) -> None:
    unique = {ns["id"]: {u["type"]: u["value"] for u in ns["uniqueId"]} for ns in validator.profile_set.naming_systems}
    assert unique["personnummer"] == {"uri": "http://electronichealth.se/identifier/personnummer",
                                      "oid": "1.2.752.129.2.1.3.1"}  # fmt: skip
    assert unique["samordningsnummer"]["oid"] == "1.2.752.129.2.1.3.3"
    assert unique["nationellt-reservnummer"]["oid"] == "1.2.752.74.9.1"
