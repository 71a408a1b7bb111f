"""Bodies (``innehall``) of the messages that may come at any time (§9): M-23, M-24, M-25.

Role: one frozen dataclass per ``meddelandetyp``, its fields the §9 member table (``spec`` annotations);
conditional members are optional here and enforced by ``body_rules``. Boundary: data only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, ClassVar

from adapters.lifecare.body_base import Innehall
from adapters.lifecare.codes import (
    Boendeform,
    Kategori,
    LamnatAv,
    Meddelandetyp,
    Relation,
    Samtyckesandamal,
    Samtyckesstatus,
    Verksamhet,
)
from adapters.lifecare.envelope import Adress, Bilaga
from adapters.lifecare.spec import Epost, Fritext4000, Items, Kort200, Sprakkod, Telefon, Uuid

__all__ = [
    "GenerelltMeddelande",
    "Narstaende",
    "Period",
    "PersonuppgifterUppdaterade",
    "SamtyckeAndrat",
    "Tolkbehov",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Period:
    """A leave period; ``till`` after ``fran``."""

    fran: datetime
    till: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class GenerelltMeddelande(Innehall):
    """M-23 general message (M-08 leave with kategori PERMISSION); an absent kategori reads as OVRIGT."""

    MEDDELANDETYP: ClassVar[Meddelandetyp] = Meddelandetyp.GENERELLT_MEDDELANDE
    amne: Kort200
    text: Fritext4000
    kategori: Kategori = Kategori.OVRIGT
    permission: Period | None = None
    svar_pa_meddelande_id: Uuid | None = None
    bilagor: Annotated[tuple[Bilaga, ...], Items(0, 5)] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SamtyckeAndrat(Innehall):
    """M-24 consent or harm assessment changed for one disclosing sector (C-03, C-05)."""

    MEDDELANDETYP: ClassVar[Meddelandetyp] = Meddelandetyp.SAMTYCKE_ANDRAT
    sektor: Verksamhet
    status: Samtyckesstatus
    galler_fran: datetime
    lamnat_av: LamnatAv | None = None
    avser: Annotated[tuple[Samtyckesandamal, ...], Items(1, 4, unique=True)] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Narstaende:
    """A relative."""

    namn: Kort200
    relation: Relation
    telefon: Telefon | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Tolkbehov:
    """Interpreter need; ``sprak`` required when ``behovs`` is true."""

    behovs: bool
    sprak: Sprakkod | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonuppgifterUppdaterade(Innehall):
    """M-25 personal-data update (STO); at least one member."""

    MEDDELANDETYP: ClassVar[Meddelandetyp] = Meddelandetyp.PERSONUPPGIFTER_UPPDATERADE
    telefon: Telefon | None = None
    epost: Epost | None = None
    boendeform: Boendeform | None = None
    tillfallig_adress: Adress | None = None
    narstaende: Annotated[tuple[Narstaende, ...], Items(1, 10)] = ()
    kontakt_oppenvardspsykiatri: bool | None = None
    hemsjukvard: bool | None = None
    tolkbehov: Tolkbehov | None = None
