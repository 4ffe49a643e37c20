// The words Settings → Backups and export shows; pure, so tested without a window.
import type { BackupSummary, ExportSummary, ImportSummary, Progress, RestoreSummary } from "../lib/bindings";

/** "Copying the database: 42%" (or the step alone when its size is not known yet). */
export function progressText(progress: Progress | null): string {
  if (!progress) return "Starting…";
  if (progress.total <= 0) return `${progress.step}…`;
  const percent = Math.min(100, Math.floor((progress.done * 100) / progress.total));
  return `${progress.step}: ${percent}%`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function backupDone(summary: BackupSummary): string {
  const missing =
    summary.missing_documents > 0
      ? ` ${plural(summary.missing_documents, "document file was", "document files were")} already missing from the data folder.`
      : "";
  return `Backed up to ${summary.path} (${plural(summary.documents, "document", "documents")}).${missing}`;
}

export function restoreDone(summary: RestoreSummary, when: (iso: string) => string): string {
  return `Restored the backup made ${when(summary.backed_up_at)} (${plural(summary.documents, "document", "documents")}). The data as it was is kept in ${summary.previous_data}.`;
}

export function exportDone(summary: ExportSummary): string {
  return `Exported ${plural(summary.rows, "record", "records")} to ${summary.path}, and ${plural(summary.documents, "document file", "document files")} to ${summary.documents_folder}.`;
}

export function importDone(summary: ImportSummary): string {
  return `Imported ${plural(summary.rows, "record", "records")} and ${plural(summary.documents, "document file", "document files")}.`;
}

/** The number of automatic backups to keep, as typed; `null` when it is not 1 to 365. */
export function parseKeep(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const keep = Number(trimmed);
  return keep >= 1 && keep <= 365 ? keep : null;
}
