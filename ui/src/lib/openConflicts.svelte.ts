// The team exchange's conflicts waiting for a decision, shared by every page that marks the
// records concerned; looked up again after an exchange or a decision, and every little while.
import { api } from "./api";
import type { ConflictView } from "./bindings";
import { openSettingsAt } from "./settingsSection.svelte";

let open: ConflictView[] = $state([]);

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

/** Asks the app to open Settings → Team, where the conflict is decided. */
export function openSettingsForConflicts(): void {
  openSettingsAt("team");
}
