"""Contract errors as data (§7.6) and the package's exceptions.

Role: ``ContractError`` is one item of the acknowledgement's ``errors`` array (pointer, code, message);
validation collects them, it never raises them. Exceptions are for programming faults and for events this
contract cannot express::

    CosmicLinkError (ValueError)
    └── UnrenderableEventError   an event lacks what a message needs, or has no counterpart here

Boundary: no HTTP; the status of each code is ``ack.http_status``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "ContractError",
    "CosmicLinkError",
    "ErrorCode",
    "UnrenderableEventError",
    "escape_pointer_token",
    "pointer",
]


class ErrorCode(StrEnum):
    """§7.6, in the contract's order."""

    ENCODING = "encoding"
    JSON_SYNTAX = "json-syntax"
    TYPE = "type"
    UNSUPPORTED_VERSION = "unsupported-version"
    UNKNOWN_TYPE = "unknown-type"
    REQUIRED = "required"
    UNKNOWN_MEMBER = "unknown-member"
    ENUM = "enum"
    FORMAT = "format"
    CHECKSUM = "checksum"
    UNKNOWN_CODE = "unknown-code"
    LENGTH = "length"
    CARDINALITY = "cardinality"
    DUPLICATE = "duplicate"
    INVALID_CHAR = "invalid-char"
    RANGE = "range"
    RULE = "rule"
    CONSENT_REQUIRED = "consent-required"
    ID_CONFLICT = "id-conflict"
    TOO_LARGE = "too-large"
    MEDIA_TYPE = "media-type"
    SENDER_NOT_AUTHORISED = "sender-not-authorised"


@dataclass(frozen=True, slots=True)
class ContractError:
    """One ``errors[]`` item: an RFC 6901 pointer into the message, a §7.6 code and a human-readable message.

    Messages never quote the offending value: acknowledgements are logged, values may be personal data.
    """

    pointer: str
    code: ErrorCode
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"pointer": self.pointer, "code": self.code.value, "message": self.message}


class CosmicLinkError(ValueError):
    """Root of the adapter's exceptions."""


class UnrenderableEventError(CosmicLinkError):
    """The event cannot become a valid Cosmic Link–style message (missing data, or no counterpart)."""

    def __init__(self, reason: str, errors: Sequence[ContractError] = ()) -> None:
        self.reason = reason
        self.errors = tuple(errors)
        detail = "; ".join(f"{e.pointer} {e.code.value}" for e in self.errors)
        super().__init__(f"{reason}{': ' + detail if detail else ''}")


def escape_pointer_token(token: str) -> str:
    """RFC 6901 §3: ``~`` → ``~0``, ``/`` → ``~1``."""
    return token.replace("~", "~0").replace("/", "~1")


def pointer(*tokens: str | int) -> str:
    """The pointer of a path: ``pointer("body", "sections", 0)`` → ``/body/sections/0``; ``pointer()`` → ``""``."""
    return "".join("/" + escape_pointer_token(str(token)) for token in tokens)
