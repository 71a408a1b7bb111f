"""The checks of §1 that need more than the body: size, media type and the sender's authorisation.

Role: pure functions the gateway calls with what it knows (the ``Content-Type`` header, the organisation
number it authenticated by mTLS or OAuth) and that answer with the contract's error (``too-large``,
``media-type``, ``sender-not-authorised``) or ``None``. Boundary: no HTTP objects; status codes are
``ack.http_status``'s.
"""

from __future__ import annotations

import re

from adapters.cosmic_link.errors import ContractError, ErrorCode
from adapters.cosmic_link.message import Message

__all__ = [
    "MAX_BODY_BYTES",
    "media_type_error",
    "sender_authorisation_error",
    "sender_organisation_number",
    "size_error",
]

MAX_BODY_BYTES = 1_048_576  # §1: larger bodies → 413 too-large
_MEDIA_TYPE = "application/json"
_CHARSET = "utf-8"
_ORGANISATION_NUMBER = re.compile(r"SE(?:16)?([0-9]{10})-")


def size_error(length: int) -> ContractError | None:
    if length > MAX_BODY_BYTES:
        return ContractError("", ErrorCode.TOO_LARGE, f"the body exceeds {MAX_BODY_BYTES} bytes")
    return None


def media_type_error(content_type: str | None) -> ContractError | None:
    """§1: ``application/json``; a ``charset`` parameter, if present, MUST be ``utf-8`` (both case-insensitive)."""
    if content_type is None:
        return ContractError("", ErrorCode.MEDIA_TYPE, "Content-Type application/json is required")
    media_type, *parameters = content_type.split(";")
    if media_type.strip().lower() != _MEDIA_TYPE:
        return ContractError("", ErrorCode.MEDIA_TYPE, "Content-Type must be application/json")
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() != _CHARSET:
            return ContractError("", ErrorCode.MEDIA_TYPE, "charset must be utf-8")
    return None


def sender_organisation_number(message: Message) -> str:
    """The 10-digit organisation number inside ``header.sender.id.extension`` (after ``SE`` and ``16``)."""
    match = _ORGANISATION_NUMBER.match(message.header.sender.id.extension)
    assert match is not None, "a valid message's HSA-id holds an organisation number"
    return match[1]


def sender_authorisation_error(message: Message, *, authenticated_organisation_number: str) -> ContractError | None:
    """§1: the sender's organisation number MUST be the authenticated organisation's (else 403)."""
    authenticated = authenticated_organisation_number.replace("-", "")
    if authenticated.startswith("16") and len(authenticated) == 12:  # "16" + number, as in an HSA-id
        authenticated = authenticated[2:]
    if sender_organisation_number(message) == authenticated:
        return None
    return ContractError(
        "/header/sender/id/extension",
        ErrorCode.SENDER_NOT_AUTHORISED,
        "the sender is not the authenticated organisation",
    )
