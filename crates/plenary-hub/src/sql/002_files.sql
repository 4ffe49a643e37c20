-- Hub schema 2: the files behind documents (a meeting's PDFs), kept once each by their SHA-256,
-- as the laptops keep them. A file is added, never changed; its name is its checksum, which
-- the hub checks, so no one can put other bytes under a document's name.

CREATE TABLE plenary.file (
    sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    bytes bytea NOT NULL,
    added_by text NOT NULL DEFAULT session_user,
    added_at timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON plenary.file FROM PUBLIC;

CREATE FUNCTION plenary.put_file(file_sha256 text, file_bytes bytea) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM plenary.require_person();
    IF encode(sha256(file_bytes), 'hex') IS DISTINCT FROM file_sha256 THEN
        RAISE EXCEPTION 'the file''s bytes do not match its checksum' USING ERRCODE = 'PLBAD';
    END IF;
    INSERT INTO plenary.file (sha256, bytes) VALUES (file_sha256, file_bytes)
    ON CONFLICT (sha256) DO NOTHING;
END
$$;

CREATE FUNCTION plenary.get_file(file_sha256 text) RETURNS bytea
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM plenary.require_person();
    RETURN (SELECT f.bytes FROM plenary.file f WHERE f.sha256 = file_sha256);
END
$$;

-- Which of these files the hub has.
CREATE FUNCTION plenary.has_files(wanted text[]) RETURNS SETOF text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM plenary.require_person();
    RETURN QUERY SELECT f.sha256 FROM plenary.file f WHERE f.sha256 = ANY (wanted);
END
$$;

REVOKE EXECUTE ON FUNCTION
    plenary.put_file(text, bytea), plenary.get_file(text), plenary.has_files(text[])
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    plenary.put_file(text, bytea), plenary.get_file(text), plenary.has_files(text[])
TO plenary_member;
