"""Bodies (``innehall``) of the SIP messages (§9): invitation (M-09/M-10) and its reply, M-18, M-19.

Role: one frozen dataclass per ``meddelandetyp``, its fields the §9 member table (``spec`` annotations);
conditional members are optional here and enforced by ``body_rules``. Boundary: data only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, ClassVar

from adapters.lifecare.body_base import Innehall
from adapters.lifecare.codes import (
    Huvudman,
    Insatsansvarig,
    Kallelsesvar,
    Meddelandetyp,
    Motesform,
    Plats,
    SipTyp,
    SipUpprattandetyp,
    Uppfoljningsresultat,
)
from adapters.lifecare.envelope import Person
from adapters.lifecare.spec import Fritext1000, Fritext2000, Fritext4000, IntRange, Items, Kort100, Kort200, Uuid

__all__ = ["Deltagare", "SipInsats", "SipKallelse", "SipKallelseKvittens", "SipUppfoljning", "SipUpprattad"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Deltagare:
    """Another participant of a SIP meeting (school, Försäkringskassan, relatives …)."""

    namn: Kort200
    roll: Kort100 | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SipKallelse(Innehall):
    """SIP invitation (M-10; M-09 with INLEDANDE_PA_SJUKHUS); the meeting is after ``skapad``."""

    MEDDELANDETYP: ClassVar[Meddelandetyp] = Meddelandetyp.SIP_KALLELSE
    sip_typ: SipTyp
    tidpunkt: datetime
    varaktighet_minuter: Annotated[int, IntRange(15, 480)] | None = None
    plats: Plats
    plats_beskrivning: Kort200 | None = None
    motesform: Motesform
    kallande: Person
    avstamd_med_den_enskilde: bool
    ovriga_deltagare: Annotated[tuple[Deltagare, ...], Items(0, 20)] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SipKallelseKvittens(Innehall):
    """Reply to a SIP invitation."""

    MEDDELANDETYP: ClassVar[Meddelandetyp] = Meddelandetyp.SIP_KALLELSE_KVITTENS
    kvitterar_meddelande_id: Uuid
    kvitterad: datetime
    svar: Kallelsesvar
    kommentar: Fritext2000 | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SipInsats:
    """A SIP measure and the party responsible for it."""

    ansvarig: Insatsansvarig
    beskrivning: Fritext1000


@dataclass(frozen=True, slots=True, kw_only=True)
class SipUpprattad(Innehall):
    """M-18 SIP established or updated; needs confirmed consent (C-10, CH-06)."""

    MEDDELANDETYP: ClassVar[Meddelandetyp] = Meddelandetyp.SIP_UPPRATTAD
    typ: SipUpprattandetyp
    motesdatum: date
    insatser: Annotated[tuple[SipInsats, ...], Items(1, 30)]
    overgripande_ansvar: Huvudman
    atgarder_av_andra: Fritext2000 | None = None
    nasta_uppfoljning: datetime | None = None
    signerad_av_alla: bool | None = None
    samtycke_bekraftat: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class SipUppfoljning(Innehall):
    """M-19 SIP follow-up; needs confirmed consent (C-10)."""

    MEDDELANDETYP: ClassVar[Meddelandetyp] = Meddelandetyp.SIP_UPPFOLJNING
    genomford: date
    resultat: Uppfoljningsresultat
    utvardering: Fritext4000 | None = None
    nasta_uppfoljning: datetime | None = None
    samtycke_bekraftat: bool
