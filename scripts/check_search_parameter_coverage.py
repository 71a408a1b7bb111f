"""Compile the official R4 SearchParameters and print compiled/skipped counts per resource type.

Usage: ``python scripts/check_search_parameter_coverage.py [SOURCE] [--all-skipped]`` where SOURCE is a
directory of ``SearchParameter-*.json`` files (default ``/tmp/r4ex/package`` if present) or a JSON
list (``.json``/``.json.gz``, default ``profiles/r4/search-parameters.json``).
"""

from __future__ import annotations

import gzip
import json
import sys
import timeit
from collections import Counter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from gateway.fhir.capability import SUPPORTED_TYPES
from gateway.search.extract import extract_index
from gateway.search.parameters import compile_search_parameters

OUR_TYPES = SUPPORTED_TYPES  # the types the gateway stores and searches
ROOT = Path(__file__).resolve().parent.parent

TASK: dict[str, Any] = {
    "resourceType": "Task",
    "id": "t1",
    "meta": {"lastUpdated": "2026-11-05T10:00:00+01:00", "tag": [{"system": "urn:x", "code": "y"}]},
    "identifier": [{"system": "urn:oid:1.2.752.129.2.1.2.1", "value": "T-1"}],
    "basedOn": [{"reference": "ServiceRequest/sr1"}],
    "partOf": [{"reference": "Task/t0"}],
    "status": "in-progress",
    "businessStatus": {"coding": [{"system": "urn:x:bs", "code": "planned"}], "text": "Planned"},
    "intent": "order",
    "priority": "routine",
    "code": {"coding": [{"system": "http://hl7.org/fhir/CodeSystem/task-code", "code": "fulfill"}]},
    "focus": {"reference": "ServiceRequest/sr1"},
    "for": {"reference": "Patient/p1"},
    "encounter": {"reference": "Encounter/e1"},
    "executionPeriod": {"start": "2026-11-05T10:00:00+01:00"},
    "authoredOn": "2026-11-05T09:30:00+01:00",
    "lastModified": "2026-11-05T10:00:00+01:00",
    "requester": {"reference": "Organization/o1"},
    "owner": {"reference": "Organization/o2"},
    "performerType": [{"coding": [{"system": "urn:x:pt", "code": "nurse"}]}],
}


def _load(source: Path) -> list[dict[str, Any]]:
    if source.is_dir():
        return [json.loads(p.read_text()) for p in sorted(source.glob("SearchParameter-*.json"))]
    raw = gzip.decompress(source.read_bytes()) if source.suffix == ".gz" else source.read_bytes()
    data = json.loads(raw)
    return list(data.get("entry", data) if isinstance(data, dict) else data)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    default = Path("/tmp/r4ex/package")
    if not default.is_dir():
        default = ROOT / "profiles" / "r4" / "search-parameters.json"
    source = Path(args[0]) if args else default
    defs = _load(source)
    registry = compile_search_parameters(defs, OUR_TYPES)
    skipped = Counter(s.resource_type for s in registry.skipped)
    print(f"source: {source} ({len(defs)} SearchParameters)")
    print(f"{'type':22} compiled skipped")
    for resource_type in OUR_TYPES:
        print(f"{resource_type:22} {len(registry.params(resource_type)):8} {skipped[resource_type]:7}")
    total = sum(len(registry.params(t)) for t in OUR_TYPES)
    print(f"{'total':22} {total:8} {len(registry.skipped):7}  (compiled includes _id and _lastUpdated)")
    reasons = Counter(s.reason.split(" in '")[0] for s in registry.skipped)
    print("\nskip reasons:")
    for reason, count in reasons.most_common():
        print(f"  {count:3}  {reason}")
    if "--all-skipped" in argv:
        for item in registry.skipped:
            print(f"  {item.resource_type}.{item.code}: {item.reason}")
    tz = ZoneInfo("Europe/Stockholm")
    rows = extract_index(TASK, registry, tz=tz)
    runs = 2000
    seconds = min(timeit.repeat(lambda: extract_index(TASK, registry, tz=tz), number=runs, repeat=5))
    print(
        f"\nextract_index(Task): {seconds / runs * 1e6:.1f} µs; rows: {len(rows.tokens)} token, "
        f"{len(rows.strings)} string, {len(rows.references)} reference, {len(rows.dates)} date"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
