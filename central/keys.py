"""The service's private keys: the root (delegation certificates, trust and revocation lists)
and the central signer (final cards), each a passphrase-protected file
(``app.credentials.save_key_file``). Either may be absent: what needs it then answers 503.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from app.credentials import PrivateKey, load_key_file, raw_public_key
from central.errors import ApiError
from central.settings import Settings

log = logging.getLogger("central.keys")


@dataclass
class Keys:
    root: PrivateKey | None
    signer: PrivateKey | None

    @classmethod
    def load(cls, settings: Settings) -> Keys:
        root = signer = None
        if settings.root_key_file:
            root = load_key_file(settings.root_key_file, settings.root_passphrase or "")
        if settings.signer_key_file:
            signer = load_key_file(settings.signer_key_file, settings.signer_passphrase or "")
        if root is None:
            log.warning("no root key: device registration and signed lists are unavailable")
        if signer is None:
            log.warning("no signer key: final cards cannot be signed")
        return cls(root, signer)

    def need_root(self) -> PrivateKey:
        if self.root is None:
            raise ApiError(503, "central.error.no_root_key")
        return self.root

    def need_signer(self) -> PrivateKey:
        if self.signer is None:
            raise ApiError(503, "central.error.no_signer_key")
        return self.signer

    def root_public_hex(self) -> str:
        return raw_public_key(self.need_root()).hex()
