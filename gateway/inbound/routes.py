"""``POST /inbound/lifecare-sp-style/v1`` and ``POST /inbound/cosmic-link-style/v1`` (contracts §1)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from gateway.inbound.channels import CosmicChannel, LifecareChannel
from gateway.inbound.flow import receive

router = APIRouter(prefix="/inbound")
_LIFECARE = LifecareChannel()
_COSMIC = CosmicChannel()


@router.post("/lifecare-sp-style/v1")
async def lifecare_inbound(request: Request) -> Response:
    return await receive(request, _LIFECARE)


@router.post("/cosmic-link-style/v1")
async def cosmic_inbound(request: Request) -> Response:
    return await receive(request, _COSMIC)
