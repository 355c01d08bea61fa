"""Prometheus metrics of the service, served at ``/metrics``."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from starlette.responses import Response

REQUESTS = Counter("mihani_http_requests_total", "HTTP requests", ["method", "route", "status"])
LATENCY = Histogram(
    "mihani_http_request_seconds",
    "HTTP request latency",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
MUTATIONS = Counter("mihani_sync_mutations_total", "Mutations applied by push", ["status"])
PULLED = Counter("mihani_sync_pulled_rows_total", "Artisan rows served by pull")


def observe(scope: dict, status: int, seconds: float) -> None:
    route = getattr(scope.get("route"), "path", "unmatched")
    LATENCY.labels(route).observe(seconds)
    REQUESTS.labels(scope.get("method", "-"), route, str(status)).inc()


def metrics_response() -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
