"""FHIR REST create/read/vread/update/delete/history over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from tests.fhir_http import FHIR_JSON, create, expressions, resource


async def test_create_returns_201_with_location_etag_and_last_modified(client: httpx.AsyncClient) -> None:
    response = await client.post("/fhir/Patient", json=resource("patient-tolvan"), headers=FHIR_JSON)
    assert response.status_code == 201
    body = response.json()
    assert response.headers["etag"] == 'W/"1"'
    assert response.headers["location"] == f"http://gateway.test/fhir/Patient/{body['id']}/_history/1"
    assert response.headers["last-modified"].endswith("GMT")
    assert response.headers["content-type"].startswith("application/fhir+json")
    assert body["meta"]["versionId"] == "1"


async def test_create_ignores_a_client_supplied_id(client: httpx.AsyncClient) -> None:
    created = await create(client, resource("patient-tolvan", id="chosen-by-client"))
    assert created["id"] != "chosen-by-client"


async def test_read_returns_what_was_stored(client: httpx.AsyncClient) -> None:
    created = await create(client, resource("patient-tolvan"))
    response = await client.get(f"/fhir/Patient/{created['id']}")
    assert response.status_code == 200
    assert response.json() == created
    assert response.headers["etag"] == 'W/"1"'


async def test_read_with_current_etag_in_if_none_match_is_304(client: httpx.AsyncClient) -> None:
    created = await create(client, resource("patient-tolvan"))
    response = await client.get(f"/fhir/Patient/{created['id']}", headers={"if-none-match": 'W/"1"'})
    assert response.status_code == 304


@pytest.mark.parametrize(
    ("if_none_match", "status"),
    [('"1"', 304), ('W/"2", W/"1"', 304), ("*", 304), ('W/"2"', 200), ('"2", "3"', 200)],
)
async def test_if_none_match_compares_weakly_and_takes_lists_and_star(
    client: httpx.AsyncClient, if_none_match: str, status: int
) -> None:
    created = await create(client, resource("patient-tolvan"))
    response = await client.get(f"/fhir/Patient/{created['id']}", headers={"if-none-match": if_none_match})
    assert response.status_code == status


async def test_if_match_takes_a_list_and_star_and_rejects_a_malformed_tag(client: httpx.AsyncClient) -> None:
    created = await create(client, resource("patient-tolvan"))
    url = f"/fhir/Patient/{created['id']}"
    listed = await client.put(url, json={**created, "gender": "male"}, headers={**FHIR_JSON, "if-match": 'W/"7", "1"'})
    assert listed.status_code == 200
    star = await client.put(url, json={**created, "gender": "female"}, headers={**FHIR_JSON, "if-match": "*"})
    assert star.status_code == 200
    assert star.headers["etag"] == 'W/"3"'
    bad = await client.put(url, json=created, headers={**FHIR_JSON, "if-match": "3"})
    assert bad.status_code == 400
    assert expressions(bad.json()) == ["If-Match"]
    none = await client.put("/fhir/Patient/never-was", json={**created, "id": "never-was"},
                            headers={**FHIR_JSON, "if-match": "*"})  # fmt: skip
    assert none.status_code == 412  # "*" needs a current version


async def test_read_of_an_unknown_id_is_404_with_operation_outcome(client: httpx.AsyncClient) -> None:
    response = await client.get("/fhir/Patient/does-not-exist")
    assert response.status_code == 404
    assert response.json()["issue"][0]["code"] == "not-found"


async def test_update_with_current_if_match_makes_version_2_and_vread_keeps_version_1(
    client: httpx.AsyncClient,
) -> None:
    created = await create(client, resource("patient-tolvan"))
    changed = {**created, "gender": "other"}
    response = await client.put(
        f"/fhir/Patient/{created['id']}", json=changed, headers={**FHIR_JSON, "if-match": 'W/"1"'}
    )
    assert response.status_code == 200
    assert response.headers["etag"] == 'W/"2"'
    old = await client.get(f"/fhir/Patient/{created['id']}/_history/1")
    assert old.json()["gender"] == "male"
    assert old.json()["meta"]["versionId"] == "1"
    new = await client.get(f"/fhir/Patient/{created['id']}/_history/2")
    assert new.json()["gender"] == "other"


async def test_update_with_a_stale_if_match_is_412_and_changes_nothing(client: httpx.AsyncClient) -> None:
    created = await create(client, resource("patient-tolvan"))
    url = f"/fhir/Patient/{created['id']}"
    await client.put(url, json={**created, "gender": "female"}, headers=FHIR_JSON)
    stale = await client.put(url, json={**created, "gender": "other"}, headers={**FHIR_JSON, "if-match": 'W/"1"'})
    assert stale.status_code == 412
    assert expressions(stale.json()) == ["If-Match"]
    assert (await client.get(url)).json()["gender"] == "female"


async def test_update_of_an_unknown_id_creates_it_with_201(client: httpx.AsyncClient) -> None:
    body = resource("organization-karlskoga", id="ksk-bistand")
    response = await client.put("/fhir/Organization/ksk-bistand", json=body, headers=FHIR_JSON)
    assert response.status_code == 201
    assert response.json()["id"] == "ksk-bistand"
    assert response.headers["location"].endswith("/Organization/ksk-bistand/_history/1")


async def test_update_whose_body_id_differs_from_the_url_is_400_naming_the_id(
    client: httpx.AsyncClient,
) -> None:
    body = resource("organization-karlskoga", id="other")
    response = await client.put("/fhir/Organization/ksk-bistand", json=body, headers=FHIR_JSON)
    assert response.status_code == 400
    assert expressions(response.json()) == ["Organization.id"]


async def test_delete_then_read_is_410_and_vread_of_the_old_version_still_works(
    client: httpx.AsyncClient,
) -> None:
    created = await create(client, resource("patient-tolvan"))
    url = f"/fhir/Patient/{created['id']}"
    assert (await client.delete(url)).status_code == 204
    gone = await client.get(url)
    assert gone.status_code == 410
    assert gone.json()["issue"][0]["code"] == "deleted"
    assert (await client.get(f"{url}/_history/1")).status_code == 200
    assert (await client.get(f"{url}/_history/2")).status_code == 410


async def test_delete_of_a_resource_that_others_reference_is_409(client: httpx.AsyncClient) -> None:
    patient = await create(client, resource("patient-tolvan"))
    await create(client, resource("task-admission-notice", **{"for": {"reference": f"Patient/{patient['id']}"}}))
    response = await client.delete(f"/fhir/Patient/{patient['id']}")
    assert response.status_code == 409
    assert (await client.get(f"/fhir/Patient/{patient['id']}")).status_code == 200


async def test_update_after_delete_recreates_the_resource_as_version_3(client: httpx.AsyncClient) -> None:
    created = await create(client, resource("patient-tolvan"))
    url = f"/fhir/Patient/{created['id']}"
    await client.delete(url)
    response = await client.put(url, json=created, headers=FHIR_JSON)
    assert response.status_code == 201
    assert response.headers["etag"] == 'W/"3"'


async def test_instance_history_lists_every_version_newest_first_including_the_delete(
    client: httpx.AsyncClient,
) -> None:
    created = await create(client, resource("patient-tolvan"))
    url = f"/fhir/Patient/{created['id']}"
    await client.put(url, json={**created, "gender": "female"}, headers=FHIR_JSON)
    await client.delete(url)
    history = (await client.get(f"{url}/_history")).json()
    assert history["type"] == "history"
    assert history["total"] == 3
    methods = [e["request"]["method"] for e in history["entry"]]
    assert methods == ["DELETE", "PUT", "POST"]
    assert "resource" not in history["entry"][0]
    assert history["entry"][1]["resource"]["meta"]["versionId"] == "2"


async def test_type_history_pages_with_next_link(client: httpx.AsyncClient) -> None:
    for _ in range(3):
        await create(client, resource("organization-karlskoga"))
    page = (await client.get("/fhir/Organization/_history", params={"_count": "2"})).json()
    assert page["total"] == 3
    assert len(page["entry"]) == 2
    next_url = next(link["url"] for link in page["link"] if link["relation"] == "next")
    rest = (await client.get(next_url)).json()
    assert len(rest["entry"]) == 1


async def test_prefer_return_minimal_gives_an_empty_body_and_operation_outcome_gives_an_outcome(
    client: httpx.AsyncClient,
) -> None:
    minimal = await client.post(
        "/fhir/Patient", json=resource("patient-tolvan"), headers={**FHIR_JSON, "prefer": "return=minimal"}
    )
    assert minimal.status_code == 201
    assert minimal.content == b""
    assert minimal.headers["location"]
    outcome = await client.post(
        "/fhir/Patient",
        json=resource("patient-tolvan"),
        headers={**FHIR_JSON, "prefer": "return=OperationOutcome"},
    )
    assert outcome.status_code == 201
    assert outcome.json()["resourceType"] == "OperationOutcome"


async def test_conditional_create_that_matches_returns_200_with_the_existing_resource(
    client: httpx.AsyncClient,
) -> None:
    created = await create(client, resource("patient-tolvan"))
    criteria = "identifier=http://electronichealth.se/identifier/personnummer|191212121212"
    again = await client.post(
        "/fhir/Patient", json=resource("patient-tolvan"), headers={**FHIR_JSON, "if-none-exist": criteria}
    )
    assert again.status_code == 200
    assert again.json()["id"] == created["id"]


async def test_eight_parallel_identical_conditional_creates_make_exactly_one_resource(
    client: httpx.AsyncClient,
) -> None:
    criteria = "identifier=http://electronichealth.se/identifier/personnummer|191212121212"
    headers = {**FHIR_JSON, "if-none-exist": criteria}
    responses = await asyncio.gather(
        *(client.post("/fhir/Patient", json=resource("patient-tolvan"), headers=headers) for _ in range(8))
    )
    assert sorted(r.status_code for r in responses) == [200] * 7 + [201]
    assert len({r.json()["id"] for r in responses}) == 1
    found = (await client.get("/fhir/Patient", params={"identifier": criteria.split("=", 1)[1]})).json()
    assert found["total"] == 1


async def test_conditional_create_matching_two_resources_is_412(client: httpx.AsyncClient) -> None:
    await create(client, resource("patient-tolvan"))
    await create(client, resource("patient-tolvan"))
    response = await client.post(
        "/fhir/Patient",
        json=resource("patient-tolvan"),
        headers={**FHIR_JSON, "if-none-exist": "family=Tolvansson"},
    )
    assert response.status_code == 412
