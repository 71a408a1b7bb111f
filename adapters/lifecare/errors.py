"""Contract errors as data (§7.6) and the package's exceptions.

Role: ``ContractError`` is one item of the kvittens's ``fel`` array (``pekare``, ``kod``, ``text``); validation
collects them and never raises them. Exceptions are for programming faults and for events this contract cannot
express::

    LifecareError (ValueError)
    └── RenderError     an event lacks what a Lifecare SP–style message needs, or has no counterpart here

Boundary: no HTTP; the status of an outcome is ``ack.http_status``. Texts never quote the offending value
(kvittenser are logged and values may be personal data).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "ContractError",
    "ErrorCode",
    "LifecareError",
    "RenderError",
    "child_pointer",
    "escape_pointer_token",
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


_DEFAULT_TEXT: dict[ErrorCode, str] = {
    ErrorCode.ENCODING: "Meddelandet är inte giltig UTF-8.",
    ErrorCode.JSON_SYNTAX: "Meddelandet är inte en välformad JSON-text.",
    ErrorCode.TYPE: "Fel JSON-typ.",
    ErrorCode.UNSUPPORTED_VERSION: "Versionen stöds inte.",
    ErrorCode.UNKNOWN_TYPE: "Okänd meddelandetyp.",
    ErrorCode.REQUIRED: "Obligatoriskt element saknas.",
    ErrorCode.UNKNOWN_MEMBER: "Elementet är inte definierat här.",
    ErrorCode.ENUM: "Värdet är inte tillåtet.",
    ErrorCode.FORMAT: "Värdet har fel format.",
    ErrorCode.CHECKSUM: "Kontrollsiffran stämmer inte.",
    ErrorCode.UNKNOWN_CODE: "Koden finns inte i kodverket.",
    ErrorCode.LENGTH: "Texten har fel längd.",
    ErrorCode.CARDINALITY: "Fel antal förekomster.",
    ErrorCode.DUPLICATE: "Värdet förekommer redan.",
    ErrorCode.INVALID_CHAR: "Texten innehåller ett otillåtet tecken.",
    ErrorCode.RANGE: "Värdet ligger utanför tillåtet intervall.",
    ErrorCode.RULE: "Värdet bryter mot en regel i kontraktet.",
    ErrorCode.CONSENT_REQUIRED: "Samtycke krävs.",
    ErrorCode.ID_CONFLICT: "Meddelande-id:t har redan använts för ett annat innehåll.",
    ErrorCode.TOO_LARGE: "Meddelandet är för stort.",
    ErrorCode.MEDIA_TYPE: "Fel medietyp; använd application/json med teckenkodning utf-8.",
    ErrorCode.SENDER_NOT_AUTHORISED: "Avsändaren tillhör inte den autentiserade organisationen.",
}


@dataclass(frozen=True, slots=True)
class ContractError:
    """One ``fel[]`` item: an RFC 6901 pointer into the message (§7.5), a §7.6 code and a text for people."""

    pointer: str
    code: ErrorCode
    text: str = ""

    def __post_init__(self) -> None:
        if not self.text:
            object.__setattr__(self, "text", _DEFAULT_TEXT[self.code])

    def to_dict(self) -> dict[str, str]:
        """The kvittens form ``{"pekare", "kod", "text"}``."""
        return {"pekare": self.pointer, "kod": self.code.value, "text": self.text}


def escape_pointer_token(token: str) -> str:
    """RFC 6901 §3: ``~`` → ``~0``, ``/`` → ``~1``."""
    return token.replace("~", "~0").replace("/", "~1")


def child_pointer(parent: str, token: str | int) -> str:
    return f"{parent}/{escape_pointer_token(str(token))}"


class LifecareError(ValueError):
    """Root of the adapter's exceptions."""


class RenderError(LifecareError):
    """The event cannot become a valid Lifecare SP–style message (missing data, or no counterpart)."""
