-- The files behind documents that this laptop has already sent to the office hub (the rows go
-- in bundles; the files go beside them, once each). This laptop's own bookkeeping.
CREATE TABLE exchange_file_sent (
    sha256  TEXT PRIMARY KEY,
    sent_at TEXT NOT NULL
);
