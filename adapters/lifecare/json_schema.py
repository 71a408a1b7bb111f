"""The published JSON Schema (draft 2020-12) of the contract, generated from the message dataclasses.

Role: ``json_schema()`` builds the schema in memory (pure, deterministic) — the envelope, a ``$defs`` entry per
object and per §9 body, and an ``if``/``then`` per ``meddelandetyp`` selecting the body. ``load_published_schema``
reads the copy shipped as package data (``schema/lifecare-sp-style-1.0.schema.json``) for the gateway to serve;
a unit test keeps the two equal. The schema states the structure, formats and code lists; check digits,
multi-member rules and the exact §7.6 error codes are the validator's (``validation``) — the schema is for
senders' tooling, the validator is authoritative. Boundary: ``load_published_schema`` is the package's only
file read, and only when called (never at import).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from adapters.lifecare import formats
from adapters.lifecare.formats import Format
from adapters.lifecare.identity import RESERVE_NUMBER_ISSUERS
from adapters.lifecare.message import BODY_CLASSES, VERSION, Meddelande
from adapters.lifecare.municipality_codes import MUNICIPALITY_CODES
from adapters.lifecare.structure import (
    ArrayKind,
    BodyKind,
    BoolKind,
    DatumKind,
    EnumKind,
    FormatKind,
    IntKind,
    Kind,
    ObjectKind,
    PlainStringKind,
    TextKind,
    TidpunktKind,
    fields_of,
)

__all__ = ["SCHEMA_FILE", "SCHEMA_ID", "json_schema", "load_published_schema"]

SCHEMA_ID = "https://gateway.invalid/schemas/lifecare-sp-style/1.0/message.schema.json"
SCHEMA_FILE = "lifecare-sp-style-1.0.schema.json"


def json_schema() -> dict[str, Any]:
    """The whole contract as one JSON Schema document."""
    defs: dict[str, Any] = {}
    envelope = _object_schema(Meddelande, defs)
    envelope["properties"] = {
        "version": {"type": "string", "pattern": r"^1\.(0|[1-9][0-9]*)$", "description": f"This schema is {VERSION}."},
        "meddelandetyp": {"type": "string", "enum": [code.value for code in BODY_CLASSES]},
        **envelope["properties"],
    }
    envelope["required"] = ["version", "meddelandetyp", *envelope["required"]]
    for cls in BODY_CLASSES.values():
        _kind_schema(ObjectKind(cls), defs)
    for name, conditions in _conditions().items():
        defs[name]["allOf"] = conditions
    envelope["allOf"] = [
        {
            "if": {"properties": {"meddelandetyp": {"const": code.value}}, "required": ["meddelandetyp"]},
            "then": {"properties": {"innehall": {"$ref": f"#/$defs/{cls.__name__}"}}},
        }
        for code, cls in BODY_CLASSES.items()
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"Lifecare SP–style message, contract version {VERSION}",
        **envelope,
        "$defs": dict(sorted(defs.items())),
    }


def load_published_schema() -> dict[str, Any]:
    """The schema shipped as package data (read on call; the gateway calls it once at start-up)."""
    text = resources.files("adapters.lifecare").joinpath("schema", SCHEMA_FILE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    members = fields_of(cls)
    schema: dict[str, Any] = {"type": "object"}
    doc = (cls.__doc__ or "").strip().splitlines()
    if doc:
        schema["description"] = doc[0]
    schema["properties"] = {member.json: _kind_schema(member.kind, defs) for member in members}
    schema["required"] = [member.json for member in members if member.required]
    schema["additionalProperties"] = False
    return schema


def _text_schema(kind: TextKind) -> dict[str, Any]:
    forbidden = r"\u0000-\u0008\u000b\u000c\u000e-\u001f" if kind.spec.multiline else r"\u0000-\u001f"
    return {
        "type": "string",
        "minLength": 1,
        "maxLength": kind.spec.max_length,
        "pattern": rf"^(?=[\s\S]*\S)[^{forbidden}\u007f-\u009f\ud800-\udfff]*$",
    }


def _format_schema(kind: FormatKind) -> dict[str, Any]:
    if kind.fmt is Format.KOMMUNKOD:
        return {"type": "string", "enum": sorted(MUNICIPALITY_CODES)}
    pattern = formats.FORMAT_PATTERNS[kind.fmt].pattern
    if kind.fmt is Format.UUID:
        pattern = "(?!0{8}-0{4}-0{4}-0{4}-0{12}$)" + pattern
    result: dict[str, Any] = {"type": "string", "pattern": f"^{pattern}$"}
    if kind.fmt is Format.HSA_ID:
        result |= {"maxLength": 31, "description": "The organisation number's Luhn digit must be right."}
    if kind.fmt is Format.EPOST:
        result["maxLength"] = 254
    return result


def _array_schema(kind: ArrayKind, defs: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {"type": "array", "items": _kind_schema(kind.item, defs)}
    result |= {"minItems": kind.items.minimum, "maxItems": kind.items.maximum}
    if kind.items.unique:
        result["uniqueItems"] = True
    if kind.items.unique_by:
        result["description"] = f"Items are unique by {kind.items.unique_by} (case-insensitive)."
    return result


# Stricter than the parser's shape check (which then checks the calendar in code): field ranges and the offset
# limit are spelled out, so schema-only tooling rejects what it can; 30 February still needs the validator.
_DATUM = r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_TIDPUNKT = (
    rf"^{_DATUM}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{{1,6}})?(Z|[+-](0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)$"
)
_MONTH_DAY = r"(0[1-9]|1[0-2])"


def _when(member: str, value: str, then: dict[str, Any]) -> dict[str, Any]:
    return {"if": {"properties": {member: {"const": value}}, "required": [member]}, "then": then}


def _conditions() -> dict[str, list[dict[str, Any]]]:
    """The conditional members and identity-number syntax that JSON Schema can state (§7.4, §8)."""
    day, coordination_day = r"(0[1-9]|[12][0-9]|3[01])", r"(6[1-9]|[78][0-9]|9[01])"
    reserve = [
        _when("utfardare", issuer, {"properties": {"nummer": {"pattern": f"^{pattern.pattern}$"}}})
        for issuer, pattern in RESERVE_NUMBER_ISSUERS.items()
    ]
    return {
        "Identitet": [
            _when(
                "typ",
                "PERSONNUMMER",
                {
                    "properties": {"nummer": {"pattern": rf"^(18|19|20)[0-9]{{2}}{_MONTH_DAY}{day}[0-9]{{4}}$"}},
                    "not": {"required": ["utfardare"]},
                },
            ),
            _when(
                "typ",
                "SAMORDNINGSNUMMER",
                {
                    "properties": {
                        "nummer": {"pattern": rf"^(18|19|20)[0-9]{{2}}{_MONTH_DAY}{coordination_day}[0-9]{{4}}$"}
                    },
                    "not": {"required": ["utfardare"]},
                },
            ),
            _when(
                "typ",
                "RESERVNUMMER",
                {"required": ["utfardare"], "properties": {"utfardare": {"enum": sorted(RESERVE_NUMBER_ISSUERS)}}},
            ),
            *reserve,
        ],
        "Enhet": [
            _when(
                "huvudman",
                "KOMMUN",
                {"required": ["kommunkod"], "properties": {"verksamhet": {"enum": ["SOCIALTJANST", "KOMMUNAL_HSV"]}}},
            ),
            _when("huvudman", "REGION", {"properties": {"verksamhet": {"enum": ["SLUTENVARD", "OPPENVARD"]}}}),
        ],
    }


_FORMAT_NAMES = {
    Format.UUID: "Uuid",
    Format.HSA_ID: "HsaId",
    Format.TELEFON: "Telefon",
    Format.EPOST: "Epost",
    Format.POSTNUMMER: "Postnummer",
    Format.KOMMUNKOD: "Kommunkod",
    Format.OID: "Oid",
    Format.BASE64: "Base64",
    Format.SPRAKKOD: "Sprakkod",
}


def _named(name: str, schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    defs.setdefault(name, schema)
    return {"$ref": f"#/$defs/{name}"}


def _ref(kind: ObjectKind, defs: dict[str, Any]) -> dict[str, Any]:
    name = kind.cls.__name__
    if name not in defs:
        defs[name] = {}  # reserve first: definitions may refer to each other
        defs[name] = _object_schema(kind.cls, defs)
    return {"$ref": f"#/$defs/{name}"}


def _kind_schema(kind: Kind, defs: dict[str, Any]) -> dict[str, Any]:
    match kind:
        case TextKind():
            return _text_schema(kind)
        case FormatKind():
            return _named(_FORMAT_NAMES[kind.fmt], _format_schema(kind), defs)
        case TidpunktKind():
            return _named("Tidpunkt", {"type": "string", "format": "date-time", "pattern": _TIDPUNKT}, defs)
        case DatumKind():
            return _named("Datum", {"type": "string", "format": "date", "pattern": f"^{_DATUM}$"}, defs)
        case BoolKind():
            return {"type": "boolean"}
        case IntKind():
            return {"type": "integer", "minimum": kind.bounds.minimum, "maximum": kind.bounds.maximum}
        case EnumKind():
            return {"type": "string", "enum": [code.value for code in kind.codes]}
        case ArrayKind():
            return _array_schema(kind, defs)
        case ObjectKind():
            return _ref(kind, defs)
        case BodyKind():
            return {"type": "object", "description": "The body of meddelandetyp (selected by the allOf below)."}
        case PlainStringKind():
            return {"type": "string"}
    raise TypeError(f"no schema for {kind!r}")
