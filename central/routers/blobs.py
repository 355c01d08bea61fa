"""Blobs (photos): HEAD to skip what the server has, resumable upload, GET with Range."""

from __future__ import annotations

import re

from fastapi import APIRouter, Header, Path
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response

from app.wire.read import as_object, integer, text
from central.deps import Caller, DeviceCaller, blocking, body_spec, central_of, json_of
from central.errors import ApiError
from central.security import Principal
from central.services import blobs

router = APIRouter(tags=["blobs"])
SHA = Path(..., pattern="^[0-9a-f]{64}$")
MIME = r"(image/(jpeg|png|webp)|application/pdf)"
UPLOAD_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["sha256", "size", "mime"],
    "properties": {
        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "size": {"type": "integer", "minimum": 1, "maximum": blobs.MAX_BLOB},
        "mime": {"type": "string", "pattern": f"^{MIME}$"},
    },
}


def _region(who: Principal) -> str:
    if who.region is None:
        raise ApiError(403, "central.error.region_required")
    return who.region


@router.head("/v1/blobs/{sha256}")
@router.get("/v1/blobs/{sha256}")
def get_blob(request: Request, who: Caller, sha256: str = SHA):
    """The blob (HTTP Range honoured); 404 when this region does not hold it."""
    central = central_of(request)
    found = blobs.find(central, _region(who), sha256)
    if found is None:
        raise ApiError(404, "central.error.blob_unknown")
    return FileResponse(blobs.blob_path(central, sha256), media_type=found["mime"])


@router.post("/v1/blobs/uploads", openapi_extra=body_spec(UPLOAD_SCHEMA))
async def start_upload(request: Request, who: DeviceCaller) -> JSONResponse:
    """Start (or resume) the upload of a blob of this digest and size."""
    data = as_object(await json_of(request))
    sha = text(data, "sha256", max_len=64, pattern="[0-9a-f]{64}")
    size = integer(data, "size", low=1, high=blobs.MAX_BLOB)
    mime = text(data, "mime", max_len=40, pattern=MIME)
    out = await blocking(
        blobs.start, central_of(request), who.region, who.device_id, sha, size, mime
    )
    headers = {"Upload-Offset": str(out["offset"])}
    return JSONResponse(out, 200 if out["complete"] else 201, headers=headers)


@router.head("/v1/blobs/uploads/{upload_id}")
def upload_offset(request: Request, who: DeviceCaller, upload_id: str):
    """How much of the upload arrived (``Upload-Offset``)."""
    central = central_of(request)
    up = blobs.get_upload(central, _region(who), upload_id)
    offset = blobs.offset(central, up["id"])
    return Response(headers={"Upload-Offset": str(offset), "Upload-Length": str(up["size"])})


@router.patch(
    "/v1/blobs/uploads/{upload_id}",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        }
    },
)
async def upload_bytes(
    request: Request,
    who: DeviceCaller,
    upload_id: str,
    upload_offset: str = Header(..., alias="Upload-Offset", max_length=20),
) -> Response:
    """Bytes at ``Upload-Offset``; the last ones check the digest (422 and discarded if bad)."""
    if not re.fullmatch(r"\d{1,12}", upload_offset):
        raise ApiError(422, "central.error.upload_offset_header")
    central = central_of(request)
    up = await blocking(blobs.get_upload, central, _region(who), upload_id)
    data = await request.body()
    offset, complete = await blocking(blobs.append, central, up, int(upload_offset), data)
    return Response(
        status_code=204,
        headers={"Upload-Offset": str(offset), "Upload-Complete": "?1" if complete else "?0"},
    )
