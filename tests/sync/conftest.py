"""The sync client against the real central service and a real PostgreSQL over loopback:
a throwaway database (``scripts/postgres``), the service in its own uvicorn process, laptops
that are real encrypted profiles registered with one-time codes
(the harness is ``bench.chaoskit.site``, shared with the reliability campaign)."""

from __future__ import annotations

import os

import pytest

from bench.chaoskit.site import (
    PASSWORD,
    Server,
    make_env,
    postgres_down,
    postgres_up,
)


@pytest.fixture(scope="session")
def sync_database_url():
    url = postgres_up()
    yield url
    postgres_down(url)


@pytest.fixture(scope="session")
def sync_env(sync_database_url, tmp_path_factory):
    env = make_env(sync_database_url, tmp_path_factory.mktemp("sync-central"))
    os.environ.update(env)
    from central.migrate import upgrade

    upgrade(sync_database_url)
    return env


@pytest.fixture(scope="session")
def central_admin(sync_env):
    from central.context import Central
    from central.settings import Settings

    central = Central.build(Settings.from_env())
    central.open()
    yield central
    central.close()


@pytest.fixture(scope="session")
def server(sync_env):
    srv = Server(sync_env)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def site(server, central_admin, tmp_path):
    """Laptops of one region against the session's server (or the proxy given)."""
    from bench.chaoskit.site import Site

    s = Site(server, central_admin, tmp_path)
    yield s
    s.close()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def region_site(server, central_admin, tmp_path):
    """Sites of the regions asked for: a snapshot made in the last minutes is reused, and the
    snapshot tests need a region of their own each."""
    from bench.chaoskit.site import Site

    made: list = []

    def make(region: str):
        made.append(Site(server, central_admin, tmp_path, region=region))
        return made[-1]

    yield make
    for s in made:
        s.close()
