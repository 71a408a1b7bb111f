"""The validator compiled once for the profile tests (as the gateway compiles it), and the official examples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gateway.definitions import compiled_definitions
from profiles.validator import ResourceValidator

EXAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "r4-examples"


def official_examples() -> list[tuple[str, dict[str, Any]]]:
    """(file name, resource) of every official R4 example in tests/fixtures/r4-examples."""
    return [(p.name, json.loads(p.read_text(encoding="utf-8-sig"))) for p in sorted(EXAMPLES.glob("*.json"))]


@pytest.fixture(scope="session")
def validator() -> ResourceValidator:
    return compiled_definitions()[0]
