-- People are found as duplicates by name or by email with case ignored (the form's check and the
-- spreadsheet import, row after row). Without this index each email lookup reads every person,
-- so importing thousands of people grew with the square of their number.
CREATE INDEX person_by_email ON person (lower(email));
