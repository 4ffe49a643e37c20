// Labels come from the core (through `meeting_form_options`), so the UI never spells them twice.
import type { Body, BodyOrganization, MeetingFormat, MeetingFormOptions, MeetingStatus } from "../lib/bindings";

const FIELD_LABELS: Record<string, string> = {
  body_id: "body",
  parent_id: "part of",
  ordinal: "ordinal",
  title: "title",
  city: "city",
  country: "country",
  venue: "venue",
  start_date: "start date",
  end_date: "end date",
  time_zone: "time zone",
  format: "format",
  status: "status",
  registration_deadline: "registration deadline",
  notes: "notes",
};

export interface Labels {
  /** A body's name from its id (the id itself if the body is unknown). */
  body(id: string): string;
  organization(value: BodyOrganization): string;
  format(value: MeetingFormat): string;
  status(value: MeetingStatus): string;
  field(name: string): string;
}

export function labelsFrom(options: MeetingFormOptions): Labels {
  const lookup = <T extends string>(choices: { value: T; label: string }[]) => {
    const map = new Map(choices.map((c) => [c.value, c.label]));
    return (value: T) => map.get(value) ?? value;
  };
  const bodies = new Map(options.bodies.map((b: Body) => [b.id, b.name]));
  return {
    body: (id) => bodies.get(id) ?? id,
    organization: lookup(options.organizations),
    format: lookup(options.formats),
    status: lookup(options.statuses),
    field: (name) => FIELD_LABELS[name] ?? name.replaceAll("_", " "),
  };
}

/** Bodies grouped by organization, in the order the core gives them, for <optgroup>s. */
export function bodiesByOrganization(options: MeetingFormOptions): { label: string; bodies: Body[] }[] {
  const labels = labelsFrom(options);
  const groups: { label: string; bodies: Body[] }[] = [];
  for (const body of options.bodies) {
    const label = labels.organization(body.organization);
    const group = groups.at(-1);
    if (group?.label === label) group.bodies.push(body);
    else groups.push({ label, bodies: [body] });
  }
  return groups;
}
