"""Open the main window on a DEMO profile, show it, save a picture of it, and exit: proof
that Qt, its plugins, the fonts and the resources work on this machine. Used where there is
no screen (``scripts/demo`` on a headless machine, the packaged ``mihani-selftest``)."""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from app import agents
    from app.workspace import open_workspace
    from ui import operations
    from ui.context import Session
    from ui.launcher import after_start, application
    from ui.main_window import MainWindow

    app = application(None)
    ws = open_workspace(Path(argv[0]))
    if not ws.profile.demo:
        ws.close()
        print("the self-test runs on a demo profile only", file=sys.stderr)
        return 2
    try:
        window = MainWindow(Session(ws, agents.ensure_demo_agent(ws.store, ws.profile.region_code)))
        window.show()
        after_start()
        for _ in range(20):
            app.processEvents()
        operations.wait_idle()
        app.processEvents()
        if len(argv) > 1:
            window.grab().save(argv[1])
        print(f"main window shown: {window.width()}x{window.height()}, {window.windowTitle()}")
        window.close()
    finally:
        operations.wait_idle()
        ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
