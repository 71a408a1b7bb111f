"""The envelope (§8) ↔ the neutral event's base: units, case, patient, persons, addresses, attachments.

Role: both directions for the parts every message carries; ``message_to_event`` and ``event_to_message`` map
the bodies. Each line cites source and target. Boundary: an event that has no Lifecare SP–style envelope
(a region outside STO/ORE/VAR, no patient, a guardian consent the contract cannot state) raises ``RenderError``.
"""

from __future__ import annotations

from typing import Any

from adapters.lifecare import vocabulary as v
from adapters.lifecare.codes import Mimetyp, Regionkod, Spar
from adapters.lifecare.envelope import (
    Adress,
    Arende,
    Bilaga,
    Enhet,
    Identitet,
    Mognadsbedomning,
    Patient,
    Person,
    Vardnadshavare,
)
from adapters.lifecare.errors import RenderError
from adapters.lifecare.message import Meddelande
from discharge.event_base import DischargeEvent
from discharge.parties import Address, Attachment, Clinician, Guardian, MaturityAssessment, PersonIdentifier, Unit
from discharge.parties import Patient as NeutralPatient
from discharge.regions import Track

__all__ = [
    "adress",
    "arende",
    "base_of",
    "bilagor",
    "clinician",
    "enhet",
    "neutral_address",
    "neutral_attachments",
    "patient",
    "person",
]

_SPAR_OF: dict[Track, tuple[Regionkod, Spar]] = {track: key for key, track in v.TRACKS.items()}


# --- inbound: message → event ------------------------------------------------------------------------------


def base_of(m: Meddelande) -> dict[str, Any]:
    """The ``DischargeEvent`` base fields of a message."""
    return {
        "message_id": m.meddelande_id,  # LC meddelandeId → DischargeEvent.message_id
        "case_id": m.arende.arende_id,  # LC arende.arendeId → DischargeEvent.case_id
        "sender": _unit(m.avsandare),  # LC avsandare → DischargeEvent.sender
        "recipients": tuple(_unit(unit) for unit in m.mottagare),  # LC mottagare → DischargeEvent.recipients
        "sent_at": m.skapad,  # LC skapad → DischargeEvent.sent_at (R-09 clock start for UTSKRIVNINGSKLAR)
        "region": v.REGION.inbound[m.arende.region],  # LC arende.region → DischargeEvent.region
        # LC arende.spar → DischargeEvent.track (region-native)
        "track": v.TRACKS[(m.arende.region, m.arende.spar)] if m.arende.spar else None,
        "patient": _neutral_patient(m.patient),  # LC patient → DischargeEvent.patient
    }


def _unit(e: Enhet) -> Unit:
    return Unit(
        hsa_id=e.hsa_id,  # LC Enhet.hsaId → Unit.hsa_id
        name=e.namn,  # LC Enhet.namn → Unit.name
        principal=v.HUVUDMAN.inbound[e.huvudman],  # LC Enhet.huvudman → Unit.principal
        sector=v.VERKSAMHET.inbound[e.verksamhet],  # LC Enhet.verksamhet → Unit.sector
        municipality_code=e.kommunkod,  # LC Enhet.kommunkod → Unit.municipality_code
    )


def clinician(p: Person | None) -> Clinician | None:
    # LC Person.namn/hsaId/telefon → Clinician.name/hsa_id/phone
    return None if p is None else Clinician(name=p.namn, hsa_id=p.hsa_id, phone=p.telefon)


def _identifier(i: Identitet) -> PersonIdentifier:
    # LC Identitet.typ/nummer/utfardare → PersonIdentifier.kind/value/issuer
    return PersonIdentifier(kind=v.IDENTITETSTYP.inbound[i.typ], value=i.nummer, issuer=i.utfardare)


def neutral_address(a: Adress) -> Address:
    # LC Adress.utdelningsadress/postnummer/postort/kommunkod/stadsdel → Address.street/…/city_district
    return Address(
        street=a.utdelningsadress,
        postal_code=a.postnummer,
        city=a.postort,
        municipality_code=a.kommunkod,
        city_district=a.stadsdel,
    )


def _guardian(g: Vardnadshavare) -> Guardian:
    return Guardian(
        given_name=g.fornamn,  # LC vardnadshavare[].fornamn → Guardian.given_name
        family_name=g.efternamn,  # LC vardnadshavare[].efternamn → Guardian.family_name
        consent=v.VARDNADSHAVARSAMTYCKE.inbound[g.samtycke],  # LC vardnadshavare[].samtycke → Guardian.consent
        significant_harm=g.betydande_men,  # LC vardnadshavare[].betydandeMen → Guardian.significant_harm (CH-03)
        identifier=_identifier(g.identitet) if g.identitet else None,  # LC vardnadshavare[].identitet → identifier
        phone=g.telefon,  # LC vardnadshavare[].telefon → Guardian.phone
    )


def _maturity(m: Mognadsbedomning | None) -> MaturityAssessment | None:
    if m is None:
        return None
    # LC mognadsbedomning.niva/bedomdAv/bedomd → MaturityAssessment.level/assessed_by/assessed_on (CH-01)
    return MaturityAssessment(
        level=v.MOGNADSNIVA.inbound[m.niva], assessed_by=clinician(m.bedomd_av), assessed_on=m.bedomd
    )


def _neutral_patient(p: Patient) -> NeutralPatient:
    return NeutralPatient(
        identifier=_identifier(p.identitet),  # LC patient.identitet → Patient.identifier
        given_name=p.fornamn,  # LC patient.fornamn → Patient.given_name
        family_name=p.efternamn,  # LC patient.efternamn → Patient.family_name
        registered_address=neutral_address(p.folkbokforingsadress),  # LC patient.folkbokforingsadress → …
        birth_date=p.fodelsedatum,  # LC patient.fodelsedatum → Patient.birth_date (as sent)
        guardians=tuple(_guardian(g) for g in p.vardnadshavare),  # LC patient.vardnadshavare → Patient.guardians
        maturity=_maturity(p.mognadsbedomning),  # LC patient.mognadsbedomning → Patient.maturity
    )


def neutral_attachments(bilagor_: tuple[Bilaga, ...]) -> tuple[Attachment, ...]:
    # LC Bilaga.filnamn/mimetyp/data → Attachment.file_name/content_type/data
    return tuple(Attachment(file_name=b.filnamn, content_type=b.mimetyp.value, data=b.data) for b in bilagor_)


# --- outbound: event → message -------------------------------------------------------------------------------


def enhet(u: Unit) -> Enhet:
    return Enhet(
        hsa_id=u.hsa_id,  # Unit.hsa_id → LC Enhet.hsaId
        namn=u.name,  # Unit.name → LC Enhet.namn
        huvudman=v.HUVUDMAN.outbound(u.principal),  # Unit.principal → LC Enhet.huvudman
        verksamhet=v.VERKSAMHET.outbound(u.sector),  # Unit.sector → LC Enhet.verksamhet
        kommunkod=u.municipality_code,  # Unit.municipality_code → LC Enhet.kommunkod
    )


def arende(event: DischargeEvent) -> Arende:
    if not v.REGION.has(event.region):
        raise RenderError(f"region {event.region} has no Lifecare SP–style profile (STO, ORE, VAR only)")
    region = v.REGION.outbound(event.region)  # DischargeEvent.region → LC arende.region
    spar = None
    if event.track is not None:
        track_region, spar = _SPAR_OF[event.track]  # DischargeEvent.track → LC arende.spar
        if track_region is not region:
            raise RenderError(f"track {event.track} does not belong to region {event.region}")
    return Arende(arende_id=event.case_id, region=region, spar=spar)  # DischargeEvent.case_id → LC arende.arendeId


def person(c: Clinician | None) -> Person | None:
    # Clinician.name/hsa_id/phone → LC Person.namn/hsaId/telefon
    return None if c is None else Person(namn=c.name, hsa_id=c.hsa_id, telefon=c.phone)


def _identitet(i: PersonIdentifier) -> Identitet:
    # PersonIdentifier.kind/value/issuer → LC Identitet.typ/nummer/utfardare
    return Identitet(typ=v.IDENTITETSTYP.outbound(i.kind), nummer=i.value, utfardare=i.issuer)


def adress(a: Address) -> Adress:
    # Address.street/postal_code/city/municipality_code/city_district → LC Adress
    return Adress(
        utdelningsadress=a.street,
        postnummer=a.postal_code,
        postort=a.city,
        kommunkod=a.municipality_code,
        stadsdel=a.city_district,
    )


def _vardnadshavare(g: Guardian) -> Vardnadshavare:
    if not v.VARDNADSHAVARSAMTYCKE.has(g.consent):
        raise RenderError(f"a guardian's consent {g.consent} has no Lifecare SP–style code")
    return Vardnadshavare(
        fornamn=g.given_name,  # Guardian.given_name → LC vardnadshavare[].fornamn
        efternamn=g.family_name,  # Guardian.family_name → LC vardnadshavare[].efternamn
        identitet=_identitet(g.identifier) if g.identifier else None,  # Guardian.identifier → LC …identitet
        telefon=g.phone,  # Guardian.phone → LC vardnadshavare[].telefon
        samtycke=v.VARDNADSHAVARSAMTYCKE.outbound(g.consent),  # Guardian.consent → LC vardnadshavare[].samtycke
        betydande_men=g.significant_harm,  # Guardian.significant_harm → LC vardnadshavare[].betydandeMen
    )


def patient(p: NeutralPatient | None) -> Patient:
    if p is None:
        raise RenderError("every Lifecare SP–style message carries the patient; the event has none")
    m = p.maturity
    return Patient(
        identitet=_identitet(p.identifier),  # Patient.identifier → LC patient.identitet
        fornamn=p.given_name,  # Patient.given_name → LC patient.fornamn
        efternamn=p.family_name,  # Patient.family_name → LC patient.efternamn
        fodelsedatum=p.birth_date,  # Patient.birth_date → LC patient.fodelsedatum
        folkbokforingsadress=adress(p.registered_address),  # Patient.registered_address → LC folkbokforingsadress
        vardnadshavare=tuple(_vardnadshavare(g) for g in p.guardians),  # Patient.guardians → LC vardnadshavare
        # Patient.maturity.level/assessed_by/assessed_on → LC mognadsbedomning.niva/bedomdAv/bedomd
        mognadsbedomning=Mognadsbedomning(
            niva=v.MOGNADSNIVA.outbound(m.level), bedomd_av=person(m.assessed_by), bedomd=m.assessed_on
        )
        if m
        else None,
    )


def bilagor(attachments: tuple[Attachment, ...]) -> tuple[Bilaga, ...]:
    # Attachment.file_name/content_type/data → LC Bilaga.filnamn/mimetyp/data
    try:
        return tuple(Bilaga(filnamn=a.file_name, mimetyp=Mimetyp(a.content_type), data=a.data) for a in attachments)
    except ValueError as exc:
        raise RenderError(f"attachment media type not allowed here: {exc}") from exc
