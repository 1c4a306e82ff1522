// `confirm`: book what the meeting's mode asks for, inside every hard constraint of its owner.
// Reads settings, busy time and availability, runs the pure domain, then writes all bookings of
// the confirm in one transaction (confirm-write.ts). Nothing is written on a dry run or --explain,
// when nothing fits (exit 5), or when a calendar cannot be read (exit 7).
import { DateTime } from 'luxon';
import type { Context } from '../context.js';
import { listBookingsOfMeeting } from '../db/repos/bookings.js';
import type { MeetingRow } from '../db/repos/meetings.js';
import type { OptimizerInput } from '../domain/booking/slot-analysis.js';
import type { DayOfWeek, SoftConstraints } from '../domain/types.js';
import { badInput, CallbookError } from '../errors.js';
import { type BookingSettings, resolveBookingSettings } from './booking-settings.js';
import { loadBusy, loadContacts, loadLeads, loadUnreached } from './confirm-load.js';
import { planGroup, planOneOnOne } from './confirm-plan.js';
import { bookingViews, type ConfirmResult, type PlannedBooking } from './confirm-view.js';
import { requireMeeting } from './meetings.js';

export type { Attendee, BookingView, ConfirmResult, RunnerUp } from './confirm-view.js';

export interface ConfirmInput {
  meeting_request_id: number;
  dry_run: boolean;
  /** An ISO start time (offset optional: the meeting's zone) to account for; implies a dry run. */
  explain?: string | null;
  /** How the caller names `explain` in an error: the CLI's flag (the default) or the API's key. */
  explain_field?: string;
  ignore_calendar?: boolean;
  /** --no-notify: the outbox records this confirm's notifications as skipped. */
  no_notify?: boolean;
  /** --notify-unbooked: also tell the leads who answered but were not booked. */
  notify_unbooked?: boolean;
}

export async function confirmMeeting(ctx: Context, input: ConfirmInput): Promise<ConfirmResult> {
  const meeting = await requireMeeting(ctx, input.meeting_request_id);
  const explainStart =
    input.explain == null ? null : parseExplainStart(input.explain, meeting.timezone, input.explain_field ?? '--explain');
  if (meeting.status === 'confirmed' && explainStart === null) return existingConfirmation(ctx, meeting);
  if (meeting.status !== 'open' && meeting.status !== 'confirmed') {
    throw new CallbookError('conflict', `meeting ${meeting.id} is ${meeting.status}`);
  }
  const settings = await resolveBookingSettings(ctx, meeting);
  const [{ optimizerLeads, unreached }, { busy, warnings }] = await Promise.all([
    loadLeads(ctx, meeting),
    loadBusy(ctx, meeting, settings, { ignoreCalendar: Boolean(input.ignore_calendar) }),
  ]);
  const optimizerInput: OptimizerInput = {
    window_start: Date.parse(meeting.window_start),
    window_end: Date.parse(meeting.window_end),
    timezone: meeting.timezone,
    duration_minutes: meeting.duration_minutes,
    max_bookings: meeting.max_bookings,
    grid_minutes: 15,
    excluded_days: JSON.parse(meeting.excluded_days) as DayOfWeek[],
    soft: JSON.parse(meeting.soft_constraints) as SoftConstraints,
    leads: optimizerLeads,
    runners_up: 3,
    rules: {
      working_hours: settings.working_hours,
      working_days: settings.working_days,
      now: ctx.now().toMillis(),
      min_notice_minutes: settings.min_notice_minutes,
      busy,
      buffer_minutes: settings.buffer_minutes,
    },
    explain_start: explainStart,
  };
  const plan = settings.mode === 'one_on_one' ? planOneOnOne(optimizerInput) : planGroup(optimizerInput);
  if (meeting.status === 'confirmed') {
    warnings.push(`meeting ${meeting.id} is already confirmed; this explains what confirm would choose now, its bookings are unchanged`);
  }
  const dryRun = input.dry_run || explainStart !== null;
  if (plan.bookings.length === 0 && !dryRun) {
    throw new CallbookError('no_feasible_slot', `no slot in meeting ${meeting.id}'s window fits: ${plan.reasons.join('; ')}`, {
      hint: 'collect more availability (`callbook tick`, `callbook availability add`), widen the window or change the working hours; nothing was changed',
    });
  }
  const view = async (planned: readonly PlannedBooking[], status: string): Promise<ConfirmResult> => {
    const bookings = bookingViews(planned, await loadContacts(ctx, meeting, planned), meeting.timezone);
    return {
      ...baseOf(meeting, settings),
      status,
      slot: settings.mode === 'group' ? (bookings[0]?.slot ?? null) : null,
      attendees: bookings.flatMap((b) => b.attendees),
      bookings,
      runners_up: plan.runners_up,
      reasons: plan.reasons,
      soft_matches: plan.soft_matches,
      unreached_leads: unreached,
      warnings,
      explanation: plan.explanation,
      dry_run: dryRun,
      already_confirmed: false,
    };
  };
  if (dryRun) return view(plan.bookings, meeting.status);
  // Loaded only to write: the notification outbox it fills brings the phone-number library along.
  const { writeBookings } = await import('./confirm-write.js');
  const written = await writeBookings(ctx, meeting, settings, plan.bookings, {
    send: !input.no_notify,
    unbooked: Boolean(input.notify_unbooked),
    warnings,
  });
  return written ? view(written, 'confirmed') : existingConfirmation(ctx, await requireMeeting(ctx, meeting.id));
}

function baseOf(meeting: MeetingRow, settings: Pick<BookingSettings, 'mode'>) {
  return {
    meeting_request_id: meeting.id,
    title: meeting.title,
    timezone: meeting.timezone,
    duration_minutes: meeting.duration_minutes,
    mode: settings.mode,
  };
}

function parseExplainStart(text: string, zone: string, field: string): number {
  const dt = DateTime.fromISO(text.trim(), { zone });
  if (!dt.isValid) {
    throw badInput([
      {
        field,
        message: `expected an ISO start time such as 2026-03-10T10:00 (offset optional; read in ${zone}), got "${text}"`,
      },
    ]);
  }
  return dt.toMillis();
}

async function existingConfirmation(ctx: Context, meeting: MeetingRow): Promise<ConfirmResult> {
  const [stored, unreached] = await Promise.all([listBookingsOfMeeting(ctx.db, meeting.id, { live: true }), loadUnreached(ctx, meeting)]);
  const mode = meeting.mode === 'one_on_one' ? 'one_on_one' : 'group';
  const planned = stored.map((b) => ({
    start: Date.parse(b.start_utc),
    end: Date.parse(b.end_utc),
    lead_ids: b.lead_ids,
    id: b.id,
    uid: b.uid,
  }));
  const bookings = bookingViews(planned, await loadContacts(ctx, meeting, planned), meeting.timezone);
  return {
    ...baseOf(meeting, { mode }),
    status: meeting.status,
    slot: mode === 'group' ? (bookings[0]?.slot ?? null) : null,
    attendees: bookings.flatMap((b) => b.attendees),
    bookings,
    runners_up: [],
    reasons: ['the meeting was already confirmed; nothing was booked again'],
    soft_matches: [],
    unreached_leads: unreached,
    warnings: [],
    explanation: null,
    dry_run: false,
    already_confirmed: true,
  };
}
