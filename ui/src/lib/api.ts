// The one typed door to the Rust side. Every command name and argument shape lives here.
import { invoke } from "@tauri-apps/api/core";
import type {
  AppInfo,
  Body,
  BodyDraft,
  HistoryEntry,
  Meeting,
  MeetingDraft,
  MeetingFormOptions,
  Setting,
  SettingKey,
} from "./bindings";
import { CommandFailure, toCommandError } from "./errors";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw new CommandFailure(toCommandError(raw));
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  meetingFormOptions: () => call<MeetingFormOptions>("meeting_form_options"),
  defaultMeetingTitle: (bodyId: string, ordinal: string) =>
    call<string | null>("default_meeting_title", { bodyId, ordinal }),
  listBodies: () => call<Body[]>("list_bodies"),
  createBody: (draft: BodyDraft) => call<Body>("create_body", { draft }),
  updateBody: (id: string, version: number, draft: BodyDraft) => call<Body>("update_body", { id, version, draft }),
  deleteBody: (id: string, version: number) => call<null>("delete_body", { id, version }),
  suggestTimeZone: (city: string) => call<string | null>("suggest_time_zone", { city }),
  listMeetings: () => call<Meeting[]>("list_meetings"),
  getMeeting: (id: string) => call<Meeting>("get_meeting", { id }),
  createMeeting: (draft: MeetingDraft) => call<Meeting>("create_meeting", { draft }),
  updateMeeting: (id: string, version: number, draft: MeetingDraft) =>
    call<Meeting>("update_meeting", { id, version, draft }),
  deleteMeeting: (id: string, version: number) => call<null>("delete_meeting", { id, version }),
  meetingHistory: (id: string) => call<HistoryEntry[]>("meeting_history", { id }),
  listSettings: () => call<Setting[]>("list_settings"),
  setSetting: (key: SettingKey, value: string, version: number | null) =>
    call<Setting>("set_setting", { key, value, version }),
};
