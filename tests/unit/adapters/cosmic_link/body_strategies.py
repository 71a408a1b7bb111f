"""Hypothesis strategies for the body of each §9 type, each respecting that type's rules (see ``strategies``)."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import strategies as st

from adapters.cosmic_link import admission_bodies as ab
from adapters.cosmic_link import discharge_bodies as db
from adapters.cosmic_link import vocabulary as v
from discharge.calendar import local_date
from tests.unit.adapters.cosmic_link.strategies import (
    RECEIPT_ONLY,
    VAR_REFERENCE,
    Case,
    attachments,
    clinicians,
    dates_from,
    earlier,
    enum_set,
    hsa_ids,
    later,
    maybe,
    municipalities,
    phones,
    short,
    text,
    uuids,
)

T = v.MessageTypeName
measures = st.lists(
    st.builds(ab.Measure, responsible=st.sampled_from(list(v.Responsible)), description=text(1000)),
    min_size=1,
    max_size=4,
).map(tuple)


def optional_bools() -> st.SearchStrategy[bool | None]:
    return maybe(st.booleans())


@st.composite
def admission(draw: st.DrawFn, case: Case) -> ab.AdmissionNotificationBody:
    episode, admitted = case.episode, case.admitted_at
    legal = episode.legal_basis
    assert legal is not None
    span = {v.LegalBasisType.LPT: 14, v.LegalBasisType.OPT: 4}.get(legal.type)
    if episode.region_profile is v.RegionProfile.VAR and span is not None:
        assert legal.admission_decision_date is not None
        estimate = legal.admission_decision_date + timedelta(days=span)
    else:
        estimate = draw(dates_from(local_date(admitted)))
    consent = draw(st.sampled_from(list(v.Consent)))
    detailed = episode.region_profile is v.RegionProfile.STO and consent in (
        v.Consent.GIVEN,
        v.Consent.HARM_ASSESSMENT_PERMITS,
    )
    return ab.AdmissionNotificationBody(
        admitted_at=admitted,
        need_identified_at=draw(maybe(st.just(admitted) | later(admitted))),
        estimated_discharge_date=estimate,
        consent_status=consent,
        admission_reason=draw(text(500) if detailed else maybe(text(500))),
        responsible_physician=draw(clinicians if detailed else maybe(clinicians)),
        services_needed=draw(enum_set(v.ServiceNeeded, min_size=1)),
        life_threatening_condition=draw(optional_bools()),
        training_needed_before_discharge=draw(optional_bools()),
        placing_municipality=draw(maybe(municipalities)),
    )


@st.composite
def acknowledgement(draw: st.DrawFn, case: Case) -> ab.AcknowledgementBody:
    kind = draw(st.sampled_from(list(v.AcknowledgedType)))
    responses = [v.AckResponse.RECEIVED] if kind in RECEIPT_ONLY else list(v.AckResponse)
    return ab.AcknowledgementBody(
        acknowledged_message_id=draw(uuids),
        acknowledged_type=kind,
        acknowledged_at=draw(earlier(case.created_at)),
        response=draw(st.sampled_from(responses)),
        comment=draw(maybe(text(2000))),
    )


def status_before_admission(case: Case) -> st.SearchStrategy[ab.StatusBeforeAdmissionBody]:
    item = st.builds(
        ab.InterventionItem,
        type=st.sampled_from(list(v.Intervention)),
        description=maybe(text(500)),
        provider=maybe(short(200)),
    )
    contact = st.builds(ab.OngoingContact, service=st.sampled_from(list(v.Service)), description=maybe(text(500)))
    return st.builds(
        ab.StatusBeforeAdmissionBody,
        interventions=st.lists(item, max_size=3).map(tuple),
        ongoing_contacts=st.lists(contact, max_size=3).map(tuple),
        proposed_process=maybe(st.sampled_from(v.PROCESSES_BY_REGION[case.episode.region_profile])),
        comment=maybe(text(2000)),
    )


@st.composite
def care_contact(draw: st.DrawFn, case: Case) -> ab.CareContactAssignedBody:
    licensed = draw(st.booleans())
    profession = st.just(v.Profession.PHYSICIAN) if licensed else st.sampled_from(list(v.Profession))
    return ab.CareContactAssignedBody(
        care_contact=ab.CareContact(
            name=draw(short(200)),
            id=draw(maybe(hsa_ids())),
            profession=draw(maybe(profession)),
            work_phone=draw(phones),
            licensed_physician=licensed,
        ),
        assigned_at=draw(earlier(case.created_at)),
        named_physician_contact=draw(maybe(clinicians)),
        existing_continues=draw(optional_bools()),
    )


def planning(case: Case) -> st.SearchStrategy[ab.DischargePlanningBody]:
    section = st.builds(ab.Section, heading=short(300), text=text(4000))
    return st.builds(
        ab.DischargePlanningBody,
        template=st.sampled_from(list(v.PlanningTemplate)),
        sections=st.lists(section, min_size=1, max_size=3).map(tuple),
        rehabilitation_needed=optional_bools(),
        assistive_devices_needed=optional_bools(),
        completed=optional_bools(),
        in_response_to=maybe(uuids),
    )


@st.composite
def estimate_changed(draw: st.DrawFn, case: Case) -> ab.EstimatedDischargeDateChangedBody:
    reason = draw(st.sampled_from(list(v.EddChangeReason)))
    today = local_date(case.created_at)
    return ab.EstimatedDischargeDateChangedBody(
        estimated_discharge_date=draw(dates_from(today)),
        previous_estimated_discharge_date=draw(maybe(dates_from(today))),
        reason=reason,
        court_ruling_date=draw(st.just(today) if reason is v.EddChangeReason.LPT_EXTENDED else maybe(st.just(today))),
        comment=draw(maybe(text(1000))),
    )


@st.composite
def status_before_discharge(draw: st.DrawFn, case: Case) -> ab.StatusBeforeDischargeBody:
    expected = VAR_REFERENCE.get(case.episode.process)  # type: ignore[arg-type]
    var = case.episode.region_profile is v.RegionProfile.VAR
    today = local_date(case.created_at)
    return ab.StatusBeforeDischargeBody(
        reference_event=expected if var and expected else draw(st.sampled_from(list(v.ReferenceEvent))),
        reference_date=draw(dates_from(today)),
        current_status=draw(text(4000)),
        updated_needs=draw(enum_set(v.UpdatedNeed, min_size=0)),
        confirmed_estimated_discharge_date=draw(maybe(dates_from(today))),
    )


@st.composite
def leave(draw: st.DrawFn, case: Case) -> ab.LeavePlanningBody:
    start = draw(later(case.created_at))
    transport = None
    if draw(st.booleans()):
        transport = ab.PatientTransport(
            booked=draw(st.booleans()),
            arrival_home_at=draw(maybe(later(start))),
            return_at=draw(maybe(later(start))),
        )
    return ab.LeavePlanningBody(
        proposed_period=ab.Period(start=start, end=draw(later(start))),
        adl_status=draw(maybe(text(2000))),
        medication_list_sent=draw(optional_bools()),
        patient_transport=transport,
        interventions_to_start=draw(maybe(text(2000))),
        training_by_inpatient_care=draw(optional_bools()),
    )


@st.composite
def place(draw: st.DrawFn, *, initial: bool = False) -> tuple[v.Location, str | None]:
    location = v.Location.INPATIENT_WARD if initial else draw(st.sampled_from(list(v.Location)))
    description = draw(short(200) if location is v.Location.OTHER else maybe(short(200)))
    return location, description


@st.composite
def sip_invitation(draw: st.DrawFn, case: Case) -> db.SipInvitationBody:
    sip_type = draw(st.sampled_from(list(v.SipType)))
    location, description = draw(place(initial=sip_type is v.SipType.INITIAL_AT_HOSPITAL))
    participant = st.builds(db.OtherParticipant, name=short(200), role=maybe(short(100)))
    return db.SipInvitationBody(
        sip_type=sip_type,
        meeting_at=draw(later(case.created_at)),
        duration_minutes=draw(maybe(st.integers(min_value=15, max_value=480))),
        location=location,
        location_description=description,
        mode=draw(st.sampled_from(list(v.MeetingMode))),
        convener=draw(clinicians),
        guardians_invited=draw(optional_bools()),
        agreed_with_patient=draw(st.booleans()),
        other_participants=tuple(draw(st.lists(participant, max_size=3))),
    )


@st.composite
def collaboration_meeting(draw: st.DrawFn, case: Case) -> db.CollaborationMeetingInvitationBody:
    location, description = draw(place())
    return db.CollaborationMeetingInvitationBody(
        meeting_at=draw(later(case.created_at)),
        location=location,
        location_description=description,
        mode=draw(st.sampled_from(list(v.MeetingMode))),
        purpose=draw(st.sampled_from(list(v.MeetingPurpose))),
        convener=draw(clinicians),
    )


def lpt_plan(case: Case) -> st.SearchStrategy[ab.LptCoordinatedPlanBody]:
    return st.builds(
        ab.LptCoordinatedPlanBody,
        plan_date=dates_from(local_date(case.created_at)),
        opt_application=st.booleans(),
        measures=measures,
        overall_responsible=st.sampled_from(list(v.Principal)),
        conditions=maybe(text(4000)),
    )


@st.composite
def ready(draw: st.DrawFn, case: Case) -> db.DischargeReadyNotificationBody:
    opt = None
    if draw(st.booleans()):
        applied = draw(st.booleans())
        court = dates_from(local_date(case.created_at) - timedelta(days=10), days=10)
        opt = db.OptApplication(applied=applied, court_decision_date=draw(court if applied else maybe(court)))
    criteria = st.builds(
        db.ReadyCriteria,
        guardians_informed_in_writing=st.booleans(),
        care_contact_assigned=st.booleans(),
        essential_information_transferred=st.booleans(),
        aids_available=st.booleans(),
    )
    return db.DischargeReadyNotificationBody(
        assessed_ready_at=draw(earlier(case.created_at)),
        assessed_by=draw(maybe(clinicians)),
        criteria=draw(maybe(criteria)),
        opt_application=opt,
        planned_discharge_at=draw(maybe(later(case.created_at))),
    )


@st.composite
def revoked(draw: st.DrawFn, case: Case) -> db.DischargeReadyRevokedBody:
    revoked_at = draw(earlier(case.created_at))
    return db.DischargeReadyRevokedBody(
        revoked_message_id=draw(uuids),
        revoked_at=revoked_at,
        reason=draw(st.sampled_from(list(v.RevocationReason))),
        new_estimated_discharge_date=draw(dates_from(local_date(revoked_at))),
        comment=draw(maybe(text(1000))),
    )


@st.composite
def home_arrival(draw: st.DrawFn, case: Case) -> db.HomeArrivalTimeBody:
    discharge_at = draw(maybe(later(case.created_at)))
    arrival = draw(later(case.created_at) if discharge_at is None else maybe(later(case.created_at)))
    return db.HomeArrivalTimeBody(
        discharge_at=discharge_at,
        arrival_home_at=arrival,
        met_by=draw(maybe(short(200))),
        comment=draw(maybe(text(1000))),
    )


def referral(case: Case) -> st.SearchStrategy[db.ReferralBody]:
    return st.builds(
        db.ReferralBody,
        referral_id=short(64),
        target_service=st.sampled_from(list(v.Service)),
        question=text(2000),
        priority=st.sampled_from(list(v.ReferralPriority)),
    )


weekdays = st.integers(min_value=0, max_value=10)


def discharge_notification(case: Case) -> st.SearchStrategy[db.DischargeNotificationBody]:
    return st.builds(
        db.DischargeNotificationBody,
        discharged_at=earlier(case.created_at),
        discharged_to=st.sampled_from(list(v.Destination)),
        summary=text(20000),
        medication_list=maybe(text(10000)),
        discharge_information_given_to_guardians=optional_bools(),
        nutrition=maybe(
            st.builds(
                db.Nutrition, tube_feeding=st.booleans(), supplied_weekdays=st.integers(min_value=0, max_value=10)
            )
        ),
        patient_transport_booked=optional_bools(),
        attachments=attachments,
    )


principals = st.sampled_from(list(v.Principal))


@st.composite
def sip_established(draw: st.DrawFn, case: Case) -> db.SipEstablishedBody:
    event = draw(st.sampled_from(list(v.SipEvent)))
    plan = event in (v.SipEvent.ESTABLISHED, v.SipEvent.UPDATED)
    return db.SipEstablishedBody(
        event=event,
        meeting_date=local_date(case.created_at),
        interventions=draw(measures if plan else st.just(()) | measures),
        overall_responsible=draw(
            st.sampled_from(list(v.Principal)) if plan else maybe(st.sampled_from(list(v.Principal)))
        ),
        measures_by_others=draw(maybe(text(2000))),
        evaluation=draw(maybe(text(4000))),
        next_follow_up_at=draw(maybe(later(case.created_at))),
        signed_by_all=draw(optional_bools()),
        child_heard=draw(optional_bools()),
        consent_confirmed=True,
    )


def follow_up(case: Case) -> st.SearchStrategy[db.FollowUpContactBody]:
    return st.builds(
        db.FollowUpContactBody,
        contacted_at=earlier(case.created_at),
        contacted_party=st.sampled_from(list(v.ContactedParty)),
        outcome=st.sampled_from(list(v.FollowUpOutcome)),
        note=maybe(text(2000)),
    )


def general(case: Case) -> st.SearchStrategy[db.GeneralMessageBody]:
    return st.builds(
        db.GeneralMessageBody,
        subject=short(200),
        text=text(4000),
        category=st.sampled_from(list(v.GeneralCategory)),
        in_response_to=maybe(uuids),
        attachments=attachments,
    )


def deceased(case: Case) -> st.SearchStrategy[db.PatientDeceasedBody]:
    return st.builds(db.PatientDeceasedBody, deceased_at=earlier(case.created_at))


@st.composite
def closed(draw: st.DrawFn, case: Case) -> db.EpisodeClosedBody:
    reason = draw(st.sampled_from(list(v.CloseReason)))
    return db.EpisodeClosedBody(
        closed_at=draw(earlier(case.created_at)),
        reason=reason,
        reason_text=draw(text(500) if reason is v.CloseReason.OTHER else maybe(text(500))),
    )


@st.composite
def consent(draw: st.DrawFn, case: Case) -> db.ConsentChangedBody:
    sector = draw(st.sampled_from(list(v.CareSetting)))
    social = sector is v.CareSetting.SOCIAL_SERVICES
    harm = (v.Consent.HARM_ASSESSMENT_PERMITS, v.Consent.HARM_ASSESSMENT_DENIES)
    given_by = [g for g in v.ConsentGivenBy if social or g is not v.ConsentGivenBy.SOCIAL_WELFARE_BOARD]
    return db.ConsentChangedBody(
        sector=sector,
        status=draw(st.sampled_from([c for c in v.Consent if not social or c not in harm])),
        effective_at=draw(earlier(case.created_at)),
        given_by=draw(maybe(st.sampled_from(given_by))),
        purposes=draw(st.just(frozenset()) | enum_set(v.Purpose, min_size=1)),
    )
