"""When each device's current delegation certificate was issued: the trust list's entry for
the device runs from it for ``delegation_days`` (a renewal moves it).

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        ALTER TABLE device ADD COLUMN certified_at timestamptz;
        UPDATE device SET certified_at = registered_at WHERE registered_at IS NOT NULL;
        """
    )


def downgrade() -> None:
    raise NotImplementedError("migrations go forward only")
