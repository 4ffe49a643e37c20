// What the first screen and the example-data banner decide, kept pure for tests.
import type { ExampleRemoval, ExampleStatus } from "../lib/bindings";

/** The first screen takes the dashboard's place while the office has nothing of its own. */
export function showFirstScreen(status: ExampleStatus | null): boolean {
  return status?.office_empty === true && !status.loaded;
}

/** Example data is offered only on a laptop that does not exchange with a hub. */
export function mayExplore(status: ExampleStatus): boolean {
  return !status.joined && status.office_empty && !status.loaded;
}

/** What "Remove example data" did, in a sentence, naming what was kept and why. */
export function removalMessage(removal: ExampleRemoval): string {
  const removed = `Example data removed (${removal.removed} record${removal.removed === 1 ? "" : "s"}).`;
  if (removal.kept.length === 0) return removed;
  const kept = removal.kept.length === 1 ? "1 example record was kept" : `${removal.kept.length} example records were kept`;
  return `${removed} ${kept} because of your own work, and ${removal.kept.length === 1 ? "is" : "are"} yours now: ${removal.kept.join("; ")}.`;
}
