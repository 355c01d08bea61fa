"""The local store's schema, changed only through these migrations (sqlite-utils ``Migrations``).

Never edit an applied migration: add a new one.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("mihani-store")

INDIVIDUAL_CATEGORIES = ("diploma", "experience", "maalem")


@migrations()
def m001_core(db: Database) -> None:
    db.executescript(
        f"""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        CREATE TABLE agent (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor')),
            region_code TEXT NOT NULL,
            password_hash TEXT,
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL
        );

        CREATE TABLE artisan (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            nia TEXT UNIQUE,
            provisional_ref TEXT UNIQUE,
            cin TEXT NOT NULL,
            first_name_ar TEXT NOT NULL, last_name_ar TEXT NOT NULL,
            first_name_lat TEXT NOT NULL, last_name_lat TEXT NOT NULL,
            sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
            birth_date TEXT NOT NULL, birth_place TEXT,
            phone TEXT, email TEXT, address TEXT,
            region_code TEXT NOT NULL, province_code TEXT NOT NULL, commune_code TEXT NOT NULL,
            category TEXT NOT NULL,
            branch_code TEXT NOT NULL, activity_code TEXT NOT NULL,
            years_practice INTEGER,
            qualification_kind TEXT, qualification_ref TEXT,
            workplace TEXT, amo_number TEXT, photo_sha256 TEXT,
            consent_given INTEGER NOT NULL, consent_at TEXT NOT NULL, consent_agent TEXT NOT NULL,
            org_name TEXT, org_reg_number TEXT, org_supervisor_nia TEXT,
            status TEXT NOT NULL DEFAULT 'pending',
            version INTEGER NOT NULL DEFAULT 1,
            nomenclature_version TEXT,
            created_at TEXT NOT NULL, created_by TEXT NOT NULL,
            updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
            CHECK (nia IS NOT NULL OR provisional_ref IS NOT NULL)
        );
        CREATE UNIQUE INDEX artisan_cin_person ON artisan (cin)
            WHERE category IN {INDIVIDUAL_CATEGORIES!r};
        CREATE INDEX artisan_cin ON artisan (cin);
        CREATE UNIQUE INDEX artisan_org_reg ON artisan (org_reg_number)
            WHERE org_reg_number IS NOT NULL;
        CREATE INDEX artisan_phone ON artisan (phone) WHERE phone IS NOT NULL;
        CREATE INDEX artisan_birth ON artisan (birth_date);
        CREATE INDEX artisan_commune ON artisan (commune_code);

        CREATE VIRTUAL TABLE artisan_fts USING fts5 (
            names, skel,
            content = '', contentless_delete = 1,
            tokenize = 'unicode61 remove_diacritics 0',
            prefix = '1 2 3'
        );

        CREATE TABLE photo (
            sha256 TEXT PRIMARY KEY,
            mime TEXT NOT NULL,
            data BLOB NOT NULL,
            created_at TEXT NOT NULL
        );

        CREATE TABLE nia_lease (
            id INTEGER PRIMARY KEY,
            lease_id TEXT NOT NULL UNIQUE,
            region_code TEXT NOT NULL,
            first_serial INTEGER NOT NULL,
            end_serial INTEGER NOT NULL,
            next_serial INTEGER NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('demo', 'central')),
            granted_at TEXT NOT NULL,
            CHECK (first_serial <= next_serial AND next_serial <= end_serial)
        );

        CREATE TABLE outbox (
            mid INTEGER PRIMARY KEY AUTOINCREMENT,
            entity TEXT NOT NULL,
            entity_uid TEXT NOT NULL,
            op TEXT NOT NULL,
            base_version INTEGER,
            base_values TEXT,
            patch TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX outbox_entity ON outbox (entity_uid);

        CREATE TABLE sync_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            client_id TEXT NOT NULL,
            pull_cursor TEXT,
            last_acked_mid INTEGER NOT NULL DEFAULT 0,
            provisional_counter INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            agent TEXT NOT NULL,
            action TEXT NOT NULL,
            entity TEXT,
            entity_uid TEXT,
            details TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """
    )


@migrations()
def m002_agent_login(db: Database) -> None:
    """Failed log-ins per user name, for the lock-out (app/agents.py); the audit log by
    record, for a record's history (app/activity_log.py)."""
    db.executescript(
        """
        CREATE TABLE agent_login (
            username TEXT PRIMARY KEY,
            failures INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            last_failure_at TEXT
        );
        CREATE INDEX audit_entity ON audit (entity_uid) WHERE entity_uid IS NOT NULL;
        """
    )


def _shadow_trigger_sql() -> str:
    """On a record's first pending change, keep the server copy it started from (the row
    with the change's base values and base version) in ``shadow``."""
    from app.model.artisan import RECORD_FIELDS

    pairs = ", ".join(f"'{c}', a.{c}" for c in RECORD_FIELDS)
    return f"""
        CREATE TRIGGER outbox_shadow AFTER INSERT ON outbox
        WHEN NEW.op != 'create'
            AND NOT EXISTS (SELECT 1 FROM shadow WHERE uid = NEW.entity_uid)
            AND NOT EXISTS (SELECT 1 FROM outbox o
                            WHERE o.entity_uid = NEW.entity_uid AND o.mid < NEW.mid)
        BEGIN
            INSERT INTO shadow (uid, version, data)
            SELECT a.uid, NEW.base_version,
                   json_set(json_patch(json_object({pairs}), coalesce(NEW.base_values, '{{}}')),
                            '$.version', NEW.base_version)
            FROM artisan a WHERE a.uid = NEW.entity_uid;
        END;
    """  # noqa: S608 (column names of the model, no input)  # nosec B608 # trigger text from the model's RECORD_FIELDS; no input


@migrations()
def m003_sync(db: Database) -> None:
    """The sync client's tables (docs/SYNC.md): server copies of rows with pending changes
    (``shadow``), pull pages staged until their set is complete, pulled rows that could not
    be applied yet, conflicts and refusals for a person, the photo queue, the runs."""
    db.executescript(
        """
        CREATE TABLE shadow (
            uid TEXT PRIMARY KEY,
            version INTEGER NOT NULL,
            data TEXT NOT NULL
        );
        CREATE TABLE pull_stage (
            page INTEGER PRIMARY KEY,
            cursor TEXT NOT NULL,
            next_cursor TEXT NOT NULL,
            until TEXT NOT NULL,
            more INTEGER NOT NULL,
            count INTEGER NOT NULL,
            checksum TEXT NOT NULL,
            body TEXT NOT NULL
        );
        CREATE TABLE pull_deferred (
            uid TEXT PRIMARY KEY,
            version INTEGER NOT NULL,
            data TEXT NOT NULL
        );
        CREATE TABLE conflicts (
            id INTEGER PRIMARY KEY,
            server_id INTEGER UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('field', 'duplicate')),
            entity_uid TEXT NOT NULL,
            field TEXT NOT NULL,
            base TEXT, server TEXT, local TEXT,
            mid INTEGER,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
            choice TEXT,
            created_at TEXT NOT NULL,
            resolved_at TEXT, resolved_by TEXT
        );
        CREATE INDEX conflicts_open ON conflicts (status, entity_uid);
        CREATE TABLE push_refusal (
            mid INTEGER PRIMARY KEY,
            entity_uid TEXT NOT NULL,
            op TEXT NOT NULL,
            error TEXT,
            params TEXT NOT NULL,
            field_errors TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE TABLE blob_queue (
            sha256 TEXT NOT NULL,
            direction TEXT NOT NULL CHECK (direction IN ('up', 'down')),
            upload_id TEXT,
            partial BLOB,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            PRIMARY KEY (sha256, direction)
        );
        CREATE TABLE sync_run (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            outcome TEXT,
            summary TEXT NOT NULL DEFAULT '{}'
        );
        ALTER TABLE sync_state ADD COLUMN blocked TEXT;
        ALTER TABLE sync_state ADD COLUMN pull_until TEXT;

        CREATE TRIGGER outbox_photo AFTER INSERT ON outbox
        WHEN json_extract(NEW.patch, '$.photo_sha256') IS NOT NULL
        BEGIN
            INSERT OR IGNORE INTO blob_queue (sha256, direction)
            VALUES (json_extract(NEW.patch, '$.photo_sha256'), 'up');
        END;
        """
    )
    db.executescript(_shadow_trigger_sql())


@migrations()
def m004_field_ops(db: Database) -> None:
    """Field operations (docs/FIELD.md): caravan sessions and the events tagged with the
    open one (filled by a trigger on the audit log, so inside the change's own
    transaction), the card's life (one row per physical card, its state and dates) and
    the card numbers revoked on this laptop, for the revocation list."""
    db.executescript(
        """
        CREATE TABLE caravan_session (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            commune_code TEXT NOT NULL,
            starts_on TEXT NOT NULL,
            ends_on TEXT NOT NULL,
            agents TEXT NOT NULL DEFAULT '[]',
            opened_at TEXT NOT NULL, opened_by TEXT NOT NULL,
            closed_at TEXT, closed_by TEXT,
            CHECK (starts_on <= ends_on)
        );
        CREATE UNIQUE INDEX caravan_one_open ON caravan_session (ifnull(closed_at, ''))
            WHERE closed_at IS NULL;

        CREATE TABLE session_event (
            id INTEGER PRIMARY KEY,
            session_uid TEXT NOT NULL REFERENCES caravan_session (uid),
            audit_seq INTEGER NOT NULL UNIQUE,
            action TEXT NOT NULL,
            artisan_uid TEXT,
            at TEXT NOT NULL
        );
        CREATE INDEX session_event_session ON session_event (session_uid, action);

        CREATE TRIGGER audit_session_tag AFTER INSERT ON audit
        WHEN NEW.action IN ('artisan.enrol', 'artisan.update', 'print.proof', 'print.badge',
                            'print.receipt', 'card.handover')
        BEGIN
            INSERT INTO session_event (session_uid, audit_seq, action, artisan_uid, at)
            SELECT s.uid, NEW.seq, NEW.action,
                   CASE WHEN NEW.entity = 'artisan' THEN NEW.entity_uid
                        ELSE json_extract(NEW.details, '$.artisan_uid') END,
                   NEW.at
            FROM caravan_session s WHERE s.closed_at IS NULL;
        END;

        CREATE TABLE card (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            artisan_uid TEXT NOT NULL,
            card_number TEXT NOT NULL UNIQUE,
            state TEXT NOT NULL CHECK (state IN ('requested', 'in_production', 'printed',
                'received', 'handed_over', 'revoked', 'superseded')),
            replaces_uid TEXT,
            renews_uid TEXT,
            requested_at TEXT NOT NULL, requested_by TEXT NOT NULL,
            produced_at TEXT, printed_at TEXT, received_at TEXT,
            handed_over_at TEXT, handed_over_by TEXT, handed_to TEXT, acknowledgement TEXT,
            expires_at TEXT,
            revoked_at TEXT, revoked_reason TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX card_artisan ON card (artisan_uid);
        CREATE INDEX card_state ON card (state);

        CREATE TABLE card_revocation (
            card_number TEXT PRIMARY KEY,
            card_uid TEXT NOT NULL,
            reason TEXT NOT NULL,
            revoked_at TEXT NOT NULL,
            revoked_by TEXT NOT NULL
        );
        """
    )


@migrations()
def m005_name_index_v2(db: Database) -> None:
    """The name index again, with the second normalisation of names: the gaf letters
    (ڭ ݣ گ) indexed as ك, and a Latin word with an apostrophe (M'Barek) also joined (mbarek)."""
    from app.registry.index import rebuild_name_index

    rebuild_name_index(db.conn)


@migrations()
def m006_card_feed(db: Database) -> None:
    """The card feed's own cursor (``sync/card_pull.py``), and the server's copy of a card
    that has local steps not yet acknowledged (``card_shadow``, as ``shadow`` for artisans)."""
    db.executescript(
        """
        ALTER TABLE sync_state ADD COLUMN card_cursor TEXT;
        CREATE TABLE card_shadow (
            uid TEXT PRIMARY KEY,
            version INTEGER NOT NULL,
            data TEXT NOT NULL
        );
        """
    )
