"""Subscription topics of the discharge process (R4 Subscriptions Backport IG, STU 1.1).

R4 has no SubscriptionTopic resource: a topic is a canonical URL that ``Subscription.criteria`` names.
The gateway publishes each topic as a read-only ``Basic`` (``code`` = fhir-types#SubscriptionTopic, with
the R5 cross-version extensions, as the IG's R4 example ``Basic/r4-encounter-complete`` does) and lists
the canonicals in the CapabilityStatement (``capabilitystatement-subscriptiontopic-canonical``).

One topic per event family; an event may belong to several topics (an acknowledgement of a SIP
invitation is in ``acknowledgement`` and ``sip``). Every process-event topic's focus is the case's
EpisodeOfCare; ``deadline-overdue`` is fired by a deadline timer and its focus is the overdue
Communication. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from discharge.event_base import MessageType
from mappings.codes import CANONICAL_BASE, DISCHARGE_EVENT, PROCESS_STEPS

TOPIC_BASE: Final = f"{CANONICAL_BASE}/SubscriptionTopic"
FHIR_TYPES: Final = "http://hl7.org/fhir/fhir-types"
ARTIFACT_URL: Final = "http://hl7.org/fhir/StructureDefinition/artifact-url"
ARTIFACT_STATUS: Final = "http://hl7.org/fhir/StructureDefinition/artifact-status"
R5_TOPIC: Final = "http://hl7.org/fhir/5.0/StructureDefinition/extension-SubscriptionTopic"
TOPIC_PROFILE: Final = "http://hl7.org/fhir/5.0/StructureDefinition/profile-SubscriptionTopic"
FILTER_PARAMETERS: Final = {
    "receiver": "HSA-id of a receiving unit of the event (overdue: the unit the notice is addressed to)",
    "sender": "HSA-id of the sending unit of the event (never matches an overdue notice)",
    "municipality": "kommunkod (4 digits) of the patient's registered address",
}
OVERDUE: Final = "deadline-overdue"
ANY_EVENT: Final = "process-event"
M = MessageType


@dataclass(frozen=True, slots=True)
class Topic:
    name: str  # the last segment of the canonical and the Basic id
    title: str
    description: str
    events: frozenset[MessageType]  # the process events it fires on (empty: deadline-overdue)
    focus: str = "EpisodeOfCare"

    @property
    def url(self) -> str:
        return f"{TOPIC_BASE}/{self.name}"


TOPICS: Final[tuple[Topic, ...]] = (
    Topic("admission-notice", "Admission notice", "An admission notice (M-01) was applied to a case.",
          frozenset({M.M01})),
    Topic("acknowledgement", "Acknowledgements",
          "A unit acknowledged an admission notice (M-02), a SIP invitation (M-10-ACK), a collaboration "
          "meeting (M-11-ACK) or a ready-for-discharge notice (M-12-ACK).",
          frozenset({M.M02, M.M10_ACK, M.M11_ACK, M.M12_ACK})),
    Topic("care-contact", "Care contact appointed", "A named care contact (fast vårdkontakt) was appointed (M-04).",
          frozenset({M.M04})),
    Topic("sip", "Coordinated individual plan (SIP)",
          "Initial SIP need (M-09), SIP invitation and its acknowledgement (M-10, M-10-ACK), SIP established or "
          "updated (M-18), SIP follow-up, revision or closure (M-19).",
          frozenset({M.M09, M.M10, M.M10_ACK, M.M18, M.M19})),
    Topic("ready-for-discharge", "Ready for discharge",
          "Ready for discharge (M-12), its acknowledgement (M-12-ACK) or its revocation (M-13).",
          frozenset({M.M12, M.M12_ACK, M.M13})),
    Topic("discharge", "Discharge", "Discharge or home-arrival time (M-14) or discharge information (M-17).",
          frozenset({M.M14, M.M17})),
    Topic(OVERDUE, "Deadline overdue",
          "A deadline of the process passed unfulfilled: the gateway wrote the overdue Communication to the "
          "responsible unit.", frozenset(), focus="Communication"),
    Topic(ANY_EVENT, "Any process event", "Any discharge-process event applied to a case (every message type).",
          frozenset(MessageType)),
)  # fmt: skip
_BY_URL: Final = {t.url: t for t in TOPICS}


def topic_by_url(url: str | None) -> Topic | None:
    return _BY_URL.get(url or "")


def topics_for(event_type: MessageType) -> tuple[Topic, ...]:
    return tuple(t for t in TOPICS if event_type in t.events)


def _ext(name: str, **value: Any) -> dict[str, Any]:
    return {"url": f"{R5_TOPIC}.{name}", **value}


def _filter_by(topic: Topic, parameter: str, description: str) -> dict[str, Any]:
    return _ext(
        "canFilterBy",
        extension=[
            {"url": "description", "valueMarkdown": description},
            {"url": "resource", "valueUri": topic.focus},
            {"url": "filterParameter", "valueString": parameter},
        ],
    )


def _triggers(topic: Topic) -> list[dict[str, Any]]:
    """One R5 ``eventTrigger`` per message type (``event`` is 1..1); the overdue topic is a ``resourceTrigger``."""
    resource = f"http://hl7.org/fhir/StructureDefinition/{topic.focus}"
    if not topic.events:
        return [
            _ext("resourceTrigger", extension=[
                {"url": "description", "valueMarkdown": topic.description},
                {"url": "resource", "valueUri": resource},
                {"url": "supportedInteraction", "valueCode": "create"},
            ])
        ]  # fmt: skip
    return [
        _ext("eventTrigger", extension=[
            {"url": "description", "valueMarkdown": f"{code}: {PROCESS_STEPS.get(code, code)}"},
            {"url": "event", "valueCodeableConcept": {"coding": [{"system": DISCHARGE_EVENT, "code": code}]}},
            {"url": "resource", "valueUri": resource},
        ])
        for code in sorted(e.value for e in topic.events)
    ]  # fmt: skip


def topic_to_basic(topic: Topic) -> dict[str, Any]:
    """The topic as a cross-version SubscriptionTopic on ``Basic`` (IG STU 1.1 R4 topic representation)."""
    return {
        "resourceType": "Basic",
        "id": topic.name,
        "meta": {"profile": [TOPIC_PROFILE]},
        "extension": [
            {"url": ARTIFACT_URL, "valueUri": topic.url},
            _ext("name", valueString=topic.name),
            _ext("title", valueString=topic.title),
            _ext("description", valueMarkdown=topic.description),
            *_triggers(topic),
            *(_filter_by(topic, name, text) for name, text in FILTER_PARAMETERS.items()),
            _ext("notificationShape", extension=[{"url": "resource", "valueUri": topic.focus}]),
        ],
        "modifierExtension": [{"url": ARTIFACT_STATUS, "valueCode": "active"}],
        "code": {"coding": [{"system": FHIR_TYPES, "code": "SubscriptionTopic"}]},
    }
