"""Health and metrics."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from central.deps import central_of
from central.metrics import metrics_response

router = APIRouter(tags=["operations"])


@router.get("/healthz")
def healthz(request: Request) -> JSONResponse:
    """200 when the database answers, 503 otherwise."""
    ok = central_of(request).db.ping()
    return JSONResponse({"status": "ok" if ok else "unavailable"}, 200 if ok else 503)


@router.get("/metrics")
def metrics() -> Response:
    """Prometheus metrics."""
    return metrics_response()
