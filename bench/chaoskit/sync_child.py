"""One sync run of a profile, in a process of its own (the crash tests and the campaign kill
it): ``python -m bench.chaoskit.sync_child HOME PASSWORD PAGE``. It prints ``ready`` once
the profile is open, just before the run, so a killer's timer starts there."""

from __future__ import annotations

import sys
from pathlib import Path

from app.workspace import open_workspace
from sync.engine import run_sync
from sync.http import Backoff


def main(home: str, password: str, page: int) -> None:
    ws = open_workspace(Path(home))
    print("ready", flush=True)
    run_sync(ws, password=lambda: password, pull_page=page,
             backoff=Backoff(base=0.01, cap=0.2, attempts=20))  # fmt: skip
    ws.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
