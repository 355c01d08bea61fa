"""Structured logs: one JSON object per line on stderr, with the request's method, path,
status and duration for every request."""

from __future__ import annotations

import json
import logging
import sys
import time

from central import metrics

access = logging.getLogger("central.access")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out = {
            "at": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        out.update(getattr(record, "fields", {}))
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False, default=str)


def configure(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = name != "uvicorn.access"


class Observe:
    """Pure ASGI middleware: one structured log line and the metrics of every request."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = [500]

        async def sending(message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            seconds = time.perf_counter() - started
            metrics.observe(scope, status[0], seconds)
            if access.isEnabledFor(logging.INFO):
                client = scope.get("client") or ("-",)
                fields = {"method": scope.get("method"), "path": scope.get("path"),
                          "status": status[0], "ms": round(seconds * 1000, 2),
                          "client": client[0]}  # fmt: skip
                access.info("request", extra={"fields": fields})
