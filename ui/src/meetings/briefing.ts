// The words of the meeting's "Briefing book…" dialog; pure, so tested without a window.
import type { BriefingWritten } from "../lib/bindings";

/** "Saved the briefing book (24 pages, 310 KB) to /home/…/WHA79 briefing book.pdf." */
export function briefingDone(written: BriefingWritten, withTravel: boolean): string {
  const pages = `${written.pages} ${written.pages === 1 ? "page" : "pages"}`;
  const size =
    written.bytes >= 1_000_000
      ? `${(written.bytes / 1_000_000).toFixed(1)} MB`
      : `${Math.max(1, Math.round(written.bytes / 1000))} KB`;
  const travel = withTravel ? " It includes travel details: keep it within the delegation." : "";
  return `Saved the briefing book (${pages}, ${size}) to ${written.path}.${travel}`;
}
