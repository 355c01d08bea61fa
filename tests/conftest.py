"""Test-wide set-up: a private keyring file per test session (never the user's keyring),
offscreen Qt, and French messages unless a test asks otherwise."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

_KEYRING_DIR = tempfile.mkdtemp(prefix="mihani-test-keyring-")
atexit.register(shutil.rmtree, _KEYRING_DIR, ignore_errors=True)
os.environ["XDG_DATA_HOME"] = _KEYRING_DIR
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["MIHANI_LANG"] = "fr"
os.environ.pop("MIHANI_HOME", None)
