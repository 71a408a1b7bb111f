"""The typed message: the envelope (§8) with the body of its ``meddelandetyp`` (§9), and the body registry.

Role: ``Meddelande`` is what ``codec.parse`` returns for a valid body and what ``codec.from_event`` renders;
``BODY_CLASSES`` maps each §9 code to its body class. ``version`` and ``meddelandetyp`` are not fields: the
version is the one this package speaks (``VERSION``; delivered messages are always 1.0, §5) and the type is
the body's. Boundary: data only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Annotated

from adapters.lifecare.admission_bodies import (
    FastVardkontaktUtsedd,
    InskrivningKvittens,
    Inskrivningsmeddelande,
    KompletteringBegaran,
    Planeringsunderlag,
    UtskrivningsdatumAndrat,
)
from adapters.lifecare.body_base import Innehall
from adapters.lifecare.codes import Meddelandetyp
from adapters.lifecare.discharge_bodies import (
    AtgardsbegaranOppenvard,
    Avliden,
    ProcessAvslutad,
    Utskrivningsklar,
    UtskrivningsklarAterkallad,
    UtskrivningsklarKvittens,
    Utskrivningsmeddelande,
    Utskrivningstidpunkt,
)
from adapters.lifecare.envelope import Arende, Enhet, Patient
from adapters.lifecare.general_bodies import GenerelltMeddelande, PersonuppgifterUppdaterade, SamtyckeAndrat
from adapters.lifecare.sip_bodies import SipKallelse, SipKallelseKvittens, SipUppfoljning, SipUpprattad
from adapters.lifecare.spec import BODY, Items, Uuid

__all__ = ["BODY_CLASSES", "ENVELOPE_EXTRA_MEMBERS", "VERSION", "Meddelande"]

VERSION = "1.0"
ENVELOPE_EXTRA_MEMBERS = frozenset({"version", "meddelandetyp"})  # checked first (§7.5 step 1), not fields


@dataclass(frozen=True, slots=True, kw_only=True)
class Meddelande:
    """One Lifecare SP–style message (§8).

    As parsed: text in NFC, UUIDs lower-case, arrays of unique codes in the contract's order (``structure``).
    """

    meddelande_id: Uuid
    skapad: datetime
    avsandare: Enhet
    mottagare: Annotated[tuple[Enhet, ...], Items(1, 20, unique_by="hsaId")]
    arende: Arende
    patient: Patient
    innehall: Annotated[Innehall, BODY]

    @property
    def meddelandetyp(self) -> Meddelandetyp:
        return self.innehall.MEDDELANDETYP


BODY_CLASSES: MappingProxyType[Meddelandetyp, type[Innehall]] = MappingProxyType(
    {
        cls.MEDDELANDETYP: cls
        for cls in (
            Inskrivningsmeddelande,
            InskrivningKvittens,
            FastVardkontaktUtsedd,
            Planeringsunderlag,
            KompletteringBegaran,
            UtskrivningsdatumAndrat,
            SipKallelse,
            SipKallelseKvittens,
            Utskrivningsklar,
            UtskrivningsklarKvittens,
            UtskrivningsklarAterkallad,
            Utskrivningstidpunkt,
            AtgardsbegaranOppenvard,
            Utskrivningsmeddelande,
            SipUpprattad,
            SipUppfoljning,
            Avliden,
            ProcessAvslutad,
            GenerelltMeddelande,
            SamtyckeAndrat,
            PersonuppgifterUppdaterade,
        )
    }
)
assert set(BODY_CLASSES) == set(Meddelandetyp), "every §9 type needs exactly one body class"
