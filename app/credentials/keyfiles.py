"""Where private keys live: passphrase-protected files (root, central signers) and the OS
keyring (a laptop's device key).

A key file is PKCS#8, encrypted with the passphrase (PEM ``ENCRYPTED PRIVATE KEY``): the
root key is made offline, in a ceremony, and only ever stored that way. A device key is
kept in the OS keyring as the hex of its raw 32-byte Ed25519 private key, under the service
``mihani-device-key``; headless machines choose a backend with ``PYTHON_KEYRING_BACKEND``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

import keyring
import keyring.errors
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from keyring.backend import KeyringBackend

from app.credentials.keys import PrivateKey, alg_of, generate_key
from app.errors import KeyringUnavailable, UserFacingError

DEVICE_KEY_SERVICE = "mihani-device-key"
MIN_PASSPHRASE = 12


def save_key_file(path: Path | str, key: PrivateKey, passphrase: str) -> None:
    """Write ``key`` to a new file, encrypted with ``passphrase``; never overwrites a key."""
    path = Path(path)
    if len(passphrase) < MIN_PASSPHRASE:
        raise UserFacingError("credentials.error.passphrase_too_short", min=MIN_PASSPHRASE)
    alg_of(key)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise UserFacingError("credentials.error.key_file_exists", path=str(path)) from None
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
        out.flush()
        os.fsync(out.fileno())


def load_key_file(path: Path | str, passphrase: str) -> PrivateKey:
    """The private key in ``path``; a clear refusal for a wrong passphrase or a bad file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserFacingError("credentials.error.key_file_missing", path=str(path)) from None
    except OSError as exc:
        raise UserFacingError(
            "credentials.error.key_file_unreadable", path=str(path), detail=exc.strerror
        ) from None
    if b"ENCRYPTED PRIVATE KEY" not in data:
        raise UserFacingError("credentials.error.key_file_invalid", path=str(path))
    if not passphrase:
        raise UserFacingError("credentials.error.wrong_passphrase", path=str(path))
    try:
        key = serialization.load_pem_private_key(data, passphrase.encode("utf-8"))
    except ValueError as exc:
        # cryptography says "Bad decrypt. Incorrect password?" for a wrong passphrase, and
        # something else for a damaged file.
        wrong = "password" in str(exc).lower()
        msgid = (
            "credentials.error.wrong_passphrase" if wrong else "credentials.error.key_file_invalid"
        )
        raise UserFacingError(msgid, path=str(path)) from None
    except (TypeError, UnsupportedAlgorithm):
        raise UserFacingError("credentials.error.key_file_invalid", path=str(path)) from None
    try:
        alg_of(key)  # type: ignore[arg-type]
    except ValueError:
        raise UserFacingError("credentials.error.key_file_invalid", path=str(path)) from None
    return key  # type: ignore[return-value]


class KeyStore(Protocol):
    """Somewhere to keep named private keys (a laptop keeps its device key in one)."""

    def get(self, name: str) -> PrivateKey | None: ...

    def set(self, name: str, key: PrivateKey) -> None: ...


class KeyringKeyStore:
    """Ed25519 private keys in the OS keyring, as hex of the raw 32 bytes."""

    def __init__(self, service: str = DEVICE_KEY_SERVICE) -> None:
        self.service = service

    @staticmethod
    def _backend() -> KeyringBackend:
        backend = keyring.get_keyring()
        if type(backend).__module__ in ("keyring.backends.fail", "keyring.backends.null"):
            raise KeyringUnavailable(f"{type(backend).__module__}.{type(backend).__name__}")
        return backend

    def get(self, name: str) -> PrivateKey | None:
        try:
            stored = self._backend().get_password(self.service, name)
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(str(exc)) from exc
        if stored is None:
            return None
        try:
            return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(stored))
        except ValueError:
            raise UserFacingError("credentials.error.device_key_corrupt", name=name) from None

    def set(self, name: str, key: PrivateKey) -> None:
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("the keyring keeps Ed25519 device keys only")
        raw = key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        backend = self._backend()
        try:
            backend.set_password(self.service, name, raw.hex())
            stored = backend.get_password(self.service, name)
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(str(exc)) from exc
        if stored != raw.hex():
            raise KeyringUnavailable(f"{type(backend).__name__}: the key did not stick")


def device_key(store: KeyStore, name: str, *, create: bool = True) -> PrivateKey:
    """This laptop's device key named ``name``; made and stored on first use if ``create``."""
    key = store.get(name)
    if key is None:
        if not create:
            raise UserFacingError("credentials.error.device_key_missing", name=name)
        key = generate_key()
        store.set(name, key)
    return key
