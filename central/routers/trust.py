"""The root public key, the signed trust and revocation lists, and ``POST /v1/verify``."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from app.wire.read import as_object, text
from central.deps import blocking, body_spec, central_of, json_of
from central.errors import ApiError
from central.lang import request_language
from central.services import trust, verifier

router = APIRouter(tags=["trust"])
VERIFY_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["qr_text"],
    "properties": {"qr_text": {"type": "string", "maxLength": 4400}},
}


@router.get("/v1/trust/root")
def root_key(request: Request) -> JSONResponse:
    """The root public key every verifier pins (hex of the raw Ed25519 key)."""
    return JSONResponse({"root_public_key": central_of(request).keys.root_public_hex()})


def _signed(request: Request, kind: str) -> Response:
    found = trust.latest(central_of(request), kind)
    if found is None:
        raise ApiError(503, "central.error.no_root_key")
    version, data = found
    return Response(data, media_type="application/cose", headers={"X-List-Version": str(version)})


@router.get("/v1/trust/list")
def trust_list(request: Request) -> Response:
    """The trust list (COSE_Sign1 signed by the root): signer and device keys."""
    return _signed(request, "trust")


@router.get("/v1/trust/revocations")
def revocation_list(request: Request) -> Response:
    """The revocation list (COSE_Sign1 signed by the root): revoked keys and cards."""
    return _signed(request, "revocation")


@router.post("/v1/verify", openapi_extra=body_spec(VERIFY_SCHEMA))
async def verify(request: Request) -> JSONResponse:
    """The verdict on one QR text: only what the code holds, plus its status."""
    data = as_object(await json_of(request))
    qr_text = text(data, "qr_text", max_len=4400, required=False) or ""
    verdict = await blocking(verifier.verify_text, central_of(request), qr_text)
    return JSONResponse(verdict.as_dict(request_language(request)))
