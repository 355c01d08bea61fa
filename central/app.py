"""The FastAPI application factory. Processes are stateless: everything shared lives in
PostgreSQL (and the data directory for blobs and snapshots)."""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware

from central import errors, logs
from central.context import Central
from central.routers import admin, artisans, auth, blobs, ops, sync, trust, verify_page
from central.settings import Settings

DESCRIPTION = """The reference central service of the National Register of Handicraft (RNA):
sync (push exactly once, paged pulls, snapshots, blobs), NIA leases, national
de-duplication, supervision, signed cards, trust lists, public verification.
Errors: `{"error", "message", "params"}` in the language of `Accept-Language` (fr, ar)."""


def create_app(settings: Settings | None = None, central: Central | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    central = central or Central.build(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        central.open()
        try:
            yield
        finally:
            central.close()

    app = FastAPI(
        title="Mihani central RNA",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.central = central
    errors.install(app)
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=1)
    app.add_middleware(logs.Observe)
    for module in (auth, sync, blobs, artisans, admin, trust, verify_page, ops):
        app.include_router(module.router)
    return app


def app_from_env() -> FastAPI:
    """For ``uvicorn central.app:app_from_env --factory``."""
    settings = Settings.from_env()
    logs.configure(settings.log_level)
    return create_app(settings)
