-- Hub schema 1: the change log, the hub's people, travel details, and the functions that are
-- the only way a login reaches them. Run by `plenary_hub::init` as the hub's owner, in one
-- transaction; the functions belong to that owner.

CREATE SCHEMA plenary;
REVOKE ALL ON SCHEMA plenary FROM PUBLIC;

-- Roles belong to the whole PostgreSQL server, not to one database: the group is shared by any
-- hubs on one server, and each hub's own `person` table says who belongs to it.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'plenary_member') THEN
        CREATE ROLE plenary_member NOLOGIN;
    END IF;
END
$$;
GRANT USAGE ON SCHEMA plenary TO plenary_member;

-- One row: who this hub is (laptops refuse to mix two hubs) and its schema version.
CREATE TABLE plenary.hub_info (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    identity uuid NOT NULL DEFAULT gen_random_uuid(),
    schema_version int NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Every laptop's bundles, in the one order all laptops apply them.
CREATE TABLE plenary.change_log (
    seq bigint PRIMARY KEY CHECK (seq > 0),
    bundle_id uuid UNIQUE NOT NULL,
    device text NOT NULL,
    author text NOT NULL DEFAULT session_user,
    schema_version int NOT NULL,
    made_at text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    payload jsonb NOT NULL
);

-- The office's hub logins and what each may see.
CREATE TABLE plenary.person (
    login text PRIMARY KEY,
    role text NOT NULL CHECK (role IN ('coordinator', 'delegate')),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Travel details (passport, nationality, dietary and access needs): never in the change log.
-- A row is seen by its owner and by coordinators, enforced here by row-level security.
CREATE TABLE plenary.travel (
    person_id text PRIMARY KEY,
    owner_login text NOT NULL,
    payload jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

REVOKE ALL ON plenary.hub_info, plenary.change_log, plenary.person, plenary.travel FROM PUBLIC;

-- The role of the login running this, or an error when it is not one of the hub's people.
CREATE FUNCTION plenary.require_person() RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    found_role text;
BEGIN
    SELECT p.role INTO found_role FROM plenary.person p WHERE p.login = session_user;
    IF found_role IS NULL THEN
        RAISE EXCEPTION 'the login % is not one of this hub''s people', session_user
            USING ERRCODE = 'PLNOP';
    END IF;
    RETURN found_role;
END
$$;

CREATE FUNCTION plenary.is_coordinator() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (
        SELECT 1 FROM plenary.person p WHERE p.login = session_user AND p.role = 'coordinator'
    )
$$;

-- These two stay as they are in every later schema: an app reads them before anything else.
CREATE FUNCTION plenary.hub_identity() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$ SELECT h.identity FROM plenary.hub_info h $$;

CREATE FUNCTION plenary.hub_version() RETURNS int
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$ SELECT h.schema_version FROM plenary.hub_info h $$;

CREATE FUNCTION plenary.whoami() RETURNS TABLE (login text, role text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    login := session_user;
    role := plenary.require_person();
    RETURN NEXT;
END
$$;

CREATE FUNCTION plenary.latest_seq() RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM plenary.require_person();
    RETURN (SELECT coalesce(max(c.seq), 0) FROM plenary.change_log c);
END
$$;

-- Appends bundles after `base_seq`, the last seq the laptop has applied. Pushes are taken one
-- at a time (the advisory lock is held until commit), so seqs are committed in order and a
-- reader that follows `seq > cursor` never skips a row committed late. A bundle already on the
-- hub is not appended again: its seq is returned, so a push retried after a lost reply doubles
-- nothing.
CREATE FUNCTION plenary.push(base_seq bigint, bundles jsonb)
RETURNS TABLE (bundle_id uuid, seq bigint)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    latest bigint;
    item jsonb;
    id uuid;
    found_seq bigint;
BEGIN
    PERFORM plenary.require_person();
    IF bundles IS NULL OR jsonb_typeof(bundles) <> 'array' THEN
        RAISE EXCEPTION 'the bundles to push must be a JSON array' USING ERRCODE = 'PLBAD';
    END IF;
    FOR item IN SELECT e.value FROM jsonb_array_elements(bundles) e LOOP
        IF jsonb_typeof(item) <> 'object'
            OR jsonb_typeof(item -> 'bundle_id') <> 'string'
            OR item ->> 'bundle_id' !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
            OR jsonb_typeof(item -> 'device') IS DISTINCT FROM 'string'
            OR jsonb_typeof(item -> 'schema_version') IS DISTINCT FROM 'number'
            OR jsonb_typeof(item -> 'made_at') IS DISTINCT FROM 'string'
            OR item -> 'payload' IS NULL
        THEN
            RAISE EXCEPTION 'a bundle must be an object with bundle_id (a UUID), device, schema_version, made_at and payload'
                USING ERRCODE = 'PLBAD';
        END IF;
    END LOOP;
    -- Read committed: each statement below sees the pushes committed before the lock was ours.
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'push must run at the read committed isolation level' USING ERRCODE = 'PLBAD';
    END IF;
    PERFORM pg_advisory_xact_lock(1886152046, 1);
    SELECT coalesce(max(c.seq), 0) INTO latest FROM plenary.change_log c;

    -- A retry of a push that went through: every bundle is there already.
    IF NOT EXISTS (
        SELECT 1 FROM jsonb_array_elements(bundles) e
        WHERE NOT EXISTS (
            SELECT 1 FROM plenary.change_log c WHERE c.bundle_id = (e.value ->> 'bundle_id')::uuid
        )
    ) THEN
        RETURN QUERY
            SELECT c.bundle_id, c.seq
            FROM jsonb_array_elements(bundles) WITH ORDINALITY AS e(value, n)
            JOIN plenary.change_log c ON c.bundle_id = (e.value ->> 'bundle_id')::uuid
            ORDER BY e.n;
        RETURN;
    END IF;

    IF base_seq < latest THEN
        RAISE EXCEPTION 'behind: the hub has changes this laptop has not pulled; pull first'
            USING ERRCODE = 'PLBHD', DETAIL = format('%s %s', latest, base_seq);
    END IF;
    IF base_seq > latest THEN
        RAISE EXCEPTION 'the hub has fewer changes than this laptop has already received'
            USING ERRCODE = 'PLAHD', DETAIL = format('%s %s', latest, base_seq);
    END IF;

    FOR item IN SELECT e.value FROM jsonb_array_elements(bundles) WITH ORDINALITY AS e(value, n) ORDER BY e.n LOOP
        id := (item ->> 'bundle_id')::uuid;
        SELECT c.seq INTO found_seq FROM plenary.change_log c WHERE c.bundle_id = id;
        IF found_seq IS NULL THEN
            latest := latest + 1;
            found_seq := latest;
            INSERT INTO plenary.change_log
                (seq, bundle_id, device, author, schema_version, made_at, payload)
            VALUES
                (latest, id, item ->> 'device', session_user, (item ->> 'schema_version')::int,
                 item ->> 'made_at', item -> 'payload');
        END IF;
        bundle_id := id;
        seq := found_seq;
        RETURN NEXT;
    END LOOP;
END
$$;

-- Up to `max_rows` bundles after `after_seq`, in order.
CREATE FUNCTION plenary.pull(after_seq bigint, max_rows int)
RETURNS SETOF plenary.change_log
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM plenary.require_person();
    RETURN QUERY
        SELECT c.* FROM plenary.change_log c
        WHERE c.seq > after_seq
        ORDER BY c.seq
        LIMIT greatest(max_rows, 0);
END
$$;

-- Travel: these run as the caller, so the policies below decide.
ALTER TABLE plenary.travel ENABLE ROW LEVEL SECURITY;
ALTER TABLE plenary.travel FORCE ROW LEVEL SECURITY;
CREATE POLICY travel_owner_or_coordinator ON plenary.travel TO plenary_member
    USING (owner_login = session_user OR plenary.is_coordinator())
    WITH CHECK (owner_login = session_user OR plenary.is_coordinator());
GRANT SELECT, INSERT, UPDATE, DELETE ON plenary.travel TO plenary_member;

-- Writes one person's travel details; `owner` is the login who may see them besides the
-- coordinators (the caller when null).
CREATE FUNCTION plenary.put_travel(person_id text, owner text, payload jsonb) RETURNS void
LANGUAGE sql VOLATILE SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
    INSERT INTO plenary.travel AS t (person_id, owner_login, payload, updated_at)
    VALUES (put_travel.person_id, coalesce(put_travel.owner, session_user), put_travel.payload, now())
    ON CONFLICT ON CONSTRAINT travel_pkey DO UPDATE
        SET owner_login = excluded.owner_login, payload = excluded.payload, updated_at = now()
$$;

CREATE FUNCTION plenary.get_travel()
RETURNS TABLE (person_id text, owner_login text, payload jsonb, updated_at timestamptz)
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
    SELECT t.person_id, t.owner_login, t.payload, t.updated_at
    FROM plenary.travel t ORDER BY t.person_id
$$;

CREATE FUNCTION plenary.delete_travel(person_id text) RETURNS boolean
LANGUAGE sql VOLATILE SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
    WITH gone AS (
        DELETE FROM plenary.travel t WHERE t.person_id = delete_travel.person_id RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM gone)
$$;

-- For the hub's owner only: a login for a person, with a password verifier made by the app
-- (the password itself never reaches the server). The name is checked here as well as in the
-- app and quoted by format('%I').
CREATE FUNCTION plenary.add_person(new_login text, new_role text, password_verifier text)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF new_login !~ '^[a-z][a-z0-9._-]{0,62}$' OR new_login ~ '^(pg_|plenary_)' THEN
        RAISE EXCEPTION 'a login is lower-case letters, digits, dots, hyphens and underscores, starting with a letter (and not pg_ or plenary_)'
            USING ERRCODE = 'PLBAD';
    END IF;
    IF new_role NOT IN ('coordinator', 'delegate') THEN
        RAISE EXCEPTION 'a role is coordinator or delegate' USING ERRCODE = 'PLBAD';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = new_login) THEN
        RAISE EXCEPTION 'a login named % already exists on this PostgreSQL server: choose another name', new_login
            USING ERRCODE = 'PLDUP';
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE plenary_member', new_login, password_verifier);
    INSERT INTO plenary.person (login, role) VALUES (new_login, new_role);
END
$$;

-- Only what is granted here is reachable by a login: no table is, but travel (under its
-- policies).
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA plenary FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    plenary.hub_identity(),
    plenary.hub_version(),
    plenary.whoami(),
    plenary.latest_seq(),
    plenary.push(bigint, jsonb),
    plenary.pull(bigint, int),
    plenary.is_coordinator(),
    plenary.put_travel(text, text, jsonb),
    plenary.get_travel(),
    plenary.delete_travel(text)
TO plenary_member;
