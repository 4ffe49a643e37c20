// The bodies section's rules, kept apart from the component so they can be tested.
import type { Body, BodyDraft, BodyOrganization } from "../lib/bindings";

/** Form fields in the order they appear; errors are focused in this order. */
export const BODY_FIELD_ORDER = [
  "name",
  "short_name",
  "organization",
  "parent_id",
  "title_pattern",
] as const satisfies readonly (keyof BodyDraft)[];

export type BodyField = (typeof BODY_FIELD_ORDER)[number];

/** The order bodies are listed in: the WMA's, the WHO's, then the office's own. */
const ORGANIZATION_ORDER: readonly BodyOrganization[] = ["wma", "who", "other"];

export function emptyBodyDraft(): BodyDraft {
  return { name: "", short_name: "", organization: null, parent_id: "", title_pattern: "" };
}

export function bodyDraftFrom(body: Body): BodyDraft {
  return {
    name: body.name,
    short_name: body.short_name,
    organization: body.organization,
    parent_id: body.parent_id ?? "",
    title_pattern: body.title_pattern,
  };
}

/** 1 → "1st", 12 → "12th", 223 → "223rd". */
export function ordinalSuffixed(n: number): string {
  const lastTwo = n % 100;
  const last = n % 10;
  const suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : last === 1 ? "st" : last === 2 ? "nd" : last === 3 ? "rd" : "th";
  return `${n}${suffix}`;
}

/** The title a meeting of a body usually carries, as the core computes it. With an ordinal, the
 * pattern filled in ("WHA{n}" → "WHA77"); without one, the body's name. Null when there is an
 * ordinal but no pattern (nothing sensible to suggest). */
export function previewTitle(pattern: string, name: string, ordinal: number | null): string | null {
  if (ordinal === null) return name.trim();
  const trimmed = pattern.trim();
  if (trimmed === "") return null;
  return trimmed.replaceAll("{nth}", ordinalSuffixed(ordinal)).replaceAll("{n}", String(ordinal));
}

export interface BodyRow {
  body: Body;
  /** The name of the body it sits within, if any (its id if that body is unknown). */
  parentName: string | null;
}

export interface BodyGroup {
  organization: BodyOrganization;
  label: string;
  rows: BodyRow[];
}

/** Bodies by organization (WMA, WHO, other; empty groups left out), each group in the order given. */
export function groupBodies(bodies: readonly Body[], organizationLabel: (organization: BodyOrganization) => string): BodyGroup[] {
  const names = new Map(bodies.map((b) => [b.id, b.name]));
  const order = [...ORGANIZATION_ORDER, ...bodies.map((b) => b.organization).filter((o) => !ORGANIZATION_ORDER.includes(o))];
  const groups: BodyGroup[] = [];
  for (const organization of new Set(order)) {
    const rows = bodies
      .filter((b) => b.organization === organization)
      .map((body) => ({ body, parentName: body.parent_id ? (names.get(body.parent_id) ?? body.parent_id) : null }));
    if (rows.length) groups.push({ organization, label: organizationLabel(organization), rows });
  }
  return groups;
}

/** The bodies another may sit within: top-level ones (bodies nest one level), never itself. The
 * current choice stays listed even if it no longer qualifies, so the form shows what is stored. */
export function parentChoices(bodies: readonly Body[], selfId: string, currentParentId: string): Body[] {
  return bodies.filter((b) => b.id !== selfId && (b.parent_id === null || b.id === currentParentId));
}
