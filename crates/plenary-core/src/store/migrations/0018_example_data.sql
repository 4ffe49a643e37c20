-- Plenary's example office (Dashboard → "Explore with example data") is loaded into the same
-- tables as the office's own records. This laptop remembers which rows it loaded, and how each
-- row read when it was loaded, so "Remove example data" removes exactly those rows and keeps any
-- the person changed or built on. Never exchanged: a laptop holding example data does not join
-- a hub.
CREATE TABLE example_row (
    table_name  TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    -- The row as loaded (its columns as JSON): a row that reads differently was changed.
    loaded_as   TEXT NOT NULL,
    PRIMARY KEY (table_name, row_id)
) STRICT, WITHOUT ROWID;
