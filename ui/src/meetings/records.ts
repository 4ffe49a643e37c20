// The records tab's rules (drafts, votes, labels, which versions to compare), kept apart from the
// component so they can be tested.
import type { AgendaItem, Choice, Record as MeetingRecord, RecordDraft, RecordVersion, Vote, VoteResult } from "../lib/bindings";

/** Form fields in the order they appear; errors are focused in this order. */
export const RECORD_FIELD_ORDER = [
  "agenda_item_id",
  "kind",
  "author",
  "title",
  "body",
  "votes_in_favour",
  "votes_against",
  "abstentions",
  "vote_result",
  "for_report",
] as const satisfies readonly (keyof RecordDraft)[];

export type RecordField = (typeof RECORD_FIELD_ORDER)[number];

export function emptyRecordDraft(agendaItemId = ""): RecordDraft {
  return {
    agenda_item_id: agendaItemId,
    kind: "notes",
    author: "",
    title: "",
    body: "",
    votes_in_favour: "",
    votes_against: "",
    abstentions: "",
    vote_result: null,
    for_report: false,
  };
}

export function recordDraftFrom(record: MeetingRecord): RecordDraft {
  const count = (n: number | null) => (n === null ? "" : String(n));
  const { vote } = record.content;
  return {
    agenda_item_id: record.agenda_item_id ?? "",
    kind: record.kind,
    author: record.content.author,
    title: record.content.title,
    body: record.content.body,
    votes_in_favour: count(vote.in_favour),
    votes_against: count(vote.against),
    abstentions: count(vote.abstentions),
    vote_result: vote.result,
    for_report: record.for_report,
  };
}

/** What the form sends: only an outcome carries a vote, so the (hidden) vote fields of any other
 * kind are cleared rather than refused. */
export function recordPayload(draft: RecordDraft): RecordDraft {
  if (draft.kind === "outcome") return { ...draft };
  return { ...draft, votes_in_favour: "", votes_against: "", abstentions: "", vote_result: null };
}

/** A choice's label from its value (the value itself if unknown). */
export function labelOf<T extends string>(choices: readonly Choice<T>[], value: T): string {
  return choices.find((choice) => choice.value === value)?.label ?? value;
}

/** "13.3 Antimicrobial resistance". */
export function agendaLabel(item: Pick<AgendaItem, "number" | "title">): string {
  return [item.number.trim(), item.title.trim()].filter(Boolean).join(" ");
}

/** The agenda item a record (or action item) is about, or "Whole meeting". */
export function placeLabel(agendaItemId: string | null, agenda: readonly AgendaItem[]): string {
  if (!agendaItemId) return "Whole meeting";
  const item = agenda.find((candidate) => candidate.id === agendaItemId);
  return item ? agendaLabel(item) : "An agenda item no longer on the agenda";
}

/** "124 in favour, 0 against, 11 abstentions — Adopted"; null when nothing about a vote is known. */
export function describeVote(vote: Vote, results: readonly Choice<VoteResult>[]): string | null {
  const counts: string[] = [];
  if (vote.in_favour !== null) counts.push(`${vote.in_favour} in favour`);
  if (vote.against !== null) counts.push(`${vote.against} against`);
  if (vote.abstentions !== null) {
    counts.push(`${vote.abstentions} ${vote.abstentions === 1 ? "abstention" : "abstentions"}`);
  }
  const result = vote.result === null ? "" : labelOf(results, vote.result);
  if (!counts.length) return result || null;
  return result ? `${counts.join(", ")} — ${result}` : counts.join(", ");
}

/** What saving a final record does, said before it is done. With the form's `draft`: marking
 * or unmarking it for the report alone keeps it final, with no new version. */
export function revisionNotice(
  record: Pick<MeetingRecord, "status" | "current_version"> & Partial<MeetingRecord>,
  draft?: RecordDraft,
): string | null {
  if (record.status !== "final") return null;
  const n = record.current_version;
  if (draft && record.content && onlyMarkChanges(record as MeetingRecord, draft)) {
    return `This record is final and stays so: marking it for the report or not makes no new version.`;
  }
  return `This record is final; saving makes version ${n + 1} as a draft and keeps version ${n} as it is.`;
}

/** The form differs from the stored record in nothing but "For the report". */
function onlyMarkChanges(record: MeetingRecord, draft: RecordDraft): boolean {
  const stored = recordDraftFrom(record);
  const sent = recordPayload(draft);
  return (Object.keys(stored) as (keyof RecordDraft)[]).every(
    (key) => key === "for_report" || String(stored[key] ?? "").trim() === String(sent[key] ?? "").trim(),
  );
}

/** The versions to compare when the versions dialog opens: the one before the newest with the
 * newest. Null when there is only one version. */
export function defaultComparison(versions: readonly Pick<RecordVersion, "number">[]): { from: number; to: number } | null {
  const numbers = versions.map((v) => v.number).sort((a, b) => b - a);
  const [to, from] = numbers;
  if (to === undefined || from === undefined) return null;
  return { from, to };
}

/** Versions newest first, whatever order they came in. */
export function newestFirst<T extends Pick<RecordVersion, "number">>(versions: readonly T[]): T[] {
  return [...versions].sort((a, b) => b.number - a.number);
}
