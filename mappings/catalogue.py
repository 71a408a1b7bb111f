"""Every neutral event type's ``EventSpec``, by type code: the one table message.py, resources.py,
rest.py and the generated docs (docs/mappings/messages.md) all read."""

from __future__ import annotations

from discharge.event_base import MessageType
from mappings.appointment import COLLABORATION_MEETING_INVITATION, INITIAL_SIP_AT_HOSPITAL, SIP_INVITATION
from mappings.careplan import SIP_ESTABLISHED
from mappings.careteam import CARE_CONTACT_APPOINTED
from mappings.communication import (
    ACKNOWLEDGEMENTS,
    ADMISSION_NOTICE_ACKNOWLEDGED,
    ESTIMATED_DISCHARGE_DATE_CHANGED,
    LEAVE,
    PLANNING_DOCUMENTATION,
    STATUS_BEFORE_DISCHARGE,
    STATUS_ON_ADMISSION,
)
from mappings.communication_discharge import (
    DISCHARGE_INFORMATION,
    DISCHARGE_TIME,
    GENERAL_MESSAGE,
    PATIENT_DECEASED,
    READY_FOR_DISCHARGE_REVOKED,
    SIP_FOLLOW_UP,
)
from mappings.consent import CONSENT_CHANGED
from mappings.encounter import ADMISSION_NOTICE, NEED_IDENTIFIED
from mappings.episode import PROCESS_CLOSED
from mappings.patient import PERSONAL_DATA_UPDATED
from mappings.spec import EventSpec
from mappings.task import FOLLOW_UP_CONTACT, OUTPATIENT_NURSE_REQUEST, READY_FOR_DISCHARGE, REFERRAL

__all__ = ["SPECS"]

SPECS: dict[MessageType, EventSpec] = {
    spec.type: spec
    for spec in (
        NEED_IDENTIFIED,
        ADMISSION_NOTICE,
        ADMISSION_NOTICE_ACKNOWLEDGED,
        STATUS_ON_ADMISSION,
        CARE_CONTACT_APPOINTED,
        PLANNING_DOCUMENTATION,
        ESTIMATED_DISCHARGE_DATE_CHANGED,
        STATUS_BEFORE_DISCHARGE,
        LEAVE,
        INITIAL_SIP_AT_HOSPITAL,
        SIP_INVITATION,
        COLLABORATION_MEETING_INVITATION,
        *ACKNOWLEDGEMENTS,
        READY_FOR_DISCHARGE,
        READY_FOR_DISCHARGE_REVOKED,
        DISCHARGE_TIME,
        REFERRAL,
        OUTPATIENT_NURSE_REQUEST,
        DISCHARGE_INFORMATION,
        SIP_ESTABLISHED,
        SIP_FOLLOW_UP,
        FOLLOW_UP_CONTACT,
        PATIENT_DECEASED,
        PROCESS_CLOSED,
        GENERAL_MESSAGE,
        CONSENT_CHANGED,
        PERSONAL_DATA_UPDATED,
    )
}
assert set(SPECS) == set(MessageType), "every event type needs exactly one EventSpec"
