"""Push, pull, region snapshots and NIA leases."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse

from app.wire import DEFAULT_PAGE, LEASE_SCHEMA, MAX_LEASE, MAX_PAGE, PUSH_SCHEMA, PushRequest
from app.wire.read import as_object, integer
from central.deps import (
    DeviceCaller,
    PushingDevice,
    blocking,
    body_spec,
    central_of,
    json_of,
    region_for,
)
from central.errors import ApiError
from central.lang import request_language
from central.services import leases, pull, push, snapshot, snapshot_keep, snapshot_live

router = APIRouter(tags=["sync"])


@router.post("/v1/sync/push", openapi_extra=body_spec(PUSH_SCHEMA))
async def push_mutations(request: Request, who: PushingDevice) -> JSONResponse:
    """Apply ordered mutations, each (client_id, mid) once; results are stored and replayed."""
    req = PushRequest.from_json(await json_of(request))
    resp = await blocking(push.push, central_of(request), who, req)
    return JSONResponse(resp.to_json(request_language(request)))


@dataclass
class PageQuery:
    """A feed page's query: the region (operators name it), the cursor, the set's ``until``."""

    region: str | None = Query(None, max_length=2)
    cursor: str | None = Query(None, max_length=80)
    until: str | None = Query(None, max_length=24)
    limit: int = Query(DEFAULT_PAGE, ge=1, le=MAX_PAGE)

    def page(self, request: Request, who, feed: pull.Feed) -> Response:
        region = region_for(who, self.region)
        body = pull.pull_page(central_of(request), region, self.cursor, self.until, self.limit,
                              feed)  # fmt: skip
        return Response(body, media_type="application/json")


Page = Annotated[PageQuery, Depends()]


@router.get("/v1/sync/pull")
def pull_changes(request: Request, who: DeviceCaller, q: Page) -> Response:
    """One page of the region's changes after ``cursor`` (410: take a fresh snapshot)."""
    return q.page(request, who, pull.ARTISANS)


@router.get("/v1/sync/cards")
def pull_cards(request: Request, who: DeviceCaller, q: Page) -> Response:
    """One page of the changes of the region's cards after ``cursor`` (the card feed: each
    card's life as the laptops, supervisors and operators moved it). 410: start again."""
    return q.page(request, who, pull.CARDS)


@router.post("/v1/sync/snapshots")
def create_snapshot(
    request: Request,
    who: DeviceCaller,
    region: str | None = Query(None, max_length=2),
    stream: bool = Query(False),
) -> JSONResponse:
    """A snapshot of the whole region (reused if made in the last minutes). With ``stream``,
    a new one is answered at once (``building``) and downloaded from ``…/live`` as it is made."""
    central = central_of(request)
    wanted = region_for(who, region)
    snapshot_keep.prune(central)  # before a new one is made: files do not pile up
    make = snapshot.start if stream else snapshot.build
    return JSONResponse(make(central, wanted), 201)


@router.get("/v1/sync/snapshots/{snapshot_id}")
def download_snapshot(request: Request, who: DeviceCaller, snapshot_id: str) -> Response:
    """The snapshot file (gzip of JSON lines); HTTP Range resumes a download."""
    central = central_of(request)
    found = snapshot.get(central, snapshot_id)
    if found is None:
        raise ApiError(404, "central.error.snapshot_unknown")
    region_for(who, found["region"])
    path = snapshot.path_of(central, found["snapshot_id"])
    if not path.exists():
        raise ApiError(404, "central.error.snapshot_unknown")
    headers = {"ETag": f'"{found["sha256"]}"', "X-Content-SHA256": found["sha256"]}
    return FileResponse(path, media_type="application/octet-stream", headers=headers)


@router.get("/v1/sync/snapshots/{snapshot_id}/info")
def snapshot_info(request: Request, who: DeviceCaller, snapshot_id: str) -> JSONResponse:
    """The snapshot's size, SHA-256, count, cursor; 202 ``{"building": true}`` while made."""
    found = snapshot_live.state(central_of(request), snapshot_id)
    if found is None:
        raise ApiError(404, "central.error.snapshot_unknown")
    region_for(who, found["region"])
    return JSONResponse(found, 202 if found.get("building") else 200)


@router.get("/v1/sync/snapshots/{snapshot_id}/live")
def snapshot_stream(
    request: Request, who: DeviceCaller, snapshot_id: str, offset: int = Query(0, ge=0)
) -> StreamingResponse:
    """The snapshot file from ``offset``, streamed as it is made, to its end (a cut download
    continues from the bytes it holds; ``…/info`` then gives the SHA-256 to check)."""
    central = central_of(request)
    found = snapshot_live.state(central, snapshot_id)
    if found is None:
        raise ApiError(404, "central.error.snapshot_unknown")
    region_for(who, found["region"])
    body = snapshot_live.follow(central, snapshot_id, offset)
    if body is None:
        raise ApiError(404, "central.error.snapshot_unknown")
    return StreamingResponse(body, media_type="application/octet-stream")


@router.post("/v1/leases", openapi_extra=body_spec(LEASE_SCHEMA))
async def new_lease(request: Request, who: DeviceCaller) -> JSONResponse:
    """A fresh range of NIA serials for this device."""
    data = as_object(await json_of(request))
    central = central_of(request)
    size = integer(data, "size", low=1, high=MAX_LEASE, required=False)
    size = size or central.settings.default_lease

    def work():
        with central.db.tx() as conn:
            return leases.grant(conn, who.device_id, who.region, size)

    lease = await blocking(work)
    return JSONResponse(lease.to_json(), 201)
