"""§1 checks outside the body: media type, size limit and the authenticated sender."""

from __future__ import annotations

import pytest

from adapters.cosmic_link import (
    ErrorCode,
    media_type_error,
    parse,
    sender_authorisation_error,
    sender_organisation_number,
)
from tests.unit.adapters.cosmic_link.support import ADMISSION, RECEIVED_AT, encode, load, mutated


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "Application/JSON", "application/json; charset=utf-8", 'application/json;charset="UTF-8"'],
)
def test_json_in_utf_8_is_accepted(content_type):
    assert media_type_error(content_type) is None


@pytest.mark.parametrize(
    "content_type", [None, "", "text/json", "application/json-patch+json", "application/json; charset=latin-1"]
)
def test_anything_else_is_media_type_at_the_root(content_type):
    error = media_type_error(content_type)

    assert error is not None
    assert (error.pointer, error.code) == ("", ErrorCode.MEDIA_TYPE)


def message(extension: str = "SE2321000156-BUP7"):
    result = parse(
        encode(mutated(load(ADMISSION), ("/header/sender/id/extension", extension))), received_at=RECEIVED_AT
    )
    assert result.message is not None
    return result.message


@pytest.mark.parametrize("authenticated", ["2321000156", "232100-0156", "162321000156"])
def test_the_sender_must_be_the_authenticated_organisation(authenticated):
    assert sender_organisation_number(message()) == "2321000156"
    assert sender_authorisation_error(message(), authenticated_organisation_number=authenticated) is None
    assert (
        sender_authorisation_error(message("SE162321000156-BUP7"), authenticated_organisation_number=authenticated)
        is None
    )


def test_another_organisation_is_not_authorised():
    error = sender_authorisation_error(message(), authenticated_organisation_number="2120001777")

    assert error is not None
    assert (error.pointer, error.code) == ("/header/sender/id/extension", ErrorCode.SENDER_NOT_AUTHORISED)
