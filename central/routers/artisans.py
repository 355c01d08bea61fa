"""A region's records for its supervisors: pending enrolments, validation (maker–checker),
conflicts and their resolution, final cards."""

from __future__ import annotations

from fastapi import APIRouter, Path, Query
from starlette.requests import Request
from starlette.responses import JSONResponse

from app.wire.read import as_object, text
from central.deps import Caller, blocking, body_spec, central_of, json_of, region_for
from central.errors import ApiError
from central.repos import artisans, conflicts
from central.services import cards, review

router = APIRouter(tags=["register"])
REGION = Path(..., pattern="^[0-9]{2}$")
UID = Path(..., pattern="^[0-9a-fA-F-]{36}$")
STATUS = "^(pending|validated|rejected|suspended|deleted)$"
REASON_SCHEMA = {"type": "object", "properties": {"reason": {"type": "string", "maxLength": 500}}}
RESOLVE_SCHEMA = {
    "type": "object",
    "required": ["choice"],
    "properties": {
        "choice": {"type": "string", "enum": ["server", "local", "value"]},
        "value": {"type": ["string", "integer", "boolean", "null"]},
    },
}


@router.get("/v1/regions/{region}/artisans")
def list_artisans(
    request: Request,
    who: Caller,
    region: str = REGION,
    status: str = Query("pending", pattern=STATUS),
    after: str | None = Query(None, pattern="^[0-9a-fA-F-]{36}$"),
    limit: int = Query(100, ge=1, le=1000),
) -> JSONResponse:
    region = region_for(who, region)
    if after is not None and not artisans.valid_uid(after):
        raise ApiError(422, "central.error.uid_invalid")
    with central_of(request).db.tx() as conn:
        rows = artisans.list_by_status(conn, region, status, limit, after)
    return JSONResponse({"artisans": rows})


@router.get("/v1/regions/{region}/artisans/{uid}")
def get_artisan(
    request: Request, who: Caller, region: str = REGION, uid: str = UID
) -> JSONResponse:
    region = region_for(who, region)
    with central_of(request).db.tx() as conn:
        rec = artisans.get(conn, region, uid)
    if rec is None:
        raise ApiError(404, "central.error.artisan_unknown", uid=uid)
    return JSONResponse(rec)


async def _reason(request: Request) -> str:
    body = await request.body()
    if not body:
        return ""
    from app.wire import load_json

    return text(as_object(load_json(body)), "reason", max_len=500, required=False) or ""


@router.post("/v1/regions/{region}/artisans/{uid}/validate", openapi_extra=body_spec(REASON_SCHEMA))
async def validate(
    request: Request, who: Caller, region: str = REGION, uid: str = UID
) -> JSONResponse:
    """Validate an enrolment; refused to the agent who enrolled it (maker–checker)."""
    region, reason = region_for(who, region), await _reason(request)
    rec = await blocking(
        review.set_status, central_of(request), who, region, uid, "validated", reason
    )
    return JSONResponse(rec)


@router.post("/v1/regions/{region}/artisans/{uid}/reject", openapi_extra=body_spec(REASON_SCHEMA))
async def reject(
    request: Request, who: Caller, region: str = REGION, uid: str = UID
) -> JSONResponse:
    """Reject an enrolment, with a reason; maker–checker as for validation."""
    region, reason = region_for(who, region), await _reason(request)
    rec = await blocking(
        review.set_status, central_of(request), who, region, uid, "rejected", reason
    )
    return JSONResponse(rec)


@router.post("/v1/regions/{region}/artisans/{uid}/card")
def issue_card(request: Request, who: Caller, region: str = REGION, uid: str = UID) -> JSONResponse:
    """A final card signed by the central signer (validated artisans only)."""
    return JSONResponse(cards.issue(central_of(request), who, region_for(who, region), uid), 201)


@router.get("/v1/regions/{region}/conflicts")
def list_conflicts(
    request: Request,
    who: Caller,
    region: str = REGION,
    status: str = Query("open", pattern="^(open|resolved)$"),
    after: int = Query(0, ge=0, le=2**62),
    limit: int = Query(100, ge=1, le=1000),
) -> JSONResponse:
    region = region_for(who, region)
    with central_of(request).db.tx() as conn:
        rows = conflicts.listing(conn, region, status, after, limit)
    return JSONResponse({"conflicts": rows})


@router.post(
    "/v1/regions/{region}/conflicts/{conflict_id}/resolve", openapi_extra=body_spec(RESOLVE_SCHEMA)
)
async def resolve_conflict(
    request: Request,
    who: Caller,
    region: str = REGION,
    conflict_id: int = Path(..., ge=1, le=2**62),
) -> JSONResponse:
    """Keep the server's value, take the laptop's, or set another one."""
    region = region_for(who, region)
    data = as_object(await json_of(request))
    choice = text(data, "choice", max_len=10)
    value = data.get("value")
    if value is not None and not isinstance(value, str | int | bool):
        raise ApiError(422, "central.error.choice_unknown", value="value")
    out = await blocking(
        review.resolve, central_of(request), who, region, conflict_id, choice, value
    )
    return JSONResponse(out)
