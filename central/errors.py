"""Every refusal is a 4xx with a code and a message in the caller's language; a 500 is a bug.

Body of an error: ``{"error": message id, "message": text, "params": {...}}`` plus
``field_errors`` for a refused record.
"""

from __future__ import annotations

import logging

import psycopg
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse

from app.errors import UserFacingError, ValidationFailed
from app.i18n import tr
from app.wire import WireError
from central.lang import request_language

log = logging.getLogger("central.errors")


class ApiError(UserFacingError):
    """A refusal with its HTTP status."""

    def __init__(self, status: int, msgid: str, headers: dict | None = None, /, **params: object):
        super().__init__(msgid, **params)
        self.status = status
        self.headers = headers or {}


def error_body(msgid: str, lang: str, params: dict | None = None, **extra: object) -> dict:
    params = {k: v for k, v in (params or {}).items() if isinstance(v, str | int | float)}
    return {"error": msgid, "message": tr(msgid, lang, **params), "params": params, **extra}


_HTTP_IDS = {
    401: "central.error.unauthenticated",
    403: "central.error.forbidden",
    404: "central.error.not_found",
    405: "central.error.method_not_allowed",
    413: "central.error.too_large",
    415: "central.error.unsupported_media",
}


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        body = error_body(exc.msgid, request_language(request), exc.params)
        return JSONResponse(body, exc.status, headers=exc.headers)

    @app.exception_handler(ValidationFailed)
    async def validation_failed(request: Request, exc: ValidationFailed) -> JSONResponse:
        lang = request_language(request)
        fields = [e.as_dict(lang) for e in exc.errors]
        body = error_body(exc.msgid, lang, exc.params, field_errors=fields)
        return JSONResponse(body, 422)

    @app.exception_handler(WireError)
    async def wire_error(request: Request, exc: WireError) -> JSONResponse:
        return JSONResponse(error_body(exc.msgid, request_language(request), exc.params), 422)

    @app.exception_handler(UserFacingError)
    async def user_error(request: Request, exc: UserFacingError) -> JSONResponse:
        return JSONResponse(error_body(exc.msgid, request_language(request), exc.params), 422)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "-"
        params = {"field": where, "detail": str(first.get("msg", ""))[:200]}
        return JSONResponse(
            error_body("central.error.bad_request", request_language(request), params), 422
        )

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        msgid = _HTTP_IDS.get(exc.status_code, "central.error.bad_request")
        params = {"field": "-", "detail": str(exc.detail)[:200]}
        body = error_body(msgid, request_language(request), params)
        return JSONResponse(body, exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(psycopg.DataError)
    async def data_error(request: Request, exc: psycopg.DataError) -> JSONResponse:
        # text PostgreSQL cannot hold (a NUL byte) or a value out of its range: bad input
        log.warning("data refused by PostgreSQL on %s: %s", request.url.path, exc)
        params = {"field": "-", "detail": type(exc).__name__}
        return JSONResponse(
            error_body("central.error.bad_request", request_language(request), params), 422
        )

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s %s", request.method, request.url.path)
        body = error_body("central.error.internal", request_language(request))
        return JSONResponse(body, 500)
