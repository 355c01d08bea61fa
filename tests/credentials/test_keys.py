from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.credentials import (
    ALG_ES256,
    DEVICE_KEY_SERVICE,
    KeyringKeyStore,
    device_key,
    generate_key,
    key_id,
    kid_of,
    load_key_file,
    raw_public_key,
    save_key_file,
)
from app.credentials.keys import check_signature, load_public_key, sign
from app.errors import KeyringUnavailable, UserFacingError

from .conftest import raises_msgid

PASSPHRASE = "sept mots pour la racine du registre"  # noqa: S105 (a test passphrase)


def test_kid_is_the_first_8_bytes_of_sha256_of_the_raw_key() -> None:
    key = generate_key()
    raw = raw_public_key(key)
    assert len(raw) == 32
    assert kid_of(key) == key_id(raw) == hashlib.sha256(raw).digest()[:8]
    assert len(raw_public_key(generate_key(ALG_ES256))) == 65


@pytest.mark.parametrize("alg", [-8, -7])
def test_sign_and_check(alg: int) -> None:
    key = generate_key(alg)
    public = load_public_key(raw_public_key(key), alg)
    signature = sign(key, b"data")
    assert len(signature) == 64
    assert check_signature(public, signature, b"data")
    assert not check_signature(public, signature, b"date")
    assert not check_signature(public, signature[:-1], b"data")


def test_key_file_round_trip(tmp_path: Path) -> None:
    key = generate_key()
    path = tmp_path / "root.key"
    save_key_file(path, key, PASSPHRASE)
    assert b"ENCRYPTED PRIVATE KEY" in path.read_bytes()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert raw_public_key(load_key_file(path, PASSPHRASE)) == raw_public_key(key)


def test_es256_key_file_round_trip(tmp_path: Path) -> None:
    key = generate_key(ALG_ES256)
    save_key_file(tmp_path / "hsm.key", key, PASSPHRASE)
    assert raw_public_key(load_key_file(tmp_path / "hsm.key", PASSPHRASE)) == raw_public_key(key)


def test_wrong_passphrase_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "root.key"
    save_key_file(path, generate_key(), PASSPHRASE)
    with pytest.raises(UserFacingError) as caught:
        load_key_file(path, PASSPHRASE + "!")
    assert caught.value.msgid == "credentials.error.wrong_passphrase"
    assert "Phrase de passe incorrecte" in caught.value.message("fr")
    assert "عبارة المرور غير صحيحة" in caught.value.message("ar")
    with raises_msgid("credentials.error.wrong_passphrase"):
        load_key_file(path, "")


def test_key_file_refusals(tmp_path: Path) -> None:
    path = tmp_path / "root.key"
    with raises_msgid("credentials.error.passphrase_too_short"):
        save_key_file(path, generate_key(), "court")
    with raises_msgid("credentials.error.key_file_missing"):
        load_key_file(path, PASSPHRASE)
    save_key_file(path, generate_key(), PASSPHRASE)
    with raises_msgid("credentials.error.key_file_exists"):
        save_key_file(path, generate_key(), PASSPHRASE)
    garbage = tmp_path / "garbage.key"
    garbage.write_bytes(b"-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n")
    with raises_msgid("credentials.error.key_file_invalid"):
        load_key_file(garbage, PASSPHRASE)
    (tmp_path / "plain.txt").write_text("not a key")
    with raises_msgid("credentials.error.key_file_invalid"):
        load_key_file(tmp_path / "plain.txt", PASSPHRASE)


@pytest.fixture
def plaintext_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The keyring chosen the standard way, by PYTHON_KEYRING_BACKEND, its file in tmp."""
    previous = keyring.get_keyring()
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path))
    keyring.core.init_backend()
    assert type(keyring.get_keyring()).__name__ == "PlaintextKeyring"
    yield tmp_path
    keyring.set_keyring(previous)


def test_device_key_lives_in_the_keyring(plaintext_keyring: Path) -> None:
    store = KeyringKeyStore()
    assert store.get("laptop") is None
    key = device_key(store, "laptop")
    assert raw_public_key(device_key(store, "laptop")) == raw_public_key(key)
    stored = keyring.get_password(DEVICE_KEY_SERVICE, "laptop")
    assert isinstance(key, Ed25519PrivateKey)
    assert stored is not None and len(bytes.fromhex(stored)) == 32
    assert Ed25519PrivateKey.from_private_bytes(bytes.fromhex(stored)).public_key() == (
        key.public_key()
    )
    assert any(plaintext_keyring.rglob("*.cfg"))  # the keyring's file, in tmp only


def test_device_key_missing_and_corrupt(plaintext_keyring: Path) -> None:
    store = KeyringKeyStore()
    with raises_msgid("credentials.error.device_key_missing"):
        device_key(store, "other", create=False)
    keyring.set_password(DEVICE_KEY_SERVICE, "broken", "zz")
    with raises_msgid("credentials.error.device_key_corrupt"):
        store.get("broken")
    with pytest.raises(ValueError):
        store.set("p256", generate_key(ALG_ES256))


def test_no_keyring_is_said_clearly() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        with pytest.raises(KeyringUnavailable):
            device_key(KeyringKeyStore(), "laptop")
    finally:
        keyring.set_keyring(previous)
