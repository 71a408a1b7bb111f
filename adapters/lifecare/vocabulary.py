"""The contract's codes ↔ the neutral vocabulary of ``discharge`` (``codes``, ``regions``, event enums).

Role: one ``Vocabulary`` per code list, holding the inbound mapping and its inverse; inverses of maps onto a
larger neutral list say what a neutral code without a Lifecare SP–style spelling becomes (``fallback``).
Boundary: codes only; which member maps to which field is ``message_to_event`` / ``event_to_message``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

from adapters.lifecare import codes as lc
from discharge import codes as n
from discharge.admission_events import HousingType, Relation
from discharge.discharge_events import GeneralCategory, RevocationReason, Transport
from discharge.events import EddChangeReason
from discharge.regions import Region, Track
from discharge.sip_events import InvitationResponse, SipFollowUpResult, SipRecordKind, SipType

__all__ = [
    "ATERKALLELSEORSAK",
    "AVSLUTSORSAK",
    "BEHOV",
    "BOENDEFORM",
    "DATUMANDRINGSORSAK",
    "HUVUDMAN",
    "IDENTITETSTYP",
    "INSATS",
    "INSATSANSVARIG",
    "KALLELSESVAR",
    "KATEGORI",
    "LAGRUM",
    "LAMNAT_AV",
    "MOGNADSNIVA",
    "MOTESFORM",
    "PLATS",
    "REGION",
    "RELATION",
    "SAMTYCKESANDAMAL",
    "SAMTYCKESSTATUS",
    "SIPTYP",
    "SIPUPPRATTANDETYP",
    "TRACKS",
    "TRANSPORT",
    "UPPFOLJNINGSRESULTAT",
    "UTSKRIVNINGSPLATS",
    "VARDNADSHAVARSAMTYCKE",
    "VARDTYP",
    "VERKSAMHET",
    "YRKE",
    "Vocabulary",
]

L = TypeVar("L", bound=StrEnum)
N = TypeVar("N", bound=StrEnum)


@dataclass(frozen=True)
class Vocabulary(Generic[L, N]):
    """``inbound[lc_code]`` is the neutral code; ``outbound(neutral)`` the Lifecare code (or ``fallback``)."""

    inbound: Mapping[L, N]
    fallback: L | None = None
    _outbound: dict[N, L] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        outbound = {neutral: code for code, neutral in self.inbound.items()}
        assert len(outbound) == len(self.inbound), "an inbound mapping must be one to one"
        object.__setattr__(self, "_outbound", outbound)

    def outbound(self, neutral: N) -> L:
        code = self._outbound.get(neutral, self.fallback)
        if code is None:
            raise KeyError(neutral)
        return code

    def has(self, neutral: N) -> bool:
        return neutral in self._outbound


def _by_name(lc_codes: type[L], neutral: type[N], pairs: Mapping[str, str]) -> dict[L, N]:
    mapping = {lc_codes(code): neutral(value) for code, value in pairs.items()}
    assert set(mapping) == set(lc_codes), f"{lc_codes.__name__}: every code needs a mapping"
    return mapping


HUVUDMAN = Vocabulary(_by_name(lc.Huvudman, n.Principal, {"REGION": "REGION", "KOMMUN": "MUNICIPALITY"}))
_SECTORS = {
    "SLUTENVARD": "INPATIENT",
    "OPPENVARD": "OUTPATIENT",
    "SOCIALTJANST": "SOCIAL_SERVICES",
    "KOMMUNAL_HSV": "MUNICIPAL_HEALTH_CARE",
}
VERKSAMHET = Vocabulary(_by_name(lc.Verksamhet, n.Sector, _SECTORS))
BEHOV = Vocabulary(
    _by_name(
        lc.Behov,
        n.Need,
        {"SOCIALTJANST": "SOCIAL_SERVICES", "KOMMUNAL_HSV": "MUNICIPAL_HEALTH_CARE", "OPPENVARD": "OUTPATIENT"},
    )
)
REGION = Vocabulary(_by_name(lc.Regionkod, Region, {"STO": "STO", "ORE": "ORE", "VAR": "VAR"}))
IDENTITETSTYP = Vocabulary(_by_name(lc.Identitetstyp, n.IdentifierKind, {k.value: k.value for k in lc.Identitetstyp}))
_CONSENT = {
    "LAMNAT": "GIVEN",
    "NEKAT": "REFUSED",
    "ATERKALLAT": "WITHDRAWN",
    "MENPROVNING_MEDGER": "HARM_ASSESSMENT_PERMITS",
    "MENPROVNING_HINDRAR": "HARM_ASSESSMENT_DENIES",
    "EJ_INHAMTAT": "NOT_ASKED",
}
SAMTYCKESSTATUS = Vocabulary(_by_name(lc.Samtyckesstatus, n.ConsentStatus, _CONSENT))
VARDNADSHAVARSAMTYCKE = Vocabulary(
    _by_name(lc.Vardnadshavarsamtycke, n.ConsentStatus, {k.value: _CONSENT[k.value] for k in lc.Vardnadshavarsamtycke})
)
MOGNADSNIVA = Vocabulary(
    _by_name(
        lc.Mognadsniva,
        n.MaturityLevel,
        {
            "EJ_BEDOMD": "NOT_ASSESSED",
            "BARNET_BESTAMMER": "CHILD_DECIDES",
            "GEMENSAMT": "JOINT",
            "VARDNADSHAVARE_BESTAMMER": "GUARDIANS_DECIDE",
        },
    )
)
VARDTYP = Vocabulary(_by_name(lc.Vardtyp, n.CareType, {"SOMATISK": "SOMATIC", "PSYKIATRISK": "PSYCHIATRIC"}))
LAGRUM = Vocabulary(_by_name(lc.Lagrum, n.CareStatute, {"FRIVILLIG": "VOLUNTARY", "LPT": "LPT", "OPT": "OPT"}))
INSATS = Vocabulary(
    _by_name(
        lc.Insats,
        n.Intervention,
        {
            "HEMTJANST": "HOME_HELP",
            "HEMSJUKVARD": "HOME_HEALTH_CARE",
            "SARSKILT_BOENDE": "SPECIAL_HOUSING",
            "KORTTIDSBOENDE": "SHORT_TERM_HOUSING",
            "BOENDE_SARSKILD_SERVICE": "HOUSING_WITH_SPECIAL_SERVICE",
            "TRYGGHETSLARM": "SAFETY_ALARM",
            "MATDISTRIBUTION": "MEAL_DELIVERY",
            "DAGVERKSAMHET": "DAY_ACTIVITY",
            "LSS_INSATS": "LSS_SUPPORT",
            "PERSONLIG_ASSISTANS": "PERSONAL_ASSISTANCE",
            "HJALPMEDEL": "ASSISTIVE_DEVICES",
            "REHABILITERING": "REHABILITATION",
            "ASIH": "ASIH",
            "PRIMARVARD": "PRIMARY_CARE",
            "PSYKIATRISK_OPPENVARD": "OUTPATIENT_PSYCHIATRY",
            "BOSTADSANPASSNING": "HOUSING_ADAPTATION",
            "OVRIGT": "OTHER",
        },
    ),
    fallback=lc.Insats.OVRIGT,  # RESPITE_CARE, CONTACT_PERSON, FAMILY_SUPPORT … have no Lifecare code
)
YRKE = Vocabulary(
    _by_name(
        lc.Yrke,
        n.Profession,
        {
            "LAKARE": "PHYSICIAN",
            "SJUKSKOTERSKA": "NURSE",
            "DISTRIKTSSKOTERSKA": "DISTRICT_NURSE",
            "ARBETSTERAPEUT": "OCCUPATIONAL_THERAPIST",
            "FYSIOTERAPEUT": "PHYSIOTHERAPIST",
            "KURATOR": "SOCIAL_WORKER",
            "PSYKOLOG": "PSYCHOLOGIST",
            "OVRIG": "OTHER",
        },
    )
)
DATUMANDRINGSORSAK = Vocabulary(
    _by_name(
        lc.Datumandringsorsak,
        EddChangeReason,
        {
            "HALSOTILLSTAND_ANDRAT": "HEALTH_CHANGE",
            "PLANERING": "PLANNING",
            "LPT_AVSLUTAD": "LPT_ENDED",
            "LPT_FORLANGD": "LPT_EXTENDED",
            "OVRIGT": "OTHER",
        },
    )
)
SIPTYP = Vocabulary(
    _by_name(
        lc.SipTyp, SipType, {"INLEDANDE_PA_SJUKHUS": "INITIAL_AT_HOSPITAL", "SIP": "SIP", "UPPFOLJANDE": "FOLLOW_UP"}
    )
)
PLATS = Vocabulary(
    _by_name(
        lc.Plats,
        n.Location,
        {
            "HEMMET": "HOME",
            "SLUTENVARD": "INPATIENT_WARD",
            "OPPENVARD": "OUTPATIENT_CLINIC",
            "KOMMUNAL_LOKAL": "MUNICIPAL_PREMISES",
            "SKOLA": "SCHOOL",
            "ANNAN": "OTHER",
        },
    )
)
MOTESFORM = Vocabulary(
    _by_name(lc.Motesform, n.MeetingMode, {"PA_PLATS": "IN_PERSON", "TELEFON": "PHONE", "VIDEO": "VIDEO"})
)
KALLELSESVAR = Vocabulary(
    _by_name(
        lc.Kallelsesvar,
        InvitationResponse,
        {
            "MOTTAGEN": "RECEIVED",
            "DELTAR": "WILL_ATTEND",
            "DELTAR_EJ": "WILL_NOT_ATTEND",
            "NY_TID_ONSKAS": "NEW_TIME_REQUESTED",
        },
    )
)
ATERKALLELSEORSAK = Vocabulary(
    _by_name(
        lc.Aterkallelseorsak,
        RevocationReason,
        {"HALSOTILLSTAND_ANDRAT": "HEALTH_CHANGE", "FELAKTIGT_SKICKAT": "SENT_IN_ERROR", "OVRIGT": "OTHER"},
    )
)
TRANSPORT = Vocabulary(
    _by_name(
        lc.Transport,
        Transport,
        {"EGEN": "OWN", "SJUKRESA": "PATIENT_TRANSPORT", "NARSTAENDE": "RELATIVE", "OVRIGT": "OTHER"},
    )
)
UTSKRIVNINGSPLATS = Vocabulary(
    _by_name(
        lc.Utskrivningsplats,
        n.Destination,
        {
            "HEMMET": "HOME",
            "SARSKILT_BOENDE": "SPECIAL_HOUSING",
            "KORTTIDSBOENDE": "SHORT_TERM_HOUSING",
            "FAMILJEHEM": "FOSTER_HOME",
            "HVB": "RESIDENTIAL_CARE",
            "ANNAN_SLUTENVARD": "OTHER_INPATIENT",
            "OVRIGT": "OTHER",
        },
    )
)
SIPUPPRATTANDETYP = Vocabulary(
    _by_name(lc.SipUpprattandetyp, SipRecordKind, {"UPPRATTAD": "ESTABLISHED", "UPPDATERAD": "UPDATED"})
)
INSATSANSVARIG = Vocabulary(_by_name(lc.Insatsansvarig, n.Responsible, _SECTORS | {"ANNAN": "OTHER"}))
UPPFOLJNINGSRESULTAT = Vocabulary(
    _by_name(
        lc.Uppfoljningsresultat,
        SipFollowUpResult,
        {"FORTSATTER": "CONTINUES", "REVIDERAD": "REVISED", "AVSLUTAD": "CLOSED"},
    )
)
AVSLUTSORSAK = Vocabulary(
    _by_name(
        lc.Avslutsorsak,
        n.CloseReason,
        {
            "SIP_UPPRATTAD": "SIP_ESTABLISHED",
            "UTSKRIVEN_INGEN_YTTERLIGARE_SAMORDNING": "DISCHARGED_NO_FURTHER_COORDINATION",
            "AVLIDEN": "DECEASED",
            "SAMTYCKE_SAKNAS_INGEN_SIP": "NO_CONSENT_NO_SIP",
            "BEHOV_UPPHORT": "NEEDS_CHANGED_OUT_OF_SCOPE",
            "OVERFORD_ANNAN_SLUTENVARD": "TRANSFERRED_TO_OTHER_INPATIENT_PROVIDER",
            "FELREGISTRERAT": "ENTERED_IN_ERROR",
            "OVRIGT": "OTHER",
        },
    )
)
# A message of kategori PERMISSION carries its period and becomes a Leave event (M-08); LEAVE is the category of
# a general message about a leave. PERMISSION needs a period, so LEAVE without one is sent as OVRIGT.
KATEGORI = Vocabulary(
    _by_name(
        lc.Kategori,
        GeneralCategory,
        {
            "OVRIGT": "GENERAL",
            "PERMISSION": "LEAVE",
            "BARN_OCH_FAMILJ": "CHILD_AND_FAMILY_SITUATION",
            "UTBILDNING": "TRAINING",
            "KOMPLETTERING": "SUPPLEMENTARY_INFORMATION",
        },
    )
)
LAMNAT_AV = Vocabulary(
    _by_name(
        lc.LamnatAv,
        n.ConsentGivenBy,
        {
            "DEN_ENSKILDE": "PATIENT",
            "VARDNADSHAVARE": "GUARDIAN",
            "LEGAL_FORETRADARE": "LEGAL_REPRESENTATIVE",
            "SOCIALNAMNDEN": "SOCIAL_WELFARE_BOARD",
        },
    )
)
SAMTYCKESANDAMAL = Vocabulary(
    _by_name(
        lc.Samtyckesandamal,
        n.Purpose,
        {
            "INFORMATIONSUTBYTE": "INFORMATION_EXCHANGE",
            "SIP_KALLELSE": "SIP_INVITATION",
            "SIP_UPPRATTANDE": "SIP_ESTABLISHMENT",
            "NARSTAENDE": "RELATIVES",
        },
    )
)
BOENDEFORM = Vocabulary(
    _by_name(
        lc.Boendeform,
        HousingType,
        {
            "ORDINART_BOENDE": "ORDINARY",
            "SARSKILT_BOENDE": "SPECIAL_HOUSING",
            "BOENDE_MED_SARSKILD_SERVICE": "HOUSING_WITH_SPECIAL_SERVICE",
            "KORTTIDSBOENDE": "SHORT_TERM_HOUSING",
            "HVB": "RESIDENTIAL_CARE",
            "FAMILJEHEM": "FOSTER_HOME",
            "UTAN_BOSTAD": "HOMELESS",
            "OVRIGT": "OTHER",
        },
    )
)
RELATION = Vocabulary(
    _by_name(
        lc.Relation,
        Relation,
        {
            "MAKE_MAKA_SAMBO": "SPOUSE_OR_PARTNER",
            "BARN": "CHILD",
            "FORALDER": "PARENT",
            "SYSKON": "SIBLING",
            "ANNAN": "OTHER",
        },
    )
)

# Arende.spar per region → the region-native neutral track (ORE's ViSam colours have English neutral names).
TRACKS: dict[tuple[lc.Regionkod, lc.Spar], Track] = {
    (lc.Regionkod.STO, lc.Spar.GRA): Track.STO_GRA,
    (lc.Regionkod.STO, lc.Spar.BLA): Track.STO_BLA,
    (lc.Regionkod.STO, lc.Spar.GRON): Track.STO_GRON,
    (lc.Regionkod.STO, lc.Spar.GUL): Track.STO_GUL,
    (lc.Regionkod.STO, lc.Spar.ROD): Track.STO_ROD,
    (lc.Regionkod.ORE, lc.Spar.GRON): Track.ORE_GREEN,
    (lc.Regionkod.ORE, lc.Spar.GUL): Track.ORE_YELLOW,
    (lc.Regionkod.ORE, lc.Spar.ROD): Track.ORE_RED,
    (lc.Regionkod.VAR, lc.Spar.GRON): Track.VAR_GRON,
    (lc.Regionkod.VAR, lc.Spar.GUL): Track.VAR_GUL,
    (lc.Regionkod.VAR, lc.Spar.ROD): Track.VAR_ROD,
    (lc.Regionkod.VAR, lc.Spar.LILA): Track.VAR_LILA,
}
assert set(TRACKS.values()) == set(Track), "every neutral track has a Lifecare SP–style spelling"
