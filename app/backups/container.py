"""The backup file: an authenticated header, then the payload in AES-256-GCM chunks.

    magic "MIHANIBK" | format (1 byte) | header length (4 bytes, big-endian) | header JSON
    | key check (16 bytes) | header MAC (32 bytes, HMAC-SHA256)
    then chunks: length (4 bytes; top bit set on the last chunk) | ciphertext and GCM tag

The key comes from the supervisor's passphrase alone (Argon2id, parameters and salt in the
header), never from this laptop's keyring, so any laptop can restore it. Sub-keys by HKDF:
one checks the passphrase (a wrong one is named as such), one authenticates the header
(profile, region, date, counts: readable without the passphrase, trusted only once its
MAC checks), one encrypts. Each chunk's nonce is its number and the last-chunk flag, and
its associated data the header's MAC: chunks cannot be reordered, dropped, cut off at the
end or moved to another backup without the decryption failing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import struct
import unicodedata
from dataclasses import dataclass
from typing import BinaryIO

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.errors import UserFacingError

MAGIC = b"MIHANIBK"
FORMAT = 1
CHUNK = 1 << 20
MAX_HEADER = 64 * 1024
_LAST = 0x8000_0000
_TAG = 16


@dataclass(frozen=True)
class Kdf:
    """Argon2id cost: RFC 9106's second recommended setting by default (64 MiB, 3 passes)."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 4

    def as_dict(self, salt: bytes) -> dict:
        return {
            "name": "argon2id",
            "t": self.time_cost,
            "m": self.memory_kib,
            "p": self.parallelism,
            "salt": salt.hex(),
        }


@dataclass(frozen=True)
class Keys:
    enc: bytes
    mac: bytes
    check: bytes


def derive(passphrase: str, kdf: dict) -> Keys:
    """Keys from the passphrase (NFC-normalised: the same words typed on any keyboard)."""
    try:
        name, t, m, p = kdf["name"], int(kdf["t"]), int(kdf["m"]), int(kdf["p"])
        salt = bytes.fromhex(kdf["salt"])
    except (KeyError, TypeError, ValueError):
        raise UserFacingError("backup.error.damaged") from None
    if name != "argon2id" or not (1 <= t <= 16 and 1 <= p <= 16 and 8 * p <= m <= 1 << 21):
        raise UserFacingError("backup.error.damaged")
    if not 16 <= len(salt) <= 64:
        raise UserFacingError("backup.error.damaged")
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    master = hash_secret_raw(secret, salt, t, m, p, 32, Type.ID)

    def sub(purpose: str) -> bytes:
        info = f"mihani-backup/{FORMAT}/{purpose}".encode()
        return HKDF(hashes.SHA256(), 32, None, info).derive(master)

    return Keys(sub("enc"), sub("mac"), sub("check")[:16])


def write_header(out: BinaryIO, info: dict, passphrase: str, kdf: Kdf) -> tuple[Keys, bytes]:
    """Write the header; returns the keys and the header's MAC (the chunks' associated data)."""
    salt = os.urandom(16)
    header = dict(info, kdf=kdf.as_dict(salt), cipher="AES-256-GCM", chunk=CHUNK)
    keys = derive(passphrase, header["kdf"])
    body = json.dumps(header, sort_keys=True, ensure_ascii=False).encode("utf-8")
    head = MAGIC + bytes([FORMAT]) + struct.pack(">I", len(body)) + body + keys.check
    mac = hmac.new(keys.mac, head, hashlib.sha256).digest()
    out.write(head + mac)
    return keys, mac


def _read_exact(src: BinaryIO, n: int) -> bytes:
    data = src.read(n)
    if len(data) != n:
        raise UserFacingError("backup.error.truncated")
    return data


def read_header(src: BinaryIO) -> dict:
    """The header as written, NOT yet authenticated (``open_header`` checks it)."""
    if src.read(len(MAGIC)) != MAGIC:
        raise UserFacingError("backup.error.not_a_backup")
    version = _read_exact(src, 1)[0]
    if version != FORMAT:
        raise UserFacingError("backup.error.format_version", version=version)
    (length,) = struct.unpack(">I", _read_exact(src, 4))
    if length > MAX_HEADER:
        raise UserFacingError("backup.error.damaged")
    body = _read_exact(src, length)
    try:
        header = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise UserFacingError("backup.error.damaged") from None
    if not isinstance(header, dict) or not isinstance(header.get("kdf"), dict):
        raise UserFacingError("backup.error.damaged")
    header["_raw"] = MAGIC + bytes([version]) + struct.pack(">I", length) + body
    return header


def open_header(src: BinaryIO, passphrase: str) -> tuple[dict, Keys, bytes]:
    """Read and authenticate the header: (header, keys, MAC), or a clear error."""
    header = read_header(src)
    raw = header.pop("_raw")
    check = _read_exact(src, 16)
    mac = _read_exact(src, 32)
    keys = derive(passphrase, header["kdf"])
    if not hmac.compare_digest(check, keys.check):
        raise UserFacingError("backup.error.passphrase")
    if not hmac.compare_digest(mac, hmac.new(keys.mac, raw + check, hashlib.sha256).digest()):
        raise UserFacingError("backup.error.damaged")
    if header.get("chunk") != CHUNK or header.get("cipher") != "AES-256-GCM":
        raise UserFacingError("backup.error.damaged")
    return header, keys, mac


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class EncryptingWriter:
    """A write-only file object: what is written leaves in sealed chunks of ``CHUNK`` bytes."""

    def __init__(self, out: BinaryIO, keys: Keys, aad: bytes) -> None:
        self._out, self._aead, self._aad = out, AESGCM(keys.enc), aad
        self._buf = bytearray()
        self._index = 0
        self.closed = False

    def write(self, data: bytes) -> int:
        self._buf += data
        while len(self._buf) > CHUNK:  # keep the tail: the last chunk is sealed as last
            self._seal(bytes(self._buf[:CHUNK]), last=False)
            del self._buf[:CHUNK]
        return len(data)

    def _seal(self, plain: bytes, last: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._index, last), plain, self._aad)
        self._out.write(struct.pack(">I", len(sealed) | (_LAST if last else 0)) + sealed)
        self._index += 1

    def close(self) -> None:
        if not self.closed:
            self._seal(bytes(self._buf), last=True)
            self._buf.clear()
            self.closed = True


class DecryptingReader:
    """A read-only file object over the chunks; each is authenticated before it is used."""

    def __init__(self, src: BinaryIO, keys: Keys, aad: bytes) -> None:
        self._src, self._aead, self._aad = src, AESGCM(keys.enc), aad
        self._chunk = b""
        self._pos = 0
        self._index = 0
        self.finished = False

    def _next_chunk(self) -> None:
        head = self._src.read(4)
        if len(head) != 4:
            raise UserFacingError("backup.error.truncated")
        (word,) = struct.unpack(">I", head)
        last, length = bool(word & _LAST), word & ~_LAST
        if not _TAG <= length <= CHUNK + _TAG:
            raise UserFacingError("backup.error.damaged")
        sealed = _read_exact(self._src, length)
        try:
            self._chunk = self._aead.decrypt(_nonce(self._index, last), sealed, self._aad)
        except InvalidTag:
            raise UserFacingError("backup.error.damaged") from None
        self._pos = 0
        self._index += 1
        if last:
            self.finished = True
            if self._src.read(1):
                raise UserFacingError("backup.error.damaged")  # bytes after the last chunk

    def read(self, n: int = -1) -> bytes:
        parts: list[bytes] = []
        want = n if n >= 0 else float("inf")
        got = 0
        while got < want:
            if self._pos >= len(self._chunk):
                if self.finished:
                    break
                self._next_chunk()
                continue
            take = int(min(want - got, len(self._chunk) - self._pos))
            parts.append(self._chunk[self._pos : self._pos + take])
            self._pos += take
            got += take
        return b"".join(parts)

    def drain(self) -> None:
        """Read to the end: the whole file authenticated, truncation and trailing bytes found."""
        while True:
            rest = self._chunk[self._pos :]
            if rest.strip(b"\x00"):
                raise UserFacingError("backup.error.damaged")  # data after the archive's end
            self._pos = len(self._chunk)
            if self.finished:
                return
            self._next_chunk()
