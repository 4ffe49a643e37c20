// Labels come from the core (through `meeting_form_options`), so the UI never spells them twice.
import type { Body, MeetingFormat, MeetingFormOptions, MeetingStatus } from "../lib/bindings";

const FIELD_LABELS: Record<string, string> = {
  body: "body",
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
  body(value: Body): string;
  format(value: MeetingFormat): string;
  status(value: MeetingStatus): string;
  field(name: string): string;
}

export function labelsFrom(options: MeetingFormOptions): Labels {
  const lookup = <T extends string>(choices: { value: T; label: string }[]) => {
    const map = new Map(choices.map((c) => [c.value, c.label]));
    return (value: T) => map.get(value) ?? value;
  };
  return {
    body: lookup(options.bodies),
    format: lookup(options.formats),
    status: lookup(options.statuses),
    field: (name) => FIELD_LABELS[name] ?? name.replaceAll("_", " "),
  };
}
