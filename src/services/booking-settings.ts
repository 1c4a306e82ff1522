// What a meeting books by: its own overrides, else its owner's profile, else the defaults.
import type { Context } from '../context.js';
import type { MeetingRow } from '../db/repos/meetings.js';
import { findOwner, type OwnerRow } from '../db/repos/owners.js';
import {
  DEFAULT_BUFFER_MINUTES,
  DEFAULT_MIN_NOTICE_MINUTES,
  DEFAULT_WORKING_DAYS,
  DEFAULT_WORKING_HOURS,
  type TimeRange,
} from '../domain/booking/working-time.js';
import type { DayOfWeek } from '../domain/types.js';

export type MeetingMode = 'group' | 'one_on_one';

export interface BookingSettings {
  mode: MeetingMode;
  /** The meeting's zone: working hours are read in it. */
  timezone: string;
  working_hours: TimeRange[];
  working_days: DayOfWeek[];
  calendars: string[];
  buffer_minutes: number;
  min_notice_minutes: number;
  owner: OwnerRow;
}

const json = <T>(text: string | null | undefined): T | null => (text === null || text === undefined ? null : (JSON.parse(text) as T));

/** The profile of an owner no one has set up yet: the defaults, in the given zone. */
export function defaultOwner(id: string, timezone: string | null, now: string): OwnerRow {
  return {
    id,
    name: null,
    email: null,
    timezone,
    working_hours: JSON.stringify(DEFAULT_WORKING_HOURS),
    working_days: JSON.stringify(DEFAULT_WORKING_DAYS),
    calendars: '[]',
    buffer_minutes: DEFAULT_BUFFER_MINUTES,
    min_notice_minutes: DEFAULT_MIN_NOTICE_MINUTES,
    created_at: now,
    updated_at: now,
  };
}

/** Pure: the settings of a meeting given its owner's row. */
export function settingsOf(meeting: MeetingRow, owner: OwnerRow): BookingSettings {
  return {
    mode: meeting.mode === 'one_on_one' ? 'one_on_one' : 'group',
    timezone: meeting.timezone,
    working_hours: json<TimeRange[]>(meeting.working_hours) ?? json<TimeRange[]>(owner.working_hours) ?? DEFAULT_WORKING_HOURS,
    working_days: json<DayOfWeek[]>(meeting.working_days) ?? json<DayOfWeek[]>(owner.working_days) ?? DEFAULT_WORKING_DAYS,
    calendars: json<string[]>(meeting.calendars) ?? json<string[]>(owner.calendars) ?? [],
    buffer_minutes: meeting.buffer_minutes ?? owner.buffer_minutes ?? DEFAULT_BUFFER_MINUTES,
    min_notice_minutes: meeting.min_notice_minutes ?? owner.min_notice_minutes ?? DEFAULT_MIN_NOTICE_MINUTES,
    owner,
  };
}

export async function resolveBookingSettings(ctx: Context, meeting: MeetingRow): Promise<BookingSettings> {
  // Meetings created before owners existed, or written straight to the table, fall back to the defaults.
  const owner = (await findOwner(ctx.db, meeting.owner_id)) ?? defaultOwner(meeting.owner_id, meeting.timezone, meeting.created_at);
  return settingsOf(meeting, owner);
}
