"""event → FHIR message → event is the identity, for every event type (hypothesis)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from discharge.event_base import DischargeEvent
from discharge.events import EVENT_CLASSES
from mappings.message import event_to_message, message_to_event
from tests.unit.mappings.strategies import events


@pytest.mark.parametrize("cls", list(EVENT_CLASSES.values()), ids=[code.value for code in EVENT_CLASSES])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_event_survives_a_fhir_message_round_trip(cls: type[DischargeEvent], data: st.DataObject) -> None:
    event = data.draw(events(cls))
    message = json.loads(json.dumps(event_to_message(event)))
    assert message_to_event(message) == event
