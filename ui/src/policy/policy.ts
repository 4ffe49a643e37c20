// The Policy area's rules (empty drafts, dirty checks, review wording, word budgets), kept apart
// from the components so they can be tested.
import type {
  PolicyAction,
  PolicyActionDraft,
  PolicyDocument,
  PolicyDocumentDraft,
  PolicyFilter,
  PolicyVoteDraft,
  PositionDraft,
  Statement,
  StatementDraft,
} from "../lib/bindings";
import { formatPartialDate } from "../lib/dates";

/** Document form fields in the order they appear; errors are focused in this order. */
export const DOCUMENT_FIELD_ORDER = [
  "policy_type",
  "emergency",
  "title",
  "short_name",
  "code",
  "lead_committee",
  "rapporteur",
  "topics",
  "meeting_id",
  "agenda_item_id",
  "source_url",
  "summary",
  "full_text",
] as const satisfies readonly (keyof PolicyDocumentDraft)[];

export function emptyDocumentDraft(): PolicyDocumentDraft {
  return {
    policy_type: "declaration",
    emergency: false,
    title: "",
    short_name: "",
    code: "",
    lead_committee: null,
    rapporteur: "",
    topics: "",
    summary: "",
    full_text: "",
    source_url: "",
    meeting_id: "",
    agenda_item_id: "",
  };
}

export function documentDraftFrom(document: PolicyDocument): PolicyDocumentDraft {
  return {
    policy_type: document.policy_type,
    emergency: document.emergency,
    title: document.title,
    short_name: document.short_name,
    code: document.code,
    lead_committee: document.lead_committee,
    rapporteur: document.rapporteur,
    topics: document.topics.join(", "),
    summary: document.summary,
    full_text: document.full_text,
    source_url: document.source_url,
    meeting_id: document.meeting_id ?? "",
    agenda_item_id: document.agenda_item_id ?? "",
  };
}

export function emptyActionDraft(): PolicyActionDraft {
  return { kind: "adopted", date: "", body_id: "", meeting_id: "", superseded_by_id: "", note: "" };
}

/** The adoption date a new WHO outcome suggests: its meeting's last day (plenaries adopt at the
 * end), or nothing without a meeting. */
export function adoptionDefault(meeting: { end_date: string } | undefined): string {
  return meeting?.end_date ?? "";
}

/** The correction form starts from the action as recorded. */
export function actionDraftFrom(action: PolicyAction): PolicyActionDraft {
  return {
    kind: action.kind,
    date: action.date,
    body_id: action.body_id ?? "",
    meeting_id: action.meeting_id ?? "",
    superseded_by_id: action.superseded_by_id ?? "",
    note: action.note,
  };
}

/** "Revised, October 2016": how a confirmation names one history action. */
export function actionName(kindLabel: string, date: string): string {
  return `${kindLabel}, ${formatPartialDate(date)}`;
}

export function emptyPositionDraft(): PositionDraft {
  return {
    meeting_id: "",
    agenda_item_id: "",
    stance: "support",
    priority: "normal",
    rationale: "",
    red_lines: "",
    fallback: "",
    mandate: { may_speak: false, may_co_sponsor: false, may_vote: false },
    own_policies: "",
    approved_by: "",
    approved_on: "",
  };
}

export function emptyVoteDraft(): PolicyVoteDraft {
  return { meeting_id: "", forum: "", in_favour: "", against: "", abstentions: "", result: null, note: "" };
}

export const NO_FILTER: PolicyFilter = {
  policy_type: null,
  status: null,
  topic: "",
  organization: null,
  stance: null,
  review_due_by: "",
};

/** The "review due" filter's choices: an end date from today. */
export function reviewDueBy(choice: "" | "year" | "2y" | "5y", today: string): string {
  if (!choice) return "";
  const year = Number(today.slice(0, 4));
  if (choice === "year") return `${year}-12-31`;
  const years = choice === "2y" ? 2 : 5;
  return `${year + years}${today.slice(4)}`.replace(/-02-29$/, "-02-28");
}

/** The handbook code as shown everywhere else, when it differs from the code as typed: its last
 * part is the year of the last action in the history (`handbookCode` is the document's derived
 * code). Null when there is nothing to explain. */
export function derivedCode(typed: string, handbookCode: string | null): string | null {
  const code = typed.trim().toUpperCase();
  if (!handbookCode || !/^(D|S|R|CR)-\d{4}-\d{2}-\d{4}$/.test(code)) return null;
  const derived = `${code.slice(0, -4)}${handbookCode.slice(-4)}`;
  return derived === code ? null : derived;
}

/** What a code field expects, by type. */
export function codeHint(type: PolicyDocumentDraft["policy_type"]): string {
  switch (type) {
    case "declaration":
      return "Handbook code, e.g. D-1948-01-2017 (optional until adopted)";
    case "statement":
      return "Handbook code, e.g. S-2012-01-2012";
    case "resolution":
      return "Handbook code, e.g. R-2023-02-2023";
    case "council_resolution":
      return "Handbook code, e.g. CR-2012-01-2012";
    case "who_resolution":
      return "Symbol, e.g. WHA77.17 or EB154.R3";
    case "who_decision":
      return "Symbol, e.g. WHA75(9) or EB150(3)";
    default:
      return "Any identifier the body uses";
  }
}

/** The first and last day a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date may mean. */
export function dateRange(partial: string): { from: string; to: string } | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(partial);
  if (!match) return null;
  const [, year, month, day] = match;
  if (day) return { from: partial, to: partial };
  if (month) {
    const last = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
    return { from: `${year}-${month}-01`, to: `${year}-${month}-${String(last).padStart(2, "0")}` };
  }
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

// Dates to the year, month or day, shown in the one style of every date (lib/dates.ts).
export { formatPartialDate };

/** The dashboard's sentence on reviews, each document counted once: "3 WMA documents are due for
 * review by the end of 2026, 1 of them overdue." */
export function reviewCountText(count: { year: number; overdue: number; by_year_end: number }): string {
  const { year, overdue, by_year_end: total } = count;
  const documents = (n: number) => `${n} WMA document${n === 1 ? " is" : "s are"}`;
  if (total === 0) return `No WMA document is due for review by the end of ${year}.`;
  if (overdue === 0) return `${documents(total)} due for review by the end of ${year}.`;
  if (overdue >= total) return `${documents(total)} overdue for review.`;
  return `${documents(total)} due for review by the end of ${year}, ${overdue} of them overdue.`;
}

/** The second line of a "due for review" row: "D-1948-01-2017 · due Oct 2027", or "due Oct 2027"
 * for a document without a code. */
export function reviewRowMeta(code: string | null | undefined, due: string | null): string {
  const parts = [code?.trim() ?? "", due ? `due ${formatPartialDate(due)}` : ""].filter(Boolean);
  return parts.join(" · ");
}

/** "Due for review in Oct 2027", "Review overdue since 2024", or ""; with the core's reason
 * ("10 years after the amendment of October 2017") when there is one. */
export function reviewText(due: string | null, today: string, why = ""): string {
  if (!due) return "";
  const range = dateRange(due);
  const when =
    range && range.to < today ? `Review overdue since ${formatPartialDate(due)}` : `Due for review in ${formatPartialDate(due)}`;
  return why ? `${when}: ${why}` : when;
}

/** Words a speaker can deliver in `minutes` at about 110 words a minute. */
export const WORDS_PER_MINUTE = 110;
export function wordBudget(minutes: number): number {
  return Math.max(0, Math.floor(minutes * WORDS_PER_MINUTE));
}

/** Words as a reader counts them: runs of letters or digits, with inner apostrophes and hyphens. */
export function wordCount(text: string): number {
  return (text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).length;
}

/** The live word-count line under a statement's text, and whether it is past the budget. */
export function budgetStatus(text: string, minutes: number): { words: number; budget: number; over: boolean; message: string } {
  const words = wordCount(text);
  const budget = wordBudget(minutes);
  const over = budget > 0 && words > budget;
  const message = budget
    ? over
      ? `${words} words: ${words - budget} over the budget of ${budget} for ${minutes} minute${minutes === 1 ? "" : "s"}. Shorten it.`
      : `${words} of ${budget} words (${minutes} minute${minutes === 1 ? "" : "s"} at ${WORDS_PER_MINUTE} a minute).`
    : `${words} words.`;
  return { words, budget, over, message };
}

/** "124 for, 0 against, 11 abstentions". */
export function voteText(vote: { in_favour: number | null; against: number | null; abstentions: number | null }): string {
  const parts: string[] = [];
  if (vote.in_favour !== null) parts.push(`${vote.in_favour} for`);
  if (vote.against !== null) parts.push(`${vote.against} against`);
  if (vote.abstentions !== null) parts.push(`${vote.abstentions} abstention${vote.abstentions === 1 ? "" : "s"}`);
  return parts.join(", ");
}

/** Mandate in words: "May speak and vote", "No mandate to act". */
export function mandateText(m: { may_speak: boolean; may_co_sponsor: boolean; may_vote: boolean }): string {
  const acts = [m.may_speak && "speak", m.may_co_sponsor && "co-sponsor", m.may_vote && "vote"].filter(Boolean) as string[];
  if (acts.length === 0) return "No mandate to act";
  const list = acts.length === 1 ? acts[0] : `${acts.slice(0, -1).join(", ")} and ${acts[acts.length - 1]}`;
  return `May ${list}`;
}

export const STATEMENT_FIELD_ORDER = [
  "agenda_item_id",
  "document_id",
  "title",
  "organization",
  "mode",
  "co_signers",
  "speaker",
  "time_limit_minutes",
  "submission_deadline",
  "text",
  "delivered_text",
] as const satisfies readonly (keyof StatementDraft)[];

export function emptyStatementDraft(): StatementDraft {
  return {
    agenda_item_id: "",
    document_id: "",
    title: "",
    organization: "World Medical Association",
    mode: "individual",
    co_signers: "",
    speaker: "",
    time_limit_minutes: "3",
    submission_deadline: "",
    text: "",
    delivered_text: "",
  };
}

export function statementDraftFrom(s: Statement): StatementDraft {
  return {
    agenda_item_id: s.agenda_item_id,
    document_id: s.document_id ?? "",
    title: s.title,
    organization: s.organization,
    mode: s.mode,
    co_signers: s.co_signers,
    speaker: s.speaker,
    time_limit_minutes: s.time_limit_minutes === null ? "" : String(s.time_limit_minutes),
    submission_deadline: s.submission_deadline ?? "",
    text: s.text,
    delivered_text: s.delivered_text,
  };
}

const INCOMING: Record<string, string> = {
  revises: "Revised by",
  supersedes: "Superseded by",
  replaces_council_resolution: "Replaced (as a council resolution) by",
  related: "Related to",
};

/** How a link reads from this document: "Revises", or "Revised by" when the other one acts. */
export function linkPhrase(kind: string, outgoing: boolean, outgoingLabel: string): string {
  return outgoing ? outgoingLabel : (INCOMING[kind] ?? outgoingLabel);
}
