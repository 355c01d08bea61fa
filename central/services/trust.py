"""The trust list and the revocation list, signed by the root, versioned, kept in the
database and republished whenever a device registers or a device or card is revoked (by an
operator, or by a laptop's pushed ``revoke``/``supersede``: ``card_revoked``)."""

from __future__ import annotations

import datetime as dt

import psycopg

from app.credentials import (
    RevocationList,
    Scope,
    TrustedKey,
    TrustList,
    key_id,
    raw_public_key,
)
from app.credentials.keys import alg_for_raw, alg_of

SIGNER_NAME = "RNA central signer"
SIGNER_YEARS = 10
LOCK = 716_001


def publish(central, conn: psycopg.Connection) -> None:
    """Sign and store a new version of both lists (inside the caller's transaction)."""
    root = central.keys.root
    if root is None:
        return
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK,))
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    keys = []
    if central.keys.signer is not None:
        pub = raw_public_key(central.keys.signer)
        start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
        keys.append(
            TrustedKey(pub, alg_of(central.keys.signer), SIGNER_NAME, frozenset({Scope.FINAL}),
                       start, now + dt.timedelta(days=365 * SIGNER_YEARS))
        )  # fmt: skip
    devices = conn.execute(
        "SELECT id, region_code, public_key, status,"
        " coalesce(certified_at, registered_at) AS certified_at FROM device"
        " WHERE public_key IS NOT NULL ORDER BY id"
    ).fetchall()
    revoked_kids = set()
    for d in devices:
        pub = bytes(d["public_key"])
        if d["status"] == "revoked":
            revoked_kids.add(key_id(pub))
            continue
        since = d["certified_at"]  # the current delegation certificate's dates
        until = since + dt.timedelta(days=central.settings.delegation_days)
        keys.append(
            TrustedKey(pub, alg_for_raw(pub), d["id"], frozenset({Scope.PROVISIONAL}),
                       since.replace(microsecond=0), until.replace(microsecond=0),
                       d["region_code"])
        )  # fmt: skip
    cards = {
        r["card_number"]
        for r in conn.execute(
            "SELECT card_number FROM card WHERE revoked_at IS NOT NULL"
            " UNION SELECT card_number FROM card_revoked"  # revoked from the field (pushed)
        )
    }
    version = _next_version(conn)
    trust = TrustList(version, now, tuple(keys)).sign(root)
    revocation = RevocationList(version, now, frozenset(revoked_kids), frozenset(cards)).sign(root)
    for kind, data in (("trust", trust), ("revocation", revocation)):
        conn.execute(
            "INSERT INTO signed_list (kind, version, issued_at, data) VALUES (%s, %s, %s, %s)",
            (kind, version, now, data),
        )


def _next_version(conn: psycopg.Connection) -> int:
    row = conn.execute("SELECT coalesce(max(version), 0) + 1 AS v FROM signed_list").fetchone()
    return int(row["v"])


def latest(central, kind: str) -> tuple[int, bytes] | None:
    """The newest signed list of ``kind`` (published on first use)."""
    for _ in range(2):
        with central.db.tx() as conn:
            row = conn.execute(
                "SELECT version, data FROM signed_list WHERE kind = %s"
                " ORDER BY version DESC LIMIT 1",
                (kind,),
            ).fetchone()
            if row is not None:
                return int(row["version"]), bytes(row["data"])
            if central.keys.root is None:
                return None
            publish(central, conn)
    return None
