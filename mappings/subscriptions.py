"""Topic-based Subscriptions (R4 Subscriptions Backport IG, profile ``backport-subscription``): the rules a
Subscription must meet here, its reading into a ``SubscriptionSpec``, and the filters.

Rules (422, each issue naming its element): ``criteria`` is one of our topic canonicals; ``channel.type``
is ``rest-hook`` (no custom channel type); ``channel.endpoint`` is an http(s) URL; ``channel.payload`` is
``application/fhir+json`` with the ``backport-payload-content`` extension (empty | id-only | full-resource);
``backport-heartbeat-period`` and ``backport-timeout`` are positive; every ``channel.header`` is
``Name: value`` and names none of the headers the gateway sets itself; the optional secret reference
(extension ``endpoint-secret`` on ``channel``, ``env:NAME`` as on Endpoint) enables the HMAC signature.

Filters (``criteria`` extension ``backport-filter-criteria``, each a ``valueString``; several are ANDed)::

    [EpisodeOfCare?]name=value[,value…][&name=value…]

``name`` is ``receiver`` (a receiving unit's HSA-id), ``sender`` (the sending unit's HSA-id) or
``municipality`` (the patient's kommunkod). Values of one parameter are ORed, parameters ANDed; a value may
carry its system (``urn:oid:1.2.752.29.4.19|SE…``, ``urn:oid:1.2.752.129.2.2.1.17|0180``). Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

from discharge.case import Case
from discharge.events import DischargeEvent
from mappings.codes import HSA_ID, KOMMUNKOD, STRUCTURE_BASE
from mappings.subscription_topics import FILTER_PARAMETERS, Topic, topic_by_url
from profiles.issues import Issue

BACKPORT_SD: Final = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition"
BACKPORT_PROFILE: Final = f"{BACKPORT_SD}/backport-subscription"
FILTER_CRITERIA: Final = f"{BACKPORT_SD}/backport-filter-criteria"
PAYLOAD_CONTENT: Final = f"{BACKPORT_SD}/backport-payload-content"
HEARTBEAT_PERIOD: Final = f"{BACKPORT_SD}/backport-heartbeat-period"
TIMEOUT: Final = f"{BACKPORT_SD}/backport-timeout"
MAX_COUNT: Final = f"{BACKPORT_SD}/backport-max-count"
CHANNEL_TYPE: Final = f"{BACKPORT_SD}/backport-channel-type"
SECRET: Final = f"{STRUCTURE_BASE}/endpoint-secret"
CONTENTS: Final = ("empty", "id-only", "full-resource")
FHIR_JSON: Final = "application/fhir+json"
# Headers the gateway sets on every delivery (or HTTP owns): a channel.header may not replace them.
RESERVED_HEADERS: Final = frozenset({
    "content-type", "content-length", "host", "transfer-encoding", "connection", "x-message-id", "x-signature",
    "x-delivery-attempt", "x-correlation-id", "traceparent",
})  # fmt: skip
_HEADER = re.compile(r"^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*([^\r\n]*)$")
_HSA = re.compile(r"^SE\d{10}-[A-Za-z0-9]{1,18}$")
_KOMMUNKOD = re.compile(r"^\d{4}$")
_SYSTEMS: Final = {"receiver": HSA_ID, "sender": HSA_ID, "municipality": KOMMUNKOD}


@dataclass(frozen=True, slots=True)
class Filter:
    name: str  # receiver | sender | municipality
    values: frozenset[str]


@dataclass(frozen=True, slots=True)
class SubscriptionSpec:
    id: str
    status: str  # requested | active | error | off
    topic: Topic
    filters: tuple[Filter, ...]
    content: str  # empty | id-only | full-resource
    endpoint: str
    headers: tuple[tuple[str, str], ...]
    heartbeat_s: int | None
    timeout_s: int | None
    secret_ref: str | None
    end: str | None
    error: str | None


@dataclass(frozen=True, slots=True)
class EventFacts:
    """What filters look at, for one event (or one overdue notice)."""

    receivers: frozenset[str]
    sender: str | None
    municipality: str | None


def _issue(expression: str, message: str, code: str = "invalid") -> Issue:
    return Issue("error", code, expression, message, BACKPORT_PROFILE)


def _extensions(element: Any, url: str) -> list[dict[str, Any]]:
    items = element.get("extension", []) if isinstance(element, dict) else []
    return [e for e in items if isinstance(e, dict) and e.get("url") == url]


def _value(element: Any, url: str, key: str) -> Any:
    return next((e.get(key) for e in _extensions(element, url)), None)


def parse_filter(text: str, topic: Topic) -> list[Filter] | str:
    """The filters of one filter-criteria string, or why it cannot be used."""
    prefix, sep, query = text.partition("?")
    if not sep:
        query = prefix
    elif prefix not in ("EpisodeOfCare", topic.focus):
        return f"filters apply to {topic.focus}, not {prefix!r}"
    filters = []
    for pair in filter(None, query.split("&")):
        name, eq, raw = pair.partition("=")
        if not eq or name not in FILTER_PARAMETERS:
            return f"unsupported filter {pair!r}: use {', '.join(FILTER_PARAMETERS)} (name=value)"
        values = set()
        for item in raw.split(","):
            system, bar, code = item.rpartition("|")
            if bar and system != _SYSTEMS[name]:
                return f"{name} values are of system {_SYSTEMS[name]}, not {system!r}"
            pattern = _KOMMUNKOD if name == "municipality" else _HSA
            if not pattern.match(code):
                return f"{code!r} is not a valid {'kommunkod' if name == 'municipality' else 'HSA-id'}"
            values.add(code)
        filters.append(Filter(name, frozenset(values)))
    return filters or "an empty filter"


def _criteria(resource: dict[str, Any]) -> tuple[Topic | None, list[Filter], list[Issue]]:
    topic = topic_by_url(resource.get("criteria"))
    if topic is None:
        text = "criteria must be the canonical URL of one of this server's SubscriptionTopics (CapabilityStatement)"
        return None, [], [_issue("Subscription.criteria", text, "not-supported")]
    filters, issues = [], []
    for i, ext in enumerate(_extensions(resource.get("_criteria"), FILTER_CRITERIA)):
        parsed = parse_filter(str(ext.get("valueString", "")), topic)
        if isinstance(parsed, str):
            issues.append(_issue(f"Subscription.criteria.extension[{i}]", parsed, "not-supported"))
        else:
            filters += parsed
    return topic, filters, issues


def _headers(channel: dict[str, Any]) -> tuple[list[tuple[str, str]], list[Issue]]:
    headers, issues = [], []
    for i, line in enumerate(channel.get("header", [])):
        match = _HEADER.match(line) if isinstance(line, str) else None
        if match is None or match.group(1).lower() in RESERVED_HEADERS:
            issues.append(_issue(f"Subscription.channel.header[{i}]", "a header must be 'Name: value' and not one "
                                 f"the gateway sets ({', '.join(sorted(RESERVED_HEADERS))})"))  # fmt: skip
        else:
            headers.append((match.group(1), match.group(2).strip()))
    return headers, issues


def _positive(channel: dict[str, Any], url: str, key: str, name: str) -> tuple[int | None, list[Issue]]:
    value = _value(channel, url, key)
    if value is None:
        return None, []
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        return None, [_issue(f"Subscription.channel.extension[{name}]", f"{name} must be a positive number of seconds")]
    return value, []


def _channel_checks(channel: dict[str, Any]) -> Iterator[Issue]:
    if channel.get("type") != "rest-hook" or _extensions(channel.get("_type"), CHANNEL_TYPE):
        yield _issue("Subscription.channel.type", "only channel type rest-hook is supported", "not-supported")
    if not re.match(r"^https?://[^\s]+$", str(channel.get("endpoint", ""))):
        yield _issue("Subscription.channel.endpoint", "a rest-hook needs an http(s) endpoint URL", "required")
    if str(channel.get("payload", "")).split(";")[0].strip() != FHIR_JSON:
        yield _issue("Subscription.channel.payload", f"the payload must be {FHIR_JSON}", "not-supported")
    if _value(channel.get("_payload"), PAYLOAD_CONTENT, "valueCode") not in CONTENTS:
        yield _issue("Subscription.channel.payload.extension[backport-payload-content]",
                     f"payload content is required: one of {', '.join(CONTENTS)}", "required")  # fmt: skip
    secret = _value(channel, SECRET, "valueString")
    if secret is not None and not str(secret).startswith("env:"):
        yield _issue("Subscription.channel.extension[endpoint-secret]", "a secret reference is env:NAME")


def read_subscription(resource: dict[str, Any]) -> tuple[SubscriptionSpec | None, list[Issue]]:
    """The Subscription as the gateway uses it, or (None, every reason it cannot be used)."""
    channel = resource.get("channel") if isinstance(resource.get("channel"), dict) else {}
    assert isinstance(channel, dict)
    topic, filters, issues = _criteria(resource)
    issues += list(_channel_checks(channel))
    headers, header_issues = _headers(channel)
    heartbeat, heartbeat_issues = _positive(channel, HEARTBEAT_PERIOD, "valueUnsignedInt", "backport-heartbeat-period")
    timeout, timeout_issues = _positive(channel, TIMEOUT, "valueUnsignedInt", "backport-timeout")
    issues += header_issues + heartbeat_issues + timeout_issues
    if issues or topic is None:
        return None, issues
    spec = SubscriptionSpec(
        id=str(resource.get("id", "")), status=str(resource.get("status", "")), topic=topic, filters=tuple(filters),
        content=str(_value(channel.get("_payload"), PAYLOAD_CONTENT, "valueCode")), endpoint=str(channel["endpoint"]),
        headers=tuple(headers), heartbeat_s=heartbeat, timeout_s=timeout,
        secret_ref=_value(channel, SECRET, "valueString"), end=resource.get("end"), error=resource.get("error"),
    )  # fmt: skip
    return spec, []


def subscription_issues(resource: dict[str, Any]) -> list[Issue]:
    """The gateway's Subscription rules as validation issues (non-base: a write that breaks them is 422)."""
    return read_subscription(resource)[1] if resource.get("resourceType") == "Subscription" else []


def event_facts(event: DischargeEvent, case: Case) -> EventFacts:
    patient = event.patient or case.patient
    return EventFacts(
        receivers=frozenset(u.hsa_id for u in event.recipients),
        sender=event.sender.hsa_id,
        municipality=patient.registered_address.municipality_code if patient is not None else None,
    )


def notice_facts(notice: dict[str, Any], case: Case) -> EventFacts:
    """Facts of an overdue Communication: its recipient is the receiver; the gateway itself is the sender."""
    receivers = frozenset(
        str(r["identifier"]["value"])
        for r in notice.get("recipient", [])
        if isinstance(r.get("identifier"), dict) and r["identifier"].get("value")
    )
    municipality = case.patient.registered_address.municipality_code if case.patient is not None else None
    return EventFacts(receivers=receivers, sender=None, municipality=municipality)


def matches(filters: tuple[Filter, ...], facts: EventFacts) -> bool:
    for item in filters:
        have = {"receiver": facts.receivers, "sender": {facts.sender}, "municipality": {facts.municipality}}[item.name]
        if not have & item.values:
            return False
    return True
