"""Value converters neutral → wire shared by the outbound body builders (clinicians, measures, attachments).

Role: the small objects several §9 bodies contain, converted once. Boundary: no bodies, no envelope.
"""

from __future__ import annotations

from adapters.cosmic_link.admission_bodies import Measure
from adapters.cosmic_link.envelope import Attachment, Clinician, HsaId
from adapters.cosmic_link.errors import UnrenderableEventError
from adapters.cosmic_link.neutral_codes import from_neutral
from adapters.cosmic_link.vocabulary import HSA_ROOT, AttachmentType, Responsible
from discharge import events as ev
from discharge import parties as neutral

__all__ = ["attachments_from_neutral", "clinician", "measures_from_neutral", "optional_clinician"]


def clinician(person: neutral.Clinician) -> Clinician:
    return Clinician(
        name=person.name,
        id=None if person.hsa_id is None else HsaId(root=HSA_ROOT, extension=person.hsa_id),  # hsa_id → CL id
        work_phone=person.phone,  # Clinician.phone → CL workPhone
    )


def optional_clinician(person: neutral.Clinician | None) -> Clinician | None:
    return None if person is None else clinician(person)


def measures_from_neutral(measures: tuple[ev.Measure, ...]) -> tuple[Measure, ...]:
    return tuple(
        Measure(responsible=from_neutral(m.responsible, Responsible), description=m.description) for m in measures
    )


def attachments_from_neutral(attachments: tuple[neutral.Attachment, ...]) -> tuple[Attachment, ...]:
    """Attachment → CL Attachment; a content type outside the contract's four cannot be sent."""
    result = []
    for item in attachments:
        try:
            kind = AttachmentType(item.content_type)
        except ValueError:
            raise UnrenderableEventError(f"attachment type {item.content_type} is not allowed (§8)") from None
        result.append(Attachment(file_name=item.file_name, content_type=kind, data=item.data))
    return tuple(result)
