import type { CommandError, ErrorKind } from "./bindings";

// A record over ErrorKind, so the compiler insists on every kind the Rust side can send.
const KNOWN_KINDS: Record<ErrorKind, true> = {
  validation: true,
  not_found: true,
  conflict: true,
  in_use: true,
  exchange: true,
  schema_too_new: true,
  storage: true,
  refused: true,
  cancelled: true,
  internal: true,
};
const KINDS = Object.keys(KNOWN_KINDS) as ErrorKind[];

/** Normalises whatever `invoke` rejected with into a CommandError. Tauri itself rejects with a
 * plain string when a command's arguments cannot be read; that is Plenary's fault, not the user's. */
export function toCommandError(raw: unknown): CommandError {
  if (typeof raw === "object" && raw !== null) {
    const candidate = raw as Partial<CommandError>;
    if (typeof candidate.message === "string" && KINDS.includes(candidate.kind as ErrorKind)) {
      return {
        kind: candidate.kind as ErrorKind,
        message: candidate.message,
        ...(typeof candidate.field === "string" ? { field: candidate.field } : {}),
        fields: Array.isArray(candidate.fields) ? candidate.fields : [],
      };
    }
  }
  const detail = raw instanceof Error ? raw.message : typeof raw === "string" ? raw : "";
  return {
    kind: "internal",
    message: `Plenary could not do that because of an internal fault${detail ? ` (${detail})` : ""}. Nothing was changed.`,
    fields: [],
  };
}

/** Field name → message, for showing validation errors beside their fields. */
export function fieldMessages(error: CommandError | null): Record<string, string> {
  const messages: Record<string, string> = {};
  if (error?.kind !== "validation") return messages;
  for (const { field, message } of error.fields) {
    messages[field] ??= message;
  }
  return messages;
}

/** The error thrown by every `api` call. */
export class CommandFailure extends Error {
  readonly error: CommandError;
  constructor(error: CommandError) {
    super(error.message);
    this.name = "CommandFailure";
    this.error = error;
  }
}

/** What a failed `api` call (or anything else thrown) means for the person: a CommandError. */
export function asError(failure: unknown): CommandError {
  return failure instanceof CommandFailure ? failure.error : toCommandError(failure);
}
