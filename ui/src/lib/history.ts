// Who made a change, as the history shows it once laptops share a hub.
import type { HistoryEntry } from "./bindings";

/** "by amina on Amina's laptop", "by amina", or "" before the laptop joined a hub. */
export function madeBy(entry: Pick<HistoryEntry, "author" | "device">): string {
  if (!entry.author) return "";
  return entry.device ? `by ${entry.author} on ${entry.device}` : `by ${entry.author}`;
}
