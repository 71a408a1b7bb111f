"""Neutral discharge event → typed message(s) for outbound webhooks (§5), and what the rendering drops.

Role: builds the envelope from the event base and dispatches the body to ``outbound_admission`` /
``outbound_discharge``. Most events give one message; an admission acknowledgement that lists existing
interventions also gives a ``StatusBeforeAdmission`` (Lifecare §9: ``INSKRIVNING_KVITTENS`` → both).
``unrepresented_fields`` names event fields with values this contract has no member for, so the gateway can
log the loss. Boundary: no validation here (``codec.render`` validates its own output); no I/O.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from adapters.cosmic_link.envelope import (
    Address,
    Episode,
    Guardian,
    Header,
    HsaId,
    LegalBasis,
    MaturityAssessment,
    MunicipalityCv,
    Party,
    Patient,
    PersonId,
    PersonName,
)
from adapters.cosmic_link.errors import UnrenderableEventError
from adapters.cosmic_link.formats import person_number_birth_date
from adapters.cosmic_link.message import BODY_CLASSES, Body, Message
from adapters.cosmic_link.neutral_codes import from_neutral, process_of, region_of
from adapters.cosmic_link.outbound_admission import ADMISSION_BODIES
from adapters.cosmic_link.outbound_discharge import DISCHARGE_BODIES
from adapters.cosmic_link.outbound_values import optional_clinician
from adapters.cosmic_link.vocabulary import (
    HSA_ROOT,
    KV_KOMMUN,
    PERSONNUMMER_ROOT,
    RESERVE_ROOTS,
    SAMORDNINGSNUMMER_ROOT,
    CareSetting,
    CareType,
    GuardianConsent,
    LegalBasisType,
    MaturityLevel,
    MessageTypeName,
    Principal,
)
from discharge import codes
from discharge import discharge_events as dis
from discharge import events as ev
from discharge import parties as neutral
from discharge import sip_events as sip
from discharge.admission_events import AdmissionNotice, AdmissionNoticeAcknowledged
from discharge.event_base import DischargeEvent

__all__ = ["event_to_messages", "unrepresented_fields"]

_BODIES: dict[type[Any], Callable[[Any], tuple[Body, ...]]] = {**ADMISSION_BODIES, **DISCHARGE_BODIES}
_TYPE_OF_BODY = {cls: name for name, cls in BODY_CLASSES.items()}
_REQUEST = ev.PlanningKind.SUPPLEMENTARY_INFORMATION_REQUEST

# Event fields with no member in this contract (the value is lost when rendered; report in the ack/log).
_DROPPED: dict[type[Any], tuple[str, ...]] = {
    AdmissionNotice: ("consent_documented_at", "children_in_household"),
    AdmissionNoticeAcknowledged: ("contact_person",),
    ev.PlanningDocumentation: ("extensive_needs",),
    dis.GeneralMessage: ("leave_start", "leave_end"),  # GeneralMessage has no period member
    dis.ReadyForDischarge: ("action_request_attached", "open_referrals_closed", "training"),
    dis.DischargeTime: ("met_at_home", "transport"),
    dis.DischargeInformation: (
        "medication_narrative",
        "health_status",
        "self_care",
        "risk_assessment",
        "referral_to_outpatient_care",
        "treatment_plan",
    ),
}


def event_to_messages(
    event: DischargeEvent, *, message_id_for: Callable[[MessageTypeName], str]
) -> tuple[Message, ...]:
    """The message(s) of ``event``, primary first; ``message_id_for`` gives each type's ``messageId`` (§5)."""
    builder = _BODIES.get(type(event))
    if builder is None:
        raise UnrenderableEventError(f"{event.type.value} has no Cosmic Link–style counterpart")
    patient, episode = _patient(event), _episode(event)
    messages = []
    for body in builder(event):
        message_type = _TYPE_OF_BODY[type(body)]
        header = _header(event, message_type, message_id_for(message_type))
        messages.append(Message(header=header, patient=patient, episode=episode, body=body))
    return tuple(messages)


def unrepresented_fields(event: DischargeEvent) -> tuple[str, ...]:
    """Names of ``event`` fields (dotted for nested ones) that carry a value no Cosmic Link–style member can hold."""
    names = [name for name in _DROPPED.get(type(event), ()) if _has_value(event, name)]
    return (*names, *_lost_codes(event), *_lost_envelope(event))


def _lost_codes(event: DischargeEvent) -> list[str]:
    """Fields lost only for some values: codes without a wire value, members of one message kind only."""
    if isinstance(event, dis.Referral) and event.care_level is not dis.CareLevel.OUTPATIENT:
        return ["care_level"]
    if isinstance(event, sip.SipFollowUp) and event.result is sip.SipFollowUpResult.REVISED:
        return ["result"]  # rendered FOLLOWED_UP: REVISED and CONTINUES read alike
    if isinstance(event, dis.GeneralMessage) and event.category is dis.GeneralCategory.SUPPLEMENTARY_INFORMATION:
        return ["category"]  # rendered GENERAL (SUPPLEMENTARY_INFORMATION_REQUEST is M-05 here)
    if isinstance(event, ev.PlanningDocumentation) and event.kind is not _REQUEST:
        return [name for name in ("subject", "attachments") if _has_value(event, name)]  # a request's members
    if isinstance(event, AdmissionNotice) and event.placing_municipality is None and event.placing_municipality_name:
        return ["placing_municipality_name"]  # a display name without its code has no CV
    return []


def _lost_envelope(event: DischargeEvent) -> list[str]:
    names = []
    if event.sender.municipality_code is None and event.sender.municipality_name is not None:
        names.append("sender.municipality_name")  # a display name without its code has no CV
    if any(unit.municipality_code is None and unit.municipality_name is not None for unit in event.recipients):
        names.append("recipients.municipality_name")
    if event.patient is not None and event.patient.registered_address.city_district is not None:
        names.append("patient.registered_address.city_district")
    return names


def _has_value(event: DischargeEvent, name: str) -> bool:
    field = next(f for f in dataclasses.fields(event) if f.name == name)
    return bool(getattr(event, name) != field.default)


def _header(event: DischargeEvent, message_type: MessageTypeName, message_id: str) -> Header:
    return Header(
        version="1.0",
        message_id=message_id,  # §5: kept, or UUIDv5 of the original for a message from the other format
        message_type=message_type,
        created_at=event.sent_at,  # DischargeEvent.sent_at → CL header.createdAt
        sender=_party(event.sender),  # DischargeEvent.sender → CL header.sender
        receivers=tuple(_party(unit) for unit in event.recipients),  # recipients → CL header.receivers
    )


def _party(unit: neutral.Unit) -> Party:
    return Party(
        id=HsaId(root=HSA_ROOT, extension=unit.hsa_id),  # Unit.hsa_id → CL Party.id
        name=unit.name,
        principal=Principal(unit.principal.value),
        care_setting=from_neutral(unit.sector, CareSetting),  # Unit.sector → CL Party.careSetting
        # Unit.municipality_code/municipality_name → CL Party.municipality.code/displayName
        municipality=None
        if unit.municipality_code is None
        else MunicipalityCv(code=unit.municipality_code, code_system=KV_KOMMUN, display_name=unit.municipality_name),
    )


def _patient(event: DischargeEvent) -> Patient:
    patient = event.patient
    if patient is None:
        raise UnrenderableEventError("every message carries the patient; fill it from the case first")
    person_id = _person_id(patient.identifier)
    birth_date = patient.birth_date or person_number_birth_date(person_id.root, person_id.extension)
    if birth_date is None:
        raise UnrenderableEventError("patient.birthDate is required and the identifier does not give it")
    address = patient.registered_address
    return Patient(
        id=person_id,  # Patient.identifier → CL patient.id
        name=PersonName(given=patient.given_name, family=patient.family_name),
        birth_date=birth_date,
        registered_address=Address(  # Patient.registered_address → CL patient.registeredAddress
            street_address=address.street,
            postal_code=address.postal_code,
            city=address.city,
            # Address.municipality_code/municipality_name → CL municipality.code/displayName
            municipality=MunicipalityCv(
                code=address.municipality_code, code_system=KV_KOMMUN, display_name=address.municipality_name
            ),
        ),
        guardians=tuple(_guardian(guardian) for guardian in patient.guardians),
        maturity_assessment=_maturity(patient.maturity),
    )


def _person_id(identifier: neutral.PersonIdentifier) -> PersonId:
    """PersonIdentifier → CL II: the kind gives the root; a reserve number's issuer is its root (§7.3)."""
    if identifier.kind is codes.IdentifierKind.PERSONNUMMER:
        return PersonId(root=PERSONNUMMER_ROOT, extension=identifier.value)
    if identifier.kind is codes.IdentifierKind.SAMORDNINGSNUMMER:
        return PersonId(root=SAMORDNINGSNUMMER_ROOT, extension=identifier.value)
    if identifier.issuer not in RESERVE_ROOTS:
        raise UnrenderableEventError("a reserve number needs one of the issuers of §7.3")
    return PersonId(root=identifier.issuer, extension=identifier.value)


def _guardian(guardian: neutral.Guardian) -> Guardian:
    return Guardian(
        name=PersonName(given=guardian.given_name, family=guardian.family_name),
        id=None if guardian.identifier is None else _person_id(guardian.identifier),
        phone=guardian.phone,
        consent=from_neutral(guardian.consent, GuardianConsent),  # Guardian.consent → CL Guardian.consent
        significant_harm=guardian.significant_harm,  # CH-03
    )


def _maturity(assessment: neutral.MaturityAssessment | None) -> MaturityAssessment | None:
    if assessment is None:
        return None
    return MaturityAssessment(
        level=MaturityLevel(assessment.level.value),
        assessed_by=optional_clinician(assessment.assessed_by),
        assessed_on=assessment.assessed_on,
    )


def _episode(event: DischargeEvent) -> Episode:
    """The case context; a message that must carry ``legalBasis`` gets VOLUNTARY when the event has none."""
    region = region_of(event.region)
    if event.care_type is None:
        raise UnrenderableEventError("episode.careType is required; fill it from the case first")
    statute = event.statute
    statute_type: LegalBasisType | None
    if statute is None and isinstance(event, AdmissionNotice):
        statute_type, decided = LegalBasisType.VOLUNTARY, None  # M-01 without a statute: voluntary care
    elif statute is None:
        statute_type = decided = None
    else:
        statute_type, decided = LegalBasisType(statute.statute.value), statute.admission_decision_date
    return Episode(
        episode_id=event.case_id,  # DischargeEvent.case_id → CL episode.episodeId
        region_profile=region,  # DischargeEvent.region → CL episode.regionProfile
        process=process_of(event.track, region),  # DischargeEvent.track → CL episode.process
        care_type=CareType(event.care_type.value),
        legal_basis=None
        if statute_type is None
        else LegalBasis(type=statute_type, admission_decision_date=decided),  # statute → CL legalBasis
    )
