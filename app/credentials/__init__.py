"""Signed QR credentials: the cards and provisional badges of the National Register of
Handicraft, and their offline verification. No Qt, no database, no network.

A credential is a CWT (claims per MOSIP ID Claim 169) in a COSE_Sign1 signed with Ed25519,
zlib-compressed and base45-encoded for a QR code at level M. The root key signs the trust
list, the revocation list and each laptop's delegation certificate; central signer keys
sign final cards; a laptop signs provisional badges that carry its certificate.
See docs/CREDENTIALS.md.
"""

from app.credentials.claims import (
    DEFAULT_ISSUER,
    ArtisanStatus,
    CardClaims,
    CardKind,
    ClaimsError,
    Gender,
)
from app.credentials.codec import (
    Decoded,
    Malformed,
    clean_scanned_text,
    decode_credential,
    encode_credential,
)
from app.credentials.delegation import (
    Delegation,
    DelegationError,
    Scope,
    issue_delegation,
    load_delegation,
    parse_delegation,
)
from app.credentials.issue import issue_final_card, issue_provisional_badge
from app.credentials.keyfiles import (
    DEVICE_KEY_SERVICE,
    KeyringKeyStore,
    KeyStore,
    device_key,
    load_key_file,
    save_key_file,
)
from app.credentials.keys import (
    ALG_EDDSA,
    ALG_ES256,
    PrivateKey,
    PublicKey,
    generate_key,
    key_id,
    kid_of,
    raw_public_key,
)
from app.credentials.qr import qr_image, qr_matrix, qr_png, qr_version, read_qr_texts
from app.credentials.trust import Trust
from app.credentials.trustlist import RevocationList, TrustedKey, TrustList
from app.credentials.verdict import Status, Verdict
from app.credentials.verify import CLOCK_SKEW, verify

__all__ = [
    "ALG_EDDSA",
    "ALG_ES256",
    "CLOCK_SKEW",
    "DEFAULT_ISSUER",
    "DEVICE_KEY_SERVICE",
    "ArtisanStatus",
    "CardClaims",
    "CardKind",
    "ClaimsError",
    "Decoded",
    "Delegation",
    "DelegationError",
    "Gender",
    "KeyStore",
    "KeyringKeyStore",
    "Malformed",
    "PrivateKey",
    "PublicKey",
    "RevocationList",
    "Scope",
    "Status",
    "Trust",
    "TrustList",
    "TrustedKey",
    "Verdict",
    "clean_scanned_text",
    "decode_credential",
    "device_key",
    "encode_credential",
    "generate_key",
    "issue_delegation",
    "issue_final_card",
    "issue_provisional_badge",
    "key_id",
    "kid_of",
    "load_delegation",
    "load_key_file",
    "parse_delegation",
    "qr_image",
    "qr_matrix",
    "qr_png",
    "qr_version",
    "raw_public_key",
    "read_qr_texts",
    "save_key_file",
    "verify",
]
