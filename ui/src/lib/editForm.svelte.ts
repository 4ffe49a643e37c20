// An edit form's state: the draft, what it started from (so closing a changed form asks before
// discarding), the save error with a message per field, and focus on the first field in error —
// with the form's error summary kept in view above it where the form is tall.
import { tick } from "svelte";
import type { CommandError } from "./bindings";
import { asError, fieldMessages } from "./errors";

export interface EditFormOptions {
  /** Element ids: each field's input is `<prefix>-<field>`, its message `<prefix>-<field>-error`,
   * its hint `<prefix>-<field>-hint`, the form's error summary `<prefix>-form-error`. */
  prefix: string;
  /** The form's fields in the order they appear: errors focus the first; those that are the
   * draft's own are compared to tell whether it has changed. By default the draft's own keys, in
   * the order the draft lists them. */
  fields?: readonly string[];
}

/** The first field, in form order, that has a message. */
export function firstInvalid<F extends string>(fields: readonly F[], messages: Record<string, string>): F | null {
  return fields.find((field) => field in messages) ?? null;
}

/** Whether any of `fields` differs between the two drafts. Lists are compared by their members
 * (ticked items, whatever order they were ticked in). */
export function differs<D extends object>(fields: readonly string[], initial: D, current: D): boolean {
  const before = initial as Record<string, unknown>;
  const after = current as Record<string, unknown>;
  return fields.some((field) => {
    const a = before[field];
    const b = after[field];
    if (Array.isArray(a) && Array.isArray(b)) return a.length !== b.length || a.some((item) => !b.includes(item));
    return a !== b;
  });
}

export class EditForm<D extends object> {
  draft: D = $state() as D;
  /** The draft as the form opened (or last loaded), for the discard question. */
  initial: D = $state() as D;
  error: CommandError | null = $state(null);
  saving = $state(false);
  confirmingDiscard = $state(false);
  readonly messages: Record<string, string> = $derived(fieldMessages(this.error));
  readonly options: EditFormOptions;

  constructor(options: EditFormOptions, draft: D) {
    this.options = options;
    this.start(draft);
  }

  /** The fields in form order (see EditFormOptions.fields). */
  get fields(): readonly string[] {
    return this.options.fields ?? Object.keys(this.initial);
  }

  /** Whether the draft differs from what the form started with. */
  get dirty(): boolean {
    return differs(this.fields, this.initial, this.draft);
  }

  /** Starts over from `draft` (a new form, or the latest version loaded after a conflict). */
  start(draft: D): void {
    this.draft = draft;
    this.initial = $state.snapshot(draft) as D;
    this.error = null;
    this.saving = false;
    this.confirmingDiscard = false;
  }

  /** Whether the form may close now; a changed form first asks (once) to discard. */
  mayClose(): boolean {
    if (this.dirty && !this.confirmingDiscard) {
      this.confirmingDiscard = true;
      return false;
    }
    return true;
  }

  /** Runs `save` with the draft as plain data; on failure shows the error and focuses the first
   * field in error (or the summary). Resolves to true when saved. */
  async submit(save: (draft: D) => Promise<unknown>): Promise<boolean> {
    if (this.saving) return false;
    this.saving = true;
    this.error = null;
    try {
      await save($state.snapshot(this.draft) as D);
      return true;
    } catch (failure) {
      await this.fail(failure);
      return false;
    } finally {
      this.saving = false;
    }
  }

  /** After a conflict, starts over from the latest version `latest` finds, or says `gone` when it
   * finds none. Resolves to that version (null when there is none or loading it failed). */
  async startFromLatest<R>(latest: () => Promise<R | undefined>, draftFrom: (row: R) => D, gone: string): Promise<R | null> {
    try {
      const row = await latest();
      if (row === undefined) {
        this.error = { kind: "not_found", message: gone, fields: [] };
        return null;
      }
      this.start(draftFrom(row));
      return row;
    } catch (failure) {
      this.error = asError(failure);
      return null;
    }
  }

  /** Shows a failure as the form's error and moves focus to it. */
  async fail(failure: unknown): Promise<void> {
    this.error = asError(failure);
    await tick();
    this.focusError();
  }

  /** Focuses the first field in error, keeping the summary above it in view when both fit. */
  focusError(): void {
    if (typeof document === "undefined") return; // rendered outside a window (tests)
    const { prefix } = this.options;
    const summary = document.getElementById(`${prefix}-form-error`);
    const field = firstInvalid(this.fields, this.messages);
    const input = field ? document.getElementById(`${prefix}-${field}`) : null;
    if (!input) {
      summary?.focus();
      return;
    }
    summary?.scrollIntoView({ block: "nearest" });
    input.focus({ preventScroll: true });
    if (!inView(input)) input.scrollIntoView({ block: "nearest" });
  }

  /** `aria-describedby` for a field: its hint (`true` for `<prefix>-<field>-hint`, or other ids)
   * and its message (when shown). */
  describedBy(field: string, hint: boolean | string = false): string | undefined {
    const { prefix } = this.options;
    const hintIds = hint === true ? `${prefix}-${field}-hint` : hint || "";
    const ids = [hintIds, this.messages[field] ? `${prefix}-${field}-error` : ""].filter(Boolean);
    return ids.length ? ids.join(" ") : undefined;
  }
}

/** Whether the element is fully visible inside its dialog (or the window). */
function inView(element: Element): boolean {
  const box = element.getBoundingClientRect();
  const frame = element.closest("dialog")?.getBoundingClientRect() ?? {
    top: 0,
    bottom: window.innerHeight,
  };
  return box.top >= frame.top && box.bottom <= frame.bottom;
}
