"""Transport-level checks of §1 as data: media type (415), body size (413), the authenticated sender (403).

Role: the gateway's inbound endpoint calls these around ``codec.parse`` (which also checks the size); each returns
the ``ContractError`` for the kvittens or None. Boundary: no HTTP objects — plain strings and numbers in.
"""

from __future__ import annotations

import re

from adapters.lifecare.errors import ContractError, ErrorCode
from adapters.lifecare.message import Meddelande
from adapters.lifecare.validation import MAX_BODY_BYTES

__all__ = ["check_body_size", "check_media_type", "check_sender", "organisation_number"]

_HSA_ORG = re.compile(r"SE(?:16)?([0-9]{10})-")
_ORG_DIGITS = 10
_CENTURY_PREFIX = "16"  # an organisation number may be written with the prefix 16 (12 digits)


def check_media_type(content_type: str | None) -> ContractError | None:
    """``application/json``, with a ``charset`` parameter only if it is ``utf-8`` (case-insensitive)."""
    if content_type is not None:
        media, *params = (part.strip() for part in content_type.split(";"))
        charsets = [
            value.strip().strip('"').lower()
            for key, _, value in (p.partition("=") for p in params)
            if key.strip().lower() == "charset"
        ]
        if media.lower() == "application/json" and all(charset == "utf-8" for charset in charsets):
            return None
    return ContractError("", ErrorCode.MEDIA_TYPE)


def check_body_size(length: int) -> ContractError | None:
    return ContractError("", ErrorCode.TOO_LARGE) if length > MAX_BODY_BYTES else None


def organisation_number(hsa_id: str) -> str | None:
    """The 10-digit organisation number inside an HSA-id (``SE`` [``16``] number ``-`` …), or None."""
    match = _HSA_ORG.match(hsa_id)
    return match.group(1) if match else None


def check_sender(message: Meddelande, authenticated_organisation: str) -> ContractError | None:
    """§1: the organisation number in ``avsandare.hsaId`` must be the authenticated one (any spelling of it:
    ``232100-0016``, ``2321000016``, ``162321000016``)."""
    digits = re.sub(r"[^0-9]", "", authenticated_organisation)
    if len(digits) == _ORG_DIGITS + len(_CENTURY_PREFIX) and digits.startswith(_CENTURY_PREFIX):
        digits = digits[len(_CENTURY_PREFIX) :]
    if organisation_number(message.avsandare.hsa_id) == digits:
        return None
    return ContractError("/avsandare/hsaId", ErrorCode.SENDER_NOT_AUTHORISED)
