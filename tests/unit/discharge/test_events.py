"""The neutral events: one class per type code, strict dict codec, JSON round trips (hypothesis)."""

from __future__ import annotations

import dataclasses
import json
import types
from datetime import UTC, date, datetime, timedelta, timezone
from enum import Enum
from typing import Any, Union, get_args, get_origin, get_type_hints

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discharge import events, planning_events
from discharge.admission_events import AdmissionNotice
from discharge.codes import Principal, Responsible
from discharge.discharge_events import GeneralCategory, GeneralMessage
from discharge.errors import InvalidEventError
from discharge.event_base import DischargeEvent, MessageType
from discharge.events import EVENT_CLASSES, Measure, SipFollowUp, event_from_dict, event_to_dict
from discharge.regions import Region
from discharge.sip_events import SipFollowUpResult
from tests.unit.discharge.factories import (
    SOCIAL,
    T0,
    WARD,
    admission_notice,
    discharge_information,
    envelope,
    ready,
    sip_established,
    sip_invitation,
)

# Fixed offsets only: PEP 495 makes inter-zone equality False for fold/gap times of a ZoneInfo zone.
_ZONES = st.sampled_from(
    [UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=2)), timezone(timedelta(hours=-5))]
)
_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=12)


def strategy_for(hint: Any) -> st.SearchStrategy[Any]:
    """A strategy for any field type the event model uses, driven by the type hints."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        (inner,) = [arm for arm in get_args(hint) if arm is not type(None)]
        return st.none() | strategy_for(inner)
    if origin is tuple:
        return st.lists(strategy_for(get_args(hint)[0]), max_size=2).map(tuple)
    if origin is frozenset:
        return st.frozensets(strategy_for(get_args(hint)[0]), max_size=3)
    if hint is datetime:
        return st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=_ZONES)
    if hint is date:
        return st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1))
    if isinstance(hint, type) and issubclass(hint, Enum):
        return st.sampled_from(list(hint))
    if dataclasses.is_dataclass(hint):
        hints = get_type_hints(hint)
        fields = {f.name: strategy_for(hints[f.name]) for f in dataclasses.fields(hint)}
        return st.builds(hint, **fields)
    return {bool: st.booleans(), int: st.integers(min_value=0, max_value=500), str: _TEXT}[hint]


def test_every_type_code_has_exactly_one_event_class() -> None:
    assert set(EVENT_CLASSES) == set(MessageType)
    assert all(cls.TYPE is code for code, cls in EVENT_CLASSES.items())
    assert len(set(EVENT_CLASSES.values())) == len(MessageType)


@pytest.mark.parametrize("cls", list(EVENT_CLASSES.values()), ids=[code.value for code in EVENT_CLASSES])
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_event_round_trips_through_a_json_dict(cls: type[DischargeEvent], data: st.DataObject) -> None:
    event = data.draw(strategy_for(cls))
    as_dict = event_to_dict(event)
    assert as_dict["type"] == cls.TYPE.value
    restored = event_from_dict(json.loads(json.dumps(as_dict)))
    assert restored == event
    assert type(restored) is cls


def test_event_to_dict_writes_iso_instants_dates_and_enum_values() -> None:
    event = admission_notice()
    as_dict = event_to_dict(event)
    assert as_dict["type"] == "M-01"
    assert as_dict["sent_at"] == "2025-03-03T11:00:00+01:00"
    assert as_dict["estimated_discharge_date"] == "2025-03-10"
    assert as_dict["needs"] == ["MUNICIPAL_HEALTH_CARE", "OUTPATIENT", "SOCIAL_SERVICES"]  # sorted set
    assert as_dict["patient"]["identifier"] == {"kind": "PERSONNUMMER", "value": "191212121212", "issuer": None}
    assert as_dict["track"] == "STO-GUL"


def test_type_code_and_occurred_at() -> None:
    notice = ready(assessed_at=T0)
    assert notice.type is MessageType.M12
    assert notice.occurred_at == notice.sent_at
    invitation = sip_invitation()
    assert invitation.type is MessageType.M10


def test_a_naive_datetime_is_refused_when_the_event_is_built() -> None:
    with pytest.raises(InvalidEventError, match=r"AdmissionNotice\.admitted_at: naive datetime"):
        admission_notice(admitted_at=datetime(2025, 3, 3, 9))


def test_a_naive_datetime_is_refused_when_decoding() -> None:
    as_dict = event_to_dict(admission_notice())
    as_dict["sent_at"] = "2025-03-03T11:00:00"
    with pytest.raises(InvalidEventError, match="naive datetime"):
        event_from_dict(as_dict)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"type": "M-99"}, "unknown event type 'M-99'"),
        ({"surplus": 1}, r"unknown members \['surplus'\]"),
        ({"consent": "MAYBE"}, r"M-01\.consent: 'MAYBE' is not a valid ConsentStatus"),
        ({"estimated_discharge_date": "2025-03-10T00:00:00+01:00"}, "not a calendar date"),
        ({"needs": "SOCIAL_SERVICES"}, r"M-01\.needs: expected a list"),
        ({"life_threatening": "yes"}, r"M-01\.life_threatening: expected bool"),
        ({"sender": "SE2321000016-WARD1"}, r"M-01\.sender: expected an object"),
    ],
)
def test_event_from_dict_is_strict(change: dict[str, Any], message: str) -> None:
    as_dict = event_to_dict(admission_notice()) | change
    with pytest.raises(InvalidEventError, match=message):
        event_from_dict(as_dict)


def test_event_from_dict_reports_a_missing_member() -> None:
    as_dict = event_to_dict(admission_notice())
    del as_dict["consent"]
    with pytest.raises(InvalidEventError, match="missing member 'consent'"):
        event_from_dict(as_dict)


def test_optional_members_may_be_left_out_of_the_dict() -> None:
    as_dict = {key: value for key, value in event_to_dict(admission_notice()).items() if value is not None}
    restored = event_from_dict(as_dict)
    assert isinstance(restored, AdmissionNotice)
    assert restored.contact_reason is None


def assert_flag_survives_the_codec(event: DischargeEvent, member: str, value: bool | None) -> None:
    """``member`` keeps ``value`` through ``event_to_dict`` / JSON / ``event_from_dict``, and stays a strict bool."""
    as_dict = event_to_dict(event)
    assert as_dict[member] is value
    restored = event_from_dict(json.loads(json.dumps(as_dict)))
    assert getattr(restored, member) is value
    with pytest.raises(InvalidEventError, match=rf"{event.type.value}\.{member}: expected bool"):
        event_from_dict(as_dict | {member: "yes"})


@pytest.mark.parametrize("value", [True, False, None])
def test_ch08_m17_keeps_whether_the_guardians_were_given_the_discharge_information(value: bool | None) -> None:
    event = discharge_information(information_given_to_guardians=value)
    assert_flag_survives_the_codec(event, "information_given_to_guardians", value)


@pytest.mark.parametrize("value", [True, False, None])
def test_ch09_m18_keeps_whether_the_child_was_heard(value: bool | None) -> None:
    assert_flag_survives_the_codec(sip_established(child_heard=value), "child_heard", value)


@pytest.mark.parametrize("value", [True, False, None])
def test_ch10_m01_keeps_whether_children_live_in_the_household(value: bool | None) -> None:
    assert_flag_survives_the_codec(admission_notice(children_in_household=value), "children_in_household", value)


def test_events_are_immutable() -> None:
    event = admission_notice()
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.case_id = "other"  # type: ignore[misc]


def test_the_planning_value_types_are_re_exported_from_the_events_module() -> None:
    assert set(planning_events.__all__) <= set(events.__all__)
    assert all(getattr(events, name) is getattr(planning_events, name) for name in planning_events.__all__)


def test_the_members_both_contracts_may_carry_survive_the_codec() -> None:
    named = dataclasses.replace(SOCIAL, municipality_name="Stockholm")
    notice = admission_notice(recipients=(named,), placing_municipality="0180", placing_municipality_name="Stockholm")
    message = GeneralMessage(
        **envelope(WARD, (named,), T0, Region.STO),
        subject="Permission",
        text="Permission i helgen.",
        category=GeneralCategory.LEAVE,
        leave_start=T0,
        leave_end=T0 + timedelta(days=2),
    )
    follow_up = SipFollowUp(
        **envelope(WARD, (named,), T0, Region.STO),
        held_on=date(2025, 3, 14),
        result=SipFollowUpResult.CLOSED,
        consent_confirmed=True,
        measures=(Measure(responsible=Responsible.OUTPATIENT, description="Samtal."),),
        overall_responsible=Principal.REGION,
        child_heard=True,
    )
    for event in (notice, message, follow_up):
        assert event_from_dict(json.loads(json.dumps(event_to_dict(event)))) == event
    assert event_to_dict(message)["category"] == "LEAVE"
    assert event_to_dict(notice)["recipients"][0]["municipality_name"] == "Stockholm"
