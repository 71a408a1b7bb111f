"""The must-reject table (``tests/fixtures/must-reject.json``): one defect per case, applied to a valid fixture.

Shared by the unit test that checks each case (tests/unit/profiles/test_must_reject.py) and the benchmark's
rejection-parity run against @medplum/core (bench/validation.py).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

from tests.conftest import FIXTURES


@dataclass(frozen=True)
class Case:
    name: str
    base: str  # a fixture of tests/fixtures/resources, without ".json"
    delete: tuple[str, ...]
    set: dict[str, Any]
    expression: str
    code: str
    layer: str  # "base", or the id of the profile / extension definition whose rule it breaks

    def resource(self) -> dict[str, Any]:
        resource: dict[str, Any] = json.loads((FIXTURES / "resources" / f"{self.base}.json").read_text("utf-8"))
        for path in self.delete:
            parent, key = _parent(resource, path)
            del parent[int(key) if isinstance(parent, list) else key]
        for path, value in self.set.items():
            parent, key = _parent(resource, path)
            if isinstance(parent, list) and int(key) == len(parent):
                parent.append(copy.deepcopy(value))
            else:
                parent[int(key) if isinstance(parent, list) else key] = copy.deepcopy(value)
        return resource


def _parent(resource: Any, path: str) -> tuple[Any, str]:
    *steps, last = path.split(".")
    node = resource
    for step in steps:
        node = node[int(step)] if isinstance(node, list) else node.setdefault(step, {})
    return node, last


def load_cases() -> list[Case]:
    table = json.loads((FIXTURES / "must-reject.json").read_text(encoding="utf-8"))
    return [
        Case(
            name=case["name"],
            base=case["base"],
            delete=tuple(case.get("delete", ())),
            set=case.get("set", {}),
            expression=case["expect"]["expression"],
            code=case["expect"]["code"],
            layer=case["expect"]["layer"],
        )
        for case in table["cases"]
    ]
