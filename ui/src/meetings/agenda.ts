// The agenda tab's form rules.
import type { AgendaItem, AgendaItemDraft, Body } from "../lib/bindings";

export function emptyAgendaDraft(): AgendaItemDraft {
  return { number: "", title: "", forum_body_id: "", priority: "normal", notes: "" };
}

export function agendaDraftFrom(item: AgendaItem): AgendaItemDraft {
  return {
    number: item.number,
    title: item.title,
    forum_body_id: item.forum_body_id ?? "",
    priority: item.priority,
    notes: item.notes,
  };
}

/** The number a new item most likely gets: the next free sibling of the chosen item ("13.3" →
 * "13.4"), or after the last top-level item when none is chosen. */
export function suggestNextNumber(items: readonly AgendaItem[], after: AgendaItem | null): string {
  const taken = new Set(items.map((i) => i.number));
  const base = after?.number ?? items.filter((i) => !i.number.includes(".")).at(-1)?.number ?? "0";
  const parts = base.split(".").map(Number);
  for (let step = 1; step < 1000; step++) {
    const candidate = [...parts.slice(0, -1), (parts.at(-1) ?? 0) + step].join(".");
    if (!taken.has(candidate)) return candidate;
  }
  return "";
}

/** "Committee A (World Health Assembly)": short name with the body it belongs to. */
export function forumLabel(body: Body, bodies: readonly Body[]): string {
  const parent = bodies.find((b) => b.id === body.parent_id);
  const name = body.short_name || body.name;
  return parent ? `${name} (${parent.short_name || parent.name})` : body.name;
}
