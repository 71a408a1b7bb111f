"""The golden files of the mapping tests: one story per process, one message and its resources per type.

Stories are lists of neutral events (event dicts in ``tests/fixtures/discharge`` and
``tests/fixtures/fhir-messages/stories``); ``GOLDEN`` says which event of which story is the example of
each message type. ``M-xx.json`` is the FHIR message of that event; ``M-xx.expected.json`` is what
``event_to_resources`` gives for it on the story's case at that point, with ``NOW`` fixed.

Regenerate after an intended mapping change (then review the diff)::

    .venv/bin/python -m tests.unit.mappings.golden
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from discharge.admission_events import (
    ExistingIntervention,
    HousingType,
    OngoingContact,
    PersonalDataUpdated,
    Relation,
    Relative,
    StatusOnAdmission,
)
from discharge.case import Case, new_case
from discharge.codes import (
    ConsentGivenBy,
    ConsentStatus,
    Intervention,
    Location,
    MeetingMode,
    Need,
    Principal,
    Purpose,
    Responsible,
    Sector,
    Service,
)
from discharge.discharge_events import GeneralMessage, OutpatientNurseRequest
from discharge.event_base import DischargeEvent
from discharge.events import event_from_dict, event_to_dict
from discharge.parties import Attachment, Clinician
from discharge.planning_events import (
    EddChangeReason,
    EstimatedDischargeDateChanged,
    Leave,
    LeavePhase,
    Measure,
    PlanningDocumentation,
    PlanningKind,
    Section,
)
from discharge.regions import Region, Track
from discharge.sip_events import (
    CollaborationMeetingAcknowledged,
    InitialSipAtHospital,
    InvitationResponse,
    Participant,
    SipFollowUp,
    SipFollowUpResult,
)
from discharge.transitions import apply
from mappings.message import event_to_message
from mappings.resources import event_to_resources
from tests.unit.discharge import factories as f

ROOT = Path(__file__).resolve().parents[2] / "fixtures"
MESSAGES = ROOT / "fhir-messages"
STORIES = {
    "sto-gul-full-process": ROOT / "discharge" / "sto-gul-full-process.json",
    "var-lila-opt": ROOT / "discharge" / "var-lila-opt.json",
    "sto-rod-planning": MESSAGES / "stories" / "sto-rod-planning.json",
    "var-gul-child": MESSAGES / "stories" / "var-gul-child.json",
}
NOW = f.NOW

# message type → (story, index of its example event)
GOLDEN: dict[str, tuple[str, int]] = {
    "E-01": ("sto-rod-planning", 0),
    "M-01": ("sto-gul-full-process", 0),
    "M-02": ("sto-gul-full-process", 1),
    "M-03": ("var-gul-child", 1),
    "M-04": ("sto-gul-full-process", 4),
    "M-05": ("sto-rod-planning", 5),
    "M-06": ("sto-rod-planning", 6),
    "M-07": ("var-lila-opt", 4),
    "M-08": ("sto-rod-planning", 7),
    "M-09": ("sto-rod-planning", 9),
    "M-10": ("sto-gul-full-process", 9),
    "M-10-ACK": ("sto-gul-full-process", 10),
    "M-11": ("var-lila-opt", 3),
    "M-11-ACK": ("var-gul-child", 4),
    "M-12": ("sto-gul-full-process", 7),
    "M-12-ACK": ("sto-gul-full-process", 8),
    "M-13": ("sto-rod-planning", 12),
    "M-14": ("sto-gul-full-process", 11),
    "M-15": ("sto-gul-full-process", 5),
    "M-16": ("sto-rod-planning", 11),
    "M-17": ("sto-gul-full-process", 12),
    "M-18": ("sto-rod-planning", 14),
    "M-19": ("sto-rod-planning", 15),
    "M-20": ("var-lila-opt", 7),
    "M-21": ("sto-rod-planning", 16),
    "M-22": ("sto-gul-full-process", 14),
    "M-23": ("sto-rod-planning", 13),
    "M-24": ("sto-rod-planning", 3),
    "M-25": ("sto-rod-planning", 2),
}


def load_story(name: str) -> list[DischargeEvent]:
    data = json.loads(STORIES[name].read_text(encoding="utf-8"))
    return [event_from_dict(item) for item in data["events"]]


def case_after(events: list[DischargeEvent]) -> Case:
    case = new_case(events[0].case_id)
    for event in events:
        case = apply(case, event, now=NOW)
    return case


def _ids(prefix: str) -> Any:
    counter = iter(range(1, 100))
    return lambda: f"7c1d0e2a-4b3f-4a6e-9d21-{prefix}{next(counter):08d}"


def _sto_rod_planning() -> list[DischargeEvent]:
    """STO RÖD (fictitious Tolvan Tolvansson): E-01 … M-21 for the types the other stories lack."""
    mid = _ids("0000")
    ward, primary, social, home_care = f.WARD, f.PRIMARY_CARE, f.SOCIAL, f.HOME_CARE
    env = {"case_id": "5e2b7c10-1f4d-4e8a-b3c2-9a0d7e6f5a11", "region": Region.STO, "track": Track.STO_ROD}
    need = f.need_identified(message_id=mid(), **env)
    notice = f.admission_notice(
        message_id=mid(),
        responsible_physician=Clinician(name="Dr Ansvarig Testsson", hsa_id="SE2321000016-PHY1"),
        contact_reason="Fallskada, höftfraktur",
        need_identified_at=f.T0,
        consent_documented_at=f.T0 + timedelta(hours=1),
        life_threatening=False,
        **env,
    )
    t = notice.sent_at
    base = {**env, "sender": ward, "recipients": f.RECIPIENTS}
    personal = PersonalDataUpdated(
        message_id=mid(),
        sent_at=t + timedelta(minutes=5),
        phone="+46701234567",
        email="tolvan@example.se",
        housing_type=HousingType.ORDINARY,
        relatives=(Relative(name="Elva Tolvansson", relation=Relation.SPOUSE_OR_PARTNER, phone="+46707654321"),),
        interpreter_needed=False,
        **base,
    )
    consent = f.consent_changed(
        Sector.SOCIAL_SERVICES,
        ConsentStatus.GIVEN,
        message_id=mid(),
        sender=social,
        sent_at=t + timedelta(hours=2),
        given_by=ConsentGivenBy.PATIENT,
        purposes=frozenset({Purpose.INFORMATION_EXCHANGE, Purpose.SIP_INVITATION}),
        **{k: v for k, v in env.items() if k != "region"},
    )
    ack = f.acknowledgement(social, notice, message_id=mid(), sent_at=t + timedelta(hours=3), case_id=env["case_id"])
    planning = PlanningDocumentation(
        message_id=mid(),
        sent_at=t + timedelta(hours=20),
        kind=PlanningKind.PLANNING_BEFORE_DISCHARGE,
        sections=(Section(heading="Hjälpmedel", text="Rollator behövs."), Section(heading="ADL", text="Behöver stöd.")),
        rehabilitation_needed=True,
        **base,
    )
    edd = EstimatedDischargeDateChanged(
        message_id=mid(),
        sent_at=t + timedelta(days=1),
        estimated_discharge_date=date(2025, 3, 12),
        previous_estimated_discharge_date=date(2025, 3, 10),
        reason=EddChangeReason.HEALTH_CHANGE,
        comment="Feber, behandlas.",
        **base,
    )
    leave = Leave(
        message_id=mid(),
        sent_at=t + timedelta(days=1, hours=2),
        phase=LeavePhase.PLANNED,
        start=f.at(2025, 3, 5, 10),
        end=f.at(2025, 3, 5, 18),
        subject="Permission",
        text="Hembesök med arbetsterapeut.",
        transport_booked=True,
        **base,
    )
    contact = f.care_contact(message_id=mid(), sent_at=t + timedelta(hours=6), **env)
    initial_sip = InitialSipAtHospital(
        message_id=mid(),
        case_id=env["case_id"],
        region=Region.STO,
        track=Track.STO_ROD,
        sender=primary,
        recipients=(ward, social, home_care),
        sent_at=t + timedelta(days=2),
        meeting_at=f.at(2025, 3, 6, 13),
        location=Location.INPATIENT_WARD,
        mode=MeetingMode.IN_PERSON,
        convener=Clinician(name="Dr Test Testsson", phone="+46812345678"),
        agreed_with_patient=True,
        duration_minutes=60,
        other_participants=(Participant(name="Handläggare Försäkringskassan", role="Försäkringskassan"),),
    )
    ready = f.ready(message_id=mid(), planned_discharge_at=f.at(2025, 3, 10, 11), open_referrals_closed=True, **env)
    nurse = OutpatientNurseRequest(
        message_id=mid(),
        sent_at=ready.sent_at + timedelta(minutes=10),
        question="Behov av såromläggning",
        requested_actions="Såromläggning i hemmet inom tre dagar",
        time_frame_start=date(2025, 3, 10),
        time_frame_end=date(2025, 3, 13),
        **{**base, "recipients": (primary,)},
    )
    revoked = f.revoked(ready, message_id=mid(), comment="Ny infektion.", case_id=env["case_id"], track=Track.STO_ROD)
    general = GeneralMessage(
        message_id=mid(),
        sent_at=revoked.sent_at + timedelta(hours=1),
        subject="Hjälpmedel",
        text="Rollatorn levereras till hemmet.",
        attachments=(Attachment(file_name="intyg.pdf", content_type="application/pdf", data="JVBERi0xLjQK"),),
        **base,
    )
    sip = f.sip_established(
        message_id=mid(),
        sent_at=f.at(2025, 3, 7, 16),
        meeting_date=date(2025, 3, 6),
        measures=(
            Measure(responsible=Responsible.SOCIAL_SERVICES, description="Hemtjänst två gånger dagligen"),
            Measure(responsible=Responsible.OUTPATIENT, description="Läkarbesök inom två veckor"),
        ),
        overall_responsible=Principal.MUNICIPALITY,
        next_follow_up_at=f.at(2025, 4, 3, 10),
        signed_by_all=True,
        **env,
    )
    follow_up = SipFollowUp(
        message_id=mid(),
        case_id=env["case_id"],
        region=Region.STO,
        sender=primary,
        recipients=(ward, social, home_care),
        sent_at=f.at(2025, 3, 8, 9),
        held_on=date(2025, 3, 8),
        result=SipFollowUpResult.REVISED,
        consent_confirmed=True,
        evaluation="Insatserna fungerar; hemtjänst utökas.",
        next_follow_up_at=f.at(2025, 4, 10, 10),
    )
    deceased = f.deceased(message_id=mid(), sent_at=f.at(2025, 3, 8, 20), deceased_at=f.at(2025, 3, 8, 19), **env)
    return [need, notice, personal, consent, ack, planning, edd, leave, contact, initial_sip, ready, nurse, revoked,
            general, sip, follow_up, deceased]  # fmt: skip


def _var_gul_child() -> list[DischargeEvent]:
    """VAR (fictitious child, 201212121212): status on admission, and a reply to a collaboration meeting."""
    mid = _ids("1000")
    env = {"case_id": "8a4f2d6e-3c1b-4f7a-9e5d-2b6c8a0f4d22", "region": Region.VAR}
    notice = f.admission_notice(
        message_id=mid(), patient=f.CHILD, track=Track.VAR_LILA, needs=frozenset({Need.SOCIAL_SERVICES}), **env
    )
    status = StatusOnAdmission(
        message_id=mid(),
        sender=f.SOCIAL,
        recipients=(f.WARD,),
        sent_at=notice.sent_at + timedelta(hours=4),
        interventions=(ExistingIntervention(kind=Intervention.FAMILY_SUPPORT, description="Familjebehandlare"),),
        ongoing_contacts=(OngoingContact(service=Service.CHILD_AND_ADOLESCENT_PSYCHIATRY),),
        proposed_track=Track.VAR_LILA,
        **env,
    )
    contact = f.care_contact(region=Region.VAR, message_id=mid(), case_id=env["case_id"])
    meeting = event_from_dict(
        {**event_to_dict(load_story("var-lila-opt")[3]), "message_id": mid(), "case_id": env["case_id"]}
    )
    reply = CollaborationMeetingAcknowledged(
        message_id=mid(),
        sender=f.SOCIAL,
        recipients=(meeting.sender,),
        sent_at=meeting.sent_at + timedelta(hours=2),
        acknowledged_message_id=meeting.message_id,
        acknowledged_at=meeting.sent_at + timedelta(hours=2),
        response=InvitationResponse.WILL_ATTEND,
        comment="Vi deltar.",
        **env,
    )
    return [notice, status, contact, meeting, reply]


def _write(target: Path, data: Any) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def regenerate() -> None:
    stories = {"sto-rod-planning": _sto_rod_planning(), "var-gul-child": _var_gul_child()}
    for name, events in stories.items():
        case_after(events)  # every event must be accepted by the process engine
        description = (
            (_sto_rod_planning.__doc__ or "") if name == "sto-rod-planning" else (_var_gul_child.__doc__ or "")
        )
        _write(STORIES[name], {"description": description, "events": [event_to_dict(e) for e in events]})
    for code, (story, index) in GOLDEN.items():
        events = load_story(story)
        event = events[index]
        assert event.type.value == code, (code, story, index, event.type)
        _write(MESSAGES / f"{code}.json", event_to_message(event))
        _write(MESSAGES / f"{code}.expected.json", event_to_resources(event, case_after(events[: index + 1]), now=NOW))


if __name__ == "__main__":
    regenerate()
