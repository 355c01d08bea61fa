"""The NIA (numéro d'identité de l'artisanat), our format, and its leased ranges.

Format: region (2 digits) + serial (8 digits) + check (2 digits, ISO 7064 MOD 97-10),
shown as ``RR-SSSSSSSS-CC``. A laptop never invents a serial: it consumes a range leased
by the central service (or, before the central service exists, a demo lease made by
``mihani init``). With no lease left, the enrolment gets a provisional reference and
its NIA at the next sync.
"""

from __future__ import annotations

import re
import uuid

import sqlcipher3

from app.errors import UserFacingError

SERIAL_DIGITS = 8
_NIA_RE = re.compile(r"^(\d{2})-?(\d{8})-?(\d{2})$")
DEMO_LEASE_FIRST = 90_000_000
DEMO_LEASE_SIZE = 100_000


def check_digits(body: str) -> str:
    """ISO 7064 MOD 97-10 check characters of a digit string."""
    return f"{98 - (int(body + '00') % 97):02d}"


def make_nia(region_code: str, serial: int) -> str:
    if not (re.fullmatch(r"\d{2}", region_code) and 0 < serial < 10**SERIAL_DIGITS):
        raise ValueError(f"bad NIA parts: {region_code!r}, {serial!r}")
    body = f"{region_code}{serial:0{SERIAL_DIGITS}d}"
    return f"{region_code}-{serial:0{SERIAL_DIGITS}d}-{check_digits(body)}"


def parse_nia(text: str) -> str | None:
    """The canonical form of an NIA typed with or without dashes/spaces, or None if invalid."""
    m = _NIA_RE.match(re.sub(r"\s+", "", text or ""))
    if not m:
        return None
    region, serial, check = m.groups()
    if int(region + serial + check) % 97 != 1:
        return None
    return f"{region}-{serial}-{check}"


def looks_like_nia(text: str) -> bool:
    return bool(_NIA_RE.match(re.sub(r"\s+", "", text or "")))


def validate_nia(text: str) -> str:
    nia = parse_nia(text)
    if nia is None:
        msgid = "error.nia_check" if looks_like_nia(text) else "error.nia_format"
        raise UserFacingError(msgid, value=text)
    return nia


def grant_lease(
    conn: sqlcipher3.Connection,
    region_code: str,
    first_serial: int,
    size: int,
    source: str,
    granted_at: str,
    lease_id: str | None = None,
) -> str:
    lease_id = lease_id or str(uuid.uuid4())
    conn.execute(
        "INSERT INTO nia_lease (lease_id, region_code, first_serial, end_serial, next_serial,"
        " source, granted_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            lease_id,
            region_code,
            first_serial,
            first_serial + size,
            first_serial,
            source,
            granted_at,
        ),
    )
    return lease_id


def take_nia(conn: sqlcipher3.Connection, region_code: str) -> str | None:
    """Consume the next serial of the oldest lease with room; call inside a write transaction."""
    row = conn.execute(
        "SELECT id, next_serial FROM nia_lease WHERE region_code = ? AND next_serial < end_serial"
        " ORDER BY id LIMIT 1",
        (region_code,),
    ).fetchone()
    if row is None:
        return None
    conn.execute("UPDATE nia_lease SET next_serial = next_serial + 1 WHERE id = ?", (row[0],))
    return make_nia(region_code, row[1])


def lease_remaining(conn: sqlcipher3.Connection, region_code: str) -> int:
    row = conn.execute(
        "SELECT coalesce(sum(end_serial - next_serial), 0) FROM nia_lease WHERE region_code = ?",
        (region_code,),
    ).fetchone()
    return int(row[0])


def take_provisional_ref(conn: sqlcipher3.Connection, region_code: str, device_id: str) -> str:
    """A reference unique to this device, e.g. ``P07-3fa2c1-000012``; inside a write."""
    conn.execute("UPDATE sync_state SET provisional_counter = provisional_counter + 1")
    (counter,) = conn.execute("SELECT provisional_counter FROM sync_state").fetchone()
    return f"P{region_code}-{device_id[:6]}-{counter:06d}"
