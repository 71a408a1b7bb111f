"""The per-type rules of §9: who may send each type, and each body's multi-member rules.

Role: ``check_body`` runs the sender rule (``rule`` at ``/avsandare/verksamhet``) and the rules of the message's
type, each only when the members it involves are present and valid (§7.5 step 3), reporting at the member the
rule names. Boundary: envelope rules are ``envelope_rules``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from adapters.lifecare.codes import (
    Avslutsorsak,
    Datumandringsorsak,
    Kategori,
    Lagrum,
    LamnatAv,
    Meddelandetyp,
    Plats,
    Regionkod,
    Samtyckesstatus,
    SipTyp,
    Spar,
    Vardtyp,
    Verksamhet,
    Yrke,
)
from adapters.lifecare.errors import ErrorCode
from adapters.lifecare.formats import stockholm_date
from adapters.lifecare.message import BODY_CLASSES
from adapters.lifecare.structure import fields_of
from adapters.lifecare.tree import Tree

__all__ = ["ALLOWED_SENDERS", "LPT_DISCHARGE_DAYS", "check_body"]

_ANY = frozenset(Verksamhet)
_INPATIENT = frozenset({Verksamhet.SLUTENVARD})
_NOT_INPATIENT = _ANY - _INPATIENT
_M = Meddelandetyp
ALLOWED_SENDERS: dict[Meddelandetyp, frozenset[Verksamhet]] = {
    _M.INSKRIVNINGSMEDDELANDE: _INPATIENT,
    _M.INSKRIVNING_KVITTENS: _NOT_INPATIENT,
    _M.FAST_VARDKONTAKT_UTSEDD: frozenset({Verksamhet.OPPENVARD}),  # ORE also SLUTENVARD (ORE-C), see below
    _M.PLANERINGSUNDERLAG: _ANY,
    _M.KOMPLETTERING_BEGARAN: _ANY,
    _M.UTSKRIVNINGSDATUM_ANDRAT: _INPATIENT,
    _M.SIP_KALLELSE: _ANY,
    _M.SIP_KALLELSE_KVITTENS: _ANY,
    _M.UTSKRIVNINGSKLAR: _INPATIENT,
    _M.UTSKRIVNINGSKLAR_KVITTENS: _NOT_INPATIENT,
    _M.UTSKRIVNINGSKLAR_ATERKALLAD: _INPATIENT,
    _M.UTSKRIVNINGSTIDPUNKT: _ANY - {Verksamhet.OPPENVARD},
    _M.ATGARDSBEGARAN_OPPENVARD: _INPATIENT,
    _M.UTSKRIVNINGSMEDDELANDE: _INPATIENT,
    _M.SIP_UPPRATTAD: _ANY,
    _M.SIP_UPPFOLJNING: _ANY,
    _M.AVLIDEN: _INPATIENT,
    _M.PROCESS_AVSLUTAD: _ANY,
    _M.GENERELLT_MEDDELANDE: _ANY,
    _M.SAMTYCKE_ANDRAT: _ANY,
    _M.PERSONUPPGIFTER_UPPDATERADE: _INPATIENT,
}
LPT_DISCHARGE_DAYS = {Lagrum.LPT: 14, Lagrum.OPT: 4}  # R-17, R-18 (VAR): intagningsbeslut + n days
_I = "/innehall"


def check_body(tree: Tree, meddelandetyp: Meddelandetyp) -> None:
    _check_sender(tree, meddelandetyp)
    rule = _BODY_RULES.get(meddelandetyp)
    if rule is not None:
        rule(tree)


def _check_sender(tree: Tree, meddelandetyp: Meddelandetyp) -> None:
    verksamhet = tree.get("/avsandare/verksamhet", Verksamhet)
    if verksamhet is None:
        return
    if meddelandetyp is _M.FAST_VARDKONTAKT_UTSEDD and verksamhet is Verksamhet.SLUTENVARD:
        region = tree.get("/arende/region", Regionkod)
        if region is None or region is Regionkod.ORE:  # children's clinic, ORE-C
            return
    if verksamhet not in ALLOWED_SENDERS[meddelandetyp]:
        tree.report("/avsandare/verksamhet", ErrorCode.RULE, f"{verksamhet} får inte skicka {meddelandetyp}.")


def _require(tree: Tree, pointer: str, why: str) -> None:
    if not tree.present(pointer):
        tree.report(pointer, ErrorCode.REQUIRED, why)


def _not_before(tree: Tree, earlier: datetime | date | None, later: datetime | date | None, pointer: str) -> bool:
    """Reports ``range`` when ``later`` is before ``earlier``; True when it did."""
    if earlier is not None and later is not None and later < earlier:
        tree.report(pointer, ErrorCode.RANGE)
        return True
    return False


def _inskrivningsmeddelande(tree: Tree) -> None:
    inskriven = tree.get(f"{_I}/inskrivningstid", datetime)
    edd = tree.get(f"{_I}/beraknatUtskrivningsdatum", date)
    _not_before(tree, inskriven, tree.get(f"{_I}/behovIdentifierat", datetime), f"{_I}/behovIdentifierat")
    if _not_before(tree, stockholm_date(inskriven) if inskriven else None, edd, f"{_I}/beraknatUtskrivningsdatum"):
        edd = None  # §7.5: one defect, one error — the statute rule does not judge a date already out of range
    region = tree.get("/arende/region", Regionkod)
    status = tree.get(f"{_I}/samtycke/status", Samtyckesstatus)
    if region is Regionkod.STO and status in (Samtyckesstatus.LAMNAT, Samtyckesstatus.MENPROVNING_MEDGER):
        _require(tree, f"{_I}/ansvarigLakare", "ansvarigLakare krävs i STO med samtycke eller medgivande menprövning.")
        _require(tree, f"{_I}/kontaktorsak", "kontaktorsak krävs i STO med samtycke eller medgivande menprövning.")
    _check_statute(tree, region, edd)


def _check_statute(tree: Tree, region: Regionkod | None, edd: date | None) -> None:
    lagrum = tree.get(f"{_I}/lagrum", Lagrum) if tree.present(f"{_I}/lagrum") else Lagrum.FRIVILLIG
    if lagrum is None:
        return  # present but invalid: already reported
    decision = tree.get(f"{_I}/intagningsbeslut", date)
    if lagrum is Lagrum.FRIVILLIG:
        if decision is not None:
            tree.report(f"{_I}/intagningsbeslut", ErrorCode.RULE, "intagningsbeslut anges bara vid LPT eller OPT.")
        if tree.get("/arende/spar", Spar) is Spar.LILA:
            tree.report("/arende/spar", ErrorCode.RULE, "LILA kräver lagrum LPT eller OPT.")
        return
    _require(tree, f"{_I}/intagningsbeslut", "intagningsbeslut krävs vid LPT och OPT.")
    if tree.get(f"{_I}/vardtyp", Vardtyp) is Vardtyp.SOMATISK:
        tree.report(f"{_I}/vardtyp", ErrorCode.RULE, "LPT och OPT kräver vardtyp PSYKIATRISK.")
    if region is Regionkod.VAR and decision is not None and edd is not None:
        try:
            expected = decision + timedelta(days=LPT_DISCHARGE_DAYS[lagrum])
        except OverflowError:
            expected = None
        if edd != expected:
            text = f"I VAR är beräknat utskrivningsdatum intagningsbeslut + {LPT_DISCHARGE_DAYS[lagrum]} dagar."
            tree.report(f"{_I}/beraknatUtskrivningsdatum", ErrorCode.RULE, text)


def _fast_vardkontakt_utsedd(tree: Tree) -> None:
    licensed = tree.get(f"{_I}/fastVardkontakt/legitimeradLakare", bool)
    yrke = tree.get(f"{_I}/fastVardkontakt/yrke", Yrke)
    if licensed is True and yrke is not None and yrke is not Yrke.LAKARE:
        tree.report(f"{_I}/fastVardkontakt/yrke", ErrorCode.RULE, "En legitimerad läkare har yrke LAKARE.")


def _compared_with_skapad(member: str, *, must_be_after: bool) -> Callable[[Tree], None]:
    """``member`` must be after ``skapad`` (``must_be_after``) or not after it (``range`` otherwise)."""

    def rule(tree: Tree) -> None:
        skapad = tree.get("/skapad", datetime)
        value = tree.get(f"{_I}/{member}", datetime)
        if skapad is None or value is None:
            return
        if (value <= skapad) if must_be_after else (value > skapad):
            relation = "efter" if must_be_after else "senast vid"
            tree.report(f"{_I}/{member}", ErrorCode.RANGE, f"{member} ska ligga {relation} skapad.")

    return rule


def _utskrivningsdatum_andrat(tree: Tree) -> None:
    if tree.get(f"{_I}/orsak", Datumandringsorsak) is Datumandringsorsak.LPT_FORLANGD:
        _require(tree, f"{_I}/domslutsdatum", "domslutsdatum krävs för LPT_FORLANGD.")


def _sip_kallelse(tree: Tree) -> None:
    _compared_with_skapad("tidpunkt", must_be_after=True)(tree)
    plats = tree.get(f"{_I}/plats", Plats)
    if tree.get(f"{_I}/sipTyp", SipTyp) is SipTyp.INLEDANDE_PA_SJUKHUS and plats not in (None, Plats.SLUTENVARD):
        tree.report(f"{_I}/plats", ErrorCode.RULE, "Inledande SIP på sjukhus hålls i slutenvården.")
    if plats is Plats.ANNAN:
        _require(tree, f"{_I}/platsBeskrivning", "platsBeskrivning krävs när plats är ANNAN.")


def _utskrivningsklar_aterkallad(tree: Tree) -> None:
    revoked = tree.get(f"{_I}/aterkallad", datetime)
    new_date = tree.get(f"{_I}/nyttBeraknatUtskrivningsdatum", date)
    _not_before(tree, stockholm_date(revoked) if revoked else None, new_date, f"{_I}/nyttBeraknatUtskrivningsdatum")


def _utskrivningstidpunkt(tree: Tree) -> None:
    if not tree.present(f"{_I}/utskrivningstid") and not tree.present(f"{_I}/ankomstHem"):
        tree.report(f"{_I}/utskrivningstid", ErrorCode.REQUIRED, "Ange utskrivningstid, ankomstHem eller båda.")


def _atgardsbegaran_oppenvard(tree: Tree) -> None:
    start, end = tree.get(f"{_I}/tidsram/fran", date), tree.get(f"{_I}/tidsram/till", date)
    _not_before(tree, start, end, f"{_I}/tidsram/till")


def _consent_confirmed(tree: Tree) -> None:
    if tree.get(f"{_I}/samtyckeBekraftat", bool) is False:
        tree.report(f"{_I}/samtyckeBekraftat", ErrorCode.CONSENT_REQUIRED, "SIP kräver samtycke (C-10).")


def _process_avslutad(tree: Tree) -> None:
    if tree.get(f"{_I}/orsak", Avslutsorsak) is Avslutsorsak.OVRIGT:
        _require(tree, f"{_I}/orsakText", "orsakText krävs för OVRIGT.")


def _generellt_meddelande(tree: Tree) -> None:
    if tree.get(f"{_I}/kategori", Kategori) is Kategori.PERMISSION:
        _require(tree, f"{_I}/permission", "permission krävs för kategori PERMISSION.")
    start, end = tree.get(f"{_I}/permission/fran", datetime), tree.get(f"{_I}/permission/till", datetime)
    if start is not None and end is not None and end <= start:
        tree.report(f"{_I}/permission/till", ErrorCode.RANGE, "till ska vara efter fran.")


def _samtycke_andrat(tree: Tree) -> None:
    sektor = tree.get(f"{_I}/sektor", Verksamhet)
    status = tree.get(f"{_I}/status", Samtyckesstatus)
    harm_assessment = (Samtyckesstatus.MENPROVNING_MEDGER, Samtyckesstatus.MENPROVNING_HINDRAR)
    if sektor is Verksamhet.SOCIALTJANST and status in harm_assessment:
        tree.report(f"{_I}/status", ErrorCode.RULE, "Socialtjänsten kan inte göra menprövning (C-03).")
    lamnat_av = tree.get(f"{_I}/lamnatAv", LamnatAv)
    if lamnat_av is LamnatAv.SOCIALNAMNDEN and sektor is not None and sektor is not Verksamhet.SOCIALTJANST:
        tree.report(f"{_I}/lamnatAv", ErrorCode.RULE, "SOCIALNAMNDEN gäller bara socialtjänsten (CH-02).")


def _personuppgifter_uppdaterade(tree: Tree) -> None:
    members = fields_of(BODY_CLASSES[_M.PERSONUPPGIFTER_UPPDATERADE])
    if isinstance(tree.raw.get("innehall"), dict) and not any(tree.present(f"{_I}/{m.json}") for m in members):
        tree.report(_I, ErrorCode.CARDINALITY, "Minst en uppgift ska anges.")
    if tree.get(f"{_I}/tolkbehov/behovs", bool) is True:
        _require(tree, f"{_I}/tolkbehov/sprak", "sprak krävs när tolk behövs.")


_BODY_RULES: dict[Meddelandetyp, Callable[[Tree], None]] = {
    _M.INSKRIVNINGSMEDDELANDE: _inskrivningsmeddelande,
    _M.FAST_VARDKONTAKT_UTSEDD: _fast_vardkontakt_utsedd,
    _M.KOMPLETTERING_BEGARAN: _compared_with_skapad("onskatSvarSenast", must_be_after=True),
    _M.UTSKRIVNINGSDATUM_ANDRAT: _utskrivningsdatum_andrat,
    _M.SIP_KALLELSE: _sip_kallelse,
    _M.UTSKRIVNINGSKLAR: _compared_with_skapad("bedomdUtskrivningsklar", must_be_after=False),
    _M.UTSKRIVNINGSKLAR_ATERKALLAD: _utskrivningsklar_aterkallad,
    _M.UTSKRIVNINGSTIDPUNKT: _utskrivningstidpunkt,
    _M.ATGARDSBEGARAN_OPPENVARD: _atgardsbegaran_oppenvard,
    _M.SIP_UPPRATTAD: _consent_confirmed,
    _M.SIP_UPPFOLJNING: _consent_confirmed,
    _M.AVLIDEN: _compared_with_skapad("dodstidpunkt", must_be_after=False),
    _M.PROCESS_AVSLUTAD: _process_avslutad,
    _M.GENERELLT_MEDDELANDE: _generellt_meddelande,
    _M.SAMTYCKE_ANDRAT: _samtycke_andrat,
    _M.PERSONUPPGIFTER_UPPDATERADE: _personuppgifter_uppdaterade,
}
assert set(_BODY_RULES) | {_M.INSKRIVNING_KVITTENS, _M.PLANERINGSUNDERLAG, _M.SIP_KALLELSE_KVITTENS} | {
    _M.UTSKRIVNINGSKLAR_KVITTENS,
    _M.UTSKRIVNINGSMEDDELANDE,
} == set(Meddelandetyp), "every type either has rules or is listed as having none"
