"""Hypothesis strategies for valid Lifecare SP–style messages, derived from the message dataclasses.

``wire_value(kind)`` draws a wire value for any member kind of ``adapters.lifecare.structure`` (so the generator
follows the dataclasses, as the validator and the JSON Schema do); ``valid_messages()`` assembles an envelope that
satisfies the §8 rules around a generated body and then *repairs* the body so the §9 multi-member rules hold.
Persons are fictitious: personnummer only from a fixed pool of test numbers, otherwise reserve numbers.
"""

from __future__ import annotations

import base64
import string
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

from adapters.lifecare.body_rules import ALLOWED_SENDERS, LPT_DISCHARGE_DAYS
from adapters.lifecare.codes import Lagrum, Meddelandetyp, Regionkod, Verksamhet
from adapters.lifecare.envelope import Adress, Person
from adapters.lifecare.envelope_rules import ADULT_AGE, TRACKS_BY_REGION, age_on
from adapters.lifecare.formats import Format, format_tidpunkt, luhn_valid, parse_tidpunkt, stockholm_date
from adapters.lifecare.identity import RESERVE_NUMBER_ISSUERS
from adapters.lifecare.message import BODY_CLASSES
from adapters.lifecare.municipality_codes import MUNICIPALITY_CODES
from adapters.lifecare.structure import (
    ArrayKind,
    BoolKind,
    DatumKind,
    EnumKind,
    FormatKind,
    IntKind,
    Kind,
    ObjectKind,
    PlainStringKind,
    TextKind,
    TidpunktKind,
    fields_of,
)

# Skatteverket-style test numbers and the contract's own examples: never a real person.
TEST_PERSONNUMMER = {
    "191212121212": date(1912, 12, 12),
    "201212121212": date(2012, 12, 12),
    "193908212388": date(1939, 8, 21),
}
TEST_SAMORDNINGSNUMMER = {"197905742396": date(1979, 5, 14)}

_LETTERS = "abcdefghijklmnopqrstuvwxyzåäöÅÄÖéüıİ ,.-'" + "\u0308\u0301" + "\U0001f3e5"  # incl. combining marks
_KORT = st.text(alphabet=_LETTERS, min_size=1, max_size=30).filter(lambda s: s.strip() != "")
_FRITEXT_ALPHABET = _LETTERS + "\t\n\r;:()0123456789"


def _text(kind: TextKind) -> st.SearchStrategy[str]:
    alphabet = _FRITEXT_ALPHABET if kind.spec.multiline else _LETTERS
    return st.text(alphabet=alphabet, min_size=1, max_size=min(kind.spec.max_length, 40)).filter(
        lambda s: s.strip() != ""
    )


def _hsa_id() -> st.SearchStrategy[str]:
    def build(first9: str, prefix: bool, suffix: str) -> str:
        number = next(first9 + str(check) for check in range(10) if luhn_valid(first9 + str(check)))
        return f"SE{'16' if prefix else ''}{number}-{suffix}"

    return st.builds(
        build,
        st.text(alphabet=string.digits, min_size=9, max_size=9),
        st.booleans(),
        st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=10),
    )


def _base64() -> st.SearchStrategy[str]:
    return st.binary(min_size=1, max_size=30).map(lambda data: base64.b64encode(data).decode("ascii"))


_FORMATS: dict[Format, st.SearchStrategy[str]] = {
    Format.UUID: st.uuids().map(str).flatmap(lambda u: st.sampled_from([u, u.upper()])),
    Format.HSA_ID: _hsa_id(),
    Format.TELEFON: st.text(alphabet=string.digits, min_size=7, max_size=15).map(lambda d: "+" + d),
    Format.EPOST: st.from_regex(r"\A[a-z0-9]{1,10}(\.[a-z0-9]{1,5})?@[a-z0-9]{1,10}\.(se|nu|com)\Z"),
    Format.POSTNUMMER: st.from_regex(r"\A[1-9][0-9]{4}\Z"),
    Format.KOMMUNKOD: st.sampled_from(sorted(MUNICIPALITY_CODES)),
    Format.OID: st.just("1.2.752.129.2.1.4.1"),
    Format.BASE64: _base64(),
    Format.SPRAKKOD: st.sampled_from(["sv", "fi", "ar", "so", "en", "se"]),
}

_OFFSETS = st.integers(min_value=-14 * 4, max_value=14 * 4).map(lambda q: timezone(timedelta(minutes=15 * q)))
MOMENTS = st.builds(
    lambda naive, tz: naive.replace(tzinfo=UTC).astimezone(tz),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2030, 12, 31)),
    _OFFSETS,
)


def tidpunkt_text(moment: datetime) -> st.SearchStrategy[str]:
    """The wire spellings of an instant: canonical, ``+00:00`` for ``Z``, all six fraction digits."""
    canonical = format_tidpunkt(moment)
    variants = [canonical]
    if canonical.endswith("Z"):
        variants.append(canonical[:-1] + "+00:00")
    if moment.microsecond:
        short = "." + f"{moment.microsecond:06d}".rstrip("0")
        variants.append(canonical.replace(short, f".{moment.microsecond:06d}"))
    return st.sampled_from(variants)


def wire_value(kind: Kind) -> st.SearchStrategy[Any]:
    if isinstance(kind, TextKind):
        return _text(kind)
    if isinstance(kind, FormatKind):
        return _FORMATS[kind.fmt]
    if isinstance(kind, TidpunktKind):
        return MOMENTS.flatmap(tidpunkt_text)
    if isinstance(kind, DatumKind):
        return st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)).map(date.isoformat)
    if isinstance(kind, BoolKind):
        return st.booleans()
    if isinstance(kind, IntKind):
        return st.integers(min_value=kind.bounds.minimum, max_value=kind.bounds.maximum)
    if isinstance(kind, EnumKind):
        return st.sampled_from([code.value for code in kind.codes])
    if isinstance(kind, ArrayKind):
        top = min(kind.items.maximum, kind.items.minimum + 3)
        return st.lists(wire_value(kind.item), min_size=kind.items.minimum, max_size=top, unique=kind.items.unique)
    if isinstance(kind, ObjectKind):
        return wire_object(kind.cls)
    if isinstance(kind, PlainStringKind):
        return _KORT
    raise TypeError(kind)


def wire_object(cls: type) -> st.SearchStrategy[dict[str, Any]]:
    members = fields_of(cls)
    required = {m.json: wire_value(m.kind) for m in members if m.required}
    optional = {m.json: wire_value(m.kind) for m in members if not m.required}
    return st.fixed_dictionaries(required, optional=optional)


# --- envelope -------------------------------------------------------------------------------------------------

_PRINCIPAL = {"SLUTENVARD": "REGION", "OPPENVARD": "REGION", "SOCIALTJANST": "KOMMUN", "KOMMUNAL_HSV": "KOMMUN"}


@st.composite
def units(draw: st.DrawFn, verksamhet: str, index: int) -> dict[str, Any]:
    unit = {
        "hsaId": draw(_hsa_id()) + f"X{index}",
        "namn": draw(_KORT),
        "huvudman": _PRINCIPAL[verksamhet],
        "verksamhet": verksamhet,
    }
    if unit["huvudman"] == "KOMMUN" or draw(st.booleans()):
        unit["kommunkod"] = draw(_FORMATS[Format.KOMMUNKOD])
    return unit


@st.composite
def identities(draw: st.DrawFn) -> tuple[dict[str, Any], date]:
    kind = draw(st.sampled_from(["PERSONNUMMER", "SAMORDNINGSNUMMER", "RESERVNUMMER"]))
    if kind == "PERSONNUMMER":
        number, born = draw(st.sampled_from(sorted(TEST_PERSONNUMMER.items())))
        return {"typ": kind, "nummer": number}, born
    if kind == "SAMORDNINGSNUMMER":
        number, born = draw(st.sampled_from(sorted(TEST_SAMORDNINGSNUMMER.items())))
        return {"typ": kind, "nummer": number}, born
    issuer = draw(st.sampled_from(sorted(RESERVE_NUMBER_ISSUERS)))
    pattern = RESERVE_NUMBER_ISSUERS[issuer].pattern
    number = draw(st.from_regex(rf"\A{pattern}\Z"))
    return {"typ": kind, "nummer": number, "utfardare": issuer}, draw(
        st.dates(min_value=date(1900, 1, 1), max_value=date(2029, 12, 31))
    )


@st.composite
def patients(draw: st.DrawFn, skapad: datetime, meddelandetyp: Meddelandetyp) -> dict[str, Any]:
    identitet, born = draw(identities())
    patient: dict[str, Any] = {"identitet": identitet, "fornamn": draw(_KORT), "efternamn": draw(_KORT)}
    if identitet["typ"] == "RESERVNUMMER" or draw(st.booleans()):
        patient["fodelsedatum"] = born.isoformat()
    patient["folkbokforingsadress"] = draw(wire_object(Adress))
    if age_on(born, stockholm_date(skapad)) >= ADULT_AGE:
        return patient
    if meddelandetyp is Meddelandetyp.INSKRIVNINGSMEDDELANDE or draw(st.booleans()):
        patient["vardnadshavare"] = draw(st.lists(guardians(), min_size=1, max_size=4))
    if draw(st.booleans()):
        niva = draw(st.sampled_from(["EJ_BEDOMD", "BARNET_BESTAMMER", "GEMENSAMT", "VARDNADSHAVARE_BESTAMMER"]))
        assessment: dict[str, Any] = {"niva": niva}
        if niva != "EJ_BEDOMD":
            assessment |= {"bedomdAv": draw(wire_object(Person)), "bedomd": born.isoformat()}
        patient["mognadsbedomning"] = assessment
    return patient


@st.composite
def guardians(draw: st.DrawFn) -> dict[str, Any]:
    guardian: dict[str, Any] = {"fornamn": draw(_KORT), "efternamn": draw(_KORT)}
    if draw(st.booleans()):
        guardian["identitet"] = draw(identities())[0]
    if draw(st.booleans()):
        guardian["telefon"] = draw(_FORMATS[Format.TELEFON])
    guardian |= {
        "samtycke": draw(st.sampled_from(["LAMNAT", "NEKAT", "ATERKALLAT", "EJ_INHAMTAT"])),
        "betydandeMen": draw(st.booleans()),
    }
    return guardian


def _senders(meddelandetyp: Meddelandetyp, region: Regionkod) -> list[str]:
    allowed = set(ALLOWED_SENDERS[meddelandetyp])
    if meddelandetyp is Meddelandetyp.FAST_VARDKONTAKT_UTSEDD and region is Regionkod.ORE:
        allowed.add(Verksamhet.SLUTENVARD)
    return sorted(code.value for code in allowed)


@st.composite
def valid_messages(draw: st.DrawFn, meddelandetyp: Meddelandetyp | None = None) -> dict[str, Any]:
    """A valid message as a wire dict (``received_at`` = its ``skapad`` + 1 min is always acceptable)."""
    typ = meddelandetyp or draw(st.sampled_from(list(Meddelandetyp)))
    region = draw(st.sampled_from(list(Regionkod)))
    skapad_moment = draw(MOMENTS)
    sender = draw(units(draw(st.sampled_from(_senders(typ, region))), 0))
    recipients = [
        draw(units(v, i + 1))
        for i, v in enumerate(draw(st.lists(st.sampled_from(list(_PRINCIPAL)), min_size=1, max_size=3)))
    ]
    arende: dict[str, Any] = {"arendeId": draw(_FORMATS[Format.UUID]), "region": region.value}
    if draw(st.booleans()):
        arende["spar"] = draw(st.sampled_from(sorted(track.value for track in TRACKS_BY_REGION[region])))
    message: dict[str, Any] = {
        "version": draw(st.sampled_from(["1.0", "1.0", "1.3"])),
        "meddelandeId": draw(_FORMATS[Format.UUID]),
        "meddelandetyp": typ.value,
        "skapad": draw(tidpunkt_text(skapad_moment)),
        "avsandare": sender,
        "mottagare": recipients,
        "arende": arende,
        "patient": draw(patients(skapad_moment, typ)),
        "innehall": draw(wire_object(BODY_CLASSES[typ])),
    }
    repair(message)
    return message


# --- repairs: make the §8/§9 multi-member rules hold ----------------------------------------------------------


def _moment(text: str) -> datetime:
    parsed = parse_tidpunkt(text)
    assert parsed is not None
    return parsed


def _later(text: str, than: datetime, *, strictly: bool) -> str:
    moment = _moment(text)
    if moment > than or (moment == than and not strictly):
        return text
    return format_tidpunkt(than + timedelta(seconds=1) if strictly else than)


def _not_after(text: str, than: datetime) -> str:
    return text if _moment(text) <= than else format_tidpunkt(than)


def repair(message: dict[str, Any]) -> None:
    typ = Meddelandetyp(message["meddelandetyp"])
    body, skapad = message["innehall"], _moment(message["skapad"])
    spar = message["arende"].get("spar")
    if spar == "GRA" and not (typ is Meddelandetyp.PROCESS_AVSLUTAD and body.get("orsak") == "BEHOV_UPPHORT"):
        del message["arende"]["spar"]
    _REPAIRS.get(typ, lambda m, b, s: None)(message, body, skapad)


def _m01(message: dict[str, Any], body: dict[str, Any], skapad: datetime) -> None:
    admitted = _moment(body["inskrivningstid"])
    if "behovIdentifierat" in body:
        body["behovIdentifierat"] = _later(body["behovIdentifierat"], admitted, strictly=False)
    first_day = stockholm_date(admitted)
    if date.fromisoformat(body["beraknatUtskrivningsdatum"]) < first_day:
        body["beraknatUtskrivningsdatum"] = first_day.isoformat()
    if message["arende"]["region"] == "STO" and body["samtycke"]["status"] in ("LAMNAT", "MENPROVNING_MEDGER"):
        body.setdefault("ansvarigLakare", {"namn": "Gunnar Wall"})
        body.setdefault("kontaktorsak", "Fall i hemmet.")
    if message["arende"].get("spar") == "LILA" and body.get("lagrum") not in ("LPT", "OPT"):
        body["lagrum"] = "LPT"
    if body.get("lagrum") in ("LPT", "OPT"):
        body["vardtyp"] = "PSYKIATRISK"
        edd = date.fromisoformat(body["beraknatUtskrivningsdatum"])
        if message["arende"]["region"] == "VAR":
            body["intagningsbeslut"] = (edd - timedelta(days=LPT_DISCHARGE_DAYS[Lagrum(body["lagrum"])])).isoformat()
        body.setdefault("intagningsbeslut", first_day.isoformat())
    else:
        body.pop("intagningsbeslut", None)


def _sip_kallelse(message: dict[str, Any], body: dict[str, Any], skapad: datetime) -> None:
    body["tidpunkt"] = _later(body["tidpunkt"], skapad, strictly=True)
    if body["sipTyp"] == "INLEDANDE_PA_SJUKHUS":
        body["plats"] = "SLUTENVARD"
    if body["plats"] == "ANNAN":
        body.setdefault("platsBeskrivning", "Träffpunkten")


def _samtycke(message: dict[str, Any], body: dict[str, Any], skapad: datetime) -> None:
    if body.get("lamnatAv") == "SOCIALNAMNDEN":
        body["sektor"] = "SOCIALTJANST"
    if body["sektor"] == "SOCIALTJANST" and body["status"].startswith("MENPROVNING"):
        body["status"] = "LAMNAT"


def _generellt(message: dict[str, Any], body: dict[str, Any], skapad: datetime) -> None:
    if body.get("kategori") == "PERMISSION":
        body.setdefault("permission", {"fran": message["skapad"], "till": message["skapad"]})
    if "permission" in body:
        body["permission"]["till"] = _later(
            body["permission"]["till"], _moment(body["permission"]["fran"]), strictly=True
        )


def _tidsram(message: dict[str, Any], body: dict[str, Any], skapad: datetime) -> None:
    frame = body["tidsram"]
    frame["fran"], frame["till"] = sorted([frame["fran"], frame["till"]])


def _aterkallad(message: dict[str, Any], body: dict[str, Any], skapad: datetime) -> None:
    first_day = stockholm_date(_moment(body["aterkallad"]))
    if date.fromisoformat(body["nyttBeraknatUtskrivningsdatum"]) < first_day:
        body["nyttBeraknatUtskrivningsdatum"] = first_day.isoformat()


def _personuppgifter(message: dict[str, Any], body: dict[str, Any], skapad: datetime) -> None:
    if not body:
        body["hemsjukvard"] = True
    if body.get("tolkbehov", {}).get("behovs"):
        body["tolkbehov"].setdefault("sprak", "fi")


def _set(member: str, value: Any) -> Any:
    return lambda message, body, skapad: body.__setitem__(member, value)


_M = Meddelandetyp
_REPAIRS: dict[Meddelandetyp, Any] = {
    _M.INSKRIVNINGSMEDDELANDE: _m01,
    _M.FAST_VARDKONTAKT_UTSEDD: lambda m, b, s: (
        b["fastVardkontakt"].__setitem__("yrke", "LAKARE")
        if b["fastVardkontakt"]["legitimeradLakare"] and "yrke" in b["fastVardkontakt"]
        else None
    ),
    _M.KOMPLETTERING_BEGARAN: lambda m, b, s: (
        b.__setitem__("onskatSvarSenast", _later(b["onskatSvarSenast"], s, strictly=True))
        if "onskatSvarSenast" in b
        else None
    ),
    _M.UTSKRIVNINGSDATUM_ANDRAT: lambda m, b, s: (
        b.setdefault("domslutsdatum", "2025-01-01") if b["orsak"] == "LPT_FORLANGD" else None
    ),
    _M.SIP_KALLELSE: _sip_kallelse,
    _M.UTSKRIVNINGSKLAR: lambda m, b, s: b.__setitem__(
        "bedomdUtskrivningsklar", _not_after(b["bedomdUtskrivningsklar"], s)
    ),
    _M.UTSKRIVNINGSKLAR_ATERKALLAD: _aterkallad,
    _M.UTSKRIVNINGSTIDPUNKT: lambda m, b, s: (
        b.setdefault("ankomstHem", m["skapad"]) if "utskrivningstid" not in b else None
    ),
    _M.ATGARDSBEGARAN_OPPENVARD: _tidsram,
    _M.SIP_UPPRATTAD: _set("samtyckeBekraftat", True),
    _M.SIP_UPPFOLJNING: _set("samtyckeBekraftat", True),
    _M.AVLIDEN: lambda m, b, s: b.__setitem__("dodstidpunkt", _not_after(b["dodstidpunkt"], s)),
    _M.PROCESS_AVSLUTAD: lambda m, b, s: b.setdefault("orsakText", "Övrigt.") if b["orsak"] == "OVRIGT" else None,
    _M.GENERELLT_MEDDELANDE: _generellt,
    _M.SAMTYCKE_ANDRAT: _samtycke,
    _M.PERSONUPPGIFTER_UPPDATERADE: _personuppgifter,
}
