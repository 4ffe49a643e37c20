//! Documents kept offline. A file arrives in two steps: its bytes (a raw IPC body, not JSON),
//! then its details; files received but never attached are swept when Plenary next starts.

use plenary_core::CoreError;
use plenary_core::document::{Document, DocumentDraft, StoredFile};
use tauri::State;
use tauri::ipc::{InvokeBody, Request};

use super::Outcome;
use crate::state::AppState;

#[tauri::command]
pub async fn list_documents(
    state: State<'_, AppState>,
    meeting_id: String,
) -> Outcome<Vec<Document>> {
    state
        .with_store(move |store| store.documents(&meeting_id))
        .await
}

/// Receives a file's bytes into the data folder.
#[tauri::command]
pub async fn store_document_file(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Outcome<StoredFile> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(
            CoreError::validation("file", "The file could not be read. Choose it again.").into(),
        );
    };
    let bytes = bytes.clone();
    state
        .with_store(move |store| store.store_file(&bytes))
        .await
}

#[tauri::command]
pub async fn attach_document(
    state: State<'_, AppState>,
    meeting_id: String,
    draft: DocumentDraft,
    file_name: String,
    file: StoredFile,
) -> Outcome<Document> {
    state
        .with_store(move |store| store.attach_document(&meeting_id, &draft, &file_name, &file))
        .await
}

#[tauri::command]
pub async fn update_document(
    state: State<'_, AppState>,
    id: String,
    version: u32,
    draft: DocumentDraft,
) -> Outcome<Document> {
    state
        .with_store(move |store| store.update_document(&id, version, &draft))
        .await
}

#[tauri::command]
pub async fn delete_document(state: State<'_, AppState>, id: String, version: u32) -> Outcome<()> {
    state
        .with_store(move |store| store.delete_document(&id, version))
        .await
}

/// Opens a document's file with the system's default program (a PDF reader, a word processor).
/// Only files in Plenary's own file store can be opened this way.
#[tauri::command]
pub async fn open_document(state: State<'_, AppState>, id: String) -> Outcome<()> {
    let path = state
        .with_store(move |store| store.document_file(&id))
        .await?;
    open::that_detached(&path).map_err(|e| {
        CoreError::Storage(format!("no program on this computer opened the file ({e})")).into()
    })
}
