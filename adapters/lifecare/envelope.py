"""The envelope's parts (§8): units, the case, the patient and the small shared objects (Person, Bilaga).

Role: frozen dataclasses whose fields, with ``spec`` annotations, *are* the §8 member tables; ``structure``
checks, builds and encodes them. Conditional members (``C``) are optional here and enforced by
``envelope_rules``. Boundary: data only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from adapters.lifecare.codes import (
    Huvudman,
    Identitetstyp,
    Mimetyp,
    Mognadsniva,
    Regionkod,
    Spar,
    Vardnadshavarsamtycke,
    Verksamhet,
)
from adapters.lifecare.spec import Base64, HsaId, Items, Kommunkod, Kort100, Kort200, Oid, Postnummer, Telefon, Uuid

__all__ = [
    "Adress",
    "Arende",
    "Bilaga",
    "Enhet",
    "Identitet",
    "Mognadsbedomning",
    "Patient",
    "Person",
    "Vardnadshavare",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Enhet:
    """A sending or receiving unit; ``kommunkod`` is required for KOMMUN."""

    hsa_id: HsaId
    namn: Kort200
    huvudman: Huvudman
    verksamhet: Verksamhet
    kommunkod: Kommunkod | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Arende:
    """The case: its id, the region profile whose rules apply, and the track (redacted without a basis)."""

    arende_id: Uuid
    region: Regionkod
    spar: Spar | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Identitet:
    """Personnummer, samordningsnummer or reserve number (§7.4); ``utfardare`` only for RESERVNUMMER."""

    typ: Identitetstyp
    nummer: str
    utfardare: Oid | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Adress:
    """A postal address; ``stadsdel`` is the Stockholm city district (the payer)."""

    utdelningsadress: Kort200
    postnummer: Postnummer
    postort: Kort100
    kommunkod: Kommunkod
    stadsdel: Kort100 | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    """A named person acting for a unit (physician, convener, contact person)."""

    namn: Kort200
    hsa_id: HsaId | None = None
    telefon: Telefon | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Vardnadshavare:
    """A guardian with their own consent; ``betydandeMen``: never inform this guardian (CH-03)."""

    fornamn: Kort100
    efternamn: Kort100
    identitet: Identitet | None = None
    telefon: Telefon | None = None
    samtycke: Vardnadshavarsamtycke
    betydande_men: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Mognadsbedomning:
    """Child maturity assessment (CH-01); ``bedomdAv`` and ``bedomd`` are required unless EJ_BEDOMD."""

    niva: Mognadsniva
    bedomd_av: Person | None = None
    bedomd: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Patient:
    """The individual; ``fodelsedatum`` is required for a reserve number and must match any other number."""

    identitet: Identitet
    fornamn: Kort100
    efternamn: Kort100
    fodelsedatum: date | None = None
    folkbokforingsadress: Adress
    vardnadshavare: Annotated[tuple[Vardnadshavare, ...], Items(1, 4)] = ()
    mognadsbedomning: Mognadsbedomning | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Bilaga:
    """An attachment: file name, one of four media types, base64 data."""

    filnamn: Kort200
    mimetyp: Mimetyp
    data: Base64
