"""The PostgreSQL pool (psycopg 3) and transaction helpers.

Writes that may meet a concurrent writer (``deadlock_detected``, ``serialization_failure``)
are retried whole by ``retrying``: every write path is a function of a connection.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

T = TypeVar("T")
RETRYABLE = (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure)


class Database:
    def __init__(self, url: str, min_size: int = 2, max_size: int = 10) -> None:
        self.url = url
        self.pool = ConnectionPool(
            url,
            min_size=min_size,
            max_size=max_size,
            kwargs={"autocommit": False, "row_factory": dict_row},
            open=False,
            name="mihani-central",
        )

    def open(self) -> None:
        self.pool.open(wait=True, timeout=30)

    def close(self) -> None:
        self.pool.close()

    @contextmanager
    def tx(self, *, repeatable: bool = False) -> Iterator[psycopg.Connection]:
        """One transaction: committed when the block ends, rolled back on an exception."""
        with self.pool.connection() as conn:
            if repeatable:
                conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield conn

    def retrying(self, fn: Callable[[psycopg.Connection], T], attempts: int = 5) -> T:
        for attempt in range(attempts):
            try:
                with self.tx() as conn:
                    return fn(conn)
            except RETRYABLE:
                if attempt == attempts - 1:
                    raise
                time.sleep(0.01 * (2**attempt))
        raise AssertionError("unreachable")

    def ping(self) -> bool:
        try:
            with self.tx() as conn:
                conn.execute("SELECT 1")
            return True
        except psycopg.Error:
            return False
