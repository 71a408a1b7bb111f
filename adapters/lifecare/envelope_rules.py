"""The envelope's multi-member rules (§8): receipt time, units, recipients, track, identity, birth date, age.

Role: each rule reads the checked ``Tree`` and reports at the member the rule names; it runs only when every
member it involves is present and valid (§7.5 step 3). Boundary: rules of the bodies are ``body_rules``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from adapters.lifecare.codes import (
    Avslutsorsak,
    Huvudman,
    Identitetstyp,
    Meddelandetyp,
    Mognadsniva,
    Regionkod,
    Spar,
    Verksamhet,
)
from adapters.lifecare.errors import ErrorCode
from adapters.lifecare.formats import stockholm_date
from adapters.lifecare.identity import birth_date, check_number, check_reserve_number
from adapters.lifecare.tree import MISSING, Tree

__all__ = ["ADULT_AGE", "SKAPAD_TOLERANCE", "TRACKS_BY_REGION", "age_on", "check_envelope"]

SKAPAD_TOLERANCE = timedelta(minutes=5)  # §8: skapad at most 5 min after the gateway's receipt
ADULT_AGE = 18  # §8: vardnadshavare and mognadsbedomning only for a patient under 18
TRACKS_BY_REGION: dict[Regionkod, frozenset[Spar]] = {
    Regionkod.STO: frozenset({Spar.GRA, Spar.BLA, Spar.GRON, Spar.GUL, Spar.ROD}),
    Regionkod.ORE: frozenset({Spar.GRON, Spar.GUL, Spar.ROD}),  # ViSam
    Regionkod.VAR: frozenset({Spar.GRON, Spar.GUL, Spar.ROD, Spar.LILA}),
}
_PRINCIPAL_OF: dict[Verksamhet, Huvudman] = {
    Verksamhet.SLUTENVARD: Huvudman.REGION,
    Verksamhet.OPPENVARD: Huvudman.REGION,
    Verksamhet.SOCIALTJANST: Huvudman.KOMMUN,
    Verksamhet.KOMMUNAL_HSV: Huvudman.KOMMUN,
}


def check_envelope(tree: Tree, meddelandetyp: Meddelandetyp, *, received_at: datetime) -> None:
    _check_skapad(tree, received_at)
    _check_unit(tree, "/avsandare")
    for index in range(tree.count("/mottagare")):
        _check_unit(tree, f"/mottagare/{index}")
    _check_recipients_are_not_the_sender(tree)
    _check_track(tree, meddelandetyp)
    _check_identity(tree, "/patient/identitet")
    for index in range(tree.count("/patient/vardnadshavare")):
        _check_identity(tree, f"/patient/vardnadshavare/{index}/identitet")
    _check_birth_date(tree)
    _check_age(tree, meddelandetyp)
    _check_maturity(tree)


def _check_skapad(tree: Tree, received_at: datetime) -> None:
    skapad = tree.get("/skapad", datetime)
    if skapad is not None and skapad > received_at + SKAPAD_TOLERANCE:
        tree.report("/skapad", ErrorCode.RANGE, "skapad ligger mer än 5 minuter efter mottagningstiden.")


def _check_unit(tree: Tree, unit: str) -> None:
    huvudman = tree.get(f"{unit}/huvudman", Huvudman)
    verksamhet = tree.get(f"{unit}/verksamhet", Verksamhet)
    if huvudman is not None and verksamhet is not None and _PRINCIPAL_OF[verksamhet] is not huvudman:
        tree.report(f"{unit}/verksamhet", ErrorCode.RULE, "Verksamheten hör inte till huvudmannen.")
    if huvudman is Huvudman.KOMMUN and not tree.present(f"{unit}/kommunkod"):
        tree.report(f"{unit}/kommunkod", ErrorCode.REQUIRED, "kommunkod krävs för en kommunal enhet.")


def _check_recipients_are_not_the_sender(tree: Tree) -> None:
    sender = tree.get("/avsandare/hsaId", str)
    if sender is None:
        return
    for index in range(tree.count("/mottagare")):
        pointer = f"/mottagare/{index}/hsaId"
        recipient = tree.get(pointer, str)
        if recipient is not None and recipient.casefold() == sender.casefold():
            tree.report(pointer, ErrorCode.RULE, "Avsändaren kan inte vara mottagare.")


def _check_track(tree: Tree, meddelandetyp: Meddelandetyp) -> None:
    spar = tree.get("/arende/spar", Spar)
    region = tree.get("/arende/region", Regionkod)
    if spar is None:
        return
    if region is not None and spar not in TRACKS_BY_REGION[region]:
        tree.report("/arende/spar", ErrorCode.ENUM, "Spåret finns inte i regionens profil.")
        return
    if spar is Spar.GRA:
        orsak = tree.get("/innehall/orsak", Avslutsorsak)
        closing = meddelandetyp is Meddelandetyp.PROCESS_AVSLUTAD
        if not closing or (orsak is not None and orsak is not Avslutsorsak.BEHOV_UPPHORT):
            tree.report("/arende/spar", ErrorCode.RULE, "GRA är bara tillåtet i PROCESS_AVSLUTAD med BEHOV_UPPHORT.")


def _check_identity(tree: Tree, identity: str) -> None:
    typ = tree.get(f"{identity}/typ", Identitetstyp)
    nummer = tree.get(f"{identity}/nummer", str)
    utfardare = tree.get(f"{identity}/utfardare", str)
    if typ is None:
        return
    if typ is not Identitetstyp.RESERVNUMMER:
        if utfardare is not None:
            tree.report(f"{identity}/utfardare", ErrorCode.RULE, "utfardare anges bara för RESERVNUMMER.")
        code = check_number(typ, nummer) if nummer is not None else None
        if code is not None:
            tree.report(f"{identity}/nummer", code)
        return
    if not tree.present(f"{identity}/utfardare"):
        tree.report(f"{identity}/utfardare", ErrorCode.REQUIRED, "utfardare krävs för RESERVNUMMER.")
    elif utfardare is not None and nummer is not None:
        defect = check_reserve_number(utfardare, nummer)
        if defect is not None:
            member, code = defect
            tree.report(f"{identity}/{member}", code)


def _patient_birth_date(tree: Tree) -> date | None:
    typ = tree.get("/patient/identitet/typ", Identitetstyp)
    if typ is Identitetstyp.RESERVNUMMER:
        return tree.get("/patient/fodelsedatum", date)
    nummer = tree.get("/patient/identitet/nummer", str)
    return birth_date(typ, nummer) if typ is not None and nummer is not None else None


def _check_birth_date(tree: Tree) -> None:
    typ = tree.get("/patient/identitet/typ", Identitetstyp)
    if typ is Identitetstyp.RESERVNUMMER:
        if not tree.present("/patient/fodelsedatum"):
            tree.report("/patient/fodelsedatum", ErrorCode.REQUIRED, "fodelsedatum krävs för RESERVNUMMER.")
        return
    stated = tree.get("/patient/fodelsedatum", date)
    carried = _patient_birth_date(tree)
    if stated is not None and carried is not None and stated != carried:
        tree.report("/patient/fodelsedatum", ErrorCode.RULE, "fodelsedatum stämmer inte med identitetsnumret.")


def age_on(born: date, day: date) -> int:
    """Whole years on ``day``; someone born on 29 February turns a year older on 1 March in common years."""
    years = day.year - born.year
    return years - 1 if (day.month, day.day) < (born.month, born.day) else years


def _check_age(tree: Tree, meddelandetyp: Meddelandetyp) -> None:
    born = _patient_birth_date(tree)
    skapad = tree.get("/skapad", datetime)
    if born is None or skapad is None:
        return
    if age_on(born, stockholm_date(skapad)) < ADULT_AGE:
        if meddelandetyp is Meddelandetyp.INSKRIVNINGSMEDDELANDE and not tree.present("/patient/vardnadshavare"):
            tree.report("/patient/vardnadshavare", ErrorCode.REQUIRED, "Vårdnadshavare krävs för en patient under 18.")
        return
    for member in ("vardnadshavare", "mognadsbedomning"):
        if tree.valid(f"/patient/{member}") is not MISSING:
            tree.report(f"/patient/{member}", ErrorCode.RULE, f"{member} är inte tillåtet för en patient över 18.")


def _check_maturity(tree: Tree) -> None:
    niva = tree.get("/patient/mognadsbedomning/niva", Mognadsniva)
    if niva is None or niva is Mognadsniva.EJ_BEDOMD:
        return
    for member in ("bedomdAv", "bedomd"):
        if not tree.present(f"/patient/mognadsbedomning/{member}"):
            tree.report(
                f"/patient/mognadsbedomning/{member}", ErrorCode.REQUIRED, f"{member} krävs utom för EJ_BEDOMD."
            )
