"""NIA serials: every region has one counter; a device gets a range of it (a lease), and the
server keeps small blocks of its own for provisional references turned into NIAs at push.
Two laptops can never issue the same NIA: ranges never overlap, by construction."""

from __future__ import annotations

import uuid

import psycopg

from app.nia import make_nia, parse_nia
from app.wire import Lease
from central.errors import ApiError

SERIAL_LIMIT = 10**8


def take_range(conn: psycopg.Connection, region: str, size: int) -> int:
    """The first serial of ``size`` fresh ones of ``region``'s counter."""
    row = conn.execute(
        "UPDATE region SET next_serial = next_serial + %s WHERE code = %s"
        " RETURNING next_serial - %s AS first",
        (size, region, size),
    ).fetchone()
    if row is None:
        raise ApiError(404, "central.error.region_unknown", region=region)
    if row["first"] + size > SERIAL_LIMIT:
        raise ApiError(507, "central.error.serials_exhausted", region=region)
    return int(row["first"])


def grant(conn: psycopg.Connection, device_id: str | None, region: str, size: int) -> Lease:
    first = take_range(conn, region, size)
    lease_id = str(uuid.uuid4())
    conn.execute(
        "INSERT INTO nia_lease (lease_id, device_id, region_code, first_serial, end_serial)"
        " VALUES (%s, %s, %s, %s, %s)",
        (lease_id, device_id, region, first, first + size),
    )
    return Lease(lease_id, region, first, first + size)


def device_leases(conn: psycopg.Connection, device_id: str) -> list[tuple[int, int]]:
    rows = conn.execute(
        "SELECT first_serial, end_serial FROM nia_lease WHERE device_id = %s", (device_id,)
    ).fetchall()
    return [(r["first_serial"], r["end_serial"]) for r in rows]


def check_nia(nia: object, region: str, leases: list[tuple[int, int]]) -> str | None:
    """The message id refusing ``nia`` for this device, or ``None`` when it may use it."""
    parsed = parse_nia(nia) if isinstance(nia, str) else None
    if parsed is None:
        return "central.error.nia_invalid"
    if parsed[:2] != region:
        return "central.error.nia_region"
    serial = int(parsed[3:11])
    if not any(first <= serial < end for first, end in leases):
        return "central.error.nia_outside_lease"
    return None


def nia_of(region: str, serial: int) -> str:
    return make_nia(region, serial)
