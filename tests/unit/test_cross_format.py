"""Issue 7 §5: Cosmic Link–style → FHIR → Lifecare SP–style loses nothing both formats can express.

Every valid Cosmic message becomes a neutral event; the FHIR message of that event maps back to
the same event (FHIR carries everything); its Lifecare rendering is a valid Lifecare message whose
event keeps the envelope, the patient and the case. What Lifecare cannot carry is listed by the
adapters (``unrepresented_fields``) and in the issue note.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from adapters.cosmic_link import codec as cosmic
from adapters.lifecare import codec as lifecare
from adapters.lifecare.errors import RenderError
from adapters.lifecare.validation import Parsed
from mappings.message import event_to_message, message_to_event
from tests.conftest import FIXTURES

COSMIC_MESSAGES = sorted((FIXTURES / "cosmic_link" / "valid").glob("*.json"))


@pytest.mark.parametrize("path", COSMIC_MESSAGES, ids=lambda p: p.stem)
def test_cosmic_to_fhir_to_lifecare_keeps_what_both_formats_carry(path: Path) -> None:
    body = path.read_bytes()
    parsed = cosmic.parse(body, received_at=cosmic_received_at(body))
    assert parsed.message is not None, parsed.errors
    event = cosmic.to_event(parsed.message)

    through_fhir = message_to_event(event_to_message(event))
    assert through_fhir == event  # FHIR loses nothing

    try:
        rendered = lifecare.render(through_fhir, message_id=event.message_id)
    except RenderError:
        pytest.skip(f"{event.type.value} has no Lifecare SP–style counterpart (listed in the issue note)")
    result = lifecare.parse(rendered, received_at=event.sent_at + timedelta(minutes=1))
    assert isinstance(result, Parsed), getattr(result, "errors", None)
    back = lifecare.to_event(result.message)
    assert back.case_id == event.case_id
    assert back.sender.hsa_id == event.sender.hsa_id
    assert [u.hsa_id for u in back.recipients] == [u.hsa_id for u in event.recipients]
    assert back.sent_at == event.sent_at
    assert back.patient is not None
    assert event.patient is not None
    assert back.patient.identifier == event.patient.identifier
    assert back.region == event.region


def cosmic_received_at(body: bytes) -> datetime:
    created = datetime.fromisoformat(json.loads(body)["header"]["createdAt"])
    return created + timedelta(minutes=1)
