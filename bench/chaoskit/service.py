"""The campaign's central service: a throwaway PostgreSQL (``scripts/postgres``), migrated,
the service under uvicorn in its own process, and an in-process operator context (what an
operator does on the command line: agents, device codes)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.chaoskit.site import Server, make_env, postgres_down, postgres_up


@dataclass
class Service:
    url: str  # the database
    env: dict
    admin: object  # central.context.Central
    server: Server


@contextlib.contextmanager
def central_service(tmp: Path) -> Iterator[Service]:
    from central.context import Central
    from central.migrate import upgrade
    from central.settings import Settings

    url = postgres_up()
    server = None
    admin = None
    try:
        tmp.mkdir(parents=True, exist_ok=True)
        env = make_env(url, tmp)
        os.environ.update(env)
        upgrade(url)
        admin = Central.build(Settings.from_env())
        admin.open()
        server = Server(env)
        server.start()
        yield Service(url, env, admin, server)
    finally:
        if server is not None:
            server.stop()
        if admin is not None:
            admin.close()
        postgres_down(url)
