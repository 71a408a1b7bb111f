"""Routing as both contracts' §2 and §5 promise it, read off the outbox in-process (demo directory,
SQLite and PostgreSQL): consent-withheld members never leave in any format, a delivery that would break
the receiver's contract is not sent, every MANUAL_CONTACT has its Task, unknown-case is flagged for any
first message other than the admission notice, and message references resolve in either letter case."""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from gateway.app import create_app
from gateway.delivery.outbox import OutboxRow, rows
from gateway.settings import Settings
from gateway.store.sql_store import SqlResourceStore
from tests.clock import Clock
from tests.conftest import load_fixture

DEMO = str(Path(__file__).resolve().parents[2] / "demo" / "directory.json")
LIFECARE = "/inbound/lifecare-sp-style/v1"
COSMIC = "/inbound/cosmic-link-style/v1"
JSON = {"content-type": "application/json"}
SOC8 = {"hsaId": "SE2120001777-SOC8", "namn": "Karlstads kommun", "huvudman": "KOMMUN", "verksamhet": "SOCIALTJANST",
        "kommunkod": "1780"}  # fmt: skip  # a unit that speaks Cosmic Link-style in the demo directory
SOC3 = {"id": {"root": "1.2.752.129.2.1.4.1", "extension": "SE2120001991-SOC3"}, "name": "Karlskoga kommun",
        "principal": "MUNICIPALITY", "careSetting": "SOCIAL_SERVICES",
        "municipality": {"code": "1883", "codeSystem": "1.2.752.129.2.2.1.17"}}  # fmt: skip  # speaks Lifecare


@dataclass
class Gateway:
    http: httpx.AsyncClient
    store: SqlResourceStore
    clock: Clock

    async def post(self, path: str, message: dict[str, Any], sent_at: str) -> dict[str, Any]:
        self.clock.now = datetime.fromisoformat(sent_at) + timedelta(minutes=1)
        response = await self.http.post(path, content=json.dumps(message, ensure_ascii=False).encode(), headers=JSON)
        assert response.status_code == 200, response.text
        answer: dict[str, Any] = response.json()
        return answer

    async def outbox(self, source_message_id: str) -> dict[str, OutboxRow]:
        async with self.store.reader() as conn:
            return {r.message.receiver: r for r in await rows(conn, source_message_id=source_message_id)}

    async def manual_contact_tasks(self) -> list[dict[str, Any]]:
        code = "https://discharge-gateway.example.se/fhir/CodeSystem/process-step|manual-contact"
        bundle = (await self.http.get("/fhir/Task", params={"code": code})).json()
        return [e["resource"] for e in bundle.get("entry", [])]


@pytest.fixture
async def gateway(store: SqlResourceStore) -> AsyncIterator[Gateway]:
    settings = Settings(database_url="unused://", base_url="http://gateway.test/fhir", scheduler_enabled=False,
                        delivery_enabled=False, directory_file=DEMO)  # fmt: skip
    clock = Clock(datetime.fromisoformat("2025-03-03T11:00:00+01:00"))
    app = create_app(settings, store=store, clock=clock)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as http:
            yield Gateway(http, store, clock)


def lifecare(name: str, **case: Any) -> dict[str, Any]:
    folder = "lifecare" if name.startswith("example") else "lifecare/valid"
    message: dict[str, Any] = copy.deepcopy(load_fixture(f"{folder}/{name}"))
    message["meddelandeId"] = str(uuid.uuid4())
    message.update(case)
    return message


def cosmic(name: str) -> dict[str, Any]:
    message: dict[str, Any] = copy.deepcopy(load_fixture(f"cosmic_link/examples/{name}"))
    message["header"]["messageId"] = str(uuid.uuid4())
    return message


def body(row: OutboxRow) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(row.message.body)
    return parsed


async def test_c_rules_a_withheld_track_stays_withheld_in_the_other_format_too(gateway: Gateway) -> None:
    admission = lifecare("example-1-inskrivningsmeddelande-sto-gron.json")
    admission["innehall"]["samtycke"]["status"] = "NEKAT"
    admission["mottagare"] = [SOC8, admission["mottagare"][0]]
    answer = await gateway.post(LIFECARE, admission, admission["skapad"])
    assert {d["beslut"] for d in answer["leveranser"]} == {"LEVERERAS_REDIGERAD"}
    deceased = lifecare("AVLIDEN.json", arende=admission["arende"], patient=admission["patient"],
                        mottagare=admission["mottagare"])  # fmt: skip
    deceased["skapad"] = "2025-03-04T09:00:00+01:00"
    answer = await gateway.post(LIFECARE, deceased, deceased["skapad"])
    assert {d["beslut"] for d in answer["leveranser"]} == {"LEVERERAS_REDIGERAD"}
    for source in (admission["meddelandeId"], deceased["meddelandeId"]):
        delivered = await gateway.outbox(source)
        assert set(delivered) == {SOC8["hsaId"], admission["mottagare"][1]["hsaId"]}
        cosmic_body = body(delivered[SOC8["hsaId"]])
        assert "process" not in cosmic_body["episode"]  # the case's track, withheld (D8), not refilled
        lifecare_body = body(delivered[admission["mottagare"][1]["hsaId"]])
        assert "spar" not in lifecare_body["arende"]


async def test_a_delivery_that_would_break_the_receivers_contract_is_manual_contact_with_its_task(
    gateway: Gateway,
) -> None:
    # STO child: one guardian refuses, so CH-07 removes the contact reason that STO requires (§9).
    admission = lifecare("example-1-inskrivningsmeddelande-sto-gron.json")
    admission["patient"]["identitet"]["nummer"] = "201212121212"
    admission["patient"]["vardnadshavare"] = [
        {"fornamn": "Anna", "efternamn": "Tolvansson", "samtycke": "LAMNAT", "betydandeMen": False},
        {"fornamn": "Bo", "efternamn": "Tolvansson", "samtycke": "NEKAT", "betydandeMen": False},
    ]
    answer = await gateway.post(LIFECARE, admission, admission["skapad"])
    decisions = {d["hsaId"]: d for d in answer["leveranser"]}
    delivered = await gateway.outbox(admission["meddelandeId"])
    for hsa_id, decision in decisions.items():
        if decision["beslut"] == "MANUELL_KONTAKT":
            assert hsa_id not in delivered
        else:  # whatever is delivered satisfies the contract the receiver speaks
            assert "kontaktorsak" in body(delivered[hsa_id])["innehall"]
    manual = [h for h, d in decisions.items() if d["beslut"] == "MANUELL_KONTAKT"]
    assert manual, "the redacted notice cannot satisfy the STO rule; it must not be delivered as if it did"
    tasks = await gateway.manual_contact_tasks()
    assert sorted(t["owner"]["identifier"]["value"] for t in tasks) == sorted(manual)
    assert all("/innehall/kontaktorsak" in t["description"] for t in tasks)


async def test_manual_contact_opens_its_task_also_when_the_message_made_no_case(gateway: Gateway) -> None:
    message = lifecare("UTSKRIVNINGSKLAR.json")
    message["arende"]["arendeId"] = str(uuid.uuid4())
    nobody = {**message["mottagare"][0], "hsaId": "SE2120001777-NOPE"}  # not in the directory
    message["mottagare"] = [nobody]
    answer = await gateway.post(LIFECARE, message, message["skapad"])
    assert [d["beslut"] for d in answer["leveranser"]] == ["MANUELL_KONTAKT"]
    assert [a["kod"] for a in answer["avvikelser"]] == ["unknown-case"]
    (task,) = await gateway.manual_contact_tasks()
    assert task["owner"]["identifier"]["value"] == "SE2120001777-NOPE"
    assert task["focus"]["identifier"]["value"] == message["arende"]["arendeId"]  # the case by its identifier


@pytest.mark.parametrize("name", ["AVLIDEN.json", "PROCESS_AVSLUTAD.json", "SAMTYCKE_ANDRAT.json"])
async def test_unknown_case_is_flagged_for_a_first_message_the_process_accepts_too(gateway: Gateway, name: str) -> None:
    message = lifecare(name)
    message["arende"]["arendeId"] = str(uuid.uuid4())
    answer = await gateway.post(LIFECARE, message, message["skapad"])
    assert answer["status"] == "GODKAND"
    assert "unknown-case" in [a["kod"] for a in answer["avvikelser"]]


async def test_unknown_case_is_flagged_for_a_cosmic_first_message_other_than_the_admission(gateway: Gateway) -> None:
    message = copy.deepcopy(load_fixture("cosmic_link/valid/consent-changed.json"))
    message["header"]["messageId"] = str(uuid.uuid4())
    message["episode"]["episodeId"] = str(uuid.uuid4())
    answer = await gateway.post(COSMIC, message, message["header"]["createdAt"])
    assert "unknown-case" in [d["code"] for d in answer["deviations"]]


@pytest.mark.parametrize("spelling", [str.lower, str.upper])
async def test_a_reference_to_an_earlier_message_resolves_in_either_letter_case(
    gateway: Gateway, spelling: Any
) -> None:
    admission = cosmic("admission-notification-var-purple-child.json")
    admission["header"]["receivers"] = [SOC3, admission["header"]["receivers"][1]]
    await gateway.post(COSMIC, admission, admission["header"]["createdAt"])
    lifecare_admission = (await gateway.outbox(admission["header"]["messageId"]))[SOC3["id"]["extension"]]
    reply = copy.deepcopy(load_fixture("cosmic_link/valid/general-message.json"))
    reply["header"]["messageId"] = str(uuid.uuid4())
    reply["episode"]["episodeId"] = admission["episode"]["episodeId"]
    reply["header"]["sender"] = admission["header"]["receivers"][1]
    reply["header"]["receivers"] = [admission["header"]["sender"], SOC3]
    reply["header"]["createdAt"] = "2025-03-03T13:00:00+01:00"
    reply["body"]["inResponseTo"] = spelling(admission["header"]["messageId"])
    reply["body"].pop("attachments", None)
    await gateway.post(COSMIC, reply, reply["header"]["createdAt"])
    delivered = body((await gateway.outbox(reply["header"]["messageId"]))[SOC3["id"]["extension"]])
    assert delivered["innehall"]["svarPaMeddelandeId"] == lifecare_admission.message.message_id


VC21 = {"hsaId": "SE2321000156-VC21", "namn": "Vårdcentralen Karlstad", "huvudman": "REGION",
        "verksamhet": "OPPENVARD"}  # fmt: skip  # speaks FHIR in the demo directory


async def test_c_rules_a_fhir_receiver_never_gets_withheld_admission_content_in_later_messages(
    gateway: Gateway,
) -> None:
    admission = lifecare("example-1-inskrivningsmeddelande-sto-gron.json")
    admission["innehall"]["samtycke"]["status"] = "NEKAT"
    admission["mottagare"] = [admission["mottagare"][0], VC21]
    await gateway.post(LIFECARE, admission, admission["skapad"])
    physician = admission["innehall"]["ansvarigLakare"]["namn"]
    reason = admission["innehall"]["kontaktorsak"]
    ready = lifecare("UTSKRIVNINGSKLAR.json", arende=admission["arende"], patient=admission["patient"],
                     mottagare=admission["mottagare"])  # fmt: skip
    ready["skapad"] = "2025-01-23T16:48:00+01:00"
    await gateway.post(LIFECARE, ready, ready["skapad"])
    for source in (admission["meddelandeId"], ready["meddelandeId"]):
        row = (await gateway.outbox(source))[VC21["hsaId"]]
        assert row.message.format == "fhir"
        text = row.message.body.decode()
        assert physician not in text  # D5: not in the case context either
        assert reason[:20] not in text  # D6
        assert body(row)["meta"]["security"][0]["code"] == "REDACTED"


async def test_the_directorys_sector_decides_not_the_sector_a_message_declares(gateway: Gateway) -> None:
    admission = lifecare("example-1-inskrivningsmeddelande-sto-gron.json")
    admission["innehall"]["samtycke"]["status"] = "MENPROVNING_MEDGER"  # health care may disclose, not consent
    social = admission["mottagare"][0]  # social services of 0180 in the demo directory
    await gateway.post(LIFECARE, admission, admission["skapad"])
    home_care = {"hsaId": "SE2120000142-HSV20", "namn": "Stockholms stad, hemsjukvård", "huvudman": "KOMMUN",
                 "verksamhet": "KOMMUNAL_HSV", "kommunkod": "0180"}  # fmt: skip  # municipal health care, 0180
    posing = {k: v for k, v in social.items() if k != "kommunkod"} | {"huvudman": "REGION", "verksamhet": "OPPENVARD"}
    decisions = []
    for receiver in (social, posing):
        message = lifecare("GENERELLT_MEDDELANDE.json", arende=admission["arende"], patient=admission["patient"])
        message["avsandare"] = home_care
        message["mottagare"] = [receiver]
        message["skapad"] = "2025-01-21T10:00:00+01:00"
        message["innehall"].pop("svarPaMeddelandeId", None)
        message["innehall"].pop("bilagor", None)
        answer = await gateway.post(LIFECARE, message, message["skapad"])
        decisions.append(answer["leveranser"][0]["beslut"])
    # D17: municipal health care → social services of the same municipality needs consent; a unit that calls
    # itself outpatient care does not escape it — the directory knows what it is
    assert decisions == ["NEKAS", "NEKAS"]


async def test_a_manual_contact_task_says_what_the_unit_may_not_be_told(gateway: Gateway) -> None:
    admission = lifecare("example-1-inskrivningsmeddelande-sto-gron.json")
    admission["innehall"]["samtycke"]["status"] = "NEKAT"
    admission["mottagare"] = [{**admission["mottagare"][0], "hsaId": "SE2120001777-NOPE"}]  # no endpoint
    answer = await gateway.post(LIFECARE, admission, admission["skapad"])
    assert [d["beslut"] for d in answer["leveranser"]] == ["MANUELL_KONTAKT"]
    (task,) = await gateway.manual_contact_tasks()
    assert "not to be disclosed to this unit:" in task["description"]
    assert "responsible_physician" in task["description"] or "ansvarig" in task["description"].lower()


async def test_c05_a_withdrawal_purges_what_is_queued_tells_every_participant_and_blocks_a_resend(
    gateway: Gateway,
) -> None:
    admission = lifecare("example-1-inskrivningsmeddelande-sto-gron.json")  # consent given; delivery not running
    await gateway.post(LIFECARE, admission, admission["skapad"])
    queued = await gateway.outbox(admission["meddelandeId"])
    assert {r.state for r in queued.values()} == {"pending"}
    withdrawal = lifecare("SAMTYCKE_ANDRAT.json", arende=admission["arende"], patient=admission["patient"],
                          avsandare=admission["avsandare"], mottagare=[admission["mottagare"][0]])  # fmt: skip
    withdrawal["skapad"] = withdrawal["innehall"]["gallerFran"] = "2025-01-21T10:00:00+01:00"
    answer = await gateway.post(LIFECARE, withdrawal, withdrawal["skapad"])
    assert [d["hsaId"] for d in answer["leveranser"]] == [admission["mottagare"][0]["hsaId"]]  # the sender's list
    # rule 3(b): the admission notice, with D5–D13 content, no longer goes to anyone
    purged = await gateway.outbox(admission["meddelandeId"])
    assert {r.state for r in purged.values()} == {"cancelled"}
    assert {r.last_error for r in purged.values()} == {"consent withdrawn (C-05): purged before delivery"}
    # rule 3(c): every participant hears of it, also the unit the sender did not name
    told = await gateway.outbox(withdrawal["meddelandeId"])
    assert set(told) == {r["hsaId"] for r in admission["mottagare"]}
    # rule 2: a resend is judged again — the purged notice cannot be pushed out by hand
    delivery = next(iter(purged.values())).message.delivery_id
    resend = {"resourceType": "Parameters", "parameter": [{"name": "delivery", "valueString": delivery}]}
    refused = await gateway.http.post("/fhir/$resend", json=resend, headers={"content-type": "application/fhir+json"})
    assert refused.status_code == 409
