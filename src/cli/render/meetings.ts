// Pure renderers for meetings: data in, text out.
import chalk from 'chalk';
import { DateTime } from 'luxon';
import { formatWorkingDays, formatWorkingHours } from '../../domain/booking/working-time.js';
import type { CreatedMeeting } from '../../services/meeting-flags.js';
import type { MeetingDetail, MeetingShown, MeetingWithProgress } from '../../services/meetings.js';
import { renderBookingLine } from './bookings.js';
import { formatDay, formatWhen, shownZone } from './dates.js';
import { renderTable } from './table.js';

/**
 * A window from midnight to midnight is the days the owner named: "Mon 9 Mar – Fri 13 Mar"; any
 * other bound (or another zone through --tz) is an instant: "Mon 9 Mar, 14:00 EDT".
 */
function windowText(m: MeetingDetail, short = false): string {
  const zone = m.hard_constraints.timezone;
  const start = DateTime.fromISO(m.hard_constraints.window_start, { setZone: true }).setZone(zone);
  const end = DateTime.fromISO(m.hard_constraints.window_end, { setZone: true }).setZone(zone);
  const days = shownZone(zone) === zone && start.equals(start.startOf('day')) && end.equals(end.startOf('day'));
  const text = days
    ? `${formatDay(start, zone)} – ${formatDay(end.minus({ days: 1 }), zone)}`
    : `${formatWhen(start, zone)} – ${formatWhen(end, zone)}`;
  return short || !days ? text : `${text} (${zone})`;
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
    `  status:       ${m.status}${m.confirmed_slot ? ` for ${formatWhen(m.confirmed_slot.start, m.hard_constraints.timezone)}` : ''}`,
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
  return renderTable(
    [
      { head: 'id', value: (m) => m.id },
      { head: 'title', value: (m) => m.title, min: 12 },
      { head: 'status', value: (m) => m.status },
      { head: 'window', value: (m) => windowText(m, true), min: 16 },
      { head: 'leads', value: (m) => m.progress.leads },
      { head: 'responded', value: (m) => m.progress.responded, drop: 1 },
      { head: 'slots', value: (m) => m.progress.slots, drop: 2 },
      { head: 'called', value: (m) => m.progress.called, drop: 3 },
      { head: 'mode', value: (m) => m.mode, drop: 4 },
      { head: 'owner', value: (m) => m.owner_id, drop: 5 },
    ],
    meetings,
  );
}
