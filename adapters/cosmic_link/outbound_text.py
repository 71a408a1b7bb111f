"""Events that this contract only carries as free text → ``GeneralMessage`` bodies (§9).

Role: the contract routes Lifecare SP–style ``ATGARDSBEGARAN_OPPENVARD`` (M-16), ``PERSONUPPGIFTER_
UPDATERADE`` (M-25) and ``KOMPLETTERING_BEGARAN`` (M-05) to ``GeneralMessage`` and has no free-text member in
``LeavePlanning``; these builders write the structured fields as labelled Swedish lines so nothing is lost.
Times are Stockholm local time. Boundary: text composition only; the result is validated by ``render``.
"""

from __future__ import annotations

from datetime import datetime

from adapters.cosmic_link.discharge_bodies import GeneralMessageBody
from adapters.cosmic_link.outbound_values import attachments_from_neutral
from adapters.cosmic_link.vocabulary import GeneralCategory
from discharge import admission_events as adm
from discharge import discharge_events as dis
from discharge import events as ev
from discharge import parties as neutral
from discharge.calendar import local

__all__ = ["leave_message_body", "nurse_request_body", "personal_data_body", "supplementary_request_body"]

SUPPLEMENTARY_SUBJECT = "Begäran om kompletterande uppgifter"
NURSE_REQUEST_SUBJECT = "Åtgärdsbegäran till öppenvårdens sjuksköterska"
PERSONAL_DATA_SUBJECT = "Uppdaterade personuppgifter"
LEAVE_SUBJECT = "Permission"
_LEAVE_PHASES = {
    ev.LeavePhase.PLANNED: "planerad",
    ev.LeavePhase.STARTED: "påbörjad",
    ev.LeavePhase.ENDED: "avslutad",
}


def _when(moment: datetime) -> str:
    return local(moment).strftime("%Y-%m-%d %H:%M")


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else "ja" if value else "nej"


def _lines(*pairs: tuple[str, str | None]) -> str:
    return "\n".join(f"{label}: {value}" for label, value in pairs if value is not None)


def supplementary_request_body(event: ev.PlanningDocumentation) -> GeneralMessageBody:
    """M-05 request for more information → GeneralMessage ``SUPPLEMENTARY_INFORMATION_REQUEST``."""
    question = event.question or "\n\n".join(f"{s.heading}\n{s.text}" for s in event.sections)
    deadline = None if event.answer_requested_by is None else _when(event.answer_requested_by)
    text = question if deadline is None else f"{question}\n\nSvar önskas senast: {deadline}"
    return GeneralMessageBody(
        subject=event.subject or SUPPLEMENTARY_SUBJECT,  # PlanningDocumentation.subject → CL subject
        text=text,  # PlanningDocumentation.question → CL text
        category=GeneralCategory.SUPPLEMENTARY_INFORMATION_REQUEST,
        in_response_to=event.in_response_to,  # PlanningDocumentation.in_response_to → CL inResponseTo
        attachments=attachments_from_neutral(event.attachments),  # PlanningDocumentation.attachments → CL attachments
    )


def leave_message_body(event: ev.Leave) -> GeneralMessageBody:
    """M-08 with free text, without an end or not a plan → GeneralMessage ``LEAVE``."""
    period = _when(event.start) + ("" if event.end is None else f" – {_when(event.end)}")
    facts = _lines(
        (f"Permission ({_LEAVE_PHASES[event.phase]})", period),
        ("ADL-status", event.adl_status),
        (
            "Läkemedelslista skickad",
            _yes_no(event.medication_list_sent),
        ),
        ("Transport bokad", _yes_no(event.transport_booked)),
        ("Ankomst hem", None if event.arrival_home_at is None else _when(event.arrival_home_at)),
        ("Åter", None if event.return_at is None else _when(event.return_at)),
        ("Insatser som ska starta", event.interventions_to_start),
        (
            "Träning av slutenvården",
            _yes_no(event.training_by_inpatient_care),
        ),
    )
    return GeneralMessageBody(
        subject=event.subject or LEAVE_SUBJECT,
        text=facts if not event.text else f"{event.text}\n\n{facts}",
        category=GeneralCategory.LEAVE,
        in_response_to=event.in_response_to,
        attachments=attachments_from_neutral(event.attachments),
    )


def nurse_request_body(event: dis.OutpatientNurseRequest) -> GeneralMessageBody:
    """M-16 åtgärdsbegäran (STO) → GeneralMessage (§9: arrives as GeneralMessage)."""
    return GeneralMessageBody(
        subject=NURSE_REQUEST_SUBJECT,
        text=_lines(
            ("Frågeställning", event.question),
            ("Begärda åtgärder", event.requested_actions),
            ("Tidsram", f"{event.time_frame_start.isoformat()} – {event.time_frame_end.isoformat()}"),
        ),
    )


def _address(address: neutral.Address | None) -> str | None:
    if address is None:
        return None
    return f"{address.street}, {address.postal_code} {address.city} (kommunkod {address.municipality_code})"


def _relatives(relatives: tuple[adm.Relative, ...]) -> str | None:
    if not relatives:
        return None
    return "; ".join(f"{r.name} ({r.relation.value}{'' if r.phone is None else ', ' + r.phone})" for r in relatives)


def personal_data_body(event: adm.PersonalDataUpdated) -> GeneralMessageBody:
    """M-25 personal-data update (STO) → GeneralMessage (§9: arrives as GeneralMessage)."""
    interpreter = None
    if event.interpreter_needed is not None:
        language = "" if event.interpreter_language is None else f" ({event.interpreter_language})"
        interpreter = f"{_yes_no(event.interpreter_needed)}{language}"
    text = _lines(
        ("Telefon", event.phone),
        ("E-post", event.email),
        ("Boendeform", None if event.housing_type is None else event.housing_type.value),
        ("Tillfällig adress", _address(event.temporary_address)),
        ("Närstående", _relatives(event.relatives)),
        (
            "Kontakt med öppenvårdspsykiatri",
            _yes_no(event.outpatient_psychiatry_contact),
        ),
        ("Hemsjukvård", _yes_no(event.home_health_care)),
        ("Tolkbehov", interpreter),
    )
    return GeneralMessageBody(subject=PERSONAL_DATA_SUBJECT, text=text or "Inga ändrade uppgifter")
