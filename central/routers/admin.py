"""What an operator does over the API (the same as ``mihani-central admin``)."""

from __future__ import annotations

from fastapi import APIRouter, Path
from starlette.requests import Request
from starlette.responses import JSONResponse

from app.wire.read import as_object, text
from central.deps import (
    OperatorCaller,
    SupervisorCaller,
    blocking,
    body_spec,
    central_of,
    json_of,
    region_for,
)
from central.services import cards, devices

router = APIRouter(tags=["admin"])
CODE_SCHEMA = {
    "type": "object",
    "required": ["region"],
    "properties": {"region": {"type": "string", "pattern": "^[0-9]{2}$"}},
}
REASON_SCHEMA = {"type": "object", "properties": {"reason": {"type": "string", "maxLength": 500}}}


@router.post("/v1/admin/device-codes", openapi_extra=body_spec(CODE_SCHEMA))
async def device_code(request: Request, who: OperatorCaller) -> JSONResponse:
    """A one-time registration code for a new laptop of a region."""
    data = as_object(await json_of(request))
    region = text(data, "region", max_len=2, pattern="[0-9]{2}")
    device_id, code = await blocking(devices.issue_code, central_of(request), region, who.username)
    return JSONResponse({"device_id": device_id, "code": code}, 201)


@router.post("/v1/admin/devices/{device_id}/revoke")
def revoke_device(
    request: Request, who: OperatorCaller, device_id: str = Path(..., max_length=64)
) -> JSONResponse:
    """Revoke a laptop: its tokens stop at once, its key goes on the revocation list."""
    devices.revoke(central_of(request), device_id, who.username)
    return JSONResponse({"device_id": device_id, "status": "revoked"})


@router.post("/v1/cards/{card_number}/revoke", openapi_extra=body_spec(REASON_SCHEMA))
async def revoke_card(
    request: Request, who: SupervisorCaller, card_number: str = Path(..., max_length=40)
) -> JSONResponse:
    """Revoke a final card (a supervisor of its region, or an operator)."""
    reason = ""
    if await request.body():
        data = as_object(await json_of(request))
        reason = text(data, "reason", max_len=500, required=False) or ""
    region = None if who.national else region_for(who, who.region)
    await blocking(
        cards.revoke, central_of(request), card_number, reason or "", who.username, region
    )
    return JSONResponse({"card_number": card_number, "status": "revoked"})
