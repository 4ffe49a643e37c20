import type { SavedCalendar } from "./bindings";

/** What the window says once a calendar file is written. */
export function savedCalendarMessage(saved: SavedCalendar): string {
  const events = saved.events === 1 ? "1 event" : `${saved.events} events`;
  const hint = saved.events === 0 ? " There was nothing to put in it." : " Open it in your calendar app to add them.";
  return `Saved ${events} to ${saved.path}.${hint}`;
}
