"""The store's 256-bit key, kept in the OS keyring and nowhere else.

Headless machines choose a backend with the standard ``PYTHON_KEYRING_BACKEND`` variable.
With no usable keyring we stop with a clear message: never a plain key file in silence.
"""

from __future__ import annotations

import contextlib
import secrets

import keyring
import keyring.errors

from app.errors import KeyringUnavailable, UserFacingError

SERVICE = "mihani-store"


def _backend_name() -> str:
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _check_usable() -> None:
    backend = keyring.get_keyring()
    if type(backend).__module__ in ("keyring.backends.fail", "keyring.backends.null"):
        raise KeyringUnavailable(_backend_name())


def create_key(profile_id: str) -> str:
    """Make a new random key for a profile, store it, and read it back to prove it stuck."""
    _check_usable()
    key = secrets.token_hex(32)
    try:
        keyring.set_password(SERVICE, profile_id, key)
        stored = keyring.get_password(SERVICE, profile_id)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(f"{_backend_name()}: {exc}") from exc
    if stored != key:
        raise KeyringUnavailable(_backend_name())
    return key


def load_key(profile_id: str) -> str:
    _check_usable()
    try:
        key = keyring.get_password(SERVICE, profile_id)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(f"{_backend_name()}: {exc}") from exc
    if not key:
        raise UserFacingError("error.store_key_missing", profile=profile_id)
    return key


def delete_key(profile_id: str) -> None:
    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        keyring.delete_password(SERVICE, profile_id)
