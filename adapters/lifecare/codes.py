"""The contract's code lists (§8, §9, §10) as Python enumerations, spelled exactly as on the wire.

Role: the typed message dataclasses use these; a value outside an enumeration is an ``enum`` error. The
mapping onto the neutral vocabulary of ``discharge.codes`` is ``vocabulary``. Boundary: codes only.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "Aterkallelseorsak",
    "Avslutsorsak",
    "Behov",
    "Boendeform",
    "Datumandringsorsak",
    "Huvudman",
    "Identitetstyp",
    "Insats",
    "Insatsansvarig",
    "Kallelsesvar",
    "Kategori",
    "Lagrum",
    "LamnatAv",
    "Meddelandetyp",
    "Mimetyp",
    "Mognadsniva",
    "Motesform",
    "Plats",
    "Regionkod",
    "Relation",
    "Samtyckesandamal",
    "Samtyckesstatus",
    "SipTyp",
    "SipUpprattandetyp",
    "Spar",
    "Transport",
    "Uppfoljningsresultat",
    "Utskrivningsplats",
    "Vardnadshavarsamtycke",
    "Vardtyp",
    "Verksamhet",
    "Yrke",
]


class Meddelandetyp(StrEnum):
    """§9; codes are case-sensitive (§7.5)."""

    INSKRIVNINGSMEDDELANDE = "INSKRIVNINGSMEDDELANDE"
    INSKRIVNING_KVITTENS = "INSKRIVNING_KVITTENS"
    FAST_VARDKONTAKT_UTSEDD = "FAST_VARDKONTAKT_UTSEDD"
    PLANERINGSUNDERLAG = "PLANERINGSUNDERLAG"
    KOMPLETTERING_BEGARAN = "KOMPLETTERING_BEGARAN"
    UTSKRIVNINGSDATUM_ANDRAT = "UTSKRIVNINGSDATUM_ANDRAT"
    SIP_KALLELSE = "SIP_KALLELSE"
    SIP_KALLELSE_KVITTENS = "SIP_KALLELSE_KVITTENS"
    UTSKRIVNINGSKLAR = "UTSKRIVNINGSKLAR"
    UTSKRIVNINGSKLAR_KVITTENS = "UTSKRIVNINGSKLAR_KVITTENS"
    UTSKRIVNINGSKLAR_ATERKALLAD = "UTSKRIVNINGSKLAR_ATERKALLAD"
    UTSKRIVNINGSTIDPUNKT = "UTSKRIVNINGSTIDPUNKT"
    ATGARDSBEGARAN_OPPENVARD = "ATGARDSBEGARAN_OPPENVARD"
    UTSKRIVNINGSMEDDELANDE = "UTSKRIVNINGSMEDDELANDE"
    SIP_UPPRATTAD = "SIP_UPPRATTAD"
    SIP_UPPFOLJNING = "SIP_UPPFOLJNING"
    AVLIDEN = "AVLIDEN"
    PROCESS_AVSLUTAD = "PROCESS_AVSLUTAD"
    GENERELLT_MEDDELANDE = "GENERELLT_MEDDELANDE"
    SAMTYCKE_ANDRAT = "SAMTYCKE_ANDRAT"
    PERSONUPPGIFTER_UPPDATERADE = "PERSONUPPGIFTER_UPPDATERADE"


# --- §8 envelope -------------------------------------------------------------------------------------------


class Huvudman(StrEnum):
    REGION = "REGION"
    KOMMUN = "KOMMUN"


class Verksamhet(StrEnum):
    """Enhet ``verksamhet``; also SAMTYCKE_ANDRAT ``sektor``."""

    SLUTENVARD = "SLUTENVARD"
    OPPENVARD = "OPPENVARD"
    SOCIALTJANST = "SOCIALTJANST"
    KOMMUNAL_HSV = "KOMMUNAL_HSV"


class Regionkod(StrEnum):
    """Arende ``region``: the region profile whose rules apply."""

    STO = "STO"
    ORE = "ORE"
    VAR = "VAR"


class Spar(StrEnum):
    """Arende ``spar``; which tracks a region allows is ``envelope_rules.TRACKS_BY_REGION``."""

    GRA = "GRA"
    BLA = "BLA"
    GRON = "GRON"
    GUL = "GUL"
    ROD = "ROD"
    LILA = "LILA"


class Identitetstyp(StrEnum):
    PERSONNUMMER = "PERSONNUMMER"
    SAMORDNINGSNUMMER = "SAMORDNINGSNUMMER"
    RESERVNUMMER = "RESERVNUMMER"


class Vardnadshavarsamtycke(StrEnum):
    """Vardnadshavare ``samtycke``: Samtyckesstatus without the harm-assessment values."""

    LAMNAT = "LAMNAT"
    NEKAT = "NEKAT"
    ATERKALLAT = "ATERKALLAT"
    EJ_INHAMTAT = "EJ_INHAMTAT"


class Mognadsniva(StrEnum):
    EJ_BEDOMD = "EJ_BEDOMD"
    BARNET_BESTAMMER = "BARNET_BESTAMMER"
    GEMENSAMT = "GEMENSAMT"
    VARDNADSHAVARE_BESTAMMER = "VARDNADSHAVARE_BESTAMMER"


class Mimetyp(StrEnum):
    PDF = "application/pdf"
    TEXT = "text/plain"
    JPEG = "image/jpeg"
    PNG = "image/png"


# --- §9 message-specific codes ----------------------------------------------------------------------------


class Behov(StrEnum):
    """INSKRIVNINGSMEDDELANDE ``behovAvInsatser``."""

    SOCIALTJANST = "SOCIALTJANST"
    KOMMUNAL_HSV = "KOMMUNAL_HSV"
    OPPENVARD = "OPPENVARD"


class Vardtyp(StrEnum):
    SOMATISK = "SOMATISK"
    PSYKIATRISK = "PSYKIATRISK"


class Lagrum(StrEnum):
    FRIVILLIG = "FRIVILLIG"
    LPT = "LPT"
    OPT = "OPT"


class Datumandringsorsak(StrEnum):
    HALSOTILLSTAND_ANDRAT = "HALSOTILLSTAND_ANDRAT"
    PLANERING = "PLANERING"
    LPT_AVSLUTAD = "LPT_AVSLUTAD"
    LPT_FORLANGD = "LPT_FORLANGD"
    OVRIGT = "OVRIGT"


class SipTyp(StrEnum):
    INLEDANDE_PA_SJUKHUS = "INLEDANDE_PA_SJUKHUS"
    SIP = "SIP"
    UPPFOLJANDE = "UPPFOLJANDE"


class Motesform(StrEnum):
    PA_PLATS = "PA_PLATS"
    TELEFON = "TELEFON"
    VIDEO = "VIDEO"


class Kallelsesvar(StrEnum):
    MOTTAGEN = "MOTTAGEN"
    DELTAR = "DELTAR"
    DELTAR_EJ = "DELTAR_EJ"
    NY_TID_ONSKAS = "NY_TID_ONSKAS"


class Aterkallelseorsak(StrEnum):
    HALSOTILLSTAND_ANDRAT = "HALSOTILLSTAND_ANDRAT"
    FELAKTIGT_SKICKAT = "FELAKTIGT_SKICKAT"
    OVRIGT = "OVRIGT"


class Transport(StrEnum):
    EGEN = "EGEN"
    SJUKRESA = "SJUKRESA"
    NARSTAENDE = "NARSTAENDE"
    OVRIGT = "OVRIGT"


class SipUpprattandetyp(StrEnum):
    UPPRATTAD = "UPPRATTAD"
    UPPDATERAD = "UPPDATERAD"


class Insatsansvarig(StrEnum):
    """SIP_UPPRATTAD ``insatser[].ansvarig``."""

    SLUTENVARD = "SLUTENVARD"
    OPPENVARD = "OPPENVARD"
    SOCIALTJANST = "SOCIALTJANST"
    KOMMUNAL_HSV = "KOMMUNAL_HSV"
    ANNAN = "ANNAN"


class Uppfoljningsresultat(StrEnum):
    FORTSATTER = "FORTSATTER"
    REVIDERAD = "REVIDERAD"
    AVSLUTAD = "AVSLUTAD"


class Kategori(StrEnum):
    """GENERELLT_MEDDELANDE ``kategori``; an absent kategori is read as ``OVRIGT``."""

    OVRIGT = "OVRIGT"
    PERMISSION = "PERMISSION"
    BARN_OCH_FAMILJ = "BARN_OCH_FAMILJ"
    UTBILDNING = "UTBILDNING"
    KOMPLETTERING = "KOMPLETTERING"


class LamnatAv(StrEnum):
    DEN_ENSKILDE = "DEN_ENSKILDE"
    VARDNADSHAVARE = "VARDNADSHAVARE"
    LEGAL_FORETRADARE = "LEGAL_FORETRADARE"
    SOCIALNAMNDEN = "SOCIALNAMNDEN"


class Samtyckesandamal(StrEnum):
    """SAMTYCKE_ANDRAT ``avser``."""

    INFORMATIONSUTBYTE = "INFORMATIONSUTBYTE"
    SIP_KALLELSE = "SIP_KALLELSE"
    SIP_UPPRATTANDE = "SIP_UPPRATTANDE"
    NARSTAENDE = "NARSTAENDE"


class Relation(StrEnum):
    MAKE_MAKA_SAMBO = "MAKE_MAKA_SAMBO"
    BARN = "BARN"
    FORALDER = "FORALDER"
    SYSKON = "SYSKON"
    ANNAN = "ANNAN"


# --- §10 enumerations ---------------------------------------------------------------------------------------


class Samtyckesstatus(StrEnum):
    LAMNAT = "LAMNAT"
    NEKAT = "NEKAT"
    ATERKALLAT = "ATERKALLAT"
    MENPROVNING_MEDGER = "MENPROVNING_MEDGER"
    MENPROVNING_HINDRAR = "MENPROVNING_HINDRAR"
    EJ_INHAMTAT = "EJ_INHAMTAT"


class Insats(StrEnum):
    HEMTJANST = "HEMTJANST"
    HEMSJUKVARD = "HEMSJUKVARD"
    SARSKILT_BOENDE = "SARSKILT_BOENDE"
    KORTTIDSBOENDE = "KORTTIDSBOENDE"
    BOENDE_SARSKILD_SERVICE = "BOENDE_SARSKILD_SERVICE"
    TRYGGHETSLARM = "TRYGGHETSLARM"
    MATDISTRIBUTION = "MATDISTRIBUTION"
    DAGVERKSAMHET = "DAGVERKSAMHET"
    LSS_INSATS = "LSS_INSATS"
    PERSONLIG_ASSISTANS = "PERSONLIG_ASSISTANS"
    HJALPMEDEL = "HJALPMEDEL"
    REHABILITERING = "REHABILITERING"
    ASIH = "ASIH"
    PRIMARVARD = "PRIMARVARD"
    PSYKIATRISK_OPPENVARD = "PSYKIATRISK_OPPENVARD"
    BOSTADSANPASSNING = "BOSTADSANPASSNING"
    OVRIGT = "OVRIGT"


class Yrke(StrEnum):
    LAKARE = "LAKARE"
    SJUKSKOTERSKA = "SJUKSKOTERSKA"
    DISTRIKTSSKOTERSKA = "DISTRIKTSSKOTERSKA"
    ARBETSTERAPEUT = "ARBETSTERAPEUT"
    FYSIOTERAPEUT = "FYSIOTERAPEUT"
    KURATOR = "KURATOR"
    PSYKOLOG = "PSYKOLOG"
    OVRIG = "OVRIG"


class Plats(StrEnum):
    HEMMET = "HEMMET"
    SLUTENVARD = "SLUTENVARD"
    OPPENVARD = "OPPENVARD"
    KOMMUNAL_LOKAL = "KOMMUNAL_LOKAL"
    SKOLA = "SKOLA"
    ANNAN = "ANNAN"


class Utskrivningsplats(StrEnum):
    HEMMET = "HEMMET"
    SARSKILT_BOENDE = "SARSKILT_BOENDE"
    KORTTIDSBOENDE = "KORTTIDSBOENDE"
    FAMILJEHEM = "FAMILJEHEM"
    HVB = "HVB"
    ANNAN_SLUTENVARD = "ANNAN_SLUTENVARD"
    OVRIGT = "OVRIGT"


class Avslutsorsak(StrEnum):
    SIP_UPPRATTAD = "SIP_UPPRATTAD"
    UTSKRIVEN_INGEN_YTTERLIGARE_SAMORDNING = "UTSKRIVEN_INGEN_YTTERLIGARE_SAMORDNING"
    AVLIDEN = "AVLIDEN"
    SAMTYCKE_SAKNAS_INGEN_SIP = "SAMTYCKE_SAKNAS_INGEN_SIP"
    BEHOV_UPPHORT = "BEHOV_UPPHORT"
    OVERFORD_ANNAN_SLUTENVARD = "OVERFORD_ANNAN_SLUTENVARD"
    FELREGISTRERAT = "FELREGISTRERAT"
    OVRIGT = "OVRIGT"


class Boendeform(StrEnum):
    ORDINART_BOENDE = "ORDINART_BOENDE"
    SARSKILT_BOENDE = "SARSKILT_BOENDE"
    BOENDE_MED_SARSKILD_SERVICE = "BOENDE_MED_SARSKILD_SERVICE"
    KORTTIDSBOENDE = "KORTTIDSBOENDE"
    HVB = "HVB"
    FAMILJEHEM = "FAMILJEHEM"
    UTAN_BOSTAD = "UTAN_BOSTAD"
    OVRIGT = "OVRIGT"
