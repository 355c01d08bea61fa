"""The central register: regions, agents, devices, artisans partitioned by region, the
mutation log, conflicts, leases, blobs, snapshots, cards, signed lists.

Revision ID: 0001
Revises:
"""

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

REGIONS = [f"{n:02d}" for n in range(1, 13)]

ARTISAN_COLUMNS = """
    uid uuid NOT NULL,
    nia text,
    provisional_ref text,
    status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'validated', 'rejected', 'suspended', 'deleted')),
    version integer NOT NULL DEFAULT 1,
    nomenclature_version text,
    created_at text NOT NULL, created_by text NOT NULL,
    updated_at text NOT NULL, updated_by text NOT NULL,
    cin text NOT NULL,
    first_name_ar text NOT NULL, last_name_ar text NOT NULL,
    first_name_lat text NOT NULL, last_name_lat text NOT NULL,
    sex text NOT NULL CHECK (sex IN ('M', 'F')),
    birth_date text NOT NULL, birth_place text,
    phone text, email text, address text,
    region_code text NOT NULL REFERENCES region (code),
    province_code text NOT NULL, commune_code text NOT NULL,
    category text NOT NULL, branch_code text NOT NULL, activity_code text NOT NULL,
    years_practice integer, qualification_kind text, qualification_ref text,
    workplace text, amo_number text, photo_sha256 text,
    consent_given boolean NOT NULL, consent_at text NOT NULL, consent_agent text NOT NULL,
    org_name text, org_reg_number text, org_supervisor_nia text,
    origin_device text,
    change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    change_seq bigint NOT NULL DEFAULT nextval('artisan_change_seq'),
    PRIMARY KEY (region_code, uid),
    UNIQUE (region_code, nia),
    UNIQUE (region_code, provisional_ref),
    CHECK (nia IS NOT NULL OR provisional_ref IS NOT NULL)
"""


def upgrade() -> None:
    values = ", ".join(f"('{r}')" for r in REGIONS)
    op.execute(
        f"""
        CREATE TABLE region (
            code text PRIMARY KEY CHECK (code ~ '^(0[1-9]|1[0-2])$'),
            next_serial bigint NOT NULL DEFAULT 1,
            feed_epoch integer NOT NULL DEFAULT 1,
            feed_horizon xid8 NOT NULL DEFAULT '0'
        );
        INSERT INTO region (code) VALUES {values};

        CREATE TABLE agent (
            id bigserial PRIMARY KEY,
            username text NOT NULL UNIQUE,
            display_name text NOT NULL,
            role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'operator')),
            region_code text REFERENCES region (code),
            password_hash text NOT NULL,
            active boolean NOT NULL DEFAULT true,
            created_at timestamptz NOT NULL DEFAULT now(),
            CHECK (role = 'operator' OR region_code IS NOT NULL)
        );

        CREATE TABLE device (
            id text PRIMARY KEY,
            region_code text NOT NULL REFERENCES region (code),
            status text NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'active', 'revoked')),
            code_hash text UNIQUE,
            code_expires_at timestamptz,
            client_id text UNIQUE,
            public_key bytea,
            secret_hash text,
            last_mid bigint NOT NULL DEFAULT 0,
            created_at timestamptz NOT NULL DEFAULT now(),
            registered_at timestamptz,
            revoked_at timestamptz,
            last_seen_at timestamptz
        );

        CREATE TABLE refresh_token (
            token_hash text PRIMARY KEY,
            agent_id bigint NOT NULL REFERENCES agent (id),
            device_id text REFERENCES device (id),
            expires_at timestamptz NOT NULL,
            used_at timestamptz,
            created_at timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE login_failure (
            id bigserial PRIMARY KEY,
            username text NOT NULL,
            address text NOT NULL,
            at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX login_failure_user ON login_failure (username, at);
        CREATE INDEX login_failure_addr ON login_failure (address, at);

        CREATE TABLE nia_lease (
            lease_id uuid PRIMARY KEY,
            device_id text REFERENCES device (id),
            region_code text NOT NULL REFERENCES region (code),
            first_serial bigint NOT NULL,
            end_serial bigint NOT NULL,
            granted_at timestamptz NOT NULL DEFAULT now(),
            CHECK (first_serial < end_serial)
        );
        CREATE INDEX nia_lease_device ON nia_lease (device_id);

        CREATE SEQUENCE artisan_change_seq;
        CREATE TABLE artisan ({ARTISAN_COLUMNS}) PARTITION BY LIST (region_code);
        CREATE INDEX artisan_feed ON artisan (region_code, change_xid, change_seq);
        CREATE INDEX artisan_status ON artisan (region_code, status);
        CREATE INDEX artisan_cin ON artisan (region_code, cin);

        CREATE TABLE person_cin (
            cin text PRIMARY KEY,
            region_code text NOT NULL REFERENCES region (code),
            uid uuid NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE mutation (
            client_id text NOT NULL,
            mid bigint NOT NULL,
            device_id text NOT NULL REFERENCES device (id),
            payload_sha256 text NOT NULL,
            result jsonb NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (client_id, mid)
        );

        CREATE TABLE conflict (
            id bigserial PRIMARY KEY,
            region_code text NOT NULL REFERENCES region (code),
            artisan_uid uuid NOT NULL,
            kind text NOT NULL CHECK (kind IN ('field', 'duplicate')),
            field text NOT NULL,
            base_value jsonb, server_value jsonb, local_value jsonb,
            client_id text, mid bigint, agent text,
            created_at timestamptz NOT NULL DEFAULT now(),
            status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
            resolution jsonb, resolved_by text, resolved_at timestamptz
        );
        CREATE INDEX conflict_open ON conflict (region_code, status, id);
        CREATE INDEX conflict_artisan ON conflict (artisan_uid, field) WHERE status = 'open';

        CREATE TABLE blob (
            sha256 text NOT NULL,
            region_code text NOT NULL REFERENCES region (code),
            size bigint NOT NULL,
            mime text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (sha256, region_code)
        );
        CREATE TABLE upload (
            id uuid PRIMARY KEY,
            sha256 text NOT NULL,
            region_code text NOT NULL REFERENCES region (code),
            size bigint NOT NULL,
            mime text NOT NULL,
            device_id text,
            created_at timestamptz NOT NULL DEFAULT now(),
            UNIQUE (sha256, region_code)
        );

        CREATE TABLE snapshot (
            id uuid PRIMARY KEY,
            region_code text NOT NULL REFERENCES region (code),
            size bigint NOT NULL,
            sha256 text NOT NULL,
            count bigint NOT NULL,
            cursor text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE card (
            card_number text PRIMARY KEY,
            region_code text NOT NULL REFERENCES region (code),
            artisan_uid uuid NOT NULL,
            nia text NOT NULL,
            qr_text text NOT NULL,
            issued_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL,
            issued_by text NOT NULL,
            revoked_at timestamptz,
            revoked_reason text
        );
        CREATE INDEX card_artisan ON card (artisan_uid);

        CREATE TABLE signed_list (
            kind text NOT NULL CHECK (kind IN ('trust', 'revocation')),
            version integer NOT NULL,
            issued_at timestamptz NOT NULL,
            data bytea NOT NULL,
            PRIMARY KEY (kind, version)
        );

        CREATE TABLE server_secret (name text PRIMARY KEY, value bytea NOT NULL);

        CREATE TABLE audit (
            id bigserial PRIMARY KEY,
            at timestamptz NOT NULL DEFAULT now(),
            actor text NOT NULL,
            action text NOT NULL,
            region_code text,
            subject text,
            details jsonb NOT NULL DEFAULT '{{}}'
        );
        """  # noqa: S608 (constants of this file only)  # nosec B608 # DDL from this file's constants; no input
    )
    for r in REGIONS:
        op.execute(f"CREATE TABLE artisan_{r} PARTITION OF artisan FOR VALUES IN ('{r}')")


def downgrade() -> None:
    raise NotImplementedError("migrations go forward only")
