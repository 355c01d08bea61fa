"""One sync at a time per profile, and only per profile: two profiles of one process (the
reliability campaign's laptops in threads) may sync at once."""

from __future__ import annotations

import pytest

from sync.errors import SyncError
from sync.lock import sync_lock


def test_the_same_profile_is_busy_another_is_not(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    with sync_lock(a):
        with pytest.raises(SyncError) as err, sync_lock(a):
            pass
        assert err.value.msgid == "sync.error.busy"
        with sync_lock(b):  # was refused as busy: the lock was one per process
            pass
    with sync_lock(a):  # released
        pass
