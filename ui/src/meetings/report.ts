// The delegate's report as the meeting page reports it: what "Draft report…" says when done.
import type { SavedReport } from "../lib/bindings";

/** What the meeting page shows after "Draft report…": a saved file, or a refusal. */
export type ReportOutcome = { tone: "info" | "error"; text: string };

/** "Saved the delegate's report of WHA79 to /home/…/WHA79 delegate report.docx. …" */
export function savedMessage(saved: SavedReport): string {
  return (
    `Saved the delegate's report of ${saved.meeting_title} to ${saved.path}. ` +
    "Open it in Word or LibreOffice and complete the places highlighted in yellow."
  );
}
