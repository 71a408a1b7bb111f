"""Small helpers for tests that speak FHIR over HTTP (in-process or to a running server)."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import load_fixture

FHIR_JSON = {"content-type": "application/fhir+json", "accept": "application/fhir+json"}


def resource(fixture: str, /, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = load_fixture(f"resources/{fixture}.json")
    data.update(changes)
    return data


async def create(client: httpx.AsyncClient, body: dict[str, Any], **headers: str) -> dict[str, Any]:
    response = await client.post(f"/fhir/{body['resourceType']}", json=body, headers={**FHIR_JSON, **headers})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def expressions(outcome: dict[str, Any]) -> list[str]:
    assert outcome["resourceType"] == "OperationOutcome"
    return [expr for issue in outcome["issue"] for expr in issue.get("expression", [])]


def ids(bundle: dict[str, Any], mode: str = "match") -> list[str]:
    return [e["resource"]["id"] for e in bundle.get("entry", []) if e.get("search", {}).get("mode") == mode]
