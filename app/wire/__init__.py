"""The wire schema shared by the sync client (``sync/``) and the central service
(``central/``): plain dataclasses, their JSON form, validation of what the other side sent
(``WireError``), and the JSON Schemas the service publishes in its OpenAPI. No web
framework here."""

from app.wire.auth import (
    LEASE_SCHEMA,
    LOGIN_SCHEMA,
    MAX_LEASE,
    REFRESH_SCHEMA,
    REGISTER_SCHEMA,
    Lease,
    LoginRequest,
    RegisterRequest,
    Registration,
    Tokens,
)
from app.wire.errors import WireError
from app.wire.pull import (
    ARTISAN_COLUMNS,
    CARD_COLUMNS,
    DEFAULT_PAGE,
    MAX_PAGE,
    SNAPSHOT_FORMAT,
    PullPage,
    page_checksum,
    page_header,
)
from app.wire.read import load_json
from app.wire.sync import (
    APPLIED,
    CONFLICT,
    DUPLICATE,
    MAX_MUTATIONS,
    MERGED,
    PUSH_SCHEMA,
    REJECTED,
    FieldConflict,
    Mutation,
    MutationResult,
    PushRequest,
    PushResponse,
    canonical,
)

__all__ = [
    "APPLIED",
    "ARTISAN_COLUMNS",
    "CARD_COLUMNS",
    "CONFLICT",
    "DEFAULT_PAGE",
    "DUPLICATE",
    "LEASE_SCHEMA",
    "LOGIN_SCHEMA",
    "MAX_LEASE",
    "MAX_MUTATIONS",
    "MAX_PAGE",
    "MERGED",
    "PUSH_SCHEMA",
    "REFRESH_SCHEMA",
    "REGISTER_SCHEMA",
    "REJECTED",
    "SNAPSHOT_FORMAT",
    "FieldConflict",
    "Lease",
    "LoginRequest",
    "Mutation",
    "MutationResult",
    "PullPage",
    "PushRequest",
    "PushResponse",
    "RegisterRequest",
    "Registration",
    "Tokens",
    "WireError",
    "canonical",
    "load_json",
    "page_checksum",
    "page_header",
]
