#!/usr/bin/env python3
"""Write our FHIR definitions: ``profiles/se`` (Swedish base) and ``profiles/discharge`` (the process).

The JSON files are what the gateway loads and publishes; this script is their source, so they stay consistent:

* **Swedish base profiles** aligned with HL7 Sweden's hl7se.fhir.base 1.1.0 (se-patient, se-organization,
  se-practitioner, se-practitioner-role), NamingSystems for the Swedish identifiers, KV Kommun (SCB's 290
  municipality codes, from the Lifecare SP-style contract, Appendix A).
* **Terminology** of the discharge process, taken from ``mappings.codes`` — the vocabulary the mappings emit:
  one CodeSystem (+ a ValueSet of all its codes) per neutral enum (``ENUM_SYSTEMS``, codes as ``code_of``
  spells them), process-step (``PROCESS_STEPS``), task-business-status, and an extension definition per
  ``EXTENSIONS`` entry (plus ``track``, owned here), its Coding values bound to the CodeSystem of the same
  name (overrides in ``_EXTENSION_SYSTEMS``).
* **Profiles** of the process resources (discharge-encounter, -episode-of-care, -task, -communication,
  -communication-request, -careplan, -consent, -appointment, -message-header): differentials only; the
  validator generates the snapshots when it is compiled (docs/adr/0004).

Canonical base: https://discharge-gateway.example.se/fhir. Usage::

    python scripts/build_profiles.py          # (re)write the files
    python scripts/build_profiles.py --check  # exit 1 when a file is missing or differs (CI / tests)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from profile_build.kit import REPO
from profile_build.process import process_profiles
from profile_build.swedish import swedish_profiles, swedish_terminology
from profile_build.terminology import extension_definitions, process_terminology

Json = dict[str, Any]

# ------------------------------------------------------------------------------------------------ output


def definitions() -> dict[Path, Json]:
    folders = {
        REPO / "profiles" / "se": [*swedish_profiles(), *swedish_terminology()],
        REPO / "profiles" / "discharge": [*process_terminology(), *extension_definitions(), *process_profiles()],
    }
    return {folder / f"{r['resourceType']}-{r['id']}.json": r for folder, items in folders.items() for r in items}


def render(resource: Json) -> str:
    return json.dumps(resource, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="report files that differ; write nothing")
    args = parser.parse_args(argv)
    wanted = definitions()
    existing = {p for folder in {p.parent for p in wanted} for p in folder.glob("*.json")}
    stale = sorted(existing - set(wanted))
    differing = sorted(p for p, r in wanted.items() if not p.is_file() or p.read_text(encoding="utf-8") != render(r))
    if args.check:
        for path in [*differing, *stale]:
            print(f"out of date: {path.relative_to(REPO)}", file=sys.stderr)
        return 1 if differing or stale else 0
    for path in stale:
        path.unlink()
    for path in differing:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(wanted[path]), encoding="utf-8")
    print(f"{len(wanted)} definitions: {len(differing)} written, {len(stale)} removed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
