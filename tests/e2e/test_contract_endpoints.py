"""Both contract endpoints over real HTTP (issue 7): every message type of each contract is
accepted with one delivery decision per recipient; rejections, replays, conflicts and transport
errors answer exactly as the contracts' §1–§3 say."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import FIXTURES
from tests.e2e.conftest import RunningGateway

LIFECARE = "/inbound/lifecare-sp-style/v1"
COSMIC = "/inbound/cosmic-link-style/v1"
JSON = {"content-type": "application/json"}
LIFECARE_DECISIONS = {"LEVERERAS", "LEVERERAS_REDIGERAD", "NEKAS", "MANUELL_KONTAKT"}
COSMIC_DECISIONS = {"DELIVER", "DELIVER_REDACTED", "REFUSE", "MANUAL_CONTACT"}


def fixtures(folder: str) -> list[Path]:
    return sorted((FIXTURES / folder).glob("*.json"))


def fresh_lifecare(path: Path) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    message["meddelandeId"] = str(uuid.uuid4())  # each test run posts new messages
    return message


def fresh_cosmic(path: Path) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    message["header"]["messageId"] = str(uuid.uuid4())
    return message


@pytest.mark.parametrize("path", fixtures("lifecare/valid"), ids=lambda p: p.stem)
def test_every_lifecare_message_type_is_accepted_with_a_decision_per_recipient(
    gateway: RunningGateway, path: Path
) -> None:
    message = fresh_lifecare(path)
    response = httpx.post(f"{gateway.base}{LIFECARE}", content=json.dumps(message).encode(), headers=JSON)
    assert response.status_code == 200, response.text
    kvittens = response.json()
    assert kvittens["status"] == "GODKAND"
    assert kvittens["meddelandeId"] == message["meddelandeId"]
    assert [leverans["hsaId"] for leverans in kvittens["leveranser"]] == [m["hsaId"] for m in message["mottagare"]]
    assert {leverans["beslut"] for leverans in kvittens["leveranser"]} <= LIFECARE_DECISIONS


@pytest.mark.parametrize("path", fixtures("cosmic_link/valid"), ids=lambda p: p.stem)
def test_every_cosmic_message_type_is_accepted_with_a_decision_per_receiver(
    gateway: RunningGateway, path: Path
) -> None:
    message = fresh_cosmic(path)
    response = httpx.post(f"{gateway.base}{COSMIC}", content=json.dumps(message).encode(), headers=JSON)
    assert response.status_code == 200, response.text
    ack = response.json()
    assert ack["result"] == "ACCEPTED"
    receivers = [r["id"]["extension"] for r in message["header"]["receivers"]]
    assert [d["receiver"]["extension"] for d in ack["deliveries"]] == receivers
    assert {d["decision"] for d in ack["deliveries"]} <= COSMIC_DECISIONS


def test_a_replay_gets_the_first_kvittens_and_other_content_with_the_same_id_is_409(gateway: RunningGateway) -> None:
    message = fresh_lifecare(FIXTURES / "lifecare/example-1-inskrivningsmeddelande-sto-gron.json")
    url = f"{gateway.base}{LIFECARE}"
    first = httpx.post(url, content=json.dumps(message).encode(), headers=JSON)
    spaced = json.dumps(message, indent=3).encode()  # equal JSON value, other bytes: still a replay
    replay = httpx.post(url, content=spaced, headers=JSON)
    assert replay.status_code == 200
    assert replay.json() == {**first.json(), "dubblett": True}
    changed = {**message, "skapad": message["skapad"].replace(":00+", ":01+", 1)}
    conflict = httpx.post(url, content=json.dumps(changed).encode(), headers=JSON)
    assert conflict.status_code == 409
    assert conflict.json()["fel"][0] == {**conflict.json()["fel"][0], "kod": "id-conflict", "pekare": "/meddelandeId"}


def test_a_rejected_lifecare_message_names_the_pointer_and_code_and_leaves_no_trace(gateway: RunningGateway) -> None:
    message = fresh_lifecare(FIXTURES / "lifecare/example-1-inskrivningsmeddelande-sto-gron.json")
    message["patient"]["identitet"]["nummer"] = "191212121213"  # wrong Luhn check digit
    url = f"{gateway.base}{LIFECARE}"
    rejected = httpx.post(url, content=json.dumps(message).encode(), headers=JSON)
    assert rejected.status_code == 422
    assert rejected.json()["status"] == "AVVISAD"
    assert [(f["pekare"], f["kod"]) for f in rejected.json()["fel"]] == [("/patient/identitet/nummer", "checksum")]
    message["patient"]["identitet"]["nummer"] = "191212121212"  # corrected: the same id may be reused
    assert httpx.post(url, content=json.dumps(message).encode(), headers=JSON).status_code == 200


def test_a_rejected_cosmic_message_names_the_pointer_and_code(gateway: RunningGateway) -> None:
    message = fresh_cosmic(FIXTURES / "cosmic_link/examples/admission-notification-var-purple-child.json")
    message["header"]["messageType"] = "Telegram"
    rejected = httpx.post(f"{gateway.base}{COSMIC}", content=json.dumps(message).encode(), headers=JSON)
    assert rejected.status_code == 422
    assert rejected.json()["result"] == "REJECTED"
    assert [e["code"] for e in rejected.json()["errors"]] == ["unknown-type"]


@pytest.mark.parametrize("path", [LIFECARE, COSMIC])
def test_transport_errors_are_contract_answers(gateway: RunningGateway, path: str) -> None:
    wrong_type = httpx.post(f"{gateway.base}{path}", content=b"{}", headers={"content-type": "text/plain"})
    assert wrong_type.status_code == 415
    too_large = httpx.post(f"{gateway.base}{path}", content=b"{" + b" " * 1_048_577 + b"}", headers=JSON)
    assert too_large.status_code == 413
    not_json = httpx.post(f"{gateway.base}{path}", content=b"{", headers=JSON)
    assert not_json.status_code == 400
    assert "OperationOutcome" not in not_json.text  # the contract's answer shape, not FHIR's
