"""The sync's secrets, in the OS keyring only: the device secret the server gave at
registration and the agent's refresh token (it rotates at each use). The access token lives
in memory for its 15 minutes. Nothing here is ever written to a file or the settings."""

from __future__ import annotations

import contextlib

import keyring
import keyring.errors

from app.credentials import KeyringKeyStore
from app.errors import KeyringUnavailable
from app.issuer import REGISTERED_KEY_PREFIX

SERVICE = "mihani-sync"
DEVICE_KEY_PREFIX = REGISTERED_KEY_PREFIX  # the registered device key (device-key service)


def device_key_name(profile_id: str) -> str:
    return DEVICE_KEY_PREFIX + profile_id


def _backend():
    return KeyringKeyStore._backend()  # refuses the null and fail back-ends


def _get(name: str) -> str | None:
    try:
        return _backend().get_password(SERVICE, name)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(str(exc)) from exc


def _set(name: str, value: str | None) -> None:
    backend = _backend()
    try:
        if value is None:
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                backend.delete_password(SERVICE, name)
        else:
            backend.set_password(SERVICE, name, value)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(str(exc)) from exc


def device_secret(profile_id: str) -> str | None:
    return _get(f"{profile_id}:device-secret")


def set_device_secret(profile_id: str, secret: str) -> None:
    _set(f"{profile_id}:device-secret", secret)


def refresh_token(profile_id: str, username: str) -> str | None:
    return _get(f"{profile_id}:refresh:{username}")


def set_refresh_token(profile_id: str, username: str, token: str | None) -> None:
    _set(f"{profile_id}:refresh:{username}", token)
