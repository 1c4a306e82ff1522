// Owners: the profile a meeting inherits (working time, calendars, buffer, notice).
import type { Context } from '../context.js';
import { isoUtc } from '../context.js';
import type { Db } from '../db/connection.js';
import { listBookings } from '../db/repos/bookings.js';
import { ensureOwner, findOwner, listOwners, type OwnerRow, updateOwner } from '../db/repos/owners.js';
import type { TimeRange } from '../domain/booking/working-time.js';
import { isValidZone, zoneProblem } from '../domain/meeting-input.js';
import type { DayOfWeek } from '../domain/types.js';
import { resolveZone } from '../domain/zones.js';
import { badInput, type FieldProblem, notFound } from '../errors.js';
import { parseSettingsText, type SettingsText } from './booking-flags.js';
import { defaultOwner } from './booking-settings.js';
import { type BookingView, toBookingViews } from './booking-views.js';
import { describeCalendarSource } from './calendars/source-name.js';

export interface OwnerView {
  id: string;
  name: string | null;
  email: string | null;
  timezone: string | null;
  working_hours: TimeRange[];
  working_days: DayOfWeek[];
  /** Paths as stored; URLs masked (an iCal URL is a secret address). */
  calendars: string[];
  buffer_minutes: number;
  min_notice_minutes: number;
  created_at: string;
  updated_at: string;
}

export interface OwnerDetail extends OwnerView {
  /** Live bookings that have not ended yet, soonest first. */
  upcoming_bookings: BookingView[];
}

export interface OwnerSetInput extends SettingsText {
  id: string;
  name?: string;
  email?: string;
  timezone?: string;
  /** Where relative calendar paths are read from. */
  cwd: string;
}

export function toOwnerView(row: OwnerRow): OwnerView {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    timezone: row.timezone,
    working_hours: JSON.parse(row.working_hours) as TimeRange[],
    working_days: JSON.parse(row.working_days) as DayOfWeek[],
    calendars: (JSON.parse(row.calendars) as string[]).map(describeCalendarSource),
    buffer_minutes: row.buffer_minutes,
    min_notice_minutes: row.min_notice_minutes,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The owner a meeting names, created with the defaults (in the meeting's zone) the first time. */
export async function ensureOwnerOf(db: Db, ownerId: string, timezone: string, now: string): Promise<OwnerRow> {
  return ensureOwner(db, defaultOwner(ownerId, timezone, now));
}

/** Creates or updates an owner; only the flags given change. */
export async function setOwner(ctx: Context, input: OwnerSetInput): Promise<OwnerView> {
  const problems: FieldProblem[] = [];
  const id = input.id.trim();
  if (id === '') problems.push({ field: 'id', message: 'expected a non-empty owner id (e.g. an email)' });
  if (input.timezone !== undefined && !isValidZone(input.timezone))
    problems.push({ field: '--timezone', message: zoneProblem(input.timezone) });
  const timezone = input.timezone === undefined ? undefined : (resolveZone(input.timezone).zone ?? input.timezone);
  if (input.email !== undefined && input.email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email))
    problems.push({ field: '--email', message: `expected an email address like dana@acme.com, got "${input.email}"` });
  let settings: ReturnType<typeof parseSettingsText> = {};
  try {
    settings = parseSettingsText(input, input.cwd);
  } catch (error) {
    problems.push(...((error as { problems?: FieldProblem[] }).problems ?? []));
  }
  if (problems.length > 0) throw badInput(problems);
  const now = isoUtc(ctx.now());
  const row = await ctx.db.transaction().execute(async (trx) => {
    const existing = await ensureOwner(trx, defaultOwner(id, timezone ?? null, now));
    return updateOwner(trx, existing.id, {
      ...(input.name !== undefined ? { name: input.name.trim() || null } : {}),
      ...(input.email !== undefined ? { email: input.email.trim() || null } : {}),
      ...(timezone !== undefined ? { timezone } : {}),
      ...(settings.working_hours ? { working_hours: JSON.stringify(settings.working_hours) } : {}),
      ...(settings.working_days ? { working_days: JSON.stringify(settings.working_days) } : {}),
      ...(settings.calendars ? { calendars: JSON.stringify(settings.calendars) } : {}),
      ...(settings.buffer_minutes !== undefined ? { buffer_minutes: settings.buffer_minutes } : {}),
      ...(settings.min_notice_minutes !== undefined ? { min_notice_minutes: settings.min_notice_minutes } : {}),
      updated_at: now,
    });
  });
  if (!row) throw notFound('owner', id);
  return toOwnerView(row);
}

export async function listOwnerViews(ctx: Context): Promise<OwnerView[]> {
  return (await listOwners(ctx.db)).map(toOwnerView);
}

export async function showOwner(ctx: Context, id: string): Promise<OwnerDetail> {
  const row = await findOwner(ctx.db, id);
  if (!row) throw notFound('owner', id);
  const now = isoUtc(ctx.now());
  const live = (await listBookings(ctx.db, { owner_id: id, status: 'confirmed' })).filter((b) => b.end_utc > now);
  return { ...toOwnerView(row), upcoming_bookings: await toBookingViews(ctx, live) };
}
