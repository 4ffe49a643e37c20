// The status a person sees follows the calendar: a meeting still marked "Planned" (or
// "Registration open") reads "In session" while it takes place and "Concluded" once its end date
// has passed. Stored data is not changed; postponed, cancelled and concluded meetings read as
// marked.
import type { Meeting, MeetingStatus } from "../lib/bindings";

const FOLLOWS_THE_CALENDAR: readonly MeetingStatus[] = ["planned", "registration_open", "in_session"];

export function shownStatus(meeting: Pick<Meeting, "status" | "start_date" | "end_date">, today: string): MeetingStatus {
  if (!FOLLOWS_THE_CALENDAR.includes(meeting.status)) return meeting.status;
  if (meeting.end_date < today) return "concluded";
  if (meeting.start_date <= today) return "in_session";
  return meeting.status;
}
