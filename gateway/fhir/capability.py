"""The CapabilityStatement: exactly what this server implements (built from the same tables
the routes and the search parser use, so it cannot drift from the code)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

from gateway.search.parameters import SearchRegistry
from mappings.subscription_topics import TOPICS
from mappings.subscriptions import BACKPORT_PROFILE

SUPPORTED_TYPES: tuple[str, ...] = (
    "Appointment",
    "AuditEvent",
    "CarePlan",
    "CareTeam",
    "Communication",
    "CommunicationRequest",
    "Consent",
    "Endpoint",
    "Encounter",
    "EpisodeOfCare",
    "Location",
    "HealthcareService",
    "MessageHeader",
    "Organization",
    "Patient",
    "Practitioner",
    "PractitionerRole",
    "Provenance",
    "RelatedPerson",
    "Subscription",
    "Task",
)
_PROFILES: Final = "https://discharge-gateway.example.se/fhir/StructureDefinition/"
# Every write of these types must conform to these profiles (422 otherwise); docs/adr/0002.
MANDATED_PROFILES: Final[Mapping[str, tuple[str, ...]]] = {
    "Patient": (_PROFILES + "se-patient",),
    "Organization": (_PROFILES + "se-organization",),
    "Practitioner": (_PROFILES + "se-practitioner",),
    "PractitionerRole": (_PROFILES + "se-practitioner-role",),
    "Encounter": (_PROFILES + "discharge-encounter",),
    "EpisodeOfCare": (_PROFILES + "discharge-episode-of-care",),
    "Task": (_PROFILES + "discharge-task",),
    "Communication": (_PROFILES + "discharge-communication",),
    "CommunicationRequest": (_PROFILES + "discharge-communication-request",),
    "CarePlan": (_PROFILES + "discharge-careplan",),
    "Consent": (_PROFILES + "discharge-consent",),
    "Appointment": (_PROFILES + "discharge-appointment",),
    "MessageHeader": (_PROFILES + "discharge-message-header",),
}
# Our definitions, read-only (gateway/fhir/conformance_routes.py), and the $validate operation.
CONFORMANCE_TYPES: Final = ("CodeSystem", "NamingSystem", "StructureDefinition", "ValueSet")
_VALIDATE: Final = {"name": "validate", "definition": "http://hl7.org/fhir/OperationDefinition/Resource-validate"}
_INTERACTIONS = (
    "read",
    "vread",
    "update",
    "delete",
    "history-instance",
    "history-type",
    "create",
    "search-type",
)
_SEARCHABLE = ("token", "uri", "string", "reference", "date")
# Topic-based Subscriptions (R4 Subscriptions Backport IG; gateway/subscriptions): topics, profile, operations.
_BACKPORT: Final = "http://hl7.org/fhir/uv/subscriptions-backport"
_SUBSCRIPTION: Final = {
    "extension": [
        {"url": f"{_BACKPORT}/StructureDefinition/capabilitystatement-subscriptiontopic-canonical",
         "valueCanonical": topic.url}
        for topic in TOPICS
    ],
    "supportedProfile": [BACKPORT_PROFILE],
    "operation": [
        _VALIDATE,
        {"name": "status", "definition": f"{_BACKPORT}/OperationDefinition/backport-subscription-status"},
        {"name": "events", "definition": f"{_BACKPORT}/OperationDefinition/backport-subscription-events"},
    ],
}  # fmt: skip
# The SubscriptionTopics as cross-version Basic resources (read-only).
_TOPICS_AS_BASIC: Final = {
    "type": "Basic",
    "profile": "http://hl7.org/fhir/StructureDefinition/Basic",
    "supportedProfile": ["http://hl7.org/fhir/5.0/StructureDefinition/profile-SubscriptionTopic"],
    "interaction": [{"code": "read"}, {"code": "search-type"}],
    "searchParam": [{"name": n, "type": t} for n, t in (("_id", "token"), ("url", "uri"), ("code", "token"))],
}


# Operations beyond CRUD and search. $process-message is the standard one; ours are defined under our
# canonical base (README "Process reports" and "Messages in, messages out" document their parameters).
_OURS: Final = "https://discharge-gateway.example.se/fhir/OperationDefinition/"
_SYSTEM_OPERATIONS: Final = (
    {"name": "process-message", "definition": "http://hl7.org/fhir/OperationDefinition/MessageHeader-process-message",
     "documentation": "FHIR messaging: a message Bundle in, a response message out; the same MessageHeader.id "
                      "again returns the first answer"},
    {"name": "payment-liability", "definition": f"{_OURS}payment-liability",
     "documentation": "Municipal payment liability per region, payer and month (Parameters)"},
    {"name": "kpi", "definition": f"{_OURS}kpi", "documentation": "Process KPIs per region and month (Parameters)"},
    {"name": "outbox", "definition": f"{_OURS}outbox", "documentation": "Deliveries and their state, no bodies"},
    {"name": "resend", "definition": f"{_OURS}resend", "documentation": "Put a dead letter back in line"},
)  # fmt: skip
_TYPE_OPERATIONS: Final[Mapping[str, tuple[dict[str, str], ...]]] = {
    "EpisodeOfCare": (
        {"name": "timeline", "definition": f"{_OURS}timeline",
         "documentation": "The case's events, states and deadlines (met, missed, overdue)"},
    ),
}  # fmt: skip


def _resource(resource_type: str, registry: SearchRegistry) -> dict[str, Any]:
    params = registry.params(resource_type)
    search = [
        {"name": "_id", "type": "token", "definition": "http://hl7.org/fhir/SearchParameter/Resource-id"},
        {
            "name": "_lastUpdated",
            "type": "date",
            "definition": "http://hl7.org/fhir/SearchParameter/Resource-lastUpdated",
        },
    ]
    for name in sorted(params):
        param = params[name]
        if name in ("_id", "_lastUpdated") or param.type not in _SEARCHABLE:
            continue
        item = {"name": name, "type": param.type}
        if param.url:
            item["definition"] = param.url
        search.append(item)
    includes = sorted(f"{resource_type}:{n}" for n, p in params.items() if p.type == "reference")
    return {
        "type": resource_type,
        "profile": f"http://hl7.org/fhir/StructureDefinition/{resource_type}",
        "interaction": [{"code": code} for code in _INTERACTIONS],
        "versioning": "versioned-update",
        "readHistory": True,
        "updateCreate": True,
        "conditionalCreate": True,
        "conditionalRead": "not-match",  # If-None-Match → 304
        "conditionalUpdate": False,
        "conditionalDelete": "not-supported",
        "referencePolicy": ["literal", "logical", "local", "enforced"],  # relative references must resolve (422)
        **({"searchInclude": includes} if includes else {}),
        "searchParam": search,
        **({"supportedProfile": list(MANDATED_PROFILES[resource_type])} if resource_type in MANDATED_PROFILES else {}),
        "operation": [_VALIDATE, *_TYPE_OPERATIONS.get(resource_type, ())],
        **(_SUBSCRIPTION if resource_type == "Subscription" else {}),
    }


def _conformance_resource(resource_type: str) -> dict[str, Any]:
    return {
        "type": resource_type,
        "profile": f"http://hl7.org/fhir/StructureDefinition/{resource_type}",
        "interaction": [{"code": "read"}, {"code": "search-type"}],
        "searchParam": [
            {"name": name, "type": kind} for name, kind in (("_id", "token"), ("url", "uri"), ("name", "string"))
        ]
        + [{"name": "status", "type": "token"}, {"name": "version", "type": "token"}],
        "operation": [_VALIDATE],
    }


def capability_statement(
    *, base: str, software_version: str, date: str, types: Iterable[str], registry: SearchRegistry
) -> dict[str, Any]:
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": date,
        "publisher": "Discharge-coordination FHIR gateway",
        "kind": "instance",
        "software": {"name": "discharge-gateway", "version": software_version},
        "implementation": {"description": "Swedish discharge-coordination FHIR gateway", "url": base},
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json", "json"],
        "rest": [
            {
                "mode": "server",
                "documentation": (
                    "Search: token, string (:exact, :contains), reference, date and uri parameters with "
                    ":missing and (tokens) :not; one level of chaining on reference parameters "
                    "(patient.identifier=…); _count/_offset paging, _sort=[-]_lastUpdated|_id, "
                    "_include of reference parameters, _summary=count. Unknown parameters are reported in an "
                    "OperationOutcome entry, or rejected with Prefer: handling=strict. Writes are validated against "
                    "base R4, the profiles they declare and the supportedProfile of their type: 400 when not valid "
                    "FHIR, 422 when not conforming. $validate (type and instance level, optional profile) answers "
                    "200 with an OperationOutcome. Our StructureDefinitions, ValueSets, CodeSystems and "
                    "NamingSystems are read-only. Subscriptions: R4 Subscriptions Backport (rest-hook, "
                    "handshake, heartbeat, $status, $events); the topics are listed on Subscription and readable "
                    "as Basic."
                ),
                "resource": sorted(
                    [
                        *(_resource(t, registry) for t in types),
                        *(_conformance_resource(t) for t in CONFORMANCE_TYPES),
                        _TOPICS_AS_BASIC,
                    ],
                    key=lambda r: str(r["type"]),
                ),
                "interaction": [{"code": "transaction"}, {"code": "batch"}, {"code": "history-system"}],
                "operation": list(_SYSTEM_OPERATIONS),
            }
        ],
    }
