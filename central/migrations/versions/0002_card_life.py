"""The card's life as the laptops report it (partitioned by region like artisans), and the
card numbers revoked from the field, which the signed revocation list carries.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

REGIONS = [f"{n:02d}" for n in range(1, 13)]
STATES = ", ".join(
    f"'{s}'"
    for s in ("requested", "in_production", "printed", "received", "handed_over", "revoked",
              "superseded")
)  # fmt: skip


def upgrade() -> None:
    op.execute(
        f"""
        CREATE TABLE card_life (
            region_code text NOT NULL REFERENCES region (code),
            uid uuid NOT NULL,
            artisan_uid uuid NOT NULL,
            card_number text NOT NULL,
            state text NOT NULL CHECK (state IN ({STATES})),
            version integer NOT NULL DEFAULT 1,
            replaces_uid uuid, renews_uid uuid,
            requested_at text NOT NULL, requested_by text NOT NULL,
            produced_at text, printed_at text, expires_at text, received_at text,
            handed_over_at text, handed_over_by text, handed_to text, acknowledgement text,
            revoked_at text, revoked_reason text,
            origin_device text,
            updated_at text NOT NULL, updated_by text NOT NULL,
            PRIMARY KEY (region_code, uid),
            UNIQUE (region_code, card_number)
        ) PARTITION BY LIST (region_code);
        CREATE INDEX card_life_artisan ON card_life (region_code, artisan_uid);

        CREATE TABLE card_revoked (
            card_number text PRIMARY KEY,
            region_code text NOT NULL REFERENCES region (code),
            reason text NOT NULL,
            revoked_at timestamptz NOT NULL DEFAULT now(),
            revoked_by text NOT NULL,
            client_id text, mid bigint
        );
        """
    )
    for r in REGIONS:
        op.execute(f"CREATE TABLE card_life_{r} PARTITION OF card_life FOR VALUES IN ('{r}')")


def downgrade() -> None:
    raise NotImplementedError("migrations go forward only")
