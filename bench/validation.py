"""Validation cost per resource, side by side in one run: fhir.resources alone, @medplum/core (Node), and the
gateway's validator doing what every write does (base R4 + the mandated profiles + Swedish identifier rules).

Resources (``bench/fixtures``): a Patient, an inpatient Encounter and a process Task as the mappings produce
them (each declares its profile), and a 50-entry transaction Bundle of the three. Times are CPU time (Python
``time.process_time``, Node ``process.cpuUsage``) so other load on the machine disturbs them less. Python and
Node alternate ``REPEATS`` times; each figure is the median over the repeats of the median of ``ROUNDS``
rounds. Then rejection parity: every case of ``tests/fixtures/must-reject.json`` and a few structural ones go
through @medplum/core too, and whatever it rejects the gateway must reject.
"""

from __future__ import annotations

import copy
import gc
import json
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from fhir.resources.R4B import get_fhir_model_class

from gateway.definitions import compiled_definitions
from tests.must_reject import load_cases

BENCH = Path(__file__).resolve().parent
NODE = BENCH / "node"
TODAY = date(2026, 11, 22)
ROUNDS = 9
NUMBER = 400  # calls per round for one resource (a tenth of that for the Bundle)
REPEATS = 3  # Python and Node alternate this many times; each figure is the median of the repeats' medians
BUNDLE_SIZE = 50


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((BENCH / "fixtures" / name).read_text(encoding="utf-8"))
    return data


def bundle_of(resources: list[dict[str, Any]], size: int = BUNDLE_SIZE) -> dict[str, Any]:
    """A transaction of ``size`` entries cycling through ``resources`` (ids made unique)."""
    entries = []
    for index in range(size):
        resource = copy.deepcopy(resources[index % len(resources)])
        resource["id"] = f"{resource['id'][:-4]}{index:04d}"
        kind = resource["resourceType"]
        entries.append(
            {
                "fullUrl": f"urn:uuid:{resource['id']}",
                "resource": resource,
                "request": {"method": "PUT", "url": f"{kind}/{resource['id']}"},
            }
        )
    return {"resourceType": "Bundle", "type": "transaction", "entry": entries}


def resources() -> dict[str, dict[str, Any]]:
    patient, encounter, task = _load("patient.json"), _load("encounter.json"), _load("task.json")
    return {
        "Patient": patient,
        "Encounter": encounter,
        "Task": task,
        "Bundle (50 entries)": bundle_of([patient, encounter, task]),
    }


def median_us(action: Callable[[], object], *, number: int, rounds: int = ROUNDS) -> float:
    gc.collect()
    action()  # warm-up
    samples = []
    for _ in range(rounds):
        started = time.process_time()
        for _ in range(number):
            action()
        samples.append((time.process_time() - started) / number * 1e6)
    return statistics.median(samples)


def _fhir_resources_validate(resource: dict[str, Any]) -> Callable[[], object]:
    model = get_fhir_model_class(resource["resourceType"])
    return lambda: model.model_validate(resource)


def structural_rejects() -> dict[str, dict[str, Any]]:
    """Base-R4 defects @medplum/core is known to check, on top of the must-reject table."""
    patient = _load("patient.json")
    return {
        "null in an array": {**patient, "name": [None]},
        "empty string": {**patient, "gender": ""},
        "number as string": {**patient, "multipleBirthInteger": "2"},
        "unknown nested element": {**patient, "name": [{"family": "X", "nickname": "Y"}]},
    }


def run_python(cases: dict[str, dict[str, Any]]) -> dict[str, tuple[float, float]]:
    validator, _ = compiled_definitions()
    results = {}
    for name, resource in cases.items():
        number = NUMBER // 10 if resource["resourceType"] == "Bundle" else NUMBER
        errors = [i for i in validator.validate(resource, today=TODAY, warnings=False) if i.is_error]
        if errors:
            raise SystemExit(f"benchmark resource {name} is not valid: {errors[:3]}")
        ours = median_us(lambda r=resource: validator.validate(r, today=TODAY, warnings=False), number=number)
        alone = median_us(_fhir_resources_validate(resource), number=number)
        results[name] = (alone, ours)
    return results


def run_node(cases: dict[str, dict[str, Any]], rejects: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if shutil.which("node") is None or not (NODE / "node_modules").is_dir():
        raise SystemExit("Node and bench/node/node_modules are needed: run `make bench` (npm ci in bench/node)")
    payload = {"resources": cases, "rejects": rejects, "number": NUMBER, "rounds": ROUNDS}
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as handle:
        json.dump(payload, handle)
    try:
        completed = subprocess.run(
            ["node", str(NODE / "validate.mjs"), handle.name], check=True, capture_output=True, text=True
        )
    finally:
        Path(handle.name).unlink()
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def gateway_rejected(rejects: dict[str, dict[str, Any]]) -> dict[str, bool]:
    validator, _ = compiled_definitions()
    return {name: any(i.is_error for i in validator.validate(r, today=TODAY)) for name, r in rejects.items()}


def main() -> None:
    cases = resources()
    rejects = {**{case.name: case.resource() for case in load_cases()}, **structural_rejects()}
    pythons, nodes = [], []
    for _ in range(REPEATS):
        pythons.append(run_python(cases))
        nodes.append(run_node(cases, rejects))
    node = nodes[-1]
    print(
        f"Node {node['node']}, @medplum/core {node['medplum']}; CPU time per validation: median of {REPEATS} "
        f"alternating repeats of the median of {ROUNDS} rounds.\n"
    )
    print("| resource | fhir.resources alone (µs) | @medplum/core (µs) | gateway, full (µs) | medplum ÷ gateway |")
    print("|---|---:|---:|---:|---:|")
    for name in cases:
        alone = statistics.median(p[name][0] for p in pythons)
        ours = statistics.median(p[name][1] for p in pythons)
        theirs = statistics.median(float(n["timings"][name]) for n in nodes)
        print(f"| {name} | {alone:,.1f} | {theirs:,.1f} | {ours:,.1f} | **{theirs / ours:.1f}×** |")
    ours = gateway_rejected(rejects)
    missed = [name for name, rejected in node["rejected"].items() if rejected and not ours[name]]
    print(
        f"\nRejection parity on {len(rejects)} defective resources (tests/fixtures/must-reject.json and "
        f"{len(structural_rejects())} structural cases): @medplum/core rejects {sum(node['rejected'].values())}, "
        f"the gateway {sum(ours.values())}; rejected by @medplum/core but accepted by the gateway: "
        + (", ".join(missed) if missed else "none.")
    )
    if missed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
