// The team exchange's conflicts waiting for a decision, shared by every page that marks the
// records concerned; looked up again after an exchange or a decision, and every little while.
import { api } from "./api";
import type { ConflictView } from "./bindings";

let open: ConflictView[] = $state([]);
// Asks the app frame to show Settings, where conflicts are decided.
let settingsRequests = $state(0);

/** Looks again at which conflicts wait (quietly: a failure keeps what was known). */
export async function refreshConflicts(): Promise<void> {
  try {
    open = await api.listConflicts();
  } catch {
    // The marks stay as they were; Settings → Team shows the error itself.
  }
}

/** Takes the conflicts read with the first screen, so starting asks for them once. */
export function knowConflicts(conflicts: ConflictView[]): void {
  open = conflicts;
}

/** The open conflicts about one record (`entity` is its table: "meeting", "person"…). */
export function conflictsOf(entity: string, id: string): ConflictView[] {
  return open.filter((conflict) => conflict.entity === entity && conflict.record_id === id);
}

/** Asks the app to open Settings, where the conflict is decided. */
export function openSettingsForConflicts(): void {
  settingsRequests += 1;
}

/** How many times Settings has been asked for (the app frame follows it). */
export function settingsRequested(): number {
  return settingsRequests;
}
