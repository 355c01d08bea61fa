"""Any single altered byte anywhere in a backup file is refused with a clear error, and
``verify`` says what a good backup holds."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ops_helpers import CHEAP_KDF, PASSPHRASE, StepClock, enrol_some

from app.backups import create_backup, restore_backup, verify_backup
from app.backups.container import CHUNK
from app.demo.fill import fill_demo
from app.errors import UserFacingError
from app.workspace import init_profile

CLEAR_ERRORS = {
    "backup.error.not_a_backup",
    "backup.error.format_version",
    "backup.error.passphrase",
    "backup.error.damaged",
    "backup.error.truncated",
}


@pytest.fixture(scope="module")
def backup(tmp_path_factory):
    """A backup of more than one chunk, made once for the module."""
    root = tmp_path_factory.mktemp("tamper")
    with init_profile(root / "profile", "07", "agent1", demo=True, clock=StepClock()) as ws:
        fill_demo(ws, 3000, seed=11)
        enrol_some(ws)
        out = root / "b.backup"
        create_backup(ws, out, PASSPHRASE, agent="agent1", kdf=CHEAP_KDF)
    data = out.read_bytes()
    assert len(data) > CHUNK + 1000  # the flips below reach a second chunk
    return out, data


def test_verify_reports_what_a_good_backup_holds(backup):
    info = verify_backup(backup[0], PASSPHRASE)
    assert info.region == "07" and info.counts["artisan"] == 3004
    assert info.counts["photo"] == 4 and info.size == len(backup[1])


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(offset=st.integers(min_value=0), bit=st.integers(min_value=0, max_value=7))
@example(offset=0, bit=0)  # magic
@example(offset=8, bit=0)  # format version
@example(offset=12, bit=3)  # header length
@example(offset=40, bit=1)  # header JSON
@example(offset=-1, bit=0)  # the last byte (the last chunk's tag)
@example(offset=-CHUNK - 20, bit=7)  # inside the first chunk
def test_a_flipped_bit_anywhere_is_refused(backup, tmp_path_factory, offset, bit):
    _, data = backup
    at = offset % len(data)
    altered = bytearray(data)
    altered[at] ^= 1 << bit
    target = tmp_path_factory.mktemp("flip") / "b.backup"
    target.write_bytes(bytes(altered))
    with pytest.raises(UserFacingError) as err:
        verify_backup(target, PASSPHRASE)
    assert err.value.msgid in CLEAR_ERRORS, at
    assert err.value.message("fr") != err.value.msgid  # a translated sentence, not an id


@pytest.mark.parametrize("where", ["header", "key_check", "first_chunk", "last_chunk"])
def test_an_altered_backup_restores_nothing(backup, tmp_path, where):
    _, data = backup
    header_end = 13 + int.from_bytes(data[9:13], "big")  # magic, format, length, JSON
    at = {
        "header": 30,
        "key_check": header_end + 3,
        "first_chunk": header_end + 48 + 100,
        "last_chunk": len(data) - 30,
    }[where]
    altered = bytearray(data)
    altered[at] ^= 0x20
    path = tmp_path / "b.backup"
    path.write_bytes(bytes(altered))
    with pytest.raises(UserFacingError) as err:
        restore_backup(path, tmp_path / "new" / "home", PASSPHRASE)
    assert err.value.msgid in CLEAR_ERRORS
    assert list((tmp_path / "new").iterdir()) == []
