// The demo's two meetings for one owner with a real-looking diary: a group intro call (one slot,
// many attendees) and one-on-one product demos (separate meetings, one lead each, a buffer
// between them), each with its own simulated leads.
import { DateTime } from 'luxon';
import type { Context } from '../../context.js';
import { addCampaign } from '../campaigns.js';
import { createMeetingFromFlags, type MeetingFlags } from '../meeting-flags.js';
import { setOwner } from '../owners.js';
import { type DemoCalendarEvent, writeDemoCalendar } from './calendar.js';
import { type DemoPerson, makeDemoPeople } from './people.js';

export const DEMO_OWNER = 'dana@acme.example';
export const DEMO_INSTRUCTION = 'Book a call in the next two weeks, preferably Tuesday to Thursday mornings';
export const DEMO_ONE_ON_ONE_BUFFER = 15;
/** Phones and emails of the one-on-one leads are numbered after the largest group (5000). */
const SECOND_GROUP_INDEX = 5000;

export interface DemoMeetings {
  groupId: number;
  oneOnOneId: number;
  /** As stored: the header names each meeting as its bookings do. */
  groupTitle: string;
  oneOnOneTitle: string;
  windowStart: DateTime;
  windowEnd: DateTime;
  /** Everyone the simulator answers for, with the index its draws are seeded from. */
  people: { person: DemoPerson; index: number }[];
  oneOnOneLeads: number;
  calendar: { path: string; events: DemoCalendarEvent[] };
}

/** How many people the one-on-one demos call: a handful, whatever the size of the group campaign. */
export const oneOnOneLeadCount = (leads: number) => Math.min(12, Math.max(3, Math.ceil(leads / 2)));

function meetingFlags(overrides: Partial<MeetingFlags>): MeetingFlags {
  return {
    owner_id: DEMO_OWNER,
    title: 'Intro call with Acme Analytics',
    duration_minutes: 30,
    max_bookings: 1,
    timezone: 'America/New_York',
    window_start: null,
    window_end: null,
    days: null,
    parts: null,
    hours: null,
    exclude_days: null,
    instruction: DEMO_INSTRUCTION,
    mode: null,
    settings: {},
    cwd: process.cwd(),
    ...overrides,
  };
}

export async function createDemoMeetings(
  ctx: Context,
  options: { leads: number; seed: number; calendarPath: string },
): Promise<DemoMeetings> {
  const group = await createMeetingFromFlags(ctx, meetingFlags({ max_bookings: Math.min(8, options.leads) }));
  const windowStart = group.hard_constraints.window_start;
  const windowEnd = group.hard_constraints.window_end;
  const ws = DateTime.fromISO(windowStart, { setZone: true });
  const we = DateTime.fromISO(windowEnd, { setZone: true });
  const events = writeDemoCalendar(options.calendarPath, ws, we);
  // The owner's profile: default working time (Mon-Fri 09:00-17:00) and the diary above.
  await setOwner(ctx, {
    id: DEMO_OWNER,
    name: 'Dana Levi',
    email: DEMO_OWNER,
    timezone: 'America/New_York',
    calendars: [options.calendarPath],
    cwd: process.cwd(),
  });
  const count = oneOnOneLeadCount(options.leads);
  const oneOnOne = await createMeetingFromFlags(
    ctx,
    meetingFlags({
      title: 'Product demo (one-on-one)',
      mode: 'one-on-one',
      max_bookings: Math.min(4, count),
      settings: { buffer: String(DEMO_ONE_ON_ONE_BUFFER) },
    }),
  );
  const first = makeDemoPeople(options.leads, options.seed, ws, we);
  const second = makeDemoPeople(count, options.seed + 7919, ws, we, SECOND_GROUP_INDEX);
  for (const [meetingId, name, people] of [
    [group.id, 'Demo leads', first],
    [oneOnOne.id, 'Demo one-on-one leads', second],
  ] as const) {
    await addCampaign(ctx, {
      meeting_request_id: meetingId,
      name,
      leads: people.map((p, i) => ({ raw: p, where: `lead ${i + 1}` })),
    });
  }
  return {
    groupId: group.id,
    oneOnOneId: oneOnOne.id,
    groupTitle: group.title,
    oneOnOneTitle: oneOnOne.title,
    windowStart: ws,
    windowEnd: we,
    people: [
      ...first.map((person, index) => ({ person, index })),
      ...second.map((person, i) => ({ person, index: SECOND_GROUP_INDEX + i })),
    ],
    oneOnOneLeads: count,
    calendar: { path: options.calendarPath, events },
  };
}
