// The Organizations area's small rules (term wording, the list filter), kept apart from the
// components so they can be tested.
import type { Organization, OrganizationDraft, Term, TermState } from "../lib/bindings";
import { formatDate } from "../lib/dates";
import { fold } from "../lib/fold";

/** Whether the list filter's text matches an organization: by its name, its name in its own
 * language, acronym or country, ignoring case and accents (the same folding as everywhere). */
export function organizationMatches(
  organization: Pick<Organization, "name" | "local_name" | "acronym" | "country">,
  text: string,
): boolean {
  const { name, local_name, acronym, country } = organization;
  return fold(`${name} ${local_name} ${acronym} ${country}`).includes(fold(text.trim()));
}

/** How a term's state reads beside it; the core decides the state from today's date. */
export const TERM_STATE_LABEL: Record<TermState, string> = {
  current: "Current",
  ended: "Ended",
  upcoming: "Upcoming",
};

/** "from 1 Jan 2023 to 31 Dec 2024", or "from 1 Jan 2023, open-ended". */
export function termDates(term: Pick<Term, "start_date" | "end_date">): string {
  return term.end_date
    ? `from ${formatDate(term.start_date)} to ${formatDate(term.end_date)}`
    : `from ${formatDate(term.start_date)}, open-ended`;
}

/** The form's draft: an organization's fields, or a new one's (in form order). */
export function organizationDraftFrom(organization: Organization | null): OrganizationDraft {
  return {
    kind: organization?.kind ?? null,
    name: organization?.name ?? "",
    local_name: organization?.local_name ?? "",
    acronym: organization?.acronym ?? "",
    country: organization?.country ?? "",
    website: organization?.website ?? "",
    wma_membership: organization?.wma_membership ?? "none",
    who_relation: organization?.who_relation ?? "none",
    notes: organization?.notes ?? "",
  };
}
