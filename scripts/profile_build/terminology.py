"""The discharge process's CodeSystems, ValueSets and extension definitions, from ``mappings.codes``."""

from __future__ import annotations

from enum import Enum

from profile_build.kit import (
    MANUAL_CONTACT,
    SD,
    B,
    Json,
    MessageType,
    code_system,
    codes,
    element,
    pascal,
    reference,
    structure_definition,
    value_set,
    words,
)

# What each step is, for the process-step CodeSystem (codes and messages come from mappings.codes).
_STEP_DEFINITIONS: dict[str, str] = {
    "E-01": "The treating physician judges that the patient may need interventions after discharge (T1, R-01).",
    "M-01": "Inpatient care sends the admission notice (inskrivningsmeddelande) to the concerned units (R-01).",
    "M-02": "A receiving unit acknowledges the admission notice (kvittens), with existing interventions (R-03).",
    "M-03": "Outpatient care, municipal health care and social services report contacts and interventions (VAR).",
    "M-04": "Outpatient care appoints the named care contact (fast vårdkontakt) and tells the units (R-05, R-06).",
    "M-05": "Planning documentation (planeringsunderlag) and requests for supplementary information.",
    "M-06": "Inpatient care reports a new estimated discharge date or a changed health status (R-10).",
    "M-07": "Inpatient care sends the status message 1-3 days before the reference date (VAR, R-08).",
    "M-08": "Planning of and notices about a leave (permission).",
    "M-09": "The named care contact reports the need for an initial SIP at the hospital (STO RÖD).",
    "M-10": "The named care contact invites to coordinated individual planning (kallelse till SIP, R-07).",
    "M-10-ACK": "An invited unit acknowledges the SIP invitation.",
    "M-11": "Inpatient care invites to a collaboration meeting (samverkansmöte, VAR Lila).",
    "M-11-ACK": "An invited unit acknowledges the collaboration meeting invitation.",
    "M-12": "Inpatient care notifies that the patient is ready for discharge (utskrivningsklar, R-09).",
    "M-12-ACK": "A receiving unit acknowledges the ready-for-discharge notice.",
    "M-13": "Inpatient care revokes the ready-for-discharge notice, with a new estimated date (R-10).",
    "M-14": "The time of arrival at home (VAR) or of discharge (STO).",
    "M-15": "A referral (remiss) to outpatient care or another form of care.",
    "M-16": "A request to the outpatient nurse with a question, actions and a time frame (STO).",
    "M-17": "Information transfer at discharge (utskrivningsmeddelande, R-12).",
    "M-18": "The coordinated individual plan (SIP) is established or updated.",
    "M-19": "Follow-up, revision or closure of the SIP.",
    "M-20": "The named care contact contacts the guardians within two weekdays after discharge (VAR, R-16).",
    "M-21": "Inpatient care tells the units at once that the patient died during the stay (R-11).",
    "M-22": "The process is closed with a reason (closeReason).",
    "M-23": "A general message (generellt meddelande), possibly with attachments.",
    "M-24": "Consent, harm assessment or withdrawn consent is communicated.",
    "M-25": "Updated personal data sent with the admission notice (STO).",
}
_MESSAGE_DISPLAYS: dict[str, tuple[str, str]] = {
    "E-01": ("Need for interventions identified", "Behov av insatser identifierat"),
    "M-01": ("Admission notice", "Inskrivningsmeddelande"),
    "M-02": ("Admission notice acknowledged", "Kvittens av inskrivningsmeddelande"),
    "M-03": ("Status message on admission", "Statusmeddelande inför inskrivning"),
    "M-04": ("Named care contact appointed", "Fast vårdkontakt utsedd"),
    "M-05": ("Planning documentation", "Planeringsunderlag"),
    "M-06": ("Estimated discharge date changed", "Nytt beräknat utskrivningsdatum"),
    "M-07": ("Status message before discharge", "Statusmeddelande inför utskrivning"),
    "M-08": ("Leave", "Permission"),
    "M-09": ("Need for an initial SIP at the hospital", "Behov av inledande SIP på sjukhus"),
    "M-10": ("Invitation to SIP", "Kallelse till SIP"),
    "M-10-ACK": ("Invitation to SIP acknowledged", "Kvittens av kallelse till SIP"),
    "M-11": ("Invitation to a collaboration meeting", "Kallelse till samverkansmöte"),
    "M-11-ACK": ("Invitation to a collaboration meeting acknowledged", "Kvittens av kallelse till samverkansmöte"),
    "M-12": ("Ready for discharge", "Utskrivningsklar"),
    "M-12-ACK": ("Ready for discharge acknowledged", "Kvittens av utskrivningsklar"),
    "M-13": ("Ready for discharge revoked", "Återkallad utskrivningsklar"),
    "M-14": ("Home-arrival or discharge time", "Tidpunkt för hemkomst / utskrivning"),
    "M-15": ("Referral", "Remiss"),
    "M-16": ("Action request to the outpatient nurse", "Meddelande till öppenvårdens sjuksköterska"),
    "M-17": ("Discharge information", "Utskrivningsmeddelande"),
    "M-18": ("SIP established or updated", "SIP upprättad / uppdaterad"),
    "M-19": ("SIP follow-up, revision or closure", "Uppföljning av SIP"),
    "M-20": ("Post-discharge follow-up contact", "Uppföljande kontakt efter utskrivning"),
    "M-21": ("Patient deceased", "Patienten avliden"),
    "M-22": ("Process closed", "Processen avslutad"),
    "M-23": ("General message", "Generellt meddelande"),
    "M-24": ("Consent or harm-assessment status", "Samtycke / menprövning"),
    "M-25": ("Personal-data update", "Uppdatering av personuppgifter"),
}
_BUSINESS_STATUSES: dict[str, tuple[str, str]] = {
    "pending": ("Pending", "Not done yet; the deadline (restriction.period.end) has not passed."),
    "overdue": ("Overdue", "Not done, and the deadline has passed."),
    "met": ("Met", "Done in time."),
    "missed": ("Missed", "Done, but late."),
    "no-endpoint": ("No endpoint", "The unit cannot be reached through the gateway: contact it by other means (A15)."),
    "delivery-failed": ("Delivery failed", "Delivery to the unit failed for good: contact it by other means."),
}
# Extensions whose Coding values are not from the CodeSystem of the same name.
_EXTENSION_SYSTEMS: dict[str, str] = {
    "disclosing-sector": "unit-sector",
    "overall-responsible": "unit-principal",
    "payload-section": "discharge-section",
    "proposed-track": "track",
    "municipality": "kommunkod",
    "placing-municipality": "kommunkod",
}
# Extensions defined here (the mappings do not emit them yet): slug → (context, value type, description).
_OWN_EXTENSIONS: dict[str, tuple[str, str, str]] = {
    "track": (
        "Encounter",
        "Coding",
        "the region-native track of the stay (§3); the case carries it in EpisodeOfCare.type",
    ),
}
# Extra contexts for mapping extensions the profiles also use elsewhere.
_EXTRA_CONTEXT: dict[str, str] = {"maturity-assessment": "Consent", "region": "Encounter", "care-type": "Encounter"}


def _enum_concepts(enum: type[Enum]) -> list[Json]:
    out = []
    for member in enum:
        code = codes.code_of(member)
        display = str(member.value) if str(member.value) != code else member.name.replace("_", " ").capitalize()
        out.append({"code": code, "display": display})
    return out


def process_terminology() -> list[Json]:
    out: list[Json] = []
    for enum, slug in sorted(codes.ENUM_SYSTEMS.items(), key=lambda item: item[1]):
        title = words(slug)
        if enum is MessageType:
            concepts = [
                {"code": m.value, "display": _MESSAGE_DISPLAYS[m.value][0],
                 "designation": [{"language": "sv", "value": _MESSAGE_DISPLAYS[m.value][1]}]}
                for m in MessageType
            ]  # fmt: skip
            description = (
                "The message types of coordinated discharge (domain specification §2.3): MessageHeader.eventCoding. "
                "The codes equal discharge.event_base.MessageType (acknowledgements included, M-10-ACK …), so an "
                "event's code is its type. Stable: codes are never reused."
            )
        else:
            concepts = _enum_concepts(enum)
            description = (
                f"{title}: the values of {enum.__module__}.{enum.__qualname__}, as mappings.codes spells them."
            )
        out.append(code_system(slug, pascal(slug), title, description, concepts))
        out.append(value_set(slug, pascal(slug), title, f"Every code of {title}.", [{"system": codes.system_of(enum)}]))
    steps = [
        {"code": step, "display": words(step), "definition": _STEP_DEFINITIONS[message],
         "property": [{"code": "message", "valueString": message}]}
        for message, step in codes.PROCESS_STEPS.items()
    ]  # fmt: skip
    steps.append({"code": MANUAL_CONTACT, "display": "Contact by other means",
                  "definition": "A unit the gateway cannot reach must be contacted by other means (A15)."})  # fmt: skip
    message_property = {"code": "message", "type": "string", "description": "The message type (§2.3) of the step"}
    out.append(code_system(
        "process-step", "ProcessStep", "Discharge process step", "The steps of coordinated discharge (Lag 2017:612), "
        "one per message type of the domain specification (mappings.codes.PROCESS_STEPS): Task.code of process tasks, "
        "Communication.category and Appointment.serviceCategory. Property 'message' names the message type.",
        steps, property=[message_property],
    ))  # fmt: skip
    out.append(value_set("process-step", "ProcessStep", "Discharge process steps", "Every process step.",
                         [{"system": codes.PROCESS_STEP}]))  # fmt: skip
    meetings = [codes.PROCESS_STEPS[m] for m in ("M-09", "M-10", "M-11", "M-19")]
    out.append(value_set("meeting-step", "MeetingStep", "Steps that hold a meeting", "The process steps an "
                         "Appointment belongs to: initial SIP at the hospital, SIP, collaboration meeting, SIP "
                         "follow-up.",
                         [{"system": codes.PROCESS_STEP, "concept": [{"code": c} for c in meetings]}]))  # fmt: skip
    statuses = [{"code": c, "display": d, "definition": text} for c, (d, text) in _BUSINESS_STATUSES.items()]
    assert set(_BUSINESS_STATUSES) == set(codes.BUSINESS_STATUSES), "mappings.codes.BUSINESS_STATUSES changed"
    out.append(code_system("task-business-status", "TaskBusinessStatus", "Discharge task business status",
                           "The sub-state of a process Task next to Task.status: its deadline, or why a manual contact "
                           "is needed (mappings.codes.BUSINESS_STATUSES).", statuses))  # fmt: skip
    out.append(value_set("task-business-status", "TaskBusinessStatus", "Discharge task business status",
                         "Every task business status.", [{"system": codes.TASK_BUSINESS_STATUS}]))  # fmt: skip
    return out


def _value_element(slug: str, value: str) -> Json:
    if value == "complex":
        return element("Extension.value[x]", max=0)
    if value.startswith("Reference"):
        target = value[len("Reference(") : -1] if "(" in value else ""
        return element("Extension.value[x]", min=1, type=reference(target) if target else [{"code": "Reference"}])
    out = element("Extension.value[x]", min=1, type=[{"code": value}])
    if value in ("Coding", "CodeableConcept"):
        system = _EXTENSION_SYSTEMS.get(slug, slug)
        out["binding"] = {"strength": "required", "valueSet": f"{B}/ValueSet/{system}"}
    return out


def extension_definitions() -> list[Json]:
    definitions = {slug: (d.context, d.value, d.description) for slug, d in codes.EXTENSIONS.items()}
    definitions.update(_OWN_EXTENSIONS)
    out = []
    for slug, (context, value, description) in sorted(definitions.items()):
        contexts = [c.strip() for c in context.split(",")]
        if slug in _EXTRA_CONTEXT:
            contexts.append(_EXTRA_CONTEXT[slug])
        text = description[0].upper() + description[1:] + "."
        elements = [
            element("Extension", short=words(slug), definition=text),
            *([] if value == "complex" else [element("Extension.extension", max=0)]),
            element("Extension.url", fixedUri=SD + slug),
            _value_element(slug, value),
        ]
        out.append(structure_definition(slug, pascal(slug), words(slug), "Extension", text, elements, context=contexts))
    return out
