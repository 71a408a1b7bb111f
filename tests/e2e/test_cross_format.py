"""Issue 7 §4, end to end over HTTP with a real gateway process and a real webhook receiver:
a Cosmic Link–style hospital in Region Värmland admits a child registered in Karlskoga (1883),
whose municipality speaks Lifecare SP–style. The municipality receives a Lifecare-style admission
notice, answers with a Lifecare-style acknowledgement, and the hospital receives a Cosmic-style
Acknowledgement naming its own original message."""

from __future__ import annotations

import asyncio
import copy
import json
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from adapters.cosmic_link import codec as cosmic
from adapters.lifecare import codec as lifecare
from tests.conftest import FIXTURES, load_fixture
from tests.e2e.conftest import RunningGateway, start_gateway
from tests.receiver import Receiver, running_receiver

SECRET = "e2e-webhook-secret-0123456789abcdef"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
HOSPITAL, BUP_OUTPATIENT, KARLSKOGA = "SE2321000156-BUP7", "SE2321000156-BUP9", "SE2120001991-SOC3"
ROOT = Path(__file__).resolve().parents[2]


def directory_for(receiver: Receiver, path: Path) -> Path:
    text = (ROOT / "demo" / "directory.json").read_text(encoding="utf-8")
    path.write_text(text.replace("http://127.0.0.1:8090/webhooks", receiver.base), encoding="utf-8")
    return path


def timestamp(moment: datetime) -> str:
    return moment.astimezone(STOCKHOLM).isoformat(timespec="seconds")


def admission(now: datetime) -> dict[str, Any]:
    message = copy.deepcopy(load_fixture("cosmic_link/examples/admission-notification-var-purple-child.json"))
    today = now.astimezone(STOCKHOLM).date()
    header = message["header"]
    header["messageId"] = str(uuid.uuid4())
    header["createdAt"] = timestamp(now)
    karlskoga = {"code": "1883", "codeSystem": "1.2.752.129.2.2.1.17", "displayName": "Karlskoga"}
    header["receivers"][0] = {
        "id": {"root": "1.2.752.129.2.1.4.1", "extension": KARLSKOGA}, "name": "Karlskoga kommun, socialtjänsten",
        "principal": "MUNICIPALITY", "careSetting": "SOCIAL_SERVICES", "municipality": karlskoga,
    }  # fmt: skip
    patient = message["patient"]
    patient["id"]["extension"] = "201212121212"  # a Skatteverket test personnummer: a child of 13
    patient["birthDate"] = "2012-12-12"
    patient["registeredAddress"] = {"streetAddress": "Testgatan 12", "postalCode": "69130", "city": "Karlskoga",
                                    "municipality": karlskoga}  # fmt: skip
    patient["maturityAssessment"]["assessedOn"] = today.isoformat()
    message["episode"]["episodeId"] = str(uuid.uuid4())
    message["episode"]["legalBasis"]["admissionDecisionDate"] = today.isoformat()
    body = message["body"]
    body["admittedAt"] = timestamp(now - timedelta(hours=3))
    body["needIdentifiedAt"] = timestamp(now - timedelta(hours=1))
    body["estimatedDischargeDate"] = (today + timedelta(days=14)).isoformat()
    return message


def acknowledgement(received: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The municipality's Lifecare-style INSKRIVNING_KVITTENS of the notice it received."""
    message = copy.deepcopy(json.loads((FIXTURES / "lifecare/valid/INSKRIVNING_KVITTENS.json").read_text()))
    message["meddelandeId"] = str(uuid.uuid4())
    message["skapad"] = timestamp(now)
    recipient = next(m for m in received["mottagare"] if m["hsaId"] == KARLSKOGA)
    message["avsandare"] = recipient
    message["mottagare"] = [received["avsandare"]]
    message["arende"] = received["arende"]
    message["patient"] = received["patient"]
    message["innehall"] = {"kvitterarMeddelandeId": received["meddelandeId"], "kvitterad": timestamp(now)}
    return message


async def wait_for(receiver: Receiver, path: str, count: int = 1) -> list[Any]:
    for _ in range(200):
        found = [r for r in receiver.received if r.path == path]
        if len(found) >= count:
            return found
        await asyncio.sleep(0.05)
    raise AssertionError(f"nothing delivered to {path}; got {[r.path for r in receiver.received]}")


@pytest.fixture
def secret_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_DEMO_SECRET", SECRET)


async def test_cosmic_hospital_admits_a_karlskoga_child_and_lifecare_municipality_acknowledges(
    tmp_path: Path, secret_env: None
) -> None:
    async with running_receiver(SECRET.encode()) as receiver:
        directory = directory_for(receiver, tmp_path / "directory.json")
        gateway: RunningGateway = await asyncio.to_thread(
            start_gateway, f"sqlite:///{tmp_path}/gw.sqlite3", tmp_path / "gw.log", directory_file=str(directory)
        )
        try:
            await scenario(gateway, receiver)
        finally:
            gateway.stop()


async def scenario(gateway: RunningGateway, receiver: Receiver) -> None:
    now = datetime.now(STOCKHOLM)
    notice = admission(now)
    async with httpx.AsyncClient(base_url=gateway.base) as http:
        answer = await http.post("/inbound/cosmic-link-style/v1", content=json.dumps(notice).encode(),
                                 headers={"content-type": "application/json"})  # fmt: skip
        assert answer.status_code == 200, answer.text
        ack = answer.json()
        assert ack["result"] == "ACCEPTED"
        assert [d["decision"] for d in ack["deliveries"]] == ["DELIVER", "DELIVER"]

        # The municipality gets a Lifecare SP–style admission notice (INSKRIVNINGSMEDDELANDE), signed.
        (delivered,) = await wait_for(receiver, f"/{KARLSKOGA}")
        assert receiver.verify(delivered, "x-signatur")
        expected_id = lifecare.delivered_message_id(
            notice["header"]["messageId"], "INSKRIVNINGSMEDDELANDE", same_format=False
        )
        assert delivered.headers["x-meddelande-id"] == expected_id
        parsed = lifecare.parse(delivered.body, received_at=datetime.now(STOCKHOLM))
        assert not getattr(parsed, "errors", ()), getattr(parsed, "errors", ())
        received = json.loads(delivered.body)
        assert received["meddelandetyp"] == "INSKRIVNINGSMEDDELANDE"
        assert received["arende"]["arendeId"] == notice["episode"]["episodeId"]
        assert received["patient"]["identitet"]["nummer"] == "201212121212"

        # The outpatient BUP clinic speaks Cosmic: it gets the message with its original id.
        (bup,) = await wait_for(receiver, f"/{BUP_OUTPATIENT}")
        assert bup.headers["x-message-id"] == notice["header"]["messageId"]

        # The municipality acknowledges in its own format …
        reply = acknowledgement(received, datetime.now(STOCKHOLM))
        answered = await http.post("/inbound/lifecare-sp-style/v1", content=json.dumps(reply).encode(),
                                   headers={"content-type": "application/json"})  # fmt: skip
        assert answered.status_code == 200, answered.text
        assert answered.json()["status"] == "GODKAND"
        assert answered.json()["leveranser"] == [{"hsaId": HOSPITAL, "beslut": "LEVERERAS"}]

    # … and the hospital receives a Cosmic Link–style Acknowledgement naming its own message.
    (to_hospital,) = await wait_for(receiver, f"/{HOSPITAL}")
    assert receiver.verify(to_hospital, "x-signature")
    result = cosmic.parse(to_hospital.body, received_at=datetime.now(STOCKHOLM))
    assert result.errors == (), result.errors
    acknowledgement_body = json.loads(to_hospital.body)
    assert acknowledgement_body["header"]["messageType"] == "Acknowledgement"
    assert acknowledgement_body["body"]["acknowledgedMessageId"] == notice["header"]["messageId"]
    assert to_hospital.headers["x-message-id"] == cosmic.rendered_message_id(reply["meddelandeId"], "Acknowledgement")
