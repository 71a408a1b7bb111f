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
from enum import Enum
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from discharge.event_base import MessageType  # noqa: E402  (the repository root is added above)
from mappings import codes  # noqa: E402
from mappings.manual_contact import MANUAL_CONTACT  # noqa: E402

B = codes.CANONICAL_BASE
R4 = "http://hl7.org/fhir/StructureDefinition/"
SD = f"{B}/StructureDefinition/"
COMMON: dict[str, Any] = {
    "version": "0.1.0",
    "status": "active",
    "experimental": False,
    "date": "2026-11-22",
    "publisher": "Discharge-coordination FHIR gateway",
}
V2_0203 = codes.V2_IDENTIFIER_TYPE
ORGNR = "urn:oid:2.5.4.97"
KOMMUNKODER = [
    "0114",
    "0115",
    "0117",
    "0120",
    "0123",
    "0125",
    "0126",
    "0127",
    "0128",
    "0136",
    "0138",
    "0139",
    "0140",
    "0160",
    "0162",
    "0163",
    "0180",
    "0181",
    "0182",
    "0183",
    "0184",
    "0186",
    "0187",
    "0188",
    "0191",
    "0192",
    "0305",
    "0319",
    "0330",
    "0331",
    "0360",
    "0380",
    "0381",
    "0382",
    "0428",
    "0461",
    "0480",
    "0481",
    "0482",
    "0483",
    "0484",
    "0486",
    "0488",
    "0509",
    "0512",
    "0513",
    "0560",
    "0561",
    "0562",
    "0563",
    "0580",
    "0581",
    "0582",
    "0583",
    "0584",
    "0586",
    "0604",
    "0617",
    "0642",
    "0643",
    "0662",
    "0665",
    "0680",
    "0682",
    "0683",
    "0684",
    "0685",
    "0686",
    "0687",
    "0760",
    "0761",
    "0763",
    "0764",
    "0765",
    "0767",
    "0780",
    "0781",
    "0821",
    "0834",
    "0840",
    "0860",
    "0861",
    "0862",
    "0880",
    "0881",
    "0882",
    "0883",
    "0884",
    "0885",
    "0980",
    "1060",
    "1080",
    "1081",
    "1082",
    "1083",
    "1214",
    "1230",
    "1231",
    "1233",
    "1256",
    "1257",
    "1260",
    "1261",
    "1262",
    "1263",
    "1264",
    "1265",
    "1266",
    "1267",
    "1270",
    "1272",
    "1273",
    "1275",
    "1276",
    "1277",
    "1278",
    "1280",
    "1281",
    "1282",
    "1283",
    "1284",
    "1285",
    "1286",
    "1287",
    "1290",
    "1291",
    "1292",
    "1293",
    "1315",
    "1380",
    "1381",
    "1382",
    "1383",
    "1384",
    "1401",
    "1402",
    "1407",
    "1415",
    "1419",
    "1421",
    "1427",
    "1430",
    "1435",
    "1438",
    "1439",
    "1440",
    "1441",
    "1442",
    "1443",
    "1444",
    "1445",
    "1446",
    "1447",
    "1452",
    "1460",
    "1461",
    "1462",
    "1463",
    "1465",
    "1466",
    "1470",
    "1471",
    "1472",
    "1473",
    "1480",
    "1481",
    "1482",
    "1484",
    "1485",
    "1486",
    "1487",
    "1488",
    "1489",
    "1490",
    "1491",
    "1492",
    "1493",
    "1494",
    "1495",
    "1496",
    "1497",
    "1498",
    "1499",
    "1715",
    "1730",
    "1737",
    "1760",
    "1761",
    "1762",
    "1763",
    "1764",
    "1765",
    "1766",
    "1780",
    "1781",
    "1782",
    "1783",
    "1784",
    "1785",
    "1814",
    "1860",
    "1861",
    "1862",
    "1863",
    "1864",
    "1880",
    "1881",
    "1882",
    "1883",
    "1884",
    "1885",
    "1904",
    "1907",
    "1960",
    "1961",
    "1962",
    "1980",
    "1981",
    "1982",
    "1983",
    "1984",
    "2021",
    "2023",
    "2026",
    "2029",
    "2031",
    "2034",
    "2039",
    "2061",
    "2062",
    "2080",
    "2081",
    "2082",
    "2083",
    "2084",
    "2085",
    "2101",
    "2104",
    "2121",
    "2132",
    "2161",
    "2180",
    "2181",
    "2182",
    "2183",
    "2184",
    "2260",
    "2262",
    "2280",
    "2281",
    "2282",
    "2283",
    "2284",
    "2303",
    "2305",
    "2309",
    "2313",
    "2321",
    "2326",
    "2361",
    "2380",
    "2401",
    "2403",
    "2404",
    "2409",
    "2417",
    "2418",
    "2421",
    "2422",
    "2425",
    "2460",
    "2462",
    "2463",
    "2480",
    "2481",
    "2482",
    "2505",
    "2506",
    "2510",
    "2513",
    "2514",
    "2518",
    "2521",
    "2523",
    "2560",
    "2580",
    "2581",
    "2582",
    "2583",
    "2584",
]

Json = dict[str, Any]


# ---------------------------------------------------------------------------------------------- helpers


def element(element_id: str, **values: Any) -> Json:
    parts = element_id.split(".")
    out: Json = {"id": element_id, "path": ".".join(p.split(":", 1)[0] for p in parts)}
    if ":" in parts[-1]:
        out["sliceName"] = parts[-1].split(":", 1)[1]
    if "max" in values:
        values["max"] = str(values["max"])
    out.update(values)
    return out


def structure_definition(
    id_: str, name: str, title: str, type_: str, description: str, elements: list[Json], *, context: list[str] = ()
) -> Json:
    url = SD + id_
    for item in elements:
        for constraint in item.get("constraint", []):
            constraint.setdefault("source", url)
    out: Json = {"resourceType": "StructureDefinition", "id": id_, "url": url, "name": name, "title": title, **COMMON}
    out.update(description=description, fhirVersion="4.0.1")
    out.update(kind="complex-type" if type_ == "Extension" else "resource", abstract=False)
    if context:
        out["context"] = [{"type": "element", "expression": c} for c in context]
    out.update(type=type_, baseDefinition=R4 + type_, derivation="constraint", differential={"element": elements})
    return out


def code_system(id_: str, name: str, title: str, description: str, concepts: list[Json], **extra: Any) -> Json:
    out: Json = {"resourceType": "CodeSystem", "id": id_, "url": extra.pop("url", f"{B}/CodeSystem/{id_}")}
    out.update(name=name, title=title, **COMMON, description=description, caseSensitive=True)
    out.update(valueSet=extra.pop("value_set", f"{B}/ValueSet/{id_}"), content="complete", count=len(concepts))
    out.update(extra)
    out["concept"] = concepts
    return out


def value_set(id_: str, name: str, title: str, description: str, includes: list[Json]) -> Json:
    out: Json = {"resourceType": "ValueSet", "id": id_, "url": f"{B}/ValueSet/{id_}", "name": name, "title": title}
    out.update(**COMMON, description=description, compose={"include": includes})
    return out


def pascal(slug: str) -> str:
    return "".join(part.capitalize() for part in slug.split("-"))


def words(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


def invariant(key: str, human: str, expression: str) -> Json:
    return {"key": key, "severity": "error", "human": human, "expression": expression}


def reference(*types: str) -> list[Json]:
    return [{"code": "Reference", "targetProfile": [R4 + t for t in types]}]


# ----------------------------------------------------------------------------------------- Swedish base

ALIGNED = (
    "Aligned with HL7 Sweden's {0} (hl7se.fhir.base 1.1.0, http://hl7.se/fhir/ig/base/StructureDefinition/{0}): "
    "the same identifier slices and systems"
)
PNR_RULE = (
    "se-pnr-1",
    "A personnummer is YYYYMMDDNNNC: century 18, 19 or 20, a real date of birth not in the future, a correct Luhn "
    "check digit; '-' or '+' may separate the date (the '+' only from the year its holder turns 100)",
    "value.matches('^(18|19|20)[0-9]{6}[-+]?[0-9]{4}$')",
)
SNR_RULE = (
    "se-snr-1",
    "A samordningsnummer is YYYYMMDDNNNC with the day of birth + 60 (61-91): century 18, 19 or 20, a real date, "
    "a correct Luhn check digit",
    "value.matches('^(18|19|20)[0-9]{4}[6-9][0-9][-+]?[0-9]{4}$')",
)
NRID_RULE = (
    "se-nrid-1",
    "A nationellt reservnummer is 8 digits, then 2 letters and 2 digits or 3 letters and 1 digit, letters A-Z "
    "except I, O, Q, V, W",
    "value.matches('^[0-9]{8}([A-HJ-NPR-UX-Z]{2}[0-9]{2}|[A-HJ-NPR-UX-Z]{3}[0-9])$')",
)
HSA_RULE = (
    "se-hsa-1",
    "An HSA-id is SE, the 10-digit organisationsnummer of the directory owner (optionally prefixed 16), '-' and "
    "letters A-Z, a-z or digits; at most 31 characters",
    "value.matches('^SE(16)?[0-9]{10}-[A-Za-z0-9]+$') and value.length() <= 31",
)
ORGNR_RULE = (
    "se-orgnr-1",
    "An organisationsnummer is 10 digits (NNNNNN-NNNN accepted), digits 3-4 at least 20, a correct Luhn check digit",
    "value.matches('^[0-9]{2}[2-9][0-9]{3}-?[0-9]{4}$')",
)
KOMMUN_RULE = (
    "se-kommun-1",
    "A kommunkod is one of SCB's 4-digit municipality codes (KV Kommun)",
    "value.matches('^[0-9]{4}$')",
)


def identifier_slicing(type_: str, description: str) -> Json:
    slicing = {"discriminator": [{"type": "value", "path": "system"}], "ordered": False, "rules": "open"}
    return element(f"{type_}.identifier", slicing={**slicing, "description": description})


def identifier_slice(
    type_: str, name: str, system: str, rule: tuple[str, str, str], short: str, kind: str = ""
) -> list[Json]:
    key, human, expression = rule
    slice_id = f"{type_}.identifier:{name}"
    constraint = [{"key": key, "severity": "error", "human": human, "expression": expression}]
    out = [
        element(slice_id, short=short, min=0, max=1, constraint=constraint),
        element(f"{slice_id}.system", min=1, fixedUri=system),
    ]
    if kind:
        out.append(element(f"{slice_id}.type", patternCodeableConcept={"coding": [{"system": V2_0203, "code": kind}]}))
    out.append(element(f"{slice_id}.value", min=1))
    return out


def swedish_profiles() -> list[Json]:
    patient = [
        identifier_slicing("Patient", "Swedish patient identifiers, by system"),
        *identifier_slice("Patient", "personnummer", codes.PERSONNUMMER, PNR_RULE, "Personnummer (Skatteverket)"),
        *identifier_slice("Patient", "samordningsnummer", codes.SAMORDNINGSNUMMER, SNR_RULE, "Samordningsnummer"),
        *identifier_slice(
            "Patient", "nationelltReservnummer", codes.RESERVNUMMER, NRID_RULE, "Nationellt reservnummer"
        ),
        element("Patient.name", max=1),
    ]
    organization = [
        identifier_slicing("Organization", "Swedish organisation identifiers, by system"),
        *identifier_slice("Organization", "hsaid", codes.HSA_ID, HSA_RULE, "HSA-id", "PRN"),
        *identifier_slice("Organization", "organizationIdentifier", ORGNR, ORGNR_RULE, "Organisationsnummer", "XX"),
        *identifier_slice("Organization", "kommunkod", codes.KOMMUNKOD, KOMMUN_RULE, "Kommunkod of a municipality"),
    ]
    checked = "The identifier values are checked: "
    return [
        structure_definition(
            "se-patient", "SEPatient", "Patient (Swedish identifiers)", "Patient",
            ALIGNED.format("SEBasePatient") + ". " + checked + "personnummer (date, century, Luhn, '+' from 100 "
            "years), samordningsnummer (day + 60), nationellt reservnummer (format). At most one name, as there.",
            patient,
        ),
        structure_definition(
            "se-organization", "SEOrganization", "Organization (HSA-id, organisationsnummer, kommunkod)",
            "Organization",
            ALIGNED.format("SEBaseOrganization") + " (HSA-id type PRN, organisationsnummer urn:oid:2.5.4.97 type XX), "
            "plus a kommunkod slice for a municipality (KV Kommun). " + checked + "HSA-id syntax, organisationsnummer "
            "(Luhn, digits 3-4 >= 20), kommunkod in SCB's list.",
            organization,
        ),
        structure_definition(
            "se-practitioner", "SEPractitioner", "Practitioner (HSA-id)", "Practitioner",
            ALIGNED.format("SEBasePractitioner") + " for the personal HSA-id (type PRN), whose syntax is checked.",
            [identifier_slicing("Practitioner", "Swedish practitioner identifiers, by system"),
             *identifier_slice("Practitioner", "hsaid", codes.HSA_ID, HSA_RULE, "HSA-id", "PRN")],
        ),
        structure_definition(
            "se-practitioner-role", "SEPractitionerRole", "PractitionerRole (HSA-id of the assignment)",
            "PractitionerRole",
            ALIGNED.format("SEBasePractitionerRole") + " for the HSA-id of the assignment (medarbetaruppdrag, type "
            "PRN), whose syntax is checked.",
            [identifier_slicing("PractitionerRole", "Swedish practitioner role identifiers, by system"),
             *identifier_slice("PractitionerRole", "hsaid", codes.HSA_ID, HSA_RULE, "HSA-id", "PRN")],
        ),
    ]  # fmt: skip


def naming_system(
    id_: str, name: str, description: str, responsible: str, usage: str, unique: list[Json], kind: str = ""
) -> Json:
    out: Json = {"resourceType": "NamingSystem", "id": id_, "name": name, "status": "active", "kind": "identifier"}
    out.update(date=COMMON["date"], publisher=COMMON["publisher"], responsible=responsible)
    if kind:
        out["type"] = {"coding": [{"system": V2_0203, "code": kind}]}
    out.update(description=description, jurisdiction=[{"coding": [{"system": "urn:iso:std:iso:3166", "code": "SE"}]}])
    out.update(usage=usage, uniqueId=unique)
    return out


def _uri(value: str) -> Json:
    return {"type": "uri", "value": value, "preferred": True}


def _oid(value: str, preferred: bool = False, comment: str = "") -> Json:
    return {"type": "oid", "value": value, "preferred": preferred, **({"comment": comment} if comment else {})}


def swedish_terminology() -> list[Json]:
    pnr_usage = "Patient.identifier, slice {} of se-patient."
    return [
        naming_system("personnummer", "Personnummer", "Swedish personal identity number, 12 digits YYYYMMDDNNNC: "
                      "HL7 Sweden's URI; the OID is the form Inera's RIVTA contracts use.", "Skatteverket",
                      pnr_usage.format("personnummer"), [_uri(codes.PERSONNUMMER), _oid("1.2.752.129.2.1.3.1")], "NI"),
        naming_system("samordningsnummer", "Samordningsnummer", "Swedish coordination number: as a personnummer "
                      "with the day of birth + 60.", "Skatteverket", pnr_usage.format("samordningsnummer"),
                      [_uri(codes.SAMORDNINGSNUMMER), _oid("1.2.752.129.2.1.3.3")], "NI"),
        naming_system("nationellt-reservnummer", "NationelltReservnummer", "National reserve identity (NRID). "
                      "1.2.752.129.2.1.3.2 is NOT this OID (Inera CareLink / an SLL local number).",
                      "Inera (Personuppgiftstjänsten)", pnr_usage.format("nationelltReservnummer"),
                      [_uri(codes.RESERVNUMMER), _oid(codes.NATIONAL_RESERVE_OID)], "NI"),
        naming_system("hsa-id", "HsaId", "HSA-id: units, care providers, persons and assignments in Inera's HSA "
                      "directory. HL7 Sweden uses urn:oid:1.2.752.29.4.19; Inera's RIVTA contracts "
                      "1.2.752.129.2.1.4.1.", "Inera (HSA)",
                      "identifier slice hsaid of se-organization, se-practitioner, se-practitioner-role.",
                      [_uri(codes.HSA_ID), _oid("1.2.752.129.2.1.4.1", comment="the RIVTA form of the HSA-id OID")],
                      "PRN"),
        naming_system("organisationsnummer", "Organisationsnummer", "Swedish organisation number, 10 digits with a "
                      "Luhn check digit; X.520 organizationIdentifier.", "Skatteverket / Bolagsverket",
                      "Organization.identifier, slice organizationIdentifier of se-organization.", [_uri(ORGNR)], "XX"),
        naming_system("kommunkod", "Kommunkod", "SCB's 4-digit municipality code (KV Kommun); the first two digits "
                      "are the county (KV Län).", "Statistiska centralbyrån (SCB)", "Organization.identifier slice "
                      "kommunkod of se-organization; the municipality and placing-municipality extensions.",
                      [_oid("1.2.752.129.2.2.1.17", preferred=True)]),
        code_system("kv-kommun", "KVKommun", "KV Kommun: SCB municipality codes (kommunkod)", "The 290 Swedish "
                    "municipality codes of Statistiska centralbyrån (SCB), as the Lifecare SP-style contract lists "
                    "them "
                    "(Appendix A). Codes only (no names). The first two digits are the county code (KV Län).",
                    [{"code": k} for k in KOMMUNKODER], url=codes.KOMMUNKOD, value_set=f"{B}/ValueSet/kommunkod",
                    copyright="Codes maintained by Statistiska centralbyrån (SCB); public."),
        value_set("kommunkod", "Kommunkod", "Swedish municipality codes (kommunkod)", "Every code of KV Kommun.",
                  [{"system": codes.KOMMUNKOD}]),
    ]  # fmt: skip


# ---------------------------------------------------------------------------------- process terminology

# What each step is, for the process-step CodeSystem (codes and messages come from mappings.codes).
_STEP_DEFINITIONS: dict[str, str] = {
    "E-01": "The treating physician judges that the patient may need interventions after discharge (T1, R-01).",
    "M-01": "Inpatient care sends the admission notice (inskrivningsmeddelande) to the concerned units (R-01).",
    "M-02": "A receiving unit acknowledges the admission notice (kvittens), with existing interventions (R-03).",
    "M-03": "Outpatient care, municipal health care and social services report contacts and interventions (VAR).",
    "M-04": "Outpatient care appoints the named care contact (fast vårdkontakt) and tells the units (R-05, R-06).",
    "M-05": "Planning documentation (planeringsunderlag) and requests for supplementary information.",
    "M-06": "Inpatient care reports a new estimated discharge date or a changed health status (R-10).",
    "M-07": "Inpatient care sends the status message 1-3 days before the reference date (VAR, R-08).",
    "M-08": "Planning of and notices about a leave (permission).",
    "M-09": "The named care contact reports the need for an initial SIP at the hospital (STO RÖD).",
    "M-10": "The named care contact invites to coordinated individual planning (kallelse till SIP, R-07).",
    "M-10-ACK": "An invited unit acknowledges the SIP invitation.",
    "M-11": "Inpatient care invites to a collaboration meeting (samverkansmöte, VAR Lila).",
    "M-11-ACK": "An invited unit acknowledges the collaboration meeting invitation.",
    "M-12": "Inpatient care notifies that the patient is ready for discharge (utskrivningsklar, R-09).",
    "M-12-ACK": "A receiving unit acknowledges the ready-for-discharge notice.",
    "M-13": "Inpatient care revokes the ready-for-discharge notice, with a new estimated date (R-10).",
    "M-14": "The time of arrival at home (VAR) or of discharge (STO).",
    "M-15": "A referral (remiss) to outpatient care or another form of care.",
    "M-16": "A request to the outpatient nurse with a question, actions and a time frame (STO).",
    "M-17": "Information transfer at discharge (utskrivningsmeddelande, R-12).",
    "M-18": "The coordinated individual plan (SIP) is established or updated.",
    "M-19": "Follow-up, revision or closure of the SIP.",
    "M-20": "The named care contact contacts the guardians within two weekdays after discharge (VAR, R-16).",
    "M-21": "Inpatient care tells the units at once that the patient died during the stay (R-11).",
    "M-22": "The process is closed with a reason (closeReason).",
    "M-23": "A general message (generellt meddelande), possibly with attachments.",
    "M-24": "Consent, harm assessment or withdrawn consent is communicated.",
    "M-25": "Updated personal data sent with the admission notice (STO).",
}
_MESSAGE_DISPLAYS: dict[str, tuple[str, str]] = {
    "E-01": ("Need for interventions identified", "Behov av insatser identifierat"),
    "M-01": ("Admission notice", "Inskrivningsmeddelande"),
    "M-02": ("Admission notice acknowledged", "Kvittens av inskrivningsmeddelande"),
    "M-03": ("Status message on admission", "Statusmeddelande inför inskrivning"),
    "M-04": ("Named care contact appointed", "Fast vårdkontakt utsedd"),
    "M-05": ("Planning documentation", "Planeringsunderlag"),
    "M-06": ("Estimated discharge date changed", "Nytt beräknat utskrivningsdatum"),
    "M-07": ("Status message before discharge", "Statusmeddelande inför utskrivning"),
    "M-08": ("Leave", "Permission"),
    "M-09": ("Need for an initial SIP at the hospital", "Behov av inledande SIP på sjukhus"),
    "M-10": ("Invitation to SIP", "Kallelse till SIP"),
    "M-10-ACK": ("Invitation to SIP acknowledged", "Kvittens av kallelse till SIP"),
    "M-11": ("Invitation to a collaboration meeting", "Kallelse till samverkansmöte"),
    "M-11-ACK": ("Invitation to a collaboration meeting acknowledged", "Kvittens av kallelse till samverkansmöte"),
    "M-12": ("Ready for discharge", "Utskrivningsklar"),
    "M-12-ACK": ("Ready for discharge acknowledged", "Kvittens av utskrivningsklar"),
    "M-13": ("Ready for discharge revoked", "Återkallad utskrivningsklar"),
    "M-14": ("Home-arrival or discharge time", "Tidpunkt för hemkomst / utskrivning"),
    "M-15": ("Referral", "Remiss"),
    "M-16": ("Action request to the outpatient nurse", "Meddelande till öppenvårdens sjuksköterska"),
    "M-17": ("Discharge information", "Utskrivningsmeddelande"),
    "M-18": ("SIP established or updated", "SIP upprättad / uppdaterad"),
    "M-19": ("SIP follow-up, revision or closure", "Uppföljning av SIP"),
    "M-20": ("Post-discharge follow-up contact", "Uppföljande kontakt efter utskrivning"),
    "M-21": ("Patient deceased", "Patienten avliden"),
    "M-22": ("Process closed", "Processen avslutad"),
    "M-23": ("General message", "Generellt meddelande"),
    "M-24": ("Consent or harm-assessment status", "Samtycke / menprövning"),
    "M-25": ("Personal-data update", "Uppdatering av personuppgifter"),
}
_BUSINESS_STATUSES: dict[str, tuple[str, str]] = {
    "pending": ("Pending", "Not done yet; the deadline (restriction.period.end) has not passed."),
    "overdue": ("Overdue", "Not done, and the deadline has passed."),
    "met": ("Met", "Done in time."),
    "missed": ("Missed", "Done, but late."),
    "no-endpoint": ("No endpoint", "The unit cannot be reached through the gateway: contact it by other means (A15)."),
    "delivery-failed": ("Delivery failed", "Delivery to the unit failed for good: contact it by other means."),
}
# Extensions whose Coding values are not from the CodeSystem of the same name.
_EXTENSION_SYSTEMS: dict[str, str] = {
    "disclosing-sector": "unit-sector",
    "overall-responsible": "unit-principal",
    "payload-section": "discharge-section",
    "proposed-track": "track",
    "municipality": "kommunkod",
    "placing-municipality": "kommunkod",
}
# Extensions defined here (the mappings do not emit them yet): slug → (context, value type, description).
_OWN_EXTENSIONS: dict[str, tuple[str, str, str]] = {
    "track": (
        "Encounter",
        "Coding",
        "the region-native track of the stay (§3); the case carries it in EpisodeOfCare.type",
    ),
}
# Extra contexts for mapping extensions the profiles also use elsewhere.
_EXTRA_CONTEXT: dict[str, str] = {"maturity-assessment": "Consent", "region": "Encounter", "care-type": "Encounter"}


def _enum_concepts(enum: type[Enum]) -> list[Json]:
    out = []
    for member in enum:
        code = codes.code_of(member)
        display = str(member.value) if str(member.value) != code else member.name.replace("_", " ").capitalize()
        out.append({"code": code, "display": display})
    return out


def process_terminology() -> list[Json]:
    out: list[Json] = []
    for enum, slug in sorted(codes.ENUM_SYSTEMS.items(), key=lambda item: item[1]):
        title = words(slug)
        if enum is MessageType:
            concepts = [
                {"code": m.value, "display": _MESSAGE_DISPLAYS[m.value][0],
                 "designation": [{"language": "sv", "value": _MESSAGE_DISPLAYS[m.value][1]}]}
                for m in MessageType
            ]  # fmt: skip
            description = (
                "The message types of coordinated discharge (domain specification §2.3): MessageHeader.eventCoding. "
                "The codes equal discharge.event_base.MessageType (acknowledgements included, M-10-ACK …), so an "
                "event's code is its type. Stable: codes are never reused."
            )
        else:
            concepts = _enum_concepts(enum)
            description = (
                f"{title}: the values of {enum.__module__}.{enum.__qualname__}, as mappings.codes spells them."
            )
        out.append(code_system(slug, pascal(slug), title, description, concepts))
        out.append(value_set(slug, pascal(slug), title, f"Every code of {title}.", [{"system": codes.system_of(enum)}]))
    steps = [
        {"code": step, "display": words(step), "definition": _STEP_DEFINITIONS[message],
         "property": [{"code": "message", "valueString": message}]}
        for message, step in codes.PROCESS_STEPS.items()
    ]  # fmt: skip
    steps.append({"code": MANUAL_CONTACT, "display": "Contact by other means",
                  "definition": "A unit the gateway cannot reach must be contacted by other means (A15)."})  # fmt: skip
    message_property = {"code": "message", "type": "string", "description": "The message type (§2.3) of the step"}
    out.append(code_system(
        "process-step", "ProcessStep", "Discharge process step", "The steps of coordinated discharge (Lag 2017:612), "
        "one per message type of the domain specification (mappings.codes.PROCESS_STEPS): Task.code of process tasks, "
        "Communication.category and Appointment.serviceCategory. Property 'message' names the message type.",
        steps, property=[message_property],
    ))  # fmt: skip
    out.append(value_set("process-step", "ProcessStep", "Discharge process steps", "Every process step.",
                         [{"system": codes.PROCESS_STEP}]))  # fmt: skip
    meetings = [codes.PROCESS_STEPS[m] for m in ("M-09", "M-10", "M-11", "M-19")]
    out.append(value_set("meeting-step", "MeetingStep", "Steps that hold a meeting", "The process steps an "
                         "Appointment belongs to: initial SIP at the hospital, SIP, collaboration meeting, SIP "
                         "follow-up.",
                         [{"system": codes.PROCESS_STEP, "concept": [{"code": c} for c in meetings]}]))  # fmt: skip
    statuses = [{"code": c, "display": d, "definition": text} for c, (d, text) in _BUSINESS_STATUSES.items()]
    assert set(_BUSINESS_STATUSES) == set(codes.BUSINESS_STATUSES), "mappings.codes.BUSINESS_STATUSES changed"
    out.append(code_system("task-business-status", "TaskBusinessStatus", "Discharge task business status",
                           "The sub-state of a process Task next to Task.status: its deadline, or why a manual contact "
                           "is needed (mappings.codes.BUSINESS_STATUSES).", statuses))  # fmt: skip
    out.append(value_set("task-business-status", "TaskBusinessStatus", "Discharge task business status",
                         "Every task business status.", [{"system": codes.TASK_BUSINESS_STATUS}]))  # fmt: skip
    return out


def _value_element(slug: str, value: str) -> Json:
    if value == "complex":
        return element("Extension.value[x]", max=0)
    if value.startswith("Reference"):
        target = value[len("Reference(") : -1] if "(" in value else ""
        return element("Extension.value[x]", min=1, type=reference(target) if target else [{"code": "Reference"}])
    out = element("Extension.value[x]", min=1, type=[{"code": value}])
    if value in ("Coding", "CodeableConcept"):
        system = _EXTENSION_SYSTEMS.get(slug, slug)
        out["binding"] = {"strength": "required", "valueSet": f"{B}/ValueSet/{system}"}
    return out


def extension_definitions() -> list[Json]:
    definitions = {slug: (d.context, d.value, d.description) for slug, d in codes.EXTENSIONS.items()}
    definitions.update(_OWN_EXTENSIONS)
    out = []
    for slug, (context, value, description) in sorted(definitions.items()):
        contexts = [c.strip() for c in context.split(",")]
        if slug in _EXTRA_CONTEXT:
            contexts.append(_EXTRA_CONTEXT[slug])
        text = description[0].upper() + description[1:] + "."
        elements = [
            element("Extension", short=words(slug), definition=text),
            *([] if value == "complex" else [element("Extension.extension", max=0)]),
            element("Extension.url", fixedUri=SD + slug),
            _value_element(slug, value),
        ]
        out.append(structure_definition(slug, pascal(slug), words(slug), "Extension", text, elements, context=contexts))
    return out


# ------------------------------------------------------------------------------------ process profiles


_PATTERN_SLICING: Json = {"discriminator": [{"type": "pattern", "path": "$this"}], "ordered": False, "rules": "open"}


def _extension(slug: str) -> str:
    return f"extension('{SD}{slug}').value"


def _extension_slicing(type_: str) -> Json:
    slicing = {"discriminator": [{"type": "value", "path": "url"}], "ordered": False, "rules": "open"}
    return element(f"{type_}.extension", slicing=slicing)


def _extension_slice(type_: str, name: str, slug: str, low: int = 0, high: int = 1) -> Json:
    return element(f"{type_}.extension:{name}", min=low, max=high, type=[{"code": "Extension", "profile": [SD + slug]}])


def _required(value_set_id: str) -> Json:
    return {"strength": "required", "valueSet": f"{B}/ValueSet/{value_set_id}"}


def _encounter() -> Json:
    edd, track, region = _extension("estimated-discharge-date"), _extension("track"), _extension("region")
    rules = [
        invariant("dis-enc-1", "The estimated discharge date is not before the day the stay started",
                  f"{edd}.empty() or period.start.empty() or "
                  f"({edd}.toString() >= period.start.toString().substring(0, 10))"),
        invariant("dis-enc-2", "The track belongs to the region profile",
                  f"{track}.empty() or {region}.empty() or {track}.code.startsWith({region}.code + '-')"),
    ]  # fmt: skip
    slices = [("estimatedDischargeDate", "estimated-discharge-date"), ("needIdentifiedAt", "need-identified-at"),
              ("legalStatus", "legal-status"), ("careType", "care-type"), ("region", "region"),
              ("track", "track")]  # fmt: skip
    return structure_definition(
        "discharge-encounter", "DischargeEncounter", "Inpatient stay (discharge process)", "Encounter",
        "The inpatient stay of a coordinated discharge: class inpatient (v3 ActCode IMP), the patient as subject, "
        "the estimated discharge date (R-02), when the need was identified (R-01), the legal status of the stay "
        "(voluntary, LPT, ÖPT …), the care type, the region profile and the track.",
        [element("Encounter", constraint=rules), _extension_slicing("Encounter"),
         *(_extension_slice("Encounter", name, slug) for name, slug in slices),
         element("Encounter.class", patternCoding={"system": codes.V3_ACT_CODE, "code": "IMP"}),
         element("Encounter.subject", type=reference("Patient"))],
    )  # fmt: skip


def _episode_of_care() -> Json:
    slices = [("region", "region"), ("careType", "care-type"), ("careStatute", "care-statute"),
              ("closeReason", "close-reason"), ("placingMunicipality", "placing-municipality")]  # fmt: skip
    return structure_definition(
        "discharge-episode-of-care", "DischargeCase", "Discharge case (ärende)", "EpisodeOfCare",
        "The case (ärende) of a coordinated discharge (§2.2): region profile, care type, statute, the placing "
        "municipality and, once closed, the close reason; the case state and the track are in EpisodeOfCare.type. "
        "That a closed case states its reason (T13) is a rule of the process engine (422 business-rule).",
        [_extension_slicing("EpisodeOfCare"),
         *(_extension_slice("EpisodeOfCare", name, slug) for name, slug in slices)],
    )  # fmt: skip


def _task() -> Json:
    overdue = invariant(
        "dis-task-1", "An overdue task has a deadline (restriction.period.end)",
        f"businessStatus.coding.where(system = '{codes.TASK_BUSINESS_STATUS}' and code = 'overdue').empty() "
        "or restriction.period.end.exists()",
    )  # fmt: skip
    return structure_definition(
        "discharge-task", "DischargeTask", "Discharge process task", "Task",
        "One step of the discharge process for one unit (§2.3): the step in Task.code, the requesting and owning "
        "units (Organization or PractitionerRole), the deadline in restriction.period.end, the sub-state in "
        "businessStatus (pending, overdue …).",
        [element("Task", constraint=[overdue]),
         element("Task.code", min=1, binding=_required("process-step")),
         element("Task.businessStatus", binding=_required("task-business-status")),
         element("Task.for", type=reference("Patient")),
         element("Task.requester", type=reference("Organization", "PractitionerRole")),
         element("Task.owner", type=reference("Organization", "PractitionerRole")),
         element("Task.restriction.period", short="The deadline is period.end", min=1),
         element("Task.restriction.period.end", short="The deadline", min=1)],
    )  # fmt: skip


def _communications() -> list[Json]:
    out = []
    for type_, id_, name, title in (
        ("Communication", "discharge-communication", "DischargeCommunication", "Discharge message (Communication)"),
        ("CommunicationRequest", "discharge-communication-request", "DischargeCommunicationRequest",
         "Discharge message request (CommunicationRequest)"),
    ):  # fmt: skip
        out.append(structure_definition(
            id_, name, title, type_,
            f"A {type_} of the discharge process: one category names the process step (message type), others "
            "may refine it; its subject, when given, is the patient.",
            [element(f"{type_}.category", min=1, slicing=_PATTERN_SLICING),
             element(f"{type_}.category:step", min=1, max=1, binding=_required("process-step"),
                     patternCodeableConcept={"coding": [{"system": codes.PROCESS_STEP}]}),
             element(f"{type_}.subject", type=reference("Patient"))],
        ))  # fmt: skip
    return out


def _care_plan() -> Json:
    return structure_definition(
        "discharge-careplan", "DischargeCarePlan", "Coordinated individual plan (SIP)", "CarePlan",
        "The SIP (samordnad individuell plan, M-18): a plan (intent 'plan') for the patient, categorised as a SIP.",
        [element("CarePlan.category", min=1, binding=_required("care-plan-category")),
         element("CarePlan.intent", fixedCode="plan"),
         element("CarePlan.subject", type=reference("Patient"))],
    )  # fmt: skip


def _consent() -> Json:
    status = f"category.coding.where(system = '{codes.system_of(codes.ConsentStatus)}').code"
    sector, given_by = f"{_extension('disclosing-sector')}.code", f"{_extension('consent-given-by')}.code"
    rules = [
        invariant("dis-con-1", "A harm assessment is a legal basis for health care only, not for social services "
                  "(C-03)", f"{status}.where($this = 'harm-assessment-permits' or $this = 'harm-assessment-denies')"
                  f".empty() or {sector}.where($this = 'social-services').empty()"),
        invariant("dis-con-2", "The social welfare board decides for social services only (CH-02)",
                  f"{given_by}.where($this = 'social-welfare-board').empty() or "
                  f"{sector}.where($this = 'social-services').exists()"),
    ]  # fmt: skip
    pattern = {"coding": [{"system": codes.system_of(codes.ConsentStatus)}]}
    return structure_definition(
        "discharge-consent", "DischargeConsent", "Legal basis for disclosure (consent / harm assessment)", "Consent",
        "The legal basis of one disclosing sector for the case (§4.2): the sector (extension), its status — consent, "
        "harm assessment, refusal … — as a category, who gave it (the patient, guardians as RelatedPerson "
        "performers, the social welfare board) and, for a child, the maturity assessment (CH-01).",
        [element("Consent", constraint=rules),
         _extension_slicing("Consent"),
         _extension_slice("Consent", "disclosingSector", "disclosing-sector", 1, 1),
         _extension_slice("Consent", "givenBy", "consent-given-by"),
         _extension_slice("Consent", "childMaturity", "maturity-assessment"),
         element("Consent.scope", patternCodeableConcept={"coding": [{"system": codes.CONSENT_SCOPE,
                                                                        "code": "patient-privacy"}]}),
         element("Consent.category", slicing=_PATTERN_SLICING),
         element("Consent.category:legalBasis", min=1, max=1, patternCodeableConcept=pattern,
                 binding=_required(codes.ENUM_SYSTEMS[codes.ConsentStatus])),
         element("Consent.performer", type=reference("Patient", "RelatedPerson", "Organization"))],
    )  # fmt: skip


def _appointment() -> Json:
    return structure_definition(
        "discharge-appointment", "DischargeAppointment", "Discharge meeting (Appointment)", "Appointment",
        "A meeting of the discharge process — initial SIP at the hospital, SIP, collaboration meeting, SIP "
        "follow-up — named by its process step in serviceCategory, with its mode and place.",
        [_extension_slicing("Appointment"),
         _extension_slice("Appointment", "meetingMode", "meeting-mode"),
         _extension_slice("Appointment", "meetingLocation", "meeting-location"),
         element("Appointment.serviceCategory", min=1, binding=_required("meeting-step"))],
    )  # fmt: skip


def _message_header() -> Json:
    return structure_definition(
        "discharge-message-header", "DischargeMessageHeader", "Discharge message header", "MessageHeader",
        "The header of a discharge FHIR message: the event is a discharge-event code (E-01, M-01 … M-25, the "
        "acknowledgements), the sender a unit, at least one focus.",
        [element("MessageHeader.event[x]", type=[{"code": "Coding"}], binding=_required("discharge-event")),
         element("MessageHeader.sender", type=reference("Organization", "PractitionerRole")),
         element("MessageHeader.focus", min=1)],
    )  # fmt: skip


def process_profiles() -> list[Json]:
    return [
        _encounter(), _episode_of_care(), _task(), *_communications(), _care_plan(), _consent(), _appointment(),
        _message_header(),
    ]  # fmt: skip


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
