"""Bodies (``innehall``) of the admission and planning messages (§9): M-01, M-02, M-04, M-05, M-06.

Role: one frozen dataclass per ``meddelandetyp``, its fields the §9 member table (``spec`` annotations);
conditional members are optional here and enforced by ``body_rules``. Boundary: data only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, ClassVar

from adapters.lifecare.body_base import Innehall
from adapters.lifecare.codes import (
    Behov,
    Datumandringsorsak,
    Insats,
    Lagrum,
    Meddelandetyp,
    Samtyckesstatus,
    Vardtyp,
    Yrke,
)
from adapters.lifecare.envelope import Person
from adapters.lifecare.spec import (
    Fritext500,
    Fritext1000,
    Fritext2000,
    Fritext4000,
    HsaId,
    Items,
    Kommunkod,
    Kort200,
    Kort300,
    Telefon,
    Uuid,
)

__all__ = [
    "BefintligInsats",
    "FastVardkontakt",
    "FastVardkontaktUtsedd",
    "InskrivningKvittens",
    "Inskrivningsmeddelande",
    "KompletteringBegaran",
    "Planeringsunderlag",
    "Samtycke",
    "Underlagspost",
    "UtskrivningsdatumAndrat",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Samtycke:
    """The patient's consent or harm-assessment status (C-01); a status code only."""

    status: Samtyckesstatus
    dokumenterad: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Inskrivningsmeddelande(Innehall):
    """M-01 admission notice (R-01, C-01)."""

    MEDDELANDETYP: ClassVar[Meddelandetyp] = Meddelandetyp.INSKRIVNINGSMEDDELANDE
    inskrivningstid: datetime
    behov_identifierat: datetime | None = None
    beraknat_utskrivningsdatum: date
    samtycke: Samtycke
    ansvarig_lakare: Person | None = None
    kontaktorsak: Fritext500 | None = None
    behov_av_insatser: Annotated[tuple[Behov, ...], Items(1, 3, unique=True)]
    vardtyp: Vardtyp
    lagrum: Lagrum | None = None
    intagningsbeslut: date | None = None
    livshotande_tillstand: bool | None = None
    barn_i_hushallet: bool | None = None
    placeringskommun: Kommunkod | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class BefintligInsats:
    """An existing intervention, stated only with consent (C-02)."""

    typ: Insats
    beskrivning: Fritext500 | None = None
    utforare: Kort200 | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class InskrivningKvittens(Innehall):
    """M-02 acknowledgement of the admission notice (R-03)."""

    MEDDELANDETYP: ClassVar[Meddelandetyp] = Meddelandetyp.INSKRIVNING_KVITTENS
    kvitterar_meddelande_id: Uuid
    kvitterad: datetime
    befintliga_insatser: Annotated[tuple[BefintligInsats, ...], Items(0, 30)] = ()
    kontaktperson: Person | None = None
    kommentar: Fritext2000 | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FastVardkontakt:
    """The named care contact; a licensed physician must have ``yrke`` LAKARE if a yrke is given."""

    namn: Kort200
    tjanstetelefon: Telefon
    yrke: Yrke | None = None
    legitimerad_lakare: bool
    hsa_id: HsaId | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FastVardkontaktUtsedd(Innehall):
    """M-04 fast vårdkontakt appointed (R-05)."""

    MEDDELANDETYP: ClassVar[Meddelandetyp] = Meddelandetyp.FAST_VARDKONTAKT_UTSEDD
    fast_vardkontakt: FastVardkontakt
    utsedd: datetime
    befintlig_fortsatter: bool | None = None
    fast_lakarkontakt: Person | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Underlagspost:
    """One question and its answer in the planning documentation."""

    fraga: Kort300
    svar: Fritext4000


@dataclass(frozen=True, slots=True, kw_only=True)
class Planeringsunderlag(Innehall):
    """M-05 planning documentation."""

    MEDDELANDETYP: ClassVar[Meddelandetyp] = Meddelandetyp.PLANERINGSUNDERLAG
    underlag: Annotated[tuple[Underlagspost, ...], Items(1, 50)]
    omfattande_behov: bool | None = None
    svar_pa_meddelande_id: Uuid | None = None
    slutford: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class KompletteringBegaran(Innehall):
    """M-05 request for more information; ``onskatSvarSenast`` after ``skapad``."""

    MEDDELANDETYP: ClassVar[Meddelandetyp] = Meddelandetyp.KOMPLETTERING_BEGARAN
    fraga: Fritext2000
    avser_meddelande_id: Uuid | None = None
    onskat_svar_senast: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class UtskrivningsdatumAndrat(Innehall):
    """M-06 changed estimated discharge date (R-10); ``domslutsdatum`` required for LPT_FORLANGD (R-19)."""

    MEDDELANDETYP: ClassVar[Meddelandetyp] = Meddelandetyp.UTSKRIVNINGSDATUM_ANDRAT
    beraknat_utskrivningsdatum: date
    tidigare_beraknat_utskrivningsdatum: date | None = None
    orsak: Datumandringsorsak
    domslutsdatum: date | None = None
    kommentar: Fritext1000 | None = None
