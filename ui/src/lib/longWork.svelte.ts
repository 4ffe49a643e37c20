// One piece of long work on the Rust side (a backup, a briefing book, a spreadsheet import) seen
// from a window: its name while it runs, its progress polled five times a second, and a stop.
import { api } from "./api";
import type { Progress } from "./bindings";

export class LongWork {
  /** What is under way ("Backing up"), or "" when nothing is. */
  running = $state("");
  progress = $state<Progress | null>(null);
  stopping = $state(false);
  #timer: ReturnType<typeof setInterval> | undefined;

  /** Runs `work` under `name`, polling its progress; its failure is thrown on to the caller. */
  async run<T>(name: string, work: () => Promise<T>): Promise<T> {
    this.running = name;
    this.progress = null;
    this.stopping = false;
    this.#timer = setInterval(async () => {
      try {
        this.progress = (await api.longWorkProgress()) ?? this.progress;
      } catch {
        // The next poll tries again; the work's own answer reports any failure.
      }
    }, 200);
    try {
      return await work();
    } finally {
      this.dispose();
      this.running = "";
      this.progress = null;
    }
  }

  /** Asks the work under way to stop; it leaves nothing behind. */
  async stop(): Promise<void> {
    this.stopping = true;
    await api.cancelLongWork();
  }

  /** Stops polling (the component showing it is gone). */
  dispose() {
    clearInterval(this.#timer);
  }
}
