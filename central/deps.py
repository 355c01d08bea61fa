"""Request dependencies: the service context, the caller (from its bearer token), the region
it may touch. Every endpoint that reads or writes a region's data goes through
``region_for``: an agent of region 07 never reaches region 01."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from app.wire import load_json
from central.errors import ApiError
from central.security import Principal
from central.services import accounts

bearer = HTTPBearer(auto_error=False, description="Access token from /v1/auth/login")
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def central_of(request: Request):
    return request.app.state.central


async def token_principal(
    request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> Principal:
    """The caller of a valid token, not yet checked against the database."""
    if creds is None:
        raise ApiError(401, "central.error.unauthenticated", _CHALLENGE)
    who = central_of(request).tokens.check(creds.credentials)
    if who is None:
        raise ApiError(401, "central.error.token_invalid", _CHALLENGE)
    return who


def principal(request: Request, who: Annotated[Principal, Depends(token_principal)]) -> Principal:
    """The caller, whose account (and device) are still active: revocation is immediate."""
    if not accounts.still_allowed(central_of(request), who.agent_id, who.device_id):
        raise ApiError(401, "central.error.token_revoked", _CHALLENGE)
    return who


Caller = Annotated[Principal, Depends(principal)]


def _require_device(who: Principal) -> Principal:
    if who.device_id is None or who.region is None:
        raise ApiError(403, "central.error.device_required")
    return who


async def on_device(who: Caller) -> Principal:
    return _require_device(who)


async def supervisor(who: Caller) -> Principal:
    if who.role not in ("supervisor", "operator"):
        raise ApiError(403, "central.error.supervisor_only")
    return who


async def operator(who: Caller) -> Principal:
    if who.role != "operator":
        raise ApiError(403, "central.error.operator_only")
    return who


async def pushing_device(who: Annotated[Principal, Depends(token_principal)]) -> Principal:
    """For push, which checks the device and the agent inside its own transaction."""
    return _require_device(who)


DeviceCaller = Annotated[Principal, Depends(on_device)]
PushingDevice = Annotated[Principal, Depends(pushing_device)]
SupervisorCaller = Annotated[Principal, Depends(supervisor)]
OperatorCaller = Annotated[Principal, Depends(operator)]


def region_for(who: Principal, asked: str | None) -> str:
    """The region this call works on: the caller's own; another only for a national operator."""
    if asked is not None and asked != who.region and not who.national:
        raise ApiError(403, "central.error.other_region", region=str(asked)[:4], own=who.region)
    region = asked or who.region
    if region is None:
        raise ApiError(422, "central.error.region_required")
    if not (len(region) == 2 and region.isdigit() and 1 <= int(region) <= 12):
        raise ApiError(422, "central.error.region_unknown", region=region[:4])
    return region


async def json_of(request: Request) -> Any:
    return load_json(await request.body())


def body_spec(schema: dict) -> dict:
    """``openapi_extra`` for an endpoint reading its JSON body itself (through ``app.wire``)."""
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


async def blocking(fn, *args):
    return await run_in_threadpool(fn, *args)
