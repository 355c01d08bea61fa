"""Named points of a sync run where the crash tests kill the process (``SIGKILL``).

``MIHANI_SYNC_CRASH_AT=name`` makes the process kill itself the first time it reaches
``name``; unset (always, outside the tests), ``reached`` does nothing.
"""

from __future__ import annotations

import os
import signal

ENV = "MIHANI_SYNC_CRASH_AT"
POINTS = (
    "push.before_send",  # the batch is read, nothing sent
    "push.after_answer",  # the server committed and answered; nothing recorded here
    "pull.mid_set",  # some pages of a set staged, not all
    "apply.mid",  # inside the transaction applying a page set, before its commit
    "cards.mid",  # some pages of the card feed applied, not all
    "snapshot.mid_download",  # part of a snapshot file downloaded
    "blob.mid_upload",  # part of a photo uploaded
)


def reached(name: str) -> None:
    if os.environ.get(ENV) == name:
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
