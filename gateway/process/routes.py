"""Process operations: ``EpisodeOfCare/{id}/$timeline``, ``$payment-liability`` and ``$kpi``.

Each answers a FHIR ``Parameters`` resource (see ``mappings.reports``). Cases are loaded by
replaying their events (``gateway.process.cases``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from discharge.case import Case
from discharge.case_stay import case_to_stay
from discharge.kpi import compute_kpis
from discharge.liability import LiabilityError, Month, Payer, compute_liability
from discharge.regions import Region
from discharge.timeline import deadline_views, timeline_events
from gateway.errors import BadRequest, NotFound, Unprocessable
from gateway.fhir.media import check_accept
from gateway.fhir.responses import fhir_response
from gateway.fhir.runtime import runtime_of as _rt
from gateway.fhir.service import check_id
from gateway.process.cases import case_ids, load_case
from mappings.reports import kpis_to_parameters, liability_to_parameters, timeline_to_parameters

router = APIRouter(prefix="/fhir")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def _region(value: str | None) -> Region:
    try:
        return Region(value or "")
    except ValueError:
        allowed = ", ".join(r.value for r in Region)
        raise BadRequest(f"region must be one of {allowed}", expression="region") from None


def _month(value: str | None) -> Month:
    match = _MONTH.match(value or "")
    if match is None:
        raise BadRequest("month must be YYYY-MM", expression="month")
    return Month(int(match.group(1)), int(match.group(2)))


async def _cases(request: Request, region: Region) -> Sequence[Case]:
    store = _rt(request).service.store
    async with store.reader() as conn:
        cases = [await load_case(conn, case_id) for case_id in await case_ids(conn, region=region.value)]
    return [c for c in cases if c is not None]


@router.get("/EpisodeOfCare/{case_id}/$timeline")
async def timeline(request: Request, case_id: str) -> Response:
    check_accept(request)
    check_id(case_id)
    rt = _rt(request)
    async with rt.service.store.reader() as conn:
        case = await load_case(conn, case_id)
    if case is None:
        raise NotFound(f"no case {case_id}", expression="id")
    now = rt.service.clock()
    return fhir_response(timeline_to_parameters(case, timeline_events(case), deadline_views(case, now=now), now=now))


@router.get("/$payment-liability")
async def payment_liability(request: Request) -> Response:
    check_accept(request)
    params = request.query_params
    region, month = _region(params.get("region")), _month(params.get("month"))
    payer = None
    if params.get("payer"):
        municipality, _, district = params["payer"].partition("/")
        payer = Payer(municipality, district or None)
    stays = [stay for case in await _cases(request, region) if (stay := case_to_stay(case)) is not None]
    try:
        report = compute_liability(region, stays, month=month, payer=payer)
    except LiabilityError as exc:
        raise Unprocessable(str(exc), expression="region") from exc
    return fhir_response(liability_to_parameters(report))


@router.get("/$kpi")
async def kpi(request: Request) -> Response:
    check_accept(request)
    params = request.query_params
    region, month = _region(params.get("region")), _month(params.get("month"))
    cases = await _cases(request, region)
    report = compute_kpis(cases, region=region, month=month, now=_rt(request).service.clock())
    return fhir_response(kpis_to_parameters(report))
