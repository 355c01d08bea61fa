"""Login, refresh, device registration and certificate renewal."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import JSONResponse

from app.wire import (
    LOGIN_SCHEMA,
    REFRESH_SCHEMA,
    REGISTER_SCHEMA,
    LoginRequest,
    RegisterRequest,
    load_json,
)
from app.wire.read import as_object, text
from central.deps import PushingDevice, blocking, body_spec, central_of, json_of
from central.services import accounts, devices

router = APIRouter(tags=["auth"])


@router.post("/v1/auth/login", openapi_extra=body_spec(LOGIN_SCHEMA))
async def login(request: Request) -> JSONResponse:
    """An agent's access and refresh tokens (bound to a device when one is given)."""
    req = LoginRequest.from_json(await json_of(request))
    address = request.client.host if request.client else "-"
    tokens = await blocking(accounts.login, central_of(request), req, address)
    return JSONResponse(tokens.to_json())


@router.post("/v1/auth/refresh", openapi_extra=body_spec(REFRESH_SCHEMA))
async def refresh(request: Request) -> JSONResponse:
    """A new token pair; the refresh token given is used up."""
    data = as_object(load_json(await request.body()))
    token = text(data, "refresh_token", max_len=128)
    tokens = await blocking(accounts.refresh, central_of(request), token)
    return JSONResponse(tokens.to_json())


@router.post("/v1/devices/register", openapi_extra=body_spec(REGISTER_SCHEMA))
async def register(request: Request) -> JSONResponse:
    """Register a laptop with a one-time code: its certificate, secret and first NIA lease."""
    req = RegisterRequest.from_json(await json_of(request))
    reg = await blocking(devices.register, central_of(request), req)
    return JSONResponse(reg.to_json(), status_code=201)


@router.post("/v1/devices/me/certificate")
async def renew_certificate(request: Request, who: PushingDevice) -> JSONResponse:
    """A fresh delegation certificate for the calling laptop's own key (403 once revoked)."""
    central, device = central_of(request), str(who.device_id)
    body = await blocking(devices.renew_certificate, central, device, who.agent_id)
    return JSONResponse(body)
