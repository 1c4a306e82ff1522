// Pure renderers for meetings: data in, text out.
import chalk from 'chalk';
import { DateTime } from 'luxon';
import { formatWorkingDays, formatWorkingHours } from '../../domain/booking/working-time.js';
import type { CreatedMeeting } from '../../services/meeting-flags.js';
import type { MeetingDetail, MeetingShown, MeetingWithProgress } from '../../services/meetings.js';
import { renderBookingLine } from './bookings.js';
import { createTable } from './table.js';

export function formatLocal(iso: string, zone: string, format = 'ccc d LLL yyyy, HH:mm'): string {
  return DateTime.fromISO(iso, { setZone: true }).setZone(zone).toFormat(format);
}

/** A window ending at midnight is shown as ending on the day before: "9 Mar – 13 Mar", as the owner said it. */
function formatWindowEnd(iso: string, zone: string, format: string): string {
  const end = DateTime.fromISO(iso, { setZone: true }).setZone(zone);
  const midnight = end.equals(end.startOf('day'));
  return (midnight ? end.minus({ minutes: 1 }) : end).toFormat(
    midnight && format.includes('HH') ? format.replace('HH:mm', "'end of day'") : format,
  );
}

function preferences(m: MeetingDetail): string {
  const s = m.soft_constraints;
  const parts = [
    s.days_of_week.length ? s.days_of_week.join(', ') : null,
    s.time_of_day.length ? s.time_of_day.join(', ') : null,
    s.time_ranges.length ? s.time_ranges.map((r) => `${r.start}-${r.end}`).join(', ') : null,
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'none';
}

function windowText(m: MeetingDetail): string {
  const zone = m.hard_constraints.timezone;
  return `${formatLocal(m.hard_constraints.window_start, zone)} → ${formatWindowEnd(m.hard_constraints.window_end, zone, 'ccc d LLL yyyy, HH:mm')} (${zone})`;
}

/** "owner" or "this meeting" after each setting, so a reader knows where to change it. */
function workingTime(m: MeetingDetail): string[] {
  const h = m.hard_constraints;
  const from = (key: MeetingDetail['overrides'][number]) => chalk.dim(m.overrides.includes(key) ? ' (this meeting)' : ' (owner)');
  const minutes = (n: number) => (n % 1440 === 0 && n > 0 ? `${n / 1440} d` : n % 60 === 0 && n > 0 ? `${n / 60} h` : `${n} min`);
  const days = from('working_days');
  const hours = from('working_hours');
  const time =
    days === hours
      ? `${formatWorkingDays(h.working_days)} ${formatWorkingHours(h.working_hours)}${days}`
      : `${formatWorkingDays(h.working_days)}${days} ${formatWorkingHours(h.working_hours)}${hours}`;
  return [
    `  working time: ${time}`,
    `  notice:       at least ${minutes(h.min_notice_minutes)} ahead${from('min_notice_minutes')}`,
    `  buffer:       ${minutes(h.buffer_minutes)} around other meetings${from('buffer_minutes')}`,
    `  calendars:    ${h.calendars.length ? h.calendars.join(', ') : 'none'}${from('calendars')}`,
  ];
}

export function renderMeeting(
  m: MeetingDetail | CreatedMeeting | MeetingWithProgress | MeetingShown,
  opts: { created?: boolean } = {},
): string {
  const lines = [
    `${opts.created ? chalk.green('Created meeting') : 'Meeting'} ${chalk.bold(String(m.id))}: ${m.title}`,
    `  owner:        ${m.owner_id}`,
    `  status:       ${m.status}${m.confirmed_slot ? ` for ${formatLocal(m.confirmed_slot.start, m.hard_constraints.timezone)}` : ''}`,
    `  mode:         ${m.mode === 'group' ? 'group (one slot, many attendees)' : 'one-on-one (one lead per meeting)'}`,
    `  duration:     ${m.duration_minutes} min, up to ${m.max_bookings} ${m.mode === 'group' ? 'attendee' : 'meeting'}${m.max_bookings === 1 ? '' : 's'}`,
    `  window:       ${windowText(m)}`,
    ...workingTime(m),
    `  preferences:  ${preferences(m)}`,
  ];
  if (m.hard_constraints.excluded_days.length) lines.push(`  never on:     ${m.hard_constraints.excluded_days.join(', ')}`);
  if ('instruction_parse' in m && m.instruction_parse) {
    const p = m.instruction_parse;
    lines.push(`  understood:   "${m.instruction}" (${p.source}${p.fallback_reason ? `, ${p.fallback_reason}` : ''})`);
    if (p.default_window) lines.push(chalk.yellow('  note:         no window was stated; using the next 14 days'));
    if (p.unparsed.length) lines.push(chalk.yellow(`  not understood: ${p.unparsed.map((u) => `"${u}"`).join(', ')}`));
  }
  if ('progress' in m) {
    const p = m.progress;
    lines.push(`  progress:     ${p.leads} leads, ${p.called} called, ${p.responded} responded, ${p.slots} slots collected`);
  }
  if ('bookings' in m && m.bookings.length) {
    lines.push('  bookings:');
    for (const b of m.bookings) lines.push(`    ${renderBookingLine(b)}`);
  }
  if (opts.created) lines.push('', `Next: callbook campaign add --meeting ${m.id} --name "First wave" --leads leads.csv`);
  return lines.join('\n');
}

export function renderMeetingList(meetings: MeetingWithProgress[]): string {
  if (meetings.length === 0) return 'No meetings yet. Create one with `callbook meeting create`.';
  const table = createTable(['id', 'title', 'owner', 'mode', 'status', 'window', 'leads', 'called', 'responded', 'slots']);
  for (const m of meetings) {
    const zone = m.hard_constraints.timezone;
    table.push([
      m.id,
      m.title,
      m.owner_id,
      m.mode,
      m.status,
      `${formatLocal(m.hard_constraints.window_start, zone, 'd LLL')} – ${formatWindowEnd(m.hard_constraints.window_end, zone, 'd LLL')}`,
      m.progress.leads,
      m.progress.called,
      m.progress.responded,
      m.progress.slots,
    ]);
  }
  return table.toString();
}
