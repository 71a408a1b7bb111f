"""Webhook headers per payload format: message id, HMAC-SHA256 over the exact body bytes with the
endpoint's secret, attempt number (contracts §5), plus correlation and W3C trace context."""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping

# format → (message-id header, signature header, attempt header)
_HEADERS = {
    "lifecare": ("X-Meddelande-Id", "X-Signatur", "X-Leveransforsok"),
    "cosmic-link": ("X-Message-Id", "X-Signature", "X-Delivery-Attempt"),
    "fhir": ("X-Message-Id", "X-Signature", "X-Delivery-Attempt"),
}
CONTENT_TYPES = {
    "lifecare": "application/json; charset=utf-8",
    "cosmic-link": "application/json; charset=utf-8",
    "fhir": "application/fhir+json; charset=utf-8",
}


class SecretMissing(LookupError):
    pass


def signature(body: bytes, secrets: list[bytes]) -> str:
    """``sha256=<hex>``; during a key rotation one value per secret, comma-separated."""
    return ",".join(f"sha256={hmac.new(s, body, hashlib.sha256).hexdigest()}" for s in secrets)


def resolve_secrets(ref: str | None, env: Mapping[str, str] = os.environ) -> list[bytes]:
    """``env:NAME`` (comma-separated values for rotation). The directory stores references, never secrets."""
    if not ref or not ref.startswith("env:"):
        raise SecretMissing(f"unsupported secret reference {ref!r}")
    value = env.get(ref.removeprefix("env:"))
    if not value:
        raise SecretMissing(f"secret {ref} is not set")
    return [part.encode() for part in value.split(",") if part]


def webhook_headers(
    fmt: str, *, message_id: str, body: bytes, secrets: list[bytes], attempt: int, correlation_id: str, traceparent: str
) -> dict[str, str]:
    """Without ``secrets`` (an unsigned Subscription channel) there is no signature header."""
    id_header, signature_header, attempt_header = _HEADERS[fmt]
    headers = {
        "Content-Type": CONTENT_TYPES[fmt],
        id_header: message_id,
        signature_header: signature(body, secrets),
        attempt_header: str(attempt),
        "X-Correlation-ID": correlation_id,
        "traceparent": traceparent,
    }
    if not secrets:
        del headers[signature_header]
    return headers
