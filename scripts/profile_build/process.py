"""Profiles of the process resources: differentials only (the validator builds the snapshots)."""

from __future__ import annotations

from profile_build.kit import SD, B, Json, codes, element, invariant, reference, structure_definition

_PATTERN_SLICING: Json = {"discriminator": [{"type": "pattern", "path": "$this"}], "ordered": False, "rules": "open"}


def _extension(slug: str) -> str:
    return f"extension('{SD}{slug}').value"


def _extension_slicing(type_: str) -> Json:
    slicing = {"discriminator": [{"type": "value", "path": "url"}], "ordered": False, "rules": "open"}
    return element(f"{type_}.extension", slicing=slicing)


def _extension_slice(type_: str, name: str, slug: str, low: int = 0, high: int = 1) -> Json:
    return element(f"{type_}.extension:{name}", min=low, max=high, type=[{"code": "Extension", "profile": [SD + slug]}])


def _required(value_set_id: str) -> Json:
    return {"strength": "required", "valueSet": f"{B}/ValueSet/{value_set_id}"}


def _encounter() -> Json:
    edd, track, region = _extension("estimated-discharge-date"), _extension("track"), _extension("region")
    rules = [
        invariant("dis-enc-1", "The estimated discharge date is not before the day the stay started",
                  f"{edd}.empty() or period.start.empty() or "
                  f"({edd}.toString() >= period.start.toString().substring(0, 10))"),
        invariant("dis-enc-2", "The track belongs to the region profile",
                  f"{track}.empty() or {region}.empty() or {track}.code.startsWith({region}.code + '-')"),
    ]  # fmt: skip
    slices = [("estimatedDischargeDate", "estimated-discharge-date"), ("needIdentifiedAt", "need-identified-at"),
              ("legalStatus", "legal-status"), ("careType", "care-type"), ("region", "region"),
              ("track", "track")]  # fmt: skip
    return structure_definition(
        "discharge-encounter", "DischargeEncounter", "Inpatient stay (discharge process)", "Encounter",
        "The inpatient stay of a coordinated discharge: class inpatient (v3 ActCode IMP), the patient as subject, "
        "the estimated discharge date (R-02), when the need was identified (R-01), the legal status of the stay "
        "(voluntary, LPT, ÖPT …), the care type, the region profile and the track.",
        [element("Encounter", constraint=rules), _extension_slicing("Encounter"),
         *(_extension_slice("Encounter", name, slug) for name, slug in slices),
         element("Encounter.class", patternCoding={"system": codes.V3_ACT_CODE, "code": "IMP"}),
         element("Encounter.subject", type=reference("Patient"))],
    )  # fmt: skip


def _episode_of_care() -> Json:
    slices = [("region", "region"), ("careType", "care-type"), ("careStatute", "care-statute"),
              ("closeReason", "close-reason"), ("placingMunicipality", "placing-municipality")]  # fmt: skip
    return structure_definition(
        "discharge-episode-of-care", "DischargeCase", "Discharge case (ärende)", "EpisodeOfCare",
        "The case (ärende) of a coordinated discharge (§2.2): region profile, care type, statute, the placing "
        "municipality and, once closed, the close reason; the case state and the track are in EpisodeOfCare.type. "
        "That a closed case states its reason (T13) is a rule of the process engine (422 business-rule).",
        [_extension_slicing("EpisodeOfCare"),
         *(_extension_slice("EpisodeOfCare", name, slug) for name, slug in slices)],
    )  # fmt: skip


def _task() -> Json:
    overdue = invariant(
        "dis-task-1", "An overdue task has a deadline (restriction.period.end)",
        f"businessStatus.coding.where(system = '{codes.TASK_BUSINESS_STATUS}' and code = 'overdue').empty() "
        "or restriction.period.end.exists()",
    )  # fmt: skip
    return structure_definition(
        "discharge-task", "DischargeTask", "Discharge process task", "Task",
        "One step of the discharge process for one unit (§2.3): the step in Task.code, the requesting and owning "
        "units (Organization or PractitionerRole), the deadline in restriction.period.end, the sub-state in "
        "businessStatus (pending, overdue …).",
        [element("Task", constraint=[overdue]),
         element("Task.code", min=1, binding=_required("process-step")),
         element("Task.businessStatus", binding=_required("task-business-status")),
         element("Task.for", type=reference("Patient")),
         element("Task.requester", type=reference("Organization", "PractitionerRole")),
         element("Task.owner", type=reference("Organization", "PractitionerRole")),
         element("Task.restriction.period", short="The deadline is period.end", min=1),
         element("Task.restriction.period.end", short="The deadline", min=1)],
    )  # fmt: skip


def _communications() -> list[Json]:
    out = []
    for type_, id_, name, title in (
        ("Communication", "discharge-communication", "DischargeCommunication", "Discharge message (Communication)"),
        ("CommunicationRequest", "discharge-communication-request", "DischargeCommunicationRequest",
         "Discharge message request (CommunicationRequest)"),
    ):  # fmt: skip
        out.append(structure_definition(
            id_, name, title, type_,
            f"A {type_} of the discharge process: one category names the process step (message type), others "
            "may refine it; its subject, when given, is the patient.",
            [element(f"{type_}.category", min=1, slicing=_PATTERN_SLICING),
             element(f"{type_}.category:step", min=1, max=1, binding=_required("process-step"),
                     patternCodeableConcept={"coding": [{"system": codes.PROCESS_STEP}]}),
             element(f"{type_}.subject", type=reference("Patient"))],
        ))  # fmt: skip
    return out


def _care_plan() -> Json:
    return structure_definition(
        "discharge-careplan", "DischargeCarePlan", "Coordinated individual plan (SIP)", "CarePlan",
        "The SIP (samordnad individuell plan, M-18): a plan (intent 'plan') for the patient, categorised as a SIP.",
        [element("CarePlan.category", min=1, binding=_required("care-plan-category")),
         element("CarePlan.intent", fixedCode="plan"),
         element("CarePlan.subject", type=reference("Patient"))],
    )  # fmt: skip


def _consent() -> Json:
    status = f"category.coding.where(system = '{codes.system_of(codes.ConsentStatus)}').code"
    sector, given_by = f"{_extension('disclosing-sector')}.code", f"{_extension('consent-given-by')}.code"
    rules = [
        invariant("dis-con-1", "A harm assessment is a legal basis for health care only, not for social services "
                  "(C-03)", f"{status}.where($this = 'harm-assessment-permits' or $this = 'harm-assessment-denies')"
                  f".empty() or {sector}.where($this = 'social-services').empty()"),
        invariant("dis-con-2", "The social welfare board decides for social services only (CH-02)",
                  f"{given_by}.where($this = 'social-welfare-board').empty() or "
                  f"{sector}.where($this = 'social-services').exists()"),
    ]  # fmt: skip
    pattern = {"coding": [{"system": codes.system_of(codes.ConsentStatus)}]}
    return structure_definition(
        "discharge-consent", "DischargeConsent", "Legal basis for disclosure (consent / harm assessment)", "Consent",
        "The legal basis of one disclosing sector for the case (§4.2): the sector (extension), its status — consent, "
        "harm assessment, refusal … — as a category, who gave it (the patient, guardians as RelatedPerson "
        "performers, the social welfare board) and, for a child, the maturity assessment (CH-01).",
        [element("Consent", constraint=rules),
         _extension_slicing("Consent"),
         _extension_slice("Consent", "disclosingSector", "disclosing-sector", 1, 1),
         _extension_slice("Consent", "givenBy", "consent-given-by"),
         _extension_slice("Consent", "childMaturity", "maturity-assessment"),
         element("Consent.scope", patternCodeableConcept={"coding": [{"system": codes.CONSENT_SCOPE,
                                                                        "code": "patient-privacy"}]}),
         element("Consent.category", slicing=_PATTERN_SLICING),
         element("Consent.category:legalBasis", min=1, max=1, patternCodeableConcept=pattern,
                 binding=_required(codes.ENUM_SYSTEMS[codes.ConsentStatus])),
         element("Consent.performer", type=reference("Patient", "RelatedPerson", "Organization"))],
    )  # fmt: skip


def _appointment() -> Json:
    return structure_definition(
        "discharge-appointment", "DischargeAppointment", "Discharge meeting (Appointment)", "Appointment",
        "A meeting of the discharge process — initial SIP at the hospital, SIP, collaboration meeting, SIP "
        "follow-up — named by its process step in serviceCategory, with its mode and place.",
        [_extension_slicing("Appointment"),
         _extension_slice("Appointment", "meetingMode", "meeting-mode"),
         _extension_slice("Appointment", "meetingLocation", "meeting-location"),
         element("Appointment.serviceCategory", min=1, binding=_required("meeting-step"))],
    )  # fmt: skip


def _message_header() -> Json:
    return structure_definition(
        "discharge-message-header", "DischargeMessageHeader", "Discharge message header", "MessageHeader",
        "The header of a discharge FHIR message: the event is a discharge-event code (E-01, M-01 … M-25, the "
        "acknowledgements), the sender a unit, at least one focus.",
        [element("MessageHeader.event[x]", type=[{"code": "Coding"}], binding=_required("discharge-event")),
         element("MessageHeader.sender", type=reference("Organization", "PractitionerRole")),
         element("MessageHeader.focus", min=1)],
    )  # fmt: skip


def process_profiles() -> list[Json]:
    return [
        _encounter(), _episode_of_care(), _task(), *_communications(), _care_plan(), _consent(), _appointment(),
        _message_header(),
    ]  # fmt: skip
