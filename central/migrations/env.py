"""Alembic environment: plain SQL migrations, no ORM models (``central.migrate`` runs it)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

url = context.config.attributes["url"]
engine = create_engine(url, poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection, transactional_ddl=True)
    with context.begin_transaction():
        context.run_migrations()
