-- Meetings saved before search existed (schemas 1 and 2) were never indexed: migration 0003 added
-- triggers for later writes only, so those meetings could not be found. Index every meeting the
-- index lacks, with the key and text the meeting triggers use.

INSERT OR IGNORE INTO search_key (kind, record_id)
SELECT 'meeting', id FROM meeting;

INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
SELECT k.id, 'meeting', m.id, m.id, m.title,
       concat_ws(' ', m.city, m.country, m.venue, m.time_zone, m.notes)
FROM meeting m
JOIN search_key k ON k.kind = 'meeting' AND k.record_id = m.id
WHERE NOT EXISTS (SELECT 1 FROM search s WHERE s.rowid = k.id);
