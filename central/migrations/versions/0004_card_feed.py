"""The card's life as a change feed, like the artisan feed: every write of a ``card_life``
row moves it to the end of its region's feed (``change_xid``, ``change_seq``), set by a
trigger so that no writer can forget it (a laptop's pushed step, a revocation by a
supervisor or an operator). Laptops pull it with their own cursor (``GET /v1/sync/cards``).

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE SEQUENCE card_change_seq;
        ALTER TABLE card_life
            ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
            ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('card_change_seq');
        CREATE INDEX card_life_feed ON card_life (region_code, change_xid, change_seq);

        CREATE FUNCTION card_life_feed_move() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.change_xid := pg_current_xact_id();
            NEW.change_seq := nextval('card_change_seq');
            RETURN NEW;
        END $$;
        CREATE TRIGGER card_life_feed BEFORE UPDATE ON card_life
            FOR EACH ROW EXECUTE FUNCTION card_life_feed_move();
        """
    )


def downgrade() -> None:
    raise NotImplementedError("migrations go forward only")
