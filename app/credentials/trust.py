"""What a verifier trusts: the pinned root key, and the latest lists the root signed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.credentials.delegation import Scope
from app.credentials.keys import ALG_EDDSA, PublicKey, alg_of, key_id, load_public_key
from app.credentials.trustlist import RevocationList, TrustedKey, TrustList, read_list_file
from app.errors import UserFacingError


class Trust:
    """The root public key (pinned in the application), the trust list and the revocation
    list, both already checked against the root. Build it with ``Trust.load``."""

    def __init__(
        self,
        root_public_key: bytes,
        trust_list: TrustList,
        revocation_list: RevocationList,
        root_alg: int = ALG_EDDSA,
    ) -> None:
        self.root_public_key = root_public_key
        self.root: PublicKey = load_public_key(root_public_key, root_alg)
        self.root_kid = key_id(root_public_key)
        self.trust_list = trust_list
        self.revocation_list = revocation_list
        self._signers: dict[bytes, tuple[TrustedKey, PublicKey]] = {
            k.kid: (k, load_public_key(k.public_key, k.alg)) for k in trust_list.keys
        }

    @classmethod
    def load(
        cls,
        root_public_key: bytes,
        trust_list: bytes,
        revocation_list: bytes,
        root_alg: int = ALG_EDDSA,
    ) -> Trust:
        """Check both signed lists against the root; ``UserFacingError`` if either fails."""
        try:
            root = load_public_key(root_public_key, root_alg)
        except ValueError:
            raise UserFacingError("credentials.error.root_key_invalid") from None
        return cls(
            root_public_key,
            TrustList.load(trust_list, root),
            RevocationList.load(revocation_list, root),
            root_alg,
        )

    @classmethod
    def load_files(
        cls, root_public_key: bytes, trust_list: Path | str, revocation_list: Path | str
    ) -> Trust:
        return cls.load(
            root_public_key, read_list_file(trust_list), read_list_file(revocation_list)
        )

    def updated(
        self, trust_list: bytes | None = None, revocation_list: bytes | None = None
    ) -> Trust:
        """A copy with newer lists; an older or equal version than the one held is refused,
        so that nobody can roll a verifier back to a list from before a revocation."""
        tl, rl = self.trust_list, self.revocation_list
        if trust_list is not None:
            tl = TrustList.load(trust_list, self.root)
            _check_newer("trust", self.trust_list.version, tl.version)
        if revocation_list is not None:
            rl = RevocationList.load(revocation_list, self.root)
            _check_newer("revocation", self.revocation_list.version, rl.version)
        return Trust(self.root_public_key, tl, rl, alg_of(self.root))

    def signer(self, kid: bytes) -> tuple[TrustedKey, PublicKey] | None:
        """The trusted key with this kid, and its key object."""
        return self._signers.get(kid)

    def signers_for(self, scope: Scope) -> list[TrustedKey]:
        return [k for k, _ in self._signers.values() if scope in k.scopes]

    def is_revoked_key(self, kid: bytes) -> bool:
        return kid in self.revocation_list.revoked_kids

    def is_revoked_card(self, card_number: str) -> bool:
        return card_number in self.revocation_list.revoked_cards

    def ages(self, now: dt.datetime) -> tuple[dt.timedelta, dt.timedelta]:
        """How old the trust list and the revocation list are."""
        return now - self.trust_list.issued_at, now - self.revocation_list.issued_at


def _check_newer(which: str, held: int, offered: int) -> None:
    if offered <= held:
        raise UserFacingError(
            f"credentials.error.{which}_list_not_newer", held=held, offered=offered
        )
