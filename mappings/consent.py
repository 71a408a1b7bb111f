"""Consent and harm assessment → Consent (M-24; the consent status of M-01): one Consent per disclosing sector.

Glossary: samtycke → Consent(scope = patient-privacy, status active → inactive); menprövning →
Consent(provision.type = permit / deny) — not a consent in law, so the exact §4.2 status travels as the
``category`` (consent-status CodeSystem) and ``status``/``provision.type`` follow from it. The policy is
Lag (2017:612) (ppc-1 needs a policy). One Consent per case and sector (§4.2: a record per disclosing
sector), replaced by each newer statement; ``case_consent`` picks the latest one from the case.
"""

from __future__ import annotations

from discharge.admission_events import AdmissionNotice
from discharge.case import Case
from discharge.codes import ConsentGivenBy, ConsentStatus, Purpose, Sector
from discharge.discharge_events import ConsentChanged
from mappings.codes import CONSENT_SCOPE, LAW_2017_612, code_of, resource_id, system_of
from mappings.fields import DATETIME, Many, bind, coding, concept, field
from mappings.paths import Item, path
from mappings.spec import EventSpec, Links, Node, message_identifier

__all__ = ["CONSENT_CHANGED", "case_consent", "consent_id"]

_STATUS = {ConsentStatus.NOT_ASKED: "proposed", ConsentStatus.WITHDRAWN: "inactive"}  # otherwise active
_PROVISION = {
    ConsentStatus.GIVEN: "permit",
    ConsentStatus.HARM_ASSESSMENT_PERMITS: "permit",
    ConsentStatus.REFUSED: "deny",  # C-04: a harm assessment cannot override it
    ConsentStatus.HARM_ASSESSMENT_DENIES: "deny",
    ConsentStatus.WITHDRAWN: "deny",  # C-05
}


def consent_id(case_id: str, sector: Sector) -> str:
    return resource_id("consent", case_id, code_of(sector))


def _consent(event: ConsentChanged, links: Links) -> Node:
    node: Node = {
        "resourceType": "Consent",
        "id": consent_id(event.case_id, event.sector),
        "identifier": [message_identifier(event)],
        "status": _STATUS.get(event.status, "active"),
        "scope": {"coding": [{"system": CONSENT_SCOPE, "code": "patient-privacy"}]},
    }
    if links.patient is not None:
        node["patient"] = links.patient
    node["organization"] = [links.unit(event.sender)]
    node["policy"] = [{"uri": LAW_2017_612}]
    if event.status in _PROVISION:
        node["provision"] = {"type": _PROVISION[event.status]}
    return node


_PURPOSES = Item("purpose", {"system": system_of(Purpose)}, label="purpose")

# M-24 ConsentChanged → Consent (C-03, C-05, T14)
CONSENT_CHANGED = EventSpec(
    ConsentChanged,
    "Consent",
    _consent,
    bind(
        ConsentChanged,
        field("sector", "extension[disclosing-sector].valueCoding", coding(Sector), "§4.2"),
        field("status", "category[@consent-status]", concept(ConsentStatus), "D3, §4.2"),
        field("effective_at", "dateTime", DATETIME),
        field("given_by", "extension[consent-given-by].valueCoding", coding(ConsentGivenBy), "CH-02"),
        field("purposes", path("provision", _PURPOSES), Many(coding(Purpose)), "empty: every purpose"),
    ),
)


def _from_notice(notice: AdmissionNotice) -> ConsentChanged:
    """M-01's consent status is inpatient care's record (C-06)."""
    return ConsentChanged(
        message_id=notice.message_id,
        case_id=notice.case_id,
        sender=notice.sender,
        recipients=notice.recipients,
        sent_at=notice.sent_at,
        region=notice.region,
        sector=Sector.INPATIENT,
        status=notice.consent,
        effective_at=notice.consent_documented_at or notice.sent_at,
    )


def case_consent(case: Case, sector: Sector, links: Links) -> Node | None:
    """The Consent of ``sector``: its latest M-24, or for inpatient care the latest M-01's status."""
    latest: ConsentChanged | None = None
    for entry in case.history:
        event = entry.event
        if isinstance(event, ConsentChanged) and event.sector is sector:
            latest = event
        elif isinstance(event, AdmissionNotice) and sector is Sector.INPATIENT:
            latest = _from_notice(event)
    return CONSENT_CHANGED.to_resource(latest, links) if latest is not None else None
