//! Document queries and the file store: each file is kept once under `documents/<ab>/<sha256>`
//! in the data folder, whatever its name and however often it is attached; the last reference
//! removed removes the file.

use std::io::Write;
use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, Row, params};
use sha2::{Digest, Sha256};

use super::row::opt_date_at;
use super::{Store, stored};
use crate::document::{
    Document, DocumentDraft, DocumentFields, MAX_FILE_BYTES, StoredFile, clean_file_name,
};
use crate::error::{CoreError, Result};
use crate::history::{self, HistoryAction};

const ENTITY: &str = "document";
const COLUMNS: &str =
    "id, meeting_id, agenda_item_id, symbol, title, language, source_url, retrieved_on,
    file_name, size, sha256, created_at, updated_at, version";

impl Store {
    /// Where files are kept.
    pub fn documents_dir(&self) -> PathBuf {
        self.path
            .parent()
            .unwrap_or(Path::new("."))
            .join("documents")
    }

    pub(crate) fn file_path(&self, sha256: &str) -> PathBuf {
        self.documents_dir().join(&sha256[..2]).join(sha256)
    }

    /// Keeps `bytes` in the file store (once) and says how to refer to them.
    pub fn store_file(&self, bytes: &[u8]) -> Result<StoredFile> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(CoreError::validation(
                "file",
                format!(
                    "The file is {} MB; Plenary keeps files of up to {} MB.",
                    bytes.len() / 1_048_576,
                    MAX_FILE_BYTES / 1_048_576
                ),
            ));
        }
        let sha256 = format!("{:x}", Sha256::digest(bytes));
        let path = self.file_path(&sha256);
        if !path.exists() {
            let folder = path.parent().unwrap_or(Path::new("."));
            let failed = |e: std::io::Error| {
                CoreError::Storage(format!(
                    "the file could not be saved in the data folder ({e})"
                ))
            };
            std::fs::create_dir_all(folder).map_err(failed)?;
            // Write aside, flush to disk, then rename: a crash never leaves half a file under the hash.
            let temporary = folder.join(format!(".{sha256}.{}", uuid::Uuid::now_v7()));
            let mut file = std::fs::File::create(&temporary).map_err(failed)?;
            file.write_all(bytes)
                .and_then(|()| file.sync_all())
                .map_err(failed)?;
            std::fs::rename(&temporary, &path).map_err(failed)?;
        }
        Ok(StoredFile {
            sha256,
            size: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
        })
    }

    /// A meeting's documents, those of the meeting as a whole first, then by agenda item.
    pub fn documents(&self, meeting_id: &str) -> Result<Vec<Document>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {} FROM document d LEFT JOIN agenda_item a ON a.id = d.agenda_item_id
             WHERE d.meeting_id = ?1 ORDER BY a.sort_key IS NOT NULL, a.sort_key, d.symbol, d.title",
            COLUMNS.split(", ").map(|c| format!("d.{}", c.trim())).collect::<Vec<_>>().join(", ")
        ))?;
        let rows = statement.query_map([meeting_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn document(&self, id: &str) -> Result<Document> {
        find(&self.conn, id)?.ok_or(CoreError::NotFound { entity: ENTITY })
    }

    /// The path of a document's file, to open it with the system's default program.
    pub fn document_file(&self, id: &str) -> Result<PathBuf> {
        let document = self.document(id)?;
        let path = self.file_path(&document.sha256);
        if !path.is_file() {
            return Err(CoreError::Storage(format!(
                "the file of \"{}\" is missing from the data folder; attach it again",
                document.fields.title
            )));
        }
        Ok(path)
    }

    /// Attaches a stored file (see [`Store::store_file`]) to a meeting.
    pub fn attach_document(
        &mut self,
        meeting_id: &str,
        draft: &DocumentDraft,
        file_name: &str,
        file: &StoredFile,
    ) -> Result<Document> {
        let fields = draft.validate()?;
        if file.sha256.len() != 64
            || !file.sha256.bytes().all(|b| b.is_ascii_hexdigit())
            || !self.file_path(&file.sha256).is_file()
        {
            return Err(CoreError::validation(
                "file",
                "The file did not arrive. Choose it again.",
            ));
        }
        self.write(|w| {
            let tx = w.conn();
            super::meetings::require_meeting(tx, meeting_id)?;
            super::agenda::check_on_agenda(
                tx,
                meeting_id,
                fields.agenda_item_id.as_deref(),
                "agenda_item_id",
            )?;
            let at = w.at().to_owned();
            let document = Document {
                id: uuid::Uuid::now_v7().to_string(),
                meeting_id: meeting_id.to_owned(),
                fields,
                file_name: clean_file_name(file_name),
                size: file.size,
                sha256: file.sha256.clone(),
                created_at: at.clone(),
                updated_at: at.clone(),
                version: 1,
            };
            let f = &document.fields;
            tx.execute(
                &format!("INSERT INTO document ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 1)"),
                params![
                    document.id,
                    meeting_id,
                    f.agenda_item_id,
                    f.symbol,
                    f.title,
                    f.language,
                    f.source_url,
                    f.retrieved_on.map(|d| d.to_string()),
                    document.file_name,
                    document.size,
                    document.sha256,
                    at,
                    at
                ],
            )?;
            history::record(
                tx,
                ENTITY,
                &document.id,
                HistoryAction::Create,
                None,
                Some(&document),
                &at,
            )?;
            Ok(document)
        })
    }

    /// Changes a document's details (the file stays).
    pub fn update_document(
        &mut self,
        id: &str,
        expected_version: u32,
        draft: &DocumentDraft,
    ) -> Result<Document> {
        let fields = draft.validate()?;
        self.write(|w| {
            let tx = w.conn();
            let before = find(tx, id)?.ok_or(CoreError::NotFound { entity: ENTITY })?;
            if before.version != expected_version {
                return Err(CoreError::Conflict { entity: ENTITY });
            }
            super::agenda::check_on_agenda(
                tx,
                &before.meeting_id,
                fields.agenda_item_id.as_deref(),
                "agenda_item_id",
            )?;
            if fields == before.fields {
                return Ok(before);
            }
            let at = w.at().to_owned();
            let after = Document {
                fields,
                updated_at: at.clone(),
                version: before.version + 1,
                ..before.clone()
            };
            let f = &after.fields;
            tx.execute(
                "UPDATE document SET agenda_item_id = ?1, symbol = ?2, title = ?3, language = ?4, source_url = ?5,
                     retrieved_on = ?6, updated_at = ?7, version = ?8 WHERE id = ?9",
                params![f.agenda_item_id, f.symbol, f.title, f.language, f.source_url, f.retrieved_on.map(|d| d.to_string()), at, after.version, id],
            )?;
            history::record(
                tx,
                ENTITY,
                id,
                HistoryAction::Update,
                Some(&before),
                Some(&after),
                &at,
            )?;
            Ok(after)
        })
    }

    /// Removes a document; its file goes too when nothing else refers to it.
    pub fn delete_document(&mut self, id: &str, expected_version: u32) -> Result<()> {
        let (before, still_used) = self.write(|w| {
            let before = w.delete::<Document>(id, expected_version)?;
            let still_used: bool = w.conn().query_row(
                "SELECT EXISTS (SELECT 1 FROM document WHERE sha256 = ?1)",
                [&before.sha256],
                |r| r.get(0),
            )?;
            Ok((before, still_used))
        })?;
        if !still_used {
            // After the commit: if removing fails, a stray file is left, never a missing one.
            let _ = std::fs::remove_file(self.file_path(&before.sha256));
        }
        Ok(())
    }

    /// Removes files no document refers to (received but never attached). Returns how many.
    pub fn remove_unattached_files(&self) -> Result<usize> {
        let Ok(folders) = std::fs::read_dir(self.documents_dir()) else {
            return Ok(0);
        };
        let mut statement = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM document WHERE sha256 = ?1)")?;
        let mut removed = 0;
        for folder in folders.flatten() {
            let Ok(files) = std::fs::read_dir(folder.path()) else {
                continue;
            };
            for file in files.flatten() {
                let name = file.file_name().to_string_lossy().into_owned();
                let used: bool = name.len() == 64 && statement.query_row([&name], |r| r.get(0))?;
                if !used && std::fs::remove_file(file.path()).is_ok() {
                    removed += 1;
                }
            }
        }
        Ok(removed)
    }
}

fn find(conn: &rusqlite::Connection, id: &str) -> Result<Option<Document>> {
    let mut statement =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM document WHERE id = ?1"))?;
    Ok(statement.query_row([id], from_row).optional()?)
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Document> {
    Ok(Document {
        id: row.get(0)?,
        meeting_id: row.get(1)?,
        fields: DocumentFields {
            agenda_item_id: row.get(2)?,
            symbol: row.get(3)?,
            title: row.get(4)?,
            language: row.get(5)?,
            source_url: row.get(6)?,
            retrieved_on: opt_date_at(row, 7)?,
        },
        file_name: row.get(8)?,
        size: row.get(9)?,
        sha256: row.get(10)?,
        created_at: row.get(11)?,
        updated_at: row.get(12)?,
        version: row.get(13)?,
    })
}

stored!(
    Document,
    ENTITY,
    "document",
    find,
    |d| if d.fields.symbol.is_empty() {
        format!("\"{}\"", d.fields.title)
    } else {
        d.fields.symbol.clone()
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::tests::kigali;

    fn draft(symbol: &str) -> DocumentDraft {
        DocumentDraft {
            symbol: symbol.into(),
            title: "Antimicrobial resistance".into(),
            language: "English".into(),
            ..Default::default()
        }
    }

    #[test]
    fn files_are_stored_once_and_removed_with_their_last_document() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let meeting = store.create_meeting(&kigali()).unwrap();
        let pdf = b"%PDF-1.7 A77/9 antimicrobial resistance".to_vec();
        let file = store.store_file(&pdf).unwrap();
        assert_eq!(file.sha256, format!("{:x}", Sha256::digest(&pdf)));
        let first = store
            .attach_document(&meeting.id, &draft("A77/9"), "/home/me/A77_9-en.pdf", &file)
            .unwrap();
        assert_eq!(first.file_name, "A77_9-en.pdf");
        let again = store.store_file(&pdf).unwrap();
        let second = store
            .attach_document(&meeting.id, &draft("A77/9 Add.1"), "copy.pdf", &again)
            .unwrap();
        let path = store.document_file(&first.id).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), pdf);
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1,
            "stored once"
        );

        store.delete_document(&first.id, 1).unwrap();
        assert!(path.exists(), "still used by the second document");
        store.delete_document(&second.id, 1).unwrap();
        assert!(!path.exists(), "the last reference removed the file");
        assert_eq!(store.history(ENTITY, &first.id).unwrap().len(), 2);
    }

    #[test]
    fn files_survive_reopening_and_strays_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let id = {
            let mut store = Store::open_in(dir.path()).unwrap();
            let meeting = store.create_meeting(&kigali()).unwrap();
            let file = store.store_file(b"kept").unwrap();
            store.store_file(b"never attached").unwrap();
            store
                .attach_document(&meeting.id, &draft("A77/9"), "a.pdf", &file)
                .unwrap()
                .id
        };
        let store = Store::open_in(dir.path()).unwrap();
        assert_eq!(
            std::fs::read(store.document_file(&id).unwrap()).unwrap(),
            b"kept"
        );
        assert_eq!(
            store.remove_unattached_files().unwrap(),
            0,
            "opening already swept the stray file"
        );
        assert_eq!(store.search("a77", 5).unwrap()[0].kind, "document");
    }

    #[test]
    fn a_file_that_did_not_arrive_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let meeting = store.create_meeting(&kigali()).unwrap();
        let missing = StoredFile {
            sha256: "0".repeat(64),
            size: 3,
        };
        assert!(
            matches!(store.attach_document(&meeting.id, &draft("A"), "a.pdf", &missing), Err(CoreError::Validation(e)) if e[0].field == "file")
        );
        let hostile = StoredFile {
            sha256: "../../../../etc/passwd".into(),
            size: 3,
        };
        assert!(matches!(
            store.attach_document(&meeting.id, &draft("A"), "a.pdf", &hostile),
            Err(CoreError::Validation(_))
        ));
        assert!(store.documents(&meeting.id).unwrap().is_empty());
    }
}
