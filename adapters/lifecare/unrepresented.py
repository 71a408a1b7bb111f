"""Event fields with a value no Lifecare SP–style member can hold: what ``event_to_message`` drops.

Role: names the loss so the gateway can log it when it delivers an event that came from another format (a Cosmic
Link–style message, FHIR). These are format limitations, not gaps of the event model: an event read from a
Lifecare SP–style message never has a value in them. Types that only have a text rendering here
(``general_renderings``) keep their facts as text and are not listed. Boundary: pure; no rendering.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from adapters.lifecare.general_renderings import leave_period
from discharge import events as ev
from discharge.discharge_events import GeneralCategory
from discharge.event_base import DischargeEvent
from discharge.parties import Address, Unit

__all__ = ["unrepresented_fields"]

_DROPPED: dict[type[Any], tuple[str, ...]] = {
    ev.AdmissionNotice: ("training_needed_before_discharge", "placing_municipality_name"),
    ev.PlanningDocumentation: ("subject", "attachments"),  # KOMPLETTERING_BEGARAN has only fraga and dates
    ev.InitialSipAtHospital: ("guardians_invited",),
    ev.SipInvitation: ("guardians_invited",),
    ev.ReadyForDischarge: ("criteria", "opt_application", "training"),
    ev.ReadyForDischargeAcknowledged: ("comment",),  # UTSKRIVNINGSKLAR_KVITTENS has no kommentar
    ev.DischargeInformation: ("information_given_to_guardians", "nutrition", "patient_transport_booked"),
    ev.SipEstablished: ("child_heard", "evaluation"),
    ev.SipFollowUp: ("measures", "overall_responsible", "measures_by_others", "signed_by_all", "child_heard"),
}


def unrepresented_fields(event: DischargeEvent) -> tuple[str, ...]:
    """Names of ``event`` fields (dotted for nested ones) whose value the delivered message cannot carry."""
    names = [name for name in _DROPPED.get(type(event), ()) if _has_value(event, name)]
    if isinstance(event, ev.GeneralMessage) and leave_period(event.leave_start, event.leave_end) is None:
        names += [name for name in ("leave_start", "leave_end") if getattr(event, name) is not None]
        if event.category is GeneralCategory.LEAVE:
            names.append("category")  # kategori PERMISSION needs a period: sent as OVRIGT
    if _named(event.sender):
        names.append("sender.municipality_name")
    if any(_named(unit) for unit in event.recipients):
        names.append("recipients.municipality_name")
    if event.patient is not None and _named(event.patient.registered_address):
        names.append("patient.registered_address.municipality_name")
    if isinstance(event, ev.PersonalDataUpdated) and _named(event.temporary_address):
        names.append("temporary_address.municipality_name")
    return tuple(names)


def _named(place: Unit | Address | None) -> bool:
    """Enhet and Adress carry the kommunkod only, not its display name."""
    return place is not None and place.municipality_name is not None


def _has_value(event: DischargeEvent, name: str) -> bool:
    field = next(f for f in dataclasses.fields(event) if f.name == name)
    return bool(getattr(event, name) != field.default)
