"""JSON Schema (draft 2020-12) of the envelope and every §9 message type, generated from the typed message.

Role: the published, machine-readable shape of version 1.0 — for integrators and for tests that keep the
schema and the validator in step. Both read the same specs (``specs``), so member names, types, required
members, lengths, formats, code lists and cardinalities cannot drift apart. The schema does not express
the multi-member rules (§7.4, §8 rules, §9 rules), check digits or real-date checks; ``validation`` does.
Built on first call and cached — nothing is computed at import time.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from adapters.cosmic_link.envelope import Episode, Header, Patient, PersonId
from adapters.cosmic_link.fields import Checked, Format
from adapters.cosmic_link.message import BODY_CLASSES
from adapters.cosmic_link.municipalities import MUNICIPALITY_CODES
from adapters.cosmic_link.specs import (
    ArraySpec,
    EnumSpec,
    FixedSpec,
    IntSpec,
    ObjectSpec,
    ScalarSpec,
    Spec,
    StringSpec,
    TextSpec,
    members_of,
)
from adapters.cosmic_link.vocabulary import (
    NATIONAL_RESERVE_ROOT,
    PERSON_ROOTS,
    PERSONNUMMER_ROOT,
    SAMORDNINGSNUMMER_ROOT,
)

__all__ = ["SCHEMA_ID", "message_schema"]

SCHEMA_ID = "urn:discharge-gateway:cosmic-link-style:1.0:message"
_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_CONTROL = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff"
_PATTERNS: dict[Format | Checked, str] = {
    Format.UUID: r"^(?!0{8}-0{4}-0{4}-0{4}-0{12}$)[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
    r"[0-9a-fA-F]{12}$",
    Format.PHONE: r"^\+[0-9]{7,15}$",
    Format.POSTAL_CODE: r"^[1-9][0-9]{4}$",
    Format.OID: r"^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))+$",
    Format.BASE64: r"^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$",
    Format.VERSION: r"^1\.[0-9]+$",
    Checked.HSA_EXTENSION: r"^SE(16)?[0-9]{10}-[A-Za-z0-9]+$",
}
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_TIMESTAMP = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})$"
_PERSON_EXTENSIONS = {
    PERSONNUMMER_ROOT: r"^(18|19|20)[0-9]{6}[0-9]{4}$",
    SAMORDNINGSNUMMER_ROOT: r"^(18|19|20)[0-9]{4}[6-9][0-9]{5}$",
    NATIONAL_RESERVE_ROOT: r"^[0-9]{8}([A-HJ-NPRSTUXYZ]{2}[0-9]{2}|[A-HJ-NPRSTUXYZ]{3}[0-9])$",
}
_REGIONAL_RESERVE = r"^[0-9A-Z]{4,20}$"


def message_schema() -> dict[str, Any]:
    """The whole-message schema (a fresh copy each call; built once)."""
    return copy.deepcopy(_build())


@cache
def _build() -> dict[str, Any]:
    definitions: dict[str, Any] = {}
    for cls in (Header, Patient, Episode, *BODY_CLASSES.values()):
        _define(cls, definitions)
    return {
        "$schema": _DRAFT,
        "$id": SCHEMA_ID,
        "title": "Cosmic Link–style message, version 1.0",
        "$comment": "Structure only: rules that combine members (§7.4, §8, §9), check digits and real dates "
        "are enforced by the gateway. A higher 1.x minor may add members, which the gateway ignores.",
        "type": "object",
        "properties": {
            "header": {"$ref": "#/$defs/Header"},
            "patient": {"$ref": "#/$defs/Patient"},
            "episode": {"$ref": "#/$defs/Episode"},
            "body": {"type": "object"},
        },
        "required": ["header", "patient", "episode", "body"],
        "additionalProperties": False,
        "allOf": [
            {
                "if": {"properties": {"header": {"properties": {"messageType": {"const": name.value}}}}},
                "then": {"properties": {"body": {"$ref": f"#/$defs/{cls.__name__}"}}},
            }
            for name, cls in BODY_CLASSES.items()
        ],
        "$defs": definitions,
    }


def _define(cls: type, definitions: dict[str, Any]) -> None:
    if cls.__name__ in definitions:
        return
    definitions[cls.__name__] = {}  # reserve the name first: nested types refer back by $ref
    members = members_of(cls)
    definition: dict[str, Any] = {
        "type": "object",
        "properties": {member.wire: _schema(member.spec, definitions) for member in members},
        "required": [member.wire for member in members if member.required],
        "additionalProperties": False,
    }
    doc = (cls.__doc__ or "").strip()
    if doc and not doc.startswith(f"{cls.__name__}("):  # not the signature dataclasses write
        definition["description"] = doc.splitlines()[0]
    if cls is PersonId:
        definition["properties"]["root"] = {"type": "string", "enum": sorted(PERSON_ROOTS)}
        definition["allOf"] = [_person_extension(root) for root in sorted(PERSON_ROOTS)]
    definitions[cls.__name__] = definition


def _person_extension(root: str) -> dict[str, Any]:
    pattern = _PERSON_EXTENSIONS.get(root, _REGIONAL_RESERVE)
    return {
        "if": {"properties": {"root": {"const": root}}},
        "then": {"properties": {"extension": {"pattern": pattern}}},
    }


def _schema(spec: Spec, definitions: dict[str, Any]) -> dict[str, Any]:
    if isinstance(spec, ObjectSpec):
        _define(spec.cls, definitions)
        return {"$ref": f"#/$defs/{spec.cls.__name__}"}
    if isinstance(spec, ArraySpec):
        array: dict[str, Any] = {
            "type": "array",
            "items": _schema(spec.item, definitions),
            "minItems": spec.card.min_items,
            "maxItems": spec.card.max_items,
        }
        if spec.unique:
            array["uniqueItems"] = True
        return array
    return _scalar_schema(spec)


def _scalar_schema(spec: Spec) -> dict[str, Any]:
    if isinstance(spec, TextSpec):
        control = _CONTROL if spec.kind.multiline else _CONTROL + r"\t\n\r"
        return {
            "type": "string",
            "minLength": 1,
            "maxLength": spec.kind.max_length,
            "pattern": rf"^(?=[\s\S]*\S)[^{control}]*$",
        }
    if isinstance(spec, EnumSpec):
        return {"type": "string", "enum": [item.value for item in spec.enum]}
    if isinstance(spec, FixedSpec):
        return {"type": "string", "const": spec.value}
    if isinstance(spec, IntSpec):
        number: dict[str, Any] = {"type": "integer"}
        if spec.range is not None:
            number.update(minimum=spec.range.minimum, maximum=spec.range.maximum)
        return number
    if isinstance(spec, ScalarSpec):
        if spec.kind == "bool":
            return {"type": "boolean"}
        if spec.kind == "date":
            return {"type": "string", "format": "date", "pattern": _DATE}
        return {"type": "string", "format": "date-time", "pattern": _TIMESTAMP}
    assert isinstance(spec, StringSpec)
    if spec.format is Checked.MUNICIPALITY_CODE:
        return {"type": "string", "enum": sorted(MUNICIPALITY_CODES)}
    if spec.format is Checked.HSA_EXTENSION:
        return {"type": "string", "maxLength": 31, "pattern": _PATTERNS[spec.format]}
    if spec.format in _PATTERNS:
        return {"type": "string", "pattern": _PATTERNS[spec.format]}
    return {"type": "string"}
