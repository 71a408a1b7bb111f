"""§1 transport checks and status codes, §2 kvittens, §3 replays."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from adapters.lifecare import ack, codec, transport
from adapters.lifecare.ack import Avvikelse, Beslut, Leverans, Orsak
from adapters.lifecare.errors import ContractError, ErrorCode
from adapters.lifecare.validation import Rejected
from tests.unit.adapters.lifecare.builders import encode, parsed, valid

MESSAGE = parsed(valid("INSKRIVNINGSMEDDELANDE"))
RECEIVED = datetime(2025, 1, 23, 15, 49, 0, 204000, tzinfo=UTC)
REFERENS = "7d444840-9dc0-11d1-b245-5ffdce74fad2"


@pytest.mark.parametrize(
    ("content_type", "accepted"),
    [
        ("application/json", True),
        ("application/json; charset=utf-8", True),
        ('Application/JSON;charset="UTF-8"', True),
        ("application/json; charset=iso-8859-1", False),
        ("application/json-patch+json", False),
        ("text/plain", False),
        ("", False),
        (None, False),
    ],
)
def test_media_type_must_be_json_in_utf_8(content_type: str | None, accepted: bool) -> None:
    error = transport.check_media_type(content_type)
    assert (error is None) is accepted
    if error is not None:
        assert (error.pointer, error.code) == ("", ErrorCode.MEDIA_TYPE)
        assert ack.http_status_for_errors([error]) == 415


def test_a_body_over_one_mebibyte_is_413() -> None:
    assert transport.check_body_size(1_048_576) is None
    error = transport.check_body_size(1_048_577)
    assert error is not None
    assert ack.http_status_for_errors([error]) == 413


@pytest.mark.parametrize("authenticated", ["2321000016", "232100-0016", "162321000016", "16232100-0016"])
def test_the_sender_may_be_any_unit_of_the_authenticated_organisation(authenticated: str) -> None:
    assert transport.check_sender(MESSAGE, authenticated) is None


def test_a_sender_of_another_organisation_is_403_at_its_hsa_id() -> None:
    error = transport.check_sender(MESSAGE, "212000-0142")
    assert error is not None
    assert (error.pointer, error.code) == ("/avsandare/hsaId", ErrorCode.SENDER_NOT_AUTHORISED)
    assert ack.http_status_for_errors([error]) == 403


def test_the_organisation_number_is_read_with_or_without_the_16_prefix() -> None:
    assert transport.organisation_number("SE162321000016-9X4D") == "2321000016"
    assert transport.organisation_number("SE1623210000-X") == "1623210000"
    assert transport.organisation_number("XX") is None


@pytest.mark.parametrize(
    ("errors", "status"),
    [
        ([], 200),
        ([ContractError("", ErrorCode.ENCODING)], 400),
        ([ContractError("", ErrorCode.JSON_SYNTAX)], 400),
        ([ContractError("", ErrorCode.TYPE)], 400),
        ([ContractError("/skapad", ErrorCode.TYPE)], 422),
        ([ContractError("/version", ErrorCode.UNSUPPORTED_VERSION)], 422),
        ([ack.id_conflict_error()], 409),
        (
            [
                ContractError("/skapad", ErrorCode.RANGE),
                ContractError("/avsandare/hsaId", ErrorCode.SENDER_NOT_AUTHORISED),
            ],
            403,
        ),
        ([ContractError("/innehall/samtyckeBekraftat", ErrorCode.CONSENT_REQUIRED)], 422),
    ],
)
def test_the_http_status_follows_section_1(errors: list[ContractError], status: int) -> None:
    assert ack.http_status_for_errors(errors) == status


def test_an_id_conflict_is_at_the_message_id() -> None:
    error = ack.id_conflict_error()
    assert (error.pointer, error.code.value) == ("/meddelandeId", "id-conflict")


def test_every_error_code_has_a_swedish_default_text() -> None:
    assert all(ContractError("", code).text for code in ErrorCode)


def _accepted() -> dict[str, object]:
    return ack.accepted_kvittens(
        MESSAGE,
        mottagen=RECEIVED,
        gateway_referens=REFERENS,
        leveranser=[
            Leverans("SE2120000142-BIS20", Beslut.LEVERERAS_REDIGERAD),
            Leverans("SE2321000016-6VC3", Beslut.MANUELL_KONTAKT, Orsak.NO_ENDPOINT),
        ],
        avvikelser=[Avvikelse.late("R-01")],
    )


def test_an_accepted_kvittens_has_every_member_of_section_2() -> None:
    assert _accepted() == {
        "kvittensversion": "1.0",
        "meddelandeId": MESSAGE.meddelande_id,
        "status": "GODKAND",
        "dubblett": False,
        "mottagen": "2025-01-23T16:49:00.204+01:00",
        "gatewayReferens": REFERENS,
        "leveranser": [
            {"hsaId": "SE2120000142-BIS20", "beslut": "LEVERERAS_REDIGERAD"},
            {"hsaId": "SE2321000016-6VC3", "beslut": "MANUELL_KONTAKT", "orsak": "no-endpoint"},
        ],
        "avvikelser": [{"kod": "late", "text": "R-01: tidsgränsen har passerats."}],
        "fel": [],
    }
    assert ack.http_status(_accepted()) == 200


def test_a_replay_repeats_the_first_kvittens_as_a_duplicate() -> None:
    first = _accepted()
    replay = ack.replayed_kvittens(first)
    assert replay == first | {"dubblett": True}
    assert ack.http_status(replay) == 200


def test_a_rejected_message_is_never_replayed() -> None:
    rejected = ack.rejected_kvittens([ContractError("/x", ErrorCode.RULE)], meddelande_id=None, mottagen=RECEIVED)
    with pytest.raises(ValueError, match="replayed"):
        ack.replayed_kvittens(rejected)


def test_leveranser_follow_the_mottagare_one_each_in_order() -> None:
    with pytest.raises(ValueError, match="same order"):
        ack.accepted_kvittens(
            MESSAGE,
            mottagen=RECEIVED,
            gateway_referens=REFERENS,
            leveranser=[
                Leverans("SE2321000016-6VC3", Beslut.LEVERERAS),
                Leverans("SE2120000142-BIS20", Beslut.LEVERERAS),
            ],
        )


def test_gateway_referens_is_a_uuid() -> None:
    with pytest.raises(ValueError, match="UUID"):
        ack.accepted_kvittens(
            MESSAGE,
            mottagen=RECEIVED,
            gateway_referens="42",
            leveranser=[Leverans(u.hsa_id, Beslut.LEVERERAS) for u in MESSAGE.mottagare],
        )


@pytest.mark.parametrize(
    ("beslut", "orsak", "valid"),
    [
        (Beslut.LEVERERAS, None, True),
        (Beslut.LEVERERAS, Orsak.NO_ENDPOINT, False),
        (Beslut.LEVERERAS_REDIGERAD, None, True),
        (Beslut.NEKAS, Orsak.LEGAL_BASIS_MISSING, True),
        (Beslut.NEKAS, Orsak.CONSENT_WITHDRAWN, True),
        (Beslut.NEKAS, Orsak.SIGNIFICANT_HARM, True),
        (Beslut.NEKAS, None, False),
        (Beslut.NEKAS, Orsak.NO_ENDPOINT, False),
        (Beslut.MANUELL_KONTAKT, Orsak.NO_ENDPOINT, True),
        (Beslut.MANUELL_KONTAKT, None, False),
    ],
)
def test_a_decision_carries_exactly_the_reasons_section_2_allows(
    beslut: Beslut, orsak: Orsak | None, valid: bool
) -> None:
    if valid:
        assert Leverans("SE2321000016-6VC3", beslut, orsak).beslut is beslut
    else:
        with pytest.raises(ValueError, match="does not go with"):
            Leverans("SE2321000016-6VC3", beslut, orsak)


def test_deviation_codes_are_those_of_section_2() -> None:
    assert [
        d.to_dict()["kod"] for d in (Avvikelse.unknown_case(), Avvikelse.out_of_sequence(), Avvikelse.late("R-03"))
    ] == [
        "unknown-case",
        "out-of-sequence",
        "late",
    ]
    assert "R-03" in Avvikelse.late("R-03", "kvittens efter 24 timmar").text


def test_a_rejection_lists_every_error_and_a_null_id_when_unreadable() -> None:
    result = codec.parse(b"\xff", received_at=RECEIVED)
    assert isinstance(result, Rejected)
    kvittens = ack.rejected_kvittens(result.errors, meddelande_id=result.meddelande_id, mottagen=RECEIVED)
    assert kvittens["meddelandeId"] is None
    assert kvittens["fel"] == [{"pekare": "", "kod": "encoding", "text": "Meddelandet är inte giltig UTF-8."}]
    assert ack.http_status(kvittens) == 400
    with pytest.raises(ValueError, match="at least one"):
        ack.rejected_kvittens([], meddelande_id=None, mottagen=RECEIVED)


def test_a_kvittens_naming_a_lone_surrogate_still_renders_as_utf_8_json() -> None:
    body = valid("INSKRIVNINGSMEDDELANDE")
    body["\ud800"] = 1
    result = codec.parse(encode(body), received_at=RECEIVED)
    assert isinstance(result, Rejected)
    rendered = ack.render_kvittens(
        ack.rejected_kvittens(result.errors, meddelande_id=result.meddelande_id, mottagen=RECEIVED)
    )
    assert json.loads(rendered.decode("utf-8"))["fel"][0] == {
        "pekare": "/\ud800",
        "kod": "unknown-member",
        "text": "Elementet är inte definierat här.",
    }
