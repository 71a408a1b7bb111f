"""Bodies (``innehall``) of readiness, discharge and closure (§9): M-12 and its reply, M-13, M-14, M-16, M-17,
M-21, M-22.

Role: one frozen dataclass per ``meddelandetyp``, its fields the §9 member table (``spec`` annotations);
conditional members are optional here and enforced by ``body_rules``. Boundary: data only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, ClassVar

from adapters.lifecare.body_base import Innehall
from adapters.lifecare.codes import Aterkallelseorsak, Avslutsorsak, Meddelandetyp, Transport, Utskrivningsplats
from adapters.lifecare.envelope import Bilaga, Person
from adapters.lifecare.spec import (
    Fritext500,
    Fritext1000,
    Fritext2000,
    Fritext4000,
    Fritext10000,
    Fritext20000,
    Items,
    Uuid,
)

__all__ = [
    "AtgardsbegaranOppenvard",
    "Avliden",
    "Behandlingsplan",
    "ProcessAvslutad",
    "Tidsram",
    "Utskrivningsklar",
    "UtskrivningsklarAterkallad",
    "UtskrivningsklarKvittens",
    "Utskrivningsmeddelande",
    "Utskrivningstidpunkt",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Utskrivningsklar(Innehall):
    """M-12 ready for discharge (R-09); ``skapad`` starts the day count, the assessment is not after it."""

    MEDDELANDETYP: ClassVar[Meddelandetyp] = Meddelandetyp.UTSKRIVNINGSKLAR
    bedomd_utskrivningsklar: datetime
    bedomande_lakare: Person | None = None
    planerad_utskrivning: datetime | None = None
    atgardsbegaran_bifogad: bool | None = None
    oppna_remisser_avslutade: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class UtskrivningsklarKvittens(Innehall):
    """Acknowledgement of M-12."""

    MEDDELANDETYP: ClassVar[Meddelandetyp] = Meddelandetyp.UTSKRIVNINGSKLAR_KVITTENS
    kvitterar_meddelande_id: Uuid
    kvitterad: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class UtskrivningsklarAterkallad(Innehall):
    """M-13 ready for discharge revoked, with the new estimated discharge date (R-10)."""

    MEDDELANDETYP: ClassVar[Meddelandetyp] = Meddelandetyp.UTSKRIVNINGSKLAR_ATERKALLAD
    aterkallat_meddelande_id: Uuid
    aterkallad: datetime
    orsak: Aterkallelseorsak
    nytt_beraknat_utskrivningsdatum: date
    kommentar: Fritext1000 | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Utskrivningstidpunkt(Innehall):
    """M-14 discharge time and/or home arrival (at least one)."""

    MEDDELANDETYP: ClassVar[Meddelandetyp] = Meddelandetyp.UTSKRIVNINGSTIDPUNKT
    utskrivningstid: datetime | None = None
    ankomst_hem: datetime | None = None
    mottas_i_hemmet: bool | None = None
    transport: Transport | None = None
    kommentar: Fritext1000 | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Tidsram:
    """A date interval, ``till`` not before ``fran``."""

    fran: date
    till: date


@dataclass(frozen=True, slots=True, kw_only=True)
class AtgardsbegaranOppenvard(Innehall):
    """M-16 request to the outpatient nurse (STO)."""

    MEDDELANDETYP: ClassVar[Meddelandetyp] = Meddelandetyp.ATGARDSBEGARAN_OPPENVARD
    fragestallning: Fritext1000
    begarda_atgarder: Fritext2000
    tidsram: Tidsram


@dataclass(frozen=True, slots=True, kw_only=True)
class Behandlingsplan:
    """ORE yellow/red 7-day medical treatment plan (R-13)."""

    text: Fritext4000
    galler_till: date


@dataclass(frozen=True, slots=True, kw_only=True)
class Utskrivningsmeddelande(Innehall):
    """M-17 discharge information (R-12)."""

    MEDDELANDETYP: ClassVar[Meddelandetyp] = Meddelandetyp.UTSKRIVNINGSMEDDELANDE
    utskrivningstid: datetime
    utskriven_till: Utskrivningsplats
    sammanfattning: Fritext20000
    lakemedelslista: Fritext10000 | None = None
    lakemedelsberattelse: Fritext10000 | None = None
    halsostatus: Fritext4000 | None = None
    egenvard: Fritext4000 | None = None
    riskbedomning: Fritext2000 | None = None
    remiss_till_oppenvard: bool | None = None
    medicinsk_behandlingsplan: Behandlingsplan | None = None
    bilagor: Annotated[tuple[Bilaga, ...], Items(0, 5)] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Avliden(Innehall):
    """M-21 patient deceased; the time of death is not after ``skapad``."""

    MEDDELANDETYP: ClassVar[Meddelandetyp] = Meddelandetyp.AVLIDEN
    dodstidpunkt: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class ProcessAvslutad(Innehall):
    """M-22 process closed with a reason; ``orsakText`` required for OVRIGT."""

    MEDDELANDETYP: ClassVar[Meddelandetyp] = Meddelandetyp.PROCESS_AVSLUTAD
    orsak: Avslutsorsak
    orsak_text: Fritext500 | None = None
    avslutad: datetime
