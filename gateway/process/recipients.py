"""Who receives a message that names no receivers (a FHIR message without
``MessageHeader.destination``): the directory's units serving the patient's municipality (the
placing municipality when there is one), of the sectors the needs and the event concern, and of
the patient's age group. Otherwise the units already taking part in the case.

Domain rules (shared/domain/discharge-process.md §1–§2.4): the admission notice goes to the units
of the needed services; outpatient care also gets it, for information, when municipal services are
needed; outpatient-only needs go to outpatient care only.
"""

from __future__ import annotations

from discharge.case import Case
from discharge.codes import MUNICIPAL_NEEDS, Need, Principal, Sector
from discharge.events import DischargeEvent
from discharge.parties import Unit
from gateway.directory import Directory, Route

_SECTOR_CODES = {
    Sector.INPATIENT: "inpatient",
    Sector.OUTPATIENT: "outpatient",
    Sector.SOCIAL_SERVICES: "social-services",
    Sector.MUNICIPAL_HEALTH_CARE: "municipal-health-care",
}
_NEED_SECTORS = {
    Need.SOCIAL_SERVICES: Sector.SOCIAL_SERVICES,
    Need.MUNICIPAL_HEALTH_CARE: Sector.MUNICIPAL_HEALTH_CARE,
    Need.OUTPATIENT: Sector.OUTPATIENT,
}
_CODE_SECTORS = {code: sector for sector, code in _SECTOR_CODES.items()}


def concerned_sectors(needs: frozenset[Need]) -> set[Sector]:
    sectors = {_NEED_SECTORS[need] for need in needs}
    if needs & MUNICIPAL_NEEDS:
        sectors.add(Sector.OUTPATIENT)  # for information when municipal services are needed
    return sectors


def _unit(route: Route, municipality: str) -> Unit:
    sector = _CODE_SECTORS.get(route.sector or "", Sector.OUTPATIENT)
    municipal = sector in (Sector.SOCIAL_SERVICES, Sector.MUNICIPAL_HEALTH_CARE)
    return Unit(
        hsa_id=route.hsa_id, name=route.name, sector=sector,
        principal=Principal.MUNICIPALITY if municipal else Principal.REGION,
        municipality_code=municipality if municipal else None,
    )  # fmt: skip


def _participants(event: DischargeEvent, case: Case) -> list[Unit]:
    units: dict[str, Unit] = {}
    for entry in case.history:
        for unit in (entry.event.sender, *entry.event.recipients):
            units.setdefault(unit.hsa_id, unit)
    units.pop(event.sender.hsa_id, None)
    return list(units.values())


async def resolve_recipients(event: DischargeEvent, case: Case, directory: Directory) -> list[Unit]:
    """``case`` is the case before the event (receivers must be known before the state machine runs)."""
    if event.recipients:
        return list(event.recipients)
    if case.history:
        return _participants(event, case)  # a later message: everyone already in the case
    patient = event.patient or case.patient
    placing = getattr(event, "placing_municipality", None) or case.placing_municipality
    municipality = placing or (patient.registered_address.municipality_code if patient else None)
    if municipality is None:
        return []
    child = patient is not None and patient.is_child_on(event.sent_at.date())
    wanted_ages = {"children", "all"} if child else {"adults", "all"}
    needs = getattr(event, "needs", None) or case.needs
    sectors = [_SECTOR_CODES[s] for s in sorted(concerned_sectors(frozenset(needs)), key=lambda s: s.value)]
    routes = await directory.units(municipality=municipality, sectors=sectors)
    return [_unit(r, municipality) for r in routes if r.age_group in wanted_ages and r.hsa_id != event.sender.hsa_id]
