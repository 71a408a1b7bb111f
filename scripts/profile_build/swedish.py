"""Swedish base profiles (hl7se.fhir.base aligned), NamingSystems and KV Kommun."""

from __future__ import annotations

from profile_build.kit import (
    COMMON,
    KOMMUNKODER,
    ORGNR,
    V2_0203,
    B,
    Json,
    code_system,
    codes,
    element,
    structure_definition,
    value_set,
)

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
