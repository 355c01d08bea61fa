"""Schemathesis against the service's own OpenAPI, over HTTP, as an authenticated
supervisor laptop: whatever it sends, no server error (bounded: a few examples each)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings

MAX_EXAMPLES = 25


def _openapi() -> dict:
    """The contract as the app declares it (no database needed to build it)."""
    from dataclasses import replace

    from central.app import create_app
    from central.settings import Settings

    os_env = {"MIHANI_CENTRAL_DATABASE_URL": "postgresql://unused@127.0.0.1/unused"}
    with pytest.MonkeyPatch.context() as mp:
        for k, v in os_env.items():
            mp.setenv(k, v)
        for k in ("MIHANI_CENTRAL_ROOT_KEY", "MIHANI_CENTRAL_SIGNER_KEY"):
            mp.delenv(k, raising=False)
        settings = replace(Settings.from_env())
    return create_app(settings).openapi()


@pytest.fixture(scope="module")
def fuzz_laptop(make_laptop):
    return make_laptop(role="supervisor")


@pytest.fixture(scope="module", autouse=True)
def forget_failed_logins(admin):
    yield
    with admin.db.tx() as conn:
        conn.execute("DELETE FROM login_failure")


schema = schemathesis.openapi.from_dict(_openapi())


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error(case, fuzz_laptop, base_url):
    headers = {"Authorization": f"Bearer {fuzz_laptop.token}", "Accept-Language": "ar"}
    response = case.call(base_url=base_url, headers=headers, timeout=30)
    assert response.status_code < 500, (case.method, case.path, response.text[:500])
    if response.status_code >= 400 and "json" in response.headers.get("content-type", ""):
        body = response.json()
        assert body.get("error") and body.get("message"), body
