"""The consent policy of §4.4: route, redact or refuse per recipient, categories D0–D17 and the audit record."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from discharge.admission_events import (
    AdmissionNotice,
    ExistingIntervention,
    PersonalDataUpdated,
    Relation,
    Relative,
    StatusOnAdmission,
)
from discharge.case import Case, new_case
from discharge.codes import (
    CloseReason,
    ConsentStatus,
    IdentifierKind,
    Intervention,
    Location,
    MaturityLevel,
    MeetingMode,
    Principal,
    Purpose,
    Sector,
    Service,
)
from discharge.discharge_events import (
    CareLevel,
    DischargeTime,
    GeneralMessage,
    OutpatientNurseRequest,
    ReadyCriteria,
    ReadyForDischargeAcknowledged,
    Referral,
)
from discharge.disclosure import (
    CATEGORIES,
    ENVELOPE,
    POLICIES,
    Category,
    Decision,
    Reason,
    Recipient,
    Requirement,
    audit_record,
    decide,
    policy_for,
)
from discharge.event_base import DischargeEvent, MessageType
from discharge.events import EVENT_CLASSES
from discharge.legal_basis import LegalBasis, LegalBasisState
from discharge.parties import Clinician, Guardian, MaturityAssessment, Patient, PersonIdentifier, Unit
from discharge.planning_events import (
    EddChangeReason,
    EstimatedDischargeDateChanged,
    Leave,
    LeavePhase,
    PlanningDocumentation,
    PlanningKind,
    Section,
    StatusBeforeDischarge,
    StatusReference,
)
from discharge.regions import Region, Track
from discharge.sip_events import (
    CollaborationMeetingAcknowledged,
    CollaborationMeetingInvitation,
    ContactedParty,
    FollowUpContact,
    FollowUpOutcome,
    InitialSipAtHospital,
    InvitationResponse,
    MeetingPurpose,
    SipFollowUp,
    SipFollowUpResult,
    SipInvitationAcknowledged,
    SipType,
)
from tests.unit.discharge.factories import (
    ADULT,
    CASE_ID,
    CHILD,
    HOME_CARE,
    PRIMARY_CARE,
    RECIPIENTS,
    SOCIAL,
    T0,
    WARD,
    acknowledgement,
    admission_notice,
    at,
    care_contact,
    closed,
    consent_changed,
    deceased,
    discharge_information,
    envelope,
    need_identified,
    ready,
    revoked,
    run,
    sip_established,
    sip_invitation,
)

H = timedelta(hours=1)
PHYSICIAN = Clinician(name="Gunnar Wall", phone="+46701740690")
REASON_TEXT = "Pneumoni; tidigare hemtjänst en gång per dag."
SOCIAL_OREBRO = replace(SOCIAL, hsa_id="SE2120001967-BIST9", municipality_code="1880")
HOME_CARE_OREBRO = replace(HOME_CARE, hsa_id="SE2120001967-HSV2", municipality_code="1880")
CONSENT, PERMIT = LegalBasis.CONSENT, LegalBasis.HARM_ASSESSMENT_PERMIT
MOTHER = Guardian(
    given_name="Camilla",
    family_name="Lindholm",
    consent=ConsentStatus.GIVEN,
    identifier=PersonIdentifier(kind=IdentifierKind.PERSONNUMMER, value="197603022380"),
    phone="+46701740691",
)
FATHER = Guardian(given_name="Stefan", family_name="Lindholm", consent=ConsentStatus.NOT_ASKED, significant_harm=True)
SISTER = Relative(name="Eva Hallberg", relation=Relation.SIBLING, phone="+46701740692")


def case_with(*records: tuple[Sector, LegalBasis], patient: Patient | None = ADULT) -> Case:
    """A case whose legal basis holds ``records`` (later ones win); ``patient`` as the case knows it."""
    state = LegalBasisState()
    for sector, basis in records:
        state = state.record(sector, basis, at=T0)
    return replace(new_case(CASE_ID), patient=patient, legal_basis=state)


EVERY_SECTOR = tuple((sector, CONSENT) for sector in Sector)
CONSENTED = case_with(*EVERY_SECTOR)
NO_BASIS = case_with()


def child(*guardians: Guardian, maturity: MaturityLevel | None = None) -> Patient:
    assessment = None
    if maturity is not None:
        assessment = MaturityAssessment(level=maturity, assessed_by=Clinician(name="Karl Öhman"), assessed_on=T0.date())
    return replace(CHILD, guardians=guardians or CHILD.guardians, maturity=assessment)


def from_ward(cls: type[DischargeEvent], **body: object) -> DischargeEvent:
    return cls(**envelope(WARD, RECIPIENTS, T0 + 4 * H, Region.STO, **body))


def from_unit(sender: Unit, cls: type[DischargeEvent], **body: object) -> DischargeEvent:
    return cls(**envelope(sender, (WARD, PRIMARY_CARE), T0 + 4 * H, Region.STO, **body))


def full_notice(**kw: Any) -> AdmissionNotice:
    """An M-01 with every field that needs a basis filled in."""
    fields: dict[str, Any] = {
        "responsible_physician": PHYSICIAN,
        "contact_reason": REASON_TEXT,
        "life_threatening": True,
        "children_in_household": True,
        "training_needed_before_discharge": True,
        "placing_municipality": "1880",
    }
    return admission_notice(**(fields | kw))


def minimal_notice(**kw: Any) -> AdmissionNotice:
    return admission_notice(**({"consent": ConsentStatus.NOT_ASKED, "track": None} | kw))


def date_changed(**kw: Any) -> EstimatedDischargeDateChanged:
    body = {"estimated_discharge_date": date(2025, 3, 12), "reason": EddChangeReason.HEALTH_CHANGE} | kw
    return EstimatedDischargeDateChanged(**envelope(WARD, RECIPIENTS, T0 + 4 * H, Region.STO, **body))


MEETING = {
    "meeting_at": at(2025, 3, 14, 10),
    "location": Location.HOME,
    "mode": MeetingMode.IN_PERSON,
    "convener": Clinician(name="Dr Test Testsson"),
}

# One message of every type, each with the content that needs a basis where the type has any.
EXAMPLES: dict[MessageType, Callable[[], DischargeEvent]] = {
    MessageType.E01: need_identified,
    MessageType.M01: full_notice,
    MessageType.M02: lambda: acknowledgement(
        SOCIAL,
        admission_notice(),
        existing_interventions=(ExistingIntervention(kind=Intervention.HOME_HELP, description="Två gånger om dagen"),),
        contact_person=Clinician(name="Handläggare Berg"),
        comment="Känd sedan tidigare.",
        track=Track.STO_GUL,
    ),
    MessageType.M03: lambda: from_unit(
        SOCIAL, StatusOnAdmission, interventions=(ExistingIntervention(kind=Intervention.HOME_HELP),)
    ),
    MessageType.M04: care_contact,
    MessageType.M05: lambda: from_ward(
        PlanningDocumentation,
        kind=PlanningKind.PLANNING_BEFORE_DISCHARGE,
        sections=(Section(heading="ADL", text="Behöver hjälp vid förflyttning."),),
    ),
    MessageType.M06: lambda: date_changed(comment="Feber."),
    MessageType.M07: lambda: from_ward(
        StatusBeforeDischarge,
        reference=StatusReference.ESTIMATED_DISCHARGE,
        reference_date=date(2025, 3, 10),
        current_status="Mobiliseras.",
    ),
    MessageType.M08: lambda: from_ward(Leave, phase=LeavePhase.PLANNED, start=T0 + 48 * H, adl_status="Klarar sig."),
    MessageType.M09: lambda: from_unit(
        PRIMARY_CARE, InitialSipAtHospital, agreed_with_patient=True, **MEETING | {"location": Location.INPATIENT_WARD}
    ),
    MessageType.M10: sip_invitation,
    MessageType.M10_ACK: lambda: from_unit(
        SOCIAL,
        SipInvitationAcknowledged,
        acknowledged_message_id="00000000-0000-4000-8000-00000000abcd",
        acknowledged_at=T0 + 4 * H,
        response=InvitationResponse.WILL_NOT_ATTEND,
        comment="Ingen insats från oss.",
    ),
    MessageType.M11: lambda: from_ward(
        CollaborationMeetingInvitation, purpose=MeetingPurpose.COLLABORATION_MEETING, **MEETING
    ),
    MessageType.M11_ACK: lambda: from_unit(
        SOCIAL,
        CollaborationMeetingAcknowledged,
        acknowledged_message_id="00000000-0000-4000-8000-00000000abce",
        acknowledged_at=T0 + 4 * H,
        response=InvitationResponse.NEW_TIME_REQUESTED,
        comment="Annan tid, tack.",
    ),
    MessageType.M12: lambda: ready(
        assessed_by=PHYSICIAN,
        track=Track.STO_GUL,
        criteria=ReadyCriteria(
            guardians_informed_in_writing=True,
            care_contact_assigned=True,
            essential_information_transferred=True,
            aids_available=False,
        ),
        action_request_attached=True,
    ),
    MessageType.M12_ACK: lambda: from_unit(
        SOCIAL,
        ReadyForDischargeAcknowledged,
        acknowledged_message_id="00000000-0000-4000-8000-00000000abcf",
        acknowledged_at=T0 + 4 * H,
    ),
    MessageType.M13: lambda: revoked(ready(), comment="Feber; ny antibiotikakur."),
    MessageType.M14: lambda: from_ward(DischargeTime, discharge_at=T0 + 72 * H, met_by="Hemtjänsten", comment="Taxi."),
    MessageType.M15: lambda: from_ward(
        Referral,
        referral_id="R-1",
        target_service=Service.PRIMARY_CARE,
        care_level=CareLevel.OUTPATIENT,
        question="Såromläggning.",
    ),
    MessageType.M16: lambda: from_ward(
        OutpatientNurseRequest,
        question="Behov av såromläggning",
        requested_actions="Omläggning i hemmet",
        time_frame_start=date(2025, 3, 10),
        time_frame_end=date(2025, 3, 13),
    ),
    MessageType.M17: discharge_information,
    MessageType.M18: sip_established,
    MessageType.M19: lambda: from_unit(
        PRIMARY_CARE,
        SipFollowUp,
        held_on=date(2025, 4, 1),
        result=SipFollowUpResult.CONTINUES,
        consent_confirmed=True,
        evaluation="Målen nås.",
    ),
    MessageType.M20: lambda: from_unit(
        PRIMARY_CARE,
        FollowUpContact,
        contacted_at=T0 + 96 * H,
        contacted_party=ContactedParty.GUARDIAN,
        outcome=FollowUpOutcome.NO_FURTHER_ACTION,
        note="Mår bra.",
    ),
    MessageType.M21: deceased,
    MessageType.M22: lambda: closed(reason=CloseReason.OTHER, reason_text="Flyttat utomlands."),
    MessageType.M23: lambda: from_ward(GeneralMessage, subject="Familjen", text="Situationen hemma är ansträngd."),
    MessageType.M24: lambda: consent_changed(Sector.INPATIENT, ConsentStatus.WITHDRAWN),
    MessageType.M25: lambda: from_ward(PersonalDataUpdated, phone="+46701234567", interpreter_needed=True),
}


def some_unit(event: DischargeEvent) -> Unit:
    """A recipient outside the sender's municipality pair, so D17 stays out of the way."""
    return PRIMARY_CARE if event.sender == WARD else WARD


# The table: every category D0–D17 with its basis present and absent


def _row(
    category: Category,
    make: Callable[[], DischargeEvent],
    recipient: Recipient | None,
    with_basis: tuple[Decision, tuple[str, ...]],
    without_basis: tuple[Decision, tuple[str, ...]],
    rule: tuple[str, ...],
    *,
    rule_with_basis: tuple[str, ...] | None = None,
    absent: Case = NO_BASIS,
) -> list[object]:
    """Two rows for ``category``: ``rule`` is the decision's rule without a basis (and with, unless given)."""
    return [
        pytest.param(make, CONSENTED, recipient, *with_basis, rule_with_basis or rule, id=f"{category}-basis"),
        pytest.param(make, absent, recipient, *without_basis, rule, id=f"{category}-no-basis"),
    ]


ROUTE, REDACT, REFUSE = Decision.ROUTE, Decision.REDACT, Decision.REFUSE
ROUTED: tuple[Decision, tuple[str, ...]] = (ROUTE, ())
REFUSED: tuple[Decision, tuple[str, ...]] = (REFUSE, ())

TABLE = [
    *_row(Category.D0, need_identified, None, ROUTED, ROUTED, ("D0",)),
    *_row(Category.D1, minimal_notice, None, ROUTED, ROUTED, ("D1", "C-01")),
    *_row(Category.D2, lambda: date_changed(comment=None), None, ROUTED, ROUTED, ("D2", "C-01")),
    *_row(Category.D3, EXAMPLES[MessageType.M24], None, ROUTED, ROUTED, ("D3",)),
    *_row(
        Category.D4,
        lambda: minimal_notice(
            patient=replace(ADULT, identifier=PersonIdentifier(kind=IdentifierKind.RESERVNUMMER, value="99A1B2C3"))
        ),
        None,
        ROUTED,
        ROUTED,
        ("D1", "D4", "C-01"),
    ),
    *_row(
        Category.D5,
        lambda: minimal_notice(responsible_physician=PHYSICIAN),
        None,
        ROUTED,
        (REDACT, ("responsible_physician",)),
        ("D1", "D5", "C-01"),
        rule_with_basis=("D1", "C-01"),
    ),
    *_row(
        Category.D6,
        lambda: minimal_notice(contact_reason=REASON_TEXT),
        None,
        ROUTED,
        (REDACT, ("contact_reason",)),
        ("D1", "D6", "C-01"),
        rule_with_basis=("D1", "C-01"),
    ),
    *_row(Category.D7, EXAMPLES[MessageType.M25], None, ROUTED, REFUSED, ("D7", "C-01")),
    *_row(
        Category.D8,
        lambda: ready(track=Track.STO_GUL),
        None,
        ROUTED,
        (REDACT, ("track",)),
        ("D8", "D14", "C-07"),
        rule_with_basis=("D14",),
    ),
    *_row(
        Category.D9,
        lambda: replace(EXAMPLES[MessageType.M02](), track=None),
        None,
        ROUTED,
        (REDACT, ("existing_interventions", "contact_person", "comment")),
        ("D0", "D9", "C-02"),
        rule_with_basis=("D0",),
    ),
    *_row(Category.D9, EXAMPLES[MessageType.M03], None, ROUTED, REFUSED, ("D9", "C-02")),
    *_row(Category.D10, EXAMPLES[MessageType.M05], None, ROUTED, REFUSED, ("D10", "C-07", "C-08")),
    *_row(Category.D11, EXAMPLES[MessageType.M10], None, ROUTED, REFUSED, ("D11", "C-09")),
    *_row(Category.D12, EXAMPLES[MessageType.M18], None, ROUTED, REFUSED, ("D12", "C-10")),
    *_row(Category.D13, EXAMPLES[MessageType.M17], None, ROUTED, REFUSED, ("D13", "C-13")),
    *_row(Category.D14, EXAMPLES[MessageType.M13], None, ROUTED, (REDACT, ("comment",)), ("D14",)),
    *_row(Category.D14, EXAMPLES[MessageType.M21], None, ROUTED, ROUTED, ("D14",)),
    *_row(Category.D15, EXAMPLES[MessageType.M17], SISTER, ROUTED, REFUSED, ("D15", "C-11")),
    *_row(Category.D16, EXAMPLES[MessageType.M17], FATHER, REFUSED, REFUSED, ("D16", "CH-03")),
    *_row(
        Category.D17,
        lambda: from_unit(HOME_CARE, PlanningDocumentation, kind=PlanningKind.PLANNING_BEFORE_DISCHARGE),
        SOCIAL,
        ROUTED,
        REFUSED,
        ("D17", "C-08"),
        rule_with_basis=("D10", "C-07", "C-08"),
        absent=case_with((Sector.MUNICIPAL_HEALTH_CARE, PERMIT)),
    ),
]


@pytest.mark.parametrize(("make", "case", "recipient", "decision", "redacted", "rule"), TABLE)
def test_every_category_d0_to_d17_with_and_without_a_basis(
    make: Callable[[], DischargeEvent],
    case: Case,
    recipient: Recipient | None,
    decision: Decision,
    redacted: tuple[str, ...],
    rule: tuple[str, ...],
) -> None:
    event = make()
    if case.patient is not None and event.patient is not None and isinstance(recipient, Guardian):
        case = replace(case, patient=child(MOTHER, FATHER))
        event = replace(event, patient=child(MOTHER, FATHER))
    result = decide(event, case, recipient or some_unit(event))
    assert result.decision is decision
    assert set(result.redacted_fields) == set(redacted)
    assert result.rule == rule
    if decision is REFUSE:
        assert result.reason is not None
        assert result.event is None


# Minimal notice and redaction (C-01, D5–D8, AMB-16, AMB-17)


def test_c01_a_minimal_admission_notice_keeps_name_number_address_and_estimated_date() -> None:
    notice = full_notice(consent=ConsentStatus.NOT_ASKED)
    result = decide(notice, NO_BASIS, SOCIAL)
    assert result.decision is REDACT
    assert result.redacted_fields == (
        "responsible_physician",
        "contact_reason",
        "life_threatening",
        "children_in_household",
        "training_needed_before_discharge",
        "track",
    )
    assert result.event is not None
    assert result.event.patient == notice.patient  # D1
    assert result.event.estimated_discharge_date == notice.estimated_discharge_date  # type: ignore[attr-defined]
    assert result.event.consent is ConsentStatus.NOT_ASKED  # type: ignore[attr-defined]
    assert result.rule[:7] == ("D1", "D5", "D6", "D7", "D8", "D10", "C-01")


def test_redact_removes_exactly_the_listed_fields_and_leaves_the_original_untouched() -> None:
    notice = full_notice()
    before = dataclasses.asdict(notice)
    result = decide(notice, NO_BASIS, PRIMARY_CARE)
    assert result.event is not None
    assert result.event is not notice
    for spec in dataclasses.fields(notice):
        kept, original = getattr(result.event, spec.name), getattr(notice, spec.name)
        if spec.name in result.redacted_fields:
            assert original is not None, spec.name
            assert kept is None, spec.name
        else:
            assert kept == original, spec.name
    assert dataclasses.asdict(notice) == before


def test_route_returns_the_same_event_object() -> None:
    notice = full_notice()
    for recipient in notice.recipients:
        result = decide(notice, CONSENTED, recipient)
        assert result.decision is ROUTE
        assert result.event is notice
        assert result.reason is None
        assert result.redacted_fields == ()


def test_d7_guardian_contact_data_leaves_a_minimal_message_but_names_and_flags_stay() -> None:
    patient = child(MOTHER, FATHER)
    notice = minimal_notice(patient=patient)
    result = decide(notice, case_with(patient=patient), SOCIAL)
    assert result.redacted_fields == ("patient.guardians.phone", "patient.guardians.identifier")
    assert result.event is not None
    assert result.event.patient is not None
    sent = result.event.patient.guardians
    assert [(g.given_name, g.consent, g.significant_harm) for g in sent] == [
        (g.given_name, g.consent, g.significant_harm) for g in patient.guardians
    ]
    assert all(g.phone is None and g.identifier is None for g in sent)
    assert result.event.patient.identifier == patient.identifier


def test_a_decision_on_the_case_after_apply_uses_the_notices_own_consent_status() -> None:
    given = full_notice(consent=ConsentStatus.GIVEN)
    assert decide(given, run(given), SOCIAL).decision is ROUTE
    not_asked = full_notice(consent=ConsentStatus.NOT_ASKED)
    assert decide(not_asked, run(not_asked), SOCIAL).decision is REDACT
    permits = full_notice(consent=ConsentStatus.HARM_ASSESSMENT_PERMITS)
    assert decide(permits, run(permits), PRIMARY_CARE).decision is ROUTE  # health care: a harm assessment


# Replies (C-02, D9)


def test_c02_an_acknowledgement_without_consent_is_a_bare_receipt() -> None:
    reply = EXAMPLES[MessageType.M02]()
    result = decide(reply, NO_BASIS, WARD)
    assert result.decision is REDACT
    assert result.event is not None
    assert result.event.existing_interventions == ()  # type: ignore[attr-defined]
    assert result.event.contact_person is None  # type: ignore[attr-defined]
    assert result.event.acknowledged_message_id == reply.acknowledged_message_id  # type: ignore[attr-defined]
    assert {"D0", "D8", "D9", "C-02"} <= set(result.rule)


def test_c02_the_status_message_on_admission_is_refused_without_consent() -> None:
    assert decide(EXAMPLES[MessageType.M03](), NO_BASIS, WARD).reason is Reason.LEGAL_BASIS_MISSING


def test_a_reply_to_an_invitation_without_a_basis_says_only_received() -> None:
    reply = EXAMPLES[MessageType.M10_ACK]()
    result = decide(reply, NO_BASIS, PRIMARY_CARE)
    assert result.redacted_fields == ("response", "comment")
    assert result.event is not None
    assert result.event.response is InvitationResponse.RECEIVED  # type: ignore[attr-defined]


# Needs and planning (C-07, D10)


@pytest.mark.parametrize(
    "message_type",
    [MessageType.M05, MessageType.M07, MessageType.M08, MessageType.M11, MessageType.M15, MessageType.M16,
     MessageType.M20, MessageType.M23],
)  # fmt: skip
def test_d10_c07_planning_documentation_is_refused_without_basis(message_type: MessageType) -> None:
    event = EXAMPLES[message_type]()
    result = decide(event, NO_BASIS, some_unit(event))
    assert (result.decision, result.reason, result.category) == (REFUSE, Reason.LEGAL_BASIS_MISSING, Category.D10)
    assert result.rule == ("D10", "C-07", "C-08")
    assert decide(event, case_with((event.sender.sector, PERMIT)), some_unit(event)).decision is ROUTE


def test_c07_a_negative_harm_assessment_refuses_needs_and_redacts_the_notice() -> None:
    case = case_with((Sector.INPATIENT, LegalBasis.HARM_ASSESSMENT_DENY))
    assert decide(EXAMPLES[MessageType.M05](), case, PRIMARY_CARE).decision is REFUSE
    assert decide(full_notice(), case, PRIMARY_CARE).decision is REDACT


# SIP (C-09, C-10, CH-06) and discharge information (C-13)


def test_c09_a_sip_invitation_needs_consent_or_a_permitting_harm_assessment() -> None:
    invitation = sip_invitation()
    assert decide(invitation, case_with((Sector.OUTPATIENT, PERMIT)), SOCIAL).decision is ROUTE
    refused = decide(invitation, case_with((Sector.OUTPATIENT, LegalBasis.REFUSED)), SOCIAL)
    assert (refused.decision, refused.purpose, refused.rule) == (REFUSE, Purpose.SIP_INVITATION, ("D11", "C-09"))


def test_c10_a_sip_needs_consent_and_a_harm_assessment_is_not_enough() -> None:
    record = sip_established()
    result = decide(record, case_with((Sector.OUTPATIENT, PERMIT)), SOCIAL)
    assert (result.decision, result.reason, result.rule) == (REFUSE, Reason.LEGAL_BASIS_MISSING, ("D12", "C-10"))
    assert decide(record, case_with((Sector.OUTPATIENT, CONSENT)), SOCIAL).decision is ROUTE


def test_c10_an_invitation_to_a_sip_follow_up_needs_consent() -> None:
    follow_up = sip_invitation(sip_type=SipType.FOLLOW_UP)
    assert policy_for(follow_up).category is Category.D12
    assert decide(follow_up, case_with((Sector.OUTPATIENT, PERMIT)), SOCIAL).decision is REFUSE
    assert decide(follow_up, case_with((Sector.OUTPATIENT, CONSENT)), SOCIAL).decision is ROUTE


def test_ch06_a_childs_sip_needs_every_guardians_consent() -> None:
    doubtful = child(MOTHER, replace(FATHER, significant_harm=False))
    record = sip_established(patient=doubtful)
    result = decide(record, case_with((Sector.OUTPATIENT, CONSENT), patient=doubtful), SOCIAL)
    assert (result.decision, result.rule) == (REFUSE, ("D12", "C-10", "CH-06"))
    agreed = child(MOTHER, replace(FATHER, significant_harm=False, consent=ConsentStatus.GIVEN))
    assert decide(replace(record, patient=agreed), case_with((Sector.OUTPATIENT, CONSENT)), SOCIAL).decision is ROUTE


def test_c13_discharge_information_goes_only_with_a_basis() -> None:
    information = discharge_information()
    result = decide(information, NO_BASIS, PRIMARY_CARE)
    assert (result.decision, result.rule) == (REFUSE, ("D13", "C-13"))
    assert decide(information, case_with((Sector.INPATIENT, PERMIT)), PRIMARY_CARE).decision is ROUTE


# Consent withdrawn (C-05, rule 3)


WITHDRAWN = case_with((Sector.INPATIENT, CONSENT), (Sector.INPATIENT, LegalBasis.WITHDRAWN))


@pytest.mark.parametrize(
    ("make", "carried"),
    [
        (full_notice, ("D5", "D6", "D7", "D10")),
        (lambda: minimal_notice(responsible_physician=PHYSICIAN), ("D5",)),
        (EXAMPLES[MessageType.M05], ("D10",)),
        (EXAMPLES[MessageType.M17], ("D13",)),
        (EXAMPLES[MessageType.M25], ("D7",)),
        (lambda: ready(assessed_by=PHYSICIAN), ("D5",)),
    ],
)
def test_c05_after_a_withdrawal_d5_to_d13_content_is_refused_as_consent_withdrawn(
    make: Callable[[], DischargeEvent], carried: tuple[str, ...]
) -> None:
    result = decide(make(), WITHDRAWN, PRIMARY_CARE)
    assert (result.decision, result.reason) == (REFUSE, Reason.CONSENT_WITHDRAWN)
    assert result.rule == (*carried, "C-05")
    assert result.basis is LegalBasis.WITHDRAWN


def test_c05_after_a_withdrawal_status_and_the_minimal_notice_still_go_out() -> None:
    assert decide(EXAMPLES[MessageType.M24](), WITHDRAWN, SOCIAL).decision is ROUTE  # rule 3(c): D3 to all
    assert decide(minimal_notice(), WITHDRAWN, SOCIAL).decision is ROUTE
    status = decide(ready(track=Track.STO_GUL), WITHDRAWN, SOCIAL)  # the track rides on the envelope
    assert (status.decision, status.redacted_fields) == (REDACT, ("track",))
    revocation = decide(EXAMPLES[MessageType.M13](), WITHDRAWN, SOCIAL)  # D14 free text is not D5–D13
    assert (revocation.decision, revocation.redacted_fields) == (REDACT, ("comment",))


def test_c05_a_new_consent_after_a_withdrawal_opens_the_flow_again() -> None:
    again = case_with((Sector.INPATIENT, LegalBasis.WITHDRAWN), (Sector.INPATIENT, CONSENT))
    assert decide(EXAMPLES[MessageType.M05](), again, PRIMARY_CARE).decision is ROUTE


def test_c05_a_withdrawal_for_relatives_gives_the_withdrawn_reason() -> None:
    assert decide(EXAMPLES[MessageType.M17](), WITHDRAWN, SISTER).reason is Reason.CONSENT_WITHDRAWN


# Social services ↔ municipal health care (C-08, D17, AMB-36)


@pytest.mark.parametrize(("sender", "recipient"), [(HOME_CARE, SOCIAL), (SOCIAL, HOME_CARE)])
def test_c08_d17_same_municipality_needs_consent_different_municipality_does_not(sender: Unit, recipient: Unit) -> None:
    plan = from_unit(sender, PlanningDocumentation, kind=PlanningKind.PLANNING_BEFORE_DISCHARGE)
    permit = case_with((Sector.MUNICIPAL_HEALTH_CARE, PERMIT), (Sector.SOCIAL_SERVICES, CONSENT))
    other = replace(recipient, municipality_code="1880")
    if sender is HOME_CARE:
        same = decide(plan, permit, recipient)
        assert (same.decision, same.reason, same.rule) == (REFUSE, Reason.LEGAL_BASIS_MISSING, ("D17", "C-08"))
        assert decide(plan, permit, other).decision is ROUTE  # the harm assessment is enough elsewhere
    assert decide(plan, CONSENTED, recipient).decision is ROUTE


def test_c08_d17_covers_status_and_receipts_but_not_the_consent_status() -> None:
    permit = case_with((Sector.MUNICIPAL_HEALTH_CARE, PERMIT))
    closing = closed(sender=HOME_CARE)
    assert decide(closing, permit, SOCIAL).decision is REFUSE
    assert decide(closing, permit, SOCIAL_OREBRO).decision is ROUTE
    status = consent_changed(Sector.MUNICIPAL_HEALTH_CARE, ConsentStatus.WITHDRAWN, sender=HOME_CARE)
    assert decide(status, permit, SOCIAL).decision is ROUTE


def test_c08_d17_a_board_decision_is_not_consent_and_a_missing_code_counts_as_the_same_municipality() -> None:
    board = case_with((Sector.SOCIAL_SERVICES, LegalBasis.SOCIAL_WELFARE_BOARD_DECISION), patient=CHILD)
    plan = from_unit(SOCIAL, PlanningDocumentation, kind=PlanningKind.PLANNING_BEFORE_DISCHARGE, patient=CHILD)
    assert decide(plan, board, HOME_CARE).rule[0] == "D17"
    assert decide(plan, board, HOME_CARE_OREBRO).decision is ROUTE  # CH-02: enough for social services
    unknown = replace(HOME_CARE, municipality_code=None)
    assert decide(plan, board, unknown).decision is REFUSE


def test_c08_withdrawn_consent_between_the_municipal_sectors_gives_the_withdrawn_reason() -> None:
    withdrawn = case_with((Sector.SOCIAL_SERVICES, LegalBasis.WITHDRAWN))
    reply = replace(EXAMPLES[MessageType.M02](), recipients=(HOME_CARE,))
    result = decide(reply, withdrawn, HOME_CARE)
    assert (result.reason, result.rule) == (Reason.CONSENT_WITHDRAWN, ("D17", "C-08"))


# Relatives, guardians and children (C-11, CH-01, CH-03, CH-07, CH-08)


def test_c11_relatives_get_nothing_without_consent_to_inform_them() -> None:
    information = discharge_information()
    assert decide(information, case_with((Sector.INPATIENT, PERMIT)), SISTER).decision is REFUSE
    only_exchange = case_with((Sector.INPATIENT, CONSENT))
    scoped = replace(
        only_exchange,
        legal_basis=only_exchange.legal_basis.record(
            Sector.INPATIENT, CONSENT, at=T0, purposes=frozenset({Purpose.INFORMATION_EXCHANGE})
        ),
    )
    assert decide(information, scoped, SISTER).decision is REFUSE
    routed = decide(information, CONSENTED, SISTER)
    assert (routed.decision, routed.rule) == (ROUTE, ("D15", "C-11"))


def test_ch03_guardian_with_significant_harm_is_refused() -> None:
    patient = child(MOTHER, FATHER)
    information = discharge_information(patient=patient)
    case = case_with(*EVERY_SECTOR, patient=patient)
    result = decide(information, case, FATHER)
    assert (result.decision, result.reason, result.rule) == (REFUSE, Reason.SIGNIFICANT_HARM, ("D16", "CH-03"))
    assert decide(information, case, MOTHER).decision is ROUTE


def test_ch03_the_flag_on_the_patients_guardian_list_protects_a_recipient_built_without_it() -> None:
    patient = child(MOTHER, FATHER)
    stale = replace(FATHER, significant_harm=False)
    invitation = sip_invitation(patient=patient)
    result = decide(invitation, case_with(*EVERY_SECTOR, patient=patient), stale)
    assert result.reason is Reason.SIGNIFICANT_HARM


def test_ch03_significant_harm_applies_to_a_young_child_whatever_the_basis() -> None:
    toddler = replace(child(MOTHER, FATHER), birth_date=date(2023, 5, 1))
    for case in (case_with(*EVERY_SECTOR, patient=toddler), case_with(patient=toddler)):
        assert decide(discharge_information(patient=toddler), case, FATHER).reason is Reason.SIGNIFICANT_HARM


def test_ch08_a_guardian_without_the_flag_receives_the_discharge_information() -> None:
    patient = child(MOTHER, FATHER, maturity=MaturityLevel.JOINT)
    information = discharge_information(patient=patient)
    result = decide(information, case_with(patient=patient), MOTHER)
    assert (result.decision, result.rule, result.event) == (ROUTE, ("D13", "CH-08"), information)


def test_ch01_a_child_who_decides_controls_what_the_guardians_learn() -> None:
    patient = child(MOTHER, FATHER, maturity=MaturityLevel.CHILD_DECIDES)
    information = discharge_information(patient=patient)
    refused = decide(information, case_with((Sector.INPATIENT, PERMIT), patient=patient), MOTHER)
    assert (refused.decision, refused.rule) == (REFUSE, ("D15", "C-11", "CH-01"))
    assert decide(information, case_with((Sector.INPATIENT, CONSENT), patient=patient), MOTHER).decision is ROUTE


def test_a_former_guardian_of_an_adult_is_a_relative() -> None:
    information = discharge_information()
    assert decide(information, case_with((Sector.INPATIENT, PERMIT)), MOTHER).rule == ("D15", "C-11")


def test_ch07_a_childs_admission_reason_needs_the_guardians_consent() -> None:
    patient = child(MOTHER, replace(FATHER, significant_harm=False))
    notice = minimal_notice(patient=patient, responsible_physician=PHYSICIAN, contact_reason=REASON_TEXT)
    case = case_with((Sector.INPATIENT, CONSENT), patient=patient)
    result = decide(notice, case, SOCIAL)
    assert result.redacted_fields == ("contact_reason",)  # the physician's name needs no guardian
    assert {"D6", "CH-07"} <= set(result.rule)
    agreed = child(MOTHER, replace(FATHER, significant_harm=False, consent=ConsentStatus.GIVEN))
    assert decide(replace(notice, patient=agreed), case, SOCIAL).decision is ROUTE


def test_ch07_a_child_with_no_guardian_on_record_has_no_guardians_consent() -> None:
    patient = replace(CHILD, guardians=())
    notice = minimal_notice(patient=patient, responsible_physician=PHYSICIAN, contact_reason=REASON_TEXT)
    case = case_with((Sector.INPATIENT, CONSENT), patient=patient)
    assert decide(notice, case, SOCIAL).redacted_fields == ("contact_reason",)  # all([]) is no consent


@pytest.mark.parametrize("basis", [CONSENT, PERMIT])
def test_ch01_c04_a_guardians_refusal_is_the_childs_and_no_harm_assessment_overrides_it(basis: LegalBasis) -> None:
    refusing = replace(FATHER, significant_harm=False, consent=ConsentStatus.REFUSED)
    patient = child(MOTHER, refusing)
    notice = full_notice(patient=patient)
    result = decide(notice, case_with((Sector.INPATIENT, basis), patient=patient), SOCIAL)
    assert {"responsible_physician", "contact_reason", "life_threatening"} <= set(result.redacted_fields)
    deciding = child(MOTHER, refusing, maturity=MaturityLevel.CHILD_DECIDES)  # CH-01: the child decides
    mature = decide(replace(notice, patient=deciding), case_with((Sector.INPATIENT, basis), patient=deciding), SOCIAL)
    assert "responsible_physician" not in mature.redacted_fields


# Every message type, both ways


@pytest.mark.parametrize("message_type", list(MessageType))
def test_every_message_type_is_routed_unchanged_when_every_sector_has_consent(message_type: MessageType) -> None:
    event = EXAMPLES[message_type]()
    result = decide(event, CONSENTED, some_unit(event))
    assert (result.decision, result.event) == (ROUTE, event)
    assert result.event is event


@pytest.mark.parametrize("message_type", list(MessageType))
def test_every_message_type_without_a_basis_delivers_nothing_that_needs_one(message_type: MessageType) -> None:
    event = EXAMPLES[message_type]()
    result = decide(event, NO_BASIS, some_unit(event))
    policy = policy_for(event)
    assert (result.decision is REFUSE) == (not policy.is_minimal)
    if result.event is None:
        return
    for name, category in [*policy.fields.items(), ("track", ENVELOPE["track"])]:
        needs = policy.requirement_of(name) if name in policy.fields else CATEGORIES[category].requirement
        if needs is not Requirement.NONE:
            default = next(f for f in dataclasses.fields(event) if f.name == name)
            assert getattr(result.event, name) in (None, (), default.default), name


def test_the_catalogue_classifies_every_message_type_and_every_field_of_the_minimal_ones() -> None:
    assert set(POLICIES) == set(MessageType) == set(EXAMPLES)
    for code, cls in EVENT_CLASSES.items():
        policy = POLICIES[code]
        body = {f.name for f in dataclasses.fields(cls)} - set(ENVELOPE)
        assert not policy.is_minimal or set(policy.fields) == body, code
    assert {c.requirement for c in CATEGORIES.values()} == set(Requirement)
    assert set(CATEGORIES) == set(Category)


# Audit (rule 5) and the outcome's invariants


def test_audit_record_is_plain_data_without_identity_numbers_or_content() -> None:
    patient = child(MOTHER, FATHER)
    notice = full_notice(patient=patient, consent=ConsentStatus.NOT_ASKED)
    case = case_with(patient=patient)
    records = [audit_record(decide(notice, case, r)) for r in (SOCIAL, PRIMARY_CARE, MOTHER, FATHER, SISTER)]
    text = json.dumps(records, ensure_ascii=False)
    for secret in (patient.identifier.value, "197603022380", REASON_TEXT, PHYSICIAN.name, "Camilla", "Eva"):
        assert secret not in text
    social, _, _, father, sister = records
    assert social == {
        "decision": "REDACT",
        "reason": None,
        "rule": ["D1", "D5", "D6", "D7", "D8", "D10", "C-01", "CH-07", "C-07", "C-08"],
        "category": "D1",
        "basis": "unknown",
        "sector": "INPATIENT",
        "purpose": "INFORMATION_EXCHANGE",
        "redacted_fields": [
            "responsible_physician",
            "contact_reason",
            "life_threatening",
            "children_in_household",
            "training_needed_before_discharge",
            "track",
            "patient.guardians.phone",
            "patient.guardians.identifier",
        ],
        "message_type": "M-01",
        "message_id": notice.message_id,
        "case_id": CASE_ID,
        "sender": WARD.hsa_id,
        "recipient": {"kind": "unit", "hsa_id": SOCIAL.hsa_id, "sector": "SOCIAL_SERVICES"},
    }
    assert (father["decision"], father["reason"], father["recipient"]) == (
        "REFUSE",
        "significant-harm",
        {"kind": "guardian"},
    )
    assert sister["recipient"] == {"kind": "relative", "relation": "SIBLING"}


def test_a_disclosure_cannot_claim_a_decision_its_content_contradicts() -> None:
    routed = decide(minimal_notice(), NO_BASIS, SOCIAL)
    with pytest.raises(ValueError, match="reason"):
        replace(routed, decision=REFUSE)
    with pytest.raises(ValueError, match="redacted"):
        replace(routed, decision=REDACT)
    with pytest.raises(ValueError, match="reason"):
        replace(routed, reason=Reason.LEGAL_BASIS_MISSING)


def test_the_municipal_units_of_the_factories_share_a_municipality() -> None:
    # guards the D17 rows above: they rely on these two being in one municipality
    assert SOCIAL.municipality_code == HOME_CARE.municipality_code
    assert (SOCIAL.principal, HOME_CARE.principal) == (Principal.MUNICIPALITY, Principal.MUNICIPALITY)
