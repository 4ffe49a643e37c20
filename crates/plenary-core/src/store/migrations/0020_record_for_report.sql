-- A record marked "For the report": its text goes into the delegate's report drafted after the
-- meeting. Marking is an editorial choice about the record, not its content, so it lives on the
-- record row (a final record can be marked without making a new version).
ALTER TABLE record ADD COLUMN for_report INTEGER NOT NULL DEFAULT 0
    CHECK (for_report IN (0, 1));
