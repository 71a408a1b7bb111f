"""Writes demo/directory.json: a FHIR transaction Bundle with the fictitious units of the demo
directory (Organization + Endpoint per unit). Run: python scripts/build_demo_directory.py"""

from __future__ import annotations

import json
from pathlib import Path

BASE = "https://discharge-gateway.example.se/fhir"
HSA = "urn:oid:1.2.752.29.4.19"
KOMMUN = "urn:oid:1.2.752.129.2.2.1.17"
RECEIVER = "http://127.0.0.1:8090/webhooks"

# hsa id, name, sector, served municipalities, age group, payload format (None: no endpoint)
UNITS = [
    ("SE2321000016-9X4D", "Sjukhuset Söder, geriatrisk avdelning 70", "inpatient", [], "all", "lifecare"),
    ("SE2321000016-6VC3", "Vårdcentral Solgården", "outpatient", ["0180", "0184"], "all", "lifecare"),
    ("SE2120000142-BIS20", "Stockholms stad, biståndsenheten Södermalm", "social-services", ["0180"], "all",
     "lifecare"),
    ("SE2120000142-HSV20", "Stockholms stad, hemsjukvården Södermalm", "municipal-health-care", ["0180"], "all",
     "lifecare"),
    ("SE2120000209-SOC1", "Solna stad, biståndshandläggning", "social-services", ["0184"], "all", "lifecare"),
    ("SE2120000209-HSV1", "Solna stad, kommunal hälso- och sjukvård", "municipal-health-care", ["0184"], "all", None),
    ("SE2321000164-K3M7", "Universitetssjukhuset Örebro, kirurgavdelning 3", "inpatient", [], "all", "lifecare"),
    ("SE2321000164-VC11", "Vårdcentralen Karlskoga", "outpatient", ["1880", "1883"], "all", "lifecare"),
    ("SE2120001967-BIST9", "Örebro kommun, biståndsenheten", "social-services", ["1880"], "all", "lifecare"),
    ("SE2120001967-HSV9", "Örebro kommun, hemsjukvården", "municipal-health-care", ["1880"], "all", "lifecare"),
    ("SE2120001991-SOC3", "Karlskoga kommun, socialtjänsten", "social-services", ["1883"], "all", "lifecare"),
    ("SE2120001991-HSV3", "Karlskoga kommun, kommunal hälso- och sjukvård", "municipal-health-care", ["1883"], "all",
     "lifecare"),
    ("SE2321000156-BUP7", "Centralsjukhuset Karlstad, BUP slutenvård", "inpatient", [], "children", "cosmic-link"),
    ("SE2321000156-BUP9", "BUP öppenvård Karlstad", "outpatient", ["1780", "1883"], "children", "cosmic-link"),
    ("SE2321000156-VC21", "Vårdcentralen Karlstad", "outpatient", ["1780"], "adults", "fhir"),
    ("SE2120001777-SOC8", "Karlstads kommun, socialtjänsten", "social-services", ["1780"], "all", "cosmic-link"),
    ("SE2120001777-HSV8", "Karlstads kommun, kommunal hälso- och sjukvård", "municipal-health-care", ["1780"], "all",
     "cosmic-link"),
]  # fmt: skip

MIME = {"lifecare": "application/json", "cosmic-link": "application/json", "fhir": "application/fhir+json"}


def organization(hsa: str, name: str, sector: str, served: list[str], age: str, fmt: str | None) -> dict[str, object]:
    org: dict[str, object] = {
        "resourceType": "Organization",
        "id": hsa,
        "extension": [
            *({"url": f"{BASE}/StructureDefinition/served-municipality", "valueCoding": {"system": KOMMUN, "code": c}}
              for c in served),
            {"url": f"{BASE}/StructureDefinition/age-group", "valueCode": age},
        ],
        "identifier": [{"system": HSA, "value": hsa}],
        "active": True,
        "type": [{"coding": [{"system": f"{BASE}/CodeSystem/unit-sector", "code": sector}]}],
        "name": name,
    }  # fmt: skip
    if fmt is not None:
        org["endpoint"] = [{"reference": f"Endpoint/ep-{hsa}"}]
    return org


def endpoint(hsa: str, name: str, fmt: str) -> dict[str, object]:
    return {
        "resourceType": "Endpoint",
        "id": f"ep-{hsa}",
        "extension": [{"url": f"{BASE}/StructureDefinition/endpoint-secret", "valueString": "env:GATEWAY_DEMO_SECRET"}],
        "status": "active",
        "connectionType": {"system": f"{BASE}/CodeSystem/endpoint-connection", "code": "webhook"},
        "name": f"Webhook för {name}",
        "managingOrganization": {"reference": f"Organization/{hsa}"},
        "payloadType": [{"coding": [{"system": f"{BASE}/CodeSystem/payload-format", "code": fmt}]}],
        "payloadMimeType": [MIME[fmt]],
        "address": f"{RECEIVER}/{hsa}",
    }


def main() -> None:
    entries = []
    for hsa, name, sector, served, age, fmt in UNITS:
        entries.append(organization(hsa, name, sector, served, age, fmt))
        if fmt is not None:
            entries.append(endpoint(hsa, name, fmt))
    bundle = {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {"resource": r, "request": {"method": "PUT", "url": f"{r['resourceType']}/{r['id']}"}} for r in entries
        ],
    }
    out = Path(__file__).resolve().parent.parent / "demo" / "directory.json"
    out.write_text(json.dumps(bundle, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out} ({len(entries)} resources)")


if __name__ == "__main__":
    main()
