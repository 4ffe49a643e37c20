// The action items tab's rules (drafts, overdue, due-date wording, links), kept apart from the
// component so they can be tested.
import type { ActionItem, ActionItemDraft, AgendaItem, Record as MeetingRecord } from "../lib/bindings";
import { daysBetween } from "../lib/dates";

/** Form fields in the order they appear; errors are focused in this order. */
export const ACTION_FIELD_ORDER = [
  "title",
  "owner",
  "due_date",
  "status",
  "agenda_item_id",
  "record_id",
  "notes",
] as const satisfies readonly (keyof ActionItemDraft)[];

export type ActionField = (typeof ACTION_FIELD_ORDER)[number];

export function emptyActionDraft(): ActionItemDraft {
  return {
    title: "",
    owner: "",
    due_date: "",
    status: "open",
    agenda_item_id: "",
    record_id: "",
    notes: "",
  };
}

export function actionDraftFrom(item: ActionItem): ActionItemDraft {
  return {
    title: item.title,
    owner: item.owner,
    due_date: item.due_date ?? "",
    status: item.status,
    agenda_item_id: item.agenda_item_id ?? "",
    record_id: item.record_id ?? "",
    notes: item.notes,
  };
}

/** The item as it is, marked done (for the quick action on the list). */
export function doneDraft(item: ActionItem): ActionItemDraft {
  return { ...actionDraftFrom(item), status: "done" };
}

/** Open and past its due date (`today` is ISO). */
export function isOverdue(item: Pick<ActionItem, "status" | "due_date">, today: string): boolean {
  if (item.status !== "open" || !item.due_date) return false;
  const days = daysBetween(today, item.due_date);
  return days !== null && days < 0;
}

/** "due in 9 days", "due tomorrow", "due today", "1 day overdue", "3 days overdue"; empty when the
 * item has no due date or is no longer open. */
export function dueText(item: Pick<ActionItem, "status" | "due_date">, today: string): string {
  if (item.status !== "open" || !item.due_date) return "";
  const days = daysBetween(today, item.due_date);
  if (days === null) return "";
  if (days === 0) return "due today";
  if (days === 1) return "due tomorrow";
  if (days > 1) return `due in ${days} days`;
  return days === -1 ? "1 day overdue" : `${-days} days overdue`;
}

/** What an item came from: "13.3", a record's title, or both ("13.3 · Committee A notes"). */
export function linkText(
  item: Pick<ActionItem, "agenda_item_id" | "record_id">,
  agenda: readonly Pick<AgendaItem, "id" | "number" | "title">[],
  records: readonly Pick<MeetingRecord, "id" | "content">[],
): string {
  const parts: string[] = [];
  if (item.agenda_item_id) {
    const agendaItem = agenda.find((a) => a.id === item.agenda_item_id);
    parts.push(agendaItem ? agendaItem.number.trim() || agendaItem.title : "an agenda item no longer on the agenda");
  }
  if (item.record_id) {
    const record = records.find((r) => r.id === item.record_id);
    parts.push(record ? record.content.title : "a record no longer kept");
  }
  return parts.join(" · ");
}
