"""Events with no Lifecare SP–style counterpart, rendered as the §9 table prescribes (mostly GENERELLT_MEDDELANDE).

Role: the Cosmic Link–style types StatusBeforeAdmission, StatusBeforeDischarge, LeavePlanning,
CollaborationMeetingInvitation (and its acknowledgement), Referral and FollowUpContact, plus the pieces of other
events that have no member here (an LPT § 7 a plan, interventions outside ``Insats``, who meets the patient).
Structured content becomes Swedish text lines; texts are cut to the member's length with "…". Boundary: lossy by
design — the contract has nowhere else to put these facts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from adapters.lifecare import envelope_mapping as env
from adapters.lifecare import vocabulary as v
from adapters.lifecare.admission_bodies import BefintligInsats, InskrivningKvittens, Underlagspost
from adapters.lifecare.body_base import Innehall
from adapters.lifecare.codes import Kategori
from adapters.lifecare.formats import format_tidpunkt
from adapters.lifecare.general_bodies import GenerelltMeddelande, Period
from discharge import events as ev
from discharge.admission_events import ExistingIntervention
from discharge.events import LeavePhase, Section

__all__ = [
    "RENDERINGS",
    "existing_interventions",
    "fit",
    "leave_period",
    "planning_extras",
    "sections_text",
    "status_on_admission",
    "with_met_by",
]

_AMNE, _TEXT, _KOMMENTAR_KVITTENS, _KOMMENTAR, _SVAR, _FRAGA = 200, 4000, 2000, 1000, 4000, 2000
_MAX_INSATSER = 30

_LABELS = {
    "ESTIMATED_DISCHARGE": "beräknat utskrivningsdatum",
    "PLANNED_SIP": "planerad SIP",
    "PLANNED_COLLABORATION_MEETING": "planerat samverkansmöte",
    "AIDS": "hjälpmedel",
    "MEDICATION": "läkemedel",
    "NUTRITION": "nutrition",
    "TRAINING": "träning",
    "REHABILITATION": "rehabilitering",
    "COLLABORATION_MEETING": "samverkansmöte",
    "OPT_APPLICATION": "ansökan om öppen psykiatrisk tvångsvård",
    "HOME": "hemmet",
    "INPATIENT_WARD": "slutenvården",
    "OUTPATIENT_CLINIC": "öppenvården",
    "MUNICIPAL_PREMISES": "kommunens lokal",
    "SCHOOL": "skolan",
    "IN_PERSON": "på plats",
    "PHONE": "telefon",
    "VIDEO": "video",
    "RECEIVED": "mottagen",
    "WILL_ATTEND": "deltar",
    "WILL_NOT_ATTEND": "deltar ej",
    "NEW_TIME_REQUESTED": "ny tid önskas",
    "PRIMARY_CARE": "primärvård",
    "CHILD_HEALTH_CENTRE": "barnavårdscentral",
    "SPECIALIST_OUTPATIENT": "specialiserad öppenvård",
    "CHILD_AND_ADOLESCENT_PSYCHIATRY": "barn- och ungdomspsykiatri",
    "ADULT_PSYCHIATRY": "vuxenpsykiatri",
    "HABILITATION": "habilitering",
    "ASIH": "ASIH",
    "INPATIENT_GERIATRICS": "slutenvårdsgeriatrik",
    "OTHER_HOSPITAL": "annat sjukhus",
    "INPATIENT": "slutenvård",
    "OUTPATIENT": "öppenvård",
    "OPEN": "öppen",
    "CLOSED": "avslutad",
    "CANCELLED": "makulerad",
    "GUARDIAN": "vårdnadshavare",
    "PATIENT": "den enskilde",
    "STAFF": "personal",
    "NO_FURTHER_ACTION": "ingen ytterligare åtgärd",
    "SIP_TO_BE_CALLED": "SIP ska kallas",
    "RESPITE_CARE": "avlösning",
    "CONTACT_PERSON": "kontaktperson",
    "FAMILY_SUPPORT": "familjestöd",
    "FOSTER_CARE": "familjehem",
    "RESIDENTIAL_CARE": "HVB",
    "SCHOOL_SUPPORT": "stöd i skolan",
    "OTHER": "övrigt",
}


def _label(code: StrEnum) -> str:
    return _LABELS.get(code.value, code.value)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, datetime):
        return format_tidpunkt(value)
    if isinstance(value, date):
        return value.isoformat()
    return _label(value) if isinstance(value, StrEnum) else str(value)


def _lines(pairs: Iterable[tuple[str, Any]]) -> list[str]:
    """``"Rubrik: värde"`` for each pair with a value."""
    return [f"{heading}: {_value(value)}" for heading, value in pairs if value is not None]


def fit(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` code points, marked with "…" when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _general(amne: str, lines: Iterable[str | None], **members: Any) -> GenerelltMeddelande:
    text = "\n".join(line for line in lines if line)
    return GenerelltMeddelande(amne=fit(amne, _AMNE), text=fit(text or amne, _TEXT), **members)


def leave_period(start: datetime | None, end: datetime | None) -> Period | None:
    """A leave period as ``permission`` {fran, till}: only a whole one whose end is after its start (§9)."""
    return Period(fran=start, till=end) if start is not None and end is not None and end > start else None


def existing_interventions(items: tuple[ExistingIntervention, ...]) -> tuple[BefintligInsats, ...]:
    """Interventions as ``befintligaInsatser``; a kind without an Insats code is OVRIGT, named in beskrivning."""
    return tuple(
        BefintligInsats(
            typ=v.INSATS.outbound(item.kind),  # ExistingIntervention.kind → LC befintligaInsatser[].typ
            # ExistingIntervention.description → LC beskrivning (the kind's name if it has no Insats code)
            beskrivning=item.description or (None if v.INSATS.has(item.kind) else _label(item.kind).capitalize()),
            utforare=item.provider,  # ExistingIntervention.provider → LC befintligaInsatser[].utforare
        )
        for item in items[:_MAX_INSATSER]
    )


def sections_text(sections: tuple[Section, ...]) -> str:
    return fit("\n\n".join(f"{s.heading}\n{s.text}" for s in sections) or "Begäran om komplettering.", _FRAGA)


def planning_extras(e: ev.PlanningDocumentation, *, room: int) -> tuple[Underlagspost, ...]:
    """Planning facts with no LC member, as question/answer items: the LPT § 7 a plan, rehabilitation, aids."""
    items: list[tuple[str, str]] = []
    if e.lpt_plan is not None:
        plan = e.lpt_plan
        measures = [f"{_label(m.responsible)}: {m.description}" for m in plan.measures]
        lines = _lines([("Datum", plan.plan_date), ("Ansökan om ÖPT", plan.opt_application)])
        lines += _lines([("Övergripande ansvar", plan.overall_responsible.value), ("Villkor", plan.conditions)])
        items.append(("Samordnad plan enligt § 7 a LPT", "\n".join(lines + measures)))
    items += [
        (q, _value(a))
        for q, a in (
            ("Rehabiliteringsbehov", e.rehabilitation_needed),
            ("Hjälpmedelsbehov", e.assistive_devices_needed),
        )
        if a is not None
    ]
    return tuple(Underlagspost(fraga=q, svar=fit(a, _SVAR)) for q, a in items[: max(room, 0)])


def with_met_by(comment: str | None, met_by: str | None) -> str | None:
    """DischargeTime.met_by has no LC member: it is appended to ``kommentar``."""
    if met_by is None:
        return comment
    return fit("\n".join(filter(None, [comment, f"Möts av: {met_by}"])), _KOMMENTAR)


def status_on_admission(e: ev.StatusOnAdmission, admission_message_id: str | None) -> Innehall:
    """Cosmic StatusBeforeAdmission → INSKRIVNING_KVITTENS of the case's admission notice (§9), else a message."""
    contacts = [
        f"Pågående kontakt: {_label(c.service)}" + (f" – {c.description}" if c.description else "")
        for c in e.ongoing_contacts
    ]
    track = f"Föreslaget spår: {e.proposed_track.label}" if e.proposed_track else None
    if admission_message_id is not None:
        kommentar = "\n".join(filter(None, [e.comment, *contacts, track]))
        return InskrivningKvittens(
            kvitterar_meddelande_id=admission_message_id,
            kvitterad=e.sent_at,
            befintliga_insatser=existing_interventions(e.interventions),
            kommentar=fit(kommentar, _KOMMENTAR_KVITTENS) if kommentar else None,
        )
    interventions = [
        f"Befintlig insats: {_label(i.kind)}" + (f" – {i.description}" if i.description else "")
        for i in e.interventions
    ]
    return _general("Status inför inskrivning", [*interventions, *contacts, track, e.comment])


def _status_before_discharge(e: ev.StatusBeforeDischarge) -> GenerelltMeddelande:
    needs = ", ".join(_label(need) for need in sorted(e.updated_needs))
    lines = _lines(
        [("Referens", f"{_label(e.reference)} {e.reference_date.isoformat()}"), ("Aktuellt status", e.current_status)]
    )
    lines += _lines(
        [
            ("Uppdaterade behov", needs or None),
            ("Bekräftat beräknat utskrivningsdatum", e.confirmed_estimated_discharge_date),
        ]
    )
    return _general("Status inför utskrivning", lines)


def _leave(e: ev.Leave) -> GenerelltMeddelande:
    phase = {LeavePhase.STARTED: "Permissionen har påbörjats.", LeavePhase.ENDED: "Permissionen har avslutats."}.get(
        e.phase
    )
    extras = _lines(
        [
            ("ADL-status", e.adl_status),
            ("Läkemedelslista skickad", e.medication_list_sent),
            ("Transport bokad", e.transport_booked),
            ("Ankomst hem", e.arrival_home_at),
            ("Återkomst", e.return_at),
            ("Insatser som ska starta", e.interventions_to_start),
            ("Träning av slutenvården", e.training_by_inpatient_care),
        ]
    )
    period = leave_period(e.start, e.end)
    start = None if period else f"Start: {format_tidpunkt(e.start)}"
    return _general(
        e.subject or "Permission",
        [phase, e.text, start, *extras],
        kategori=Kategori.PERMISSION if period else Kategori.OVRIGT,  # Leave → LC kategori PERMISSION (M-08)
        permission=period,  # Leave.start/end → LC innehall.permission.fran/till
        svar_pa_meddelande_id=e.in_response_to,  # Leave.in_response_to → LC innehall.svarPaMeddelandeId
        bilagor=env.bilagor(e.attachments),  # Leave.attachments → LC innehall.bilagor
    )


def _collaboration_meeting(e: ev.CollaborationMeetingInvitation) -> GenerelltMeddelande:
    place = _label(e.location) + (f" – {e.location_description}" if e.location_description else "")
    convener = e.convener.name + (f", {e.convener.phone}" if e.convener.phone else "")
    pairs = [
        ("Tidpunkt", e.meeting_at),
        ("Plats", place),
        ("Mötesform", e.mode),
        ("Syfte", e.purpose),
        ("Kallande", convener),
    ]
    return _general("Kallelse till samverkansmöte", _lines(pairs))


def _collaboration_meeting_reply(e: ev.CollaborationMeetingAcknowledged) -> GenerelltMeddelande:
    lines = [*_lines([("Svar", e.response), ("Kvitterad", e.acknowledged_at)]), e.comment]
    return _general("Svar på kallelse till samverkansmöte", lines, svar_pa_meddelande_id=e.acknowledged_message_id)


def _referral(e: ev.Referral) -> GenerelltMeddelande:
    pairs = [("Remiss-id", e.referral_id), ("Till", e.target_service), ("Vårdnivå", e.care_level), ("Status", e.status)]
    return _general("Remiss", _lines([*pairs, ("Frågeställning", e.question), ("Brådskande", e.urgent)]))


def _follow_up_contact(e: ev.FollowUpContact) -> GenerelltMeddelande:
    pairs = [
        ("Kontakt", e.contacted_at),
        ("Kontaktad", e.contacted_party),
        ("Resultat", e.outcome),
        ("Anteckning", e.note),
    ]
    return _general("Uppföljande kontakt efter utskrivning", _lines(pairs))


RENDERINGS: dict[type, Callable[[Any], Innehall]] = {
    ev.StatusBeforeDischarge: _status_before_discharge,
    ev.Leave: _leave,
    ev.CollaborationMeetingInvitation: _collaboration_meeting,
    ev.CollaborationMeetingAcknowledged: _collaboration_meeting_reply,
    ev.Referral: _referral,
    ev.FollowUpContact: _follow_up_contact,
}
