// Pure renderers for owners: data in, text out.
import chalk from 'chalk';
import { formatWorkingDays, formatWorkingHours } from '../../domain/booking/working-time.js';
import type { OwnerDetail, OwnerView } from '../../services/owners.js';
import { renderBookingLine } from './bookings.js';
import { createTable } from './table.js';

const minutes = (n: number) => (n > 0 && n % 1440 === 0 ? `${n / 1440} d` : n > 0 && n % 60 === 0 ? `${n / 60} h` : `${n} min`);

export function renderOwner(o: OwnerView | OwnerDetail, opts: { saved?: boolean } = {}): string {
  const lines = [
    `${opts.saved ? chalk.green('Saved owner') : 'Owner'} ${chalk.bold(o.id)}${o.name ? `: ${o.name}` : ''}`,
    `  email:        ${o.email ?? 'none'}`,
    `  timezone:     ${o.timezone ?? "none (each meeting's own)"}`,
    `  working time: ${formatWorkingDays(o.working_days)} ${formatWorkingHours(o.working_hours)}`,
    `  notice:       at least ${minutes(o.min_notice_minutes)} ahead`,
    `  buffer:       ${minutes(o.buffer_minutes)} around meetings`,
    `  calendars:    ${o.calendars.length ? o.calendars.join(', ') : 'none'}`,
  ];
  if ('upcoming_bookings' in o) {
    lines.push(o.upcoming_bookings.length ? '  upcoming bookings:' : '  upcoming bookings: none');
    for (const b of o.upcoming_bookings) lines.push(`    ${renderBookingLine(b)} meeting ${b.meeting_request_id}`);
  }
  return lines.join('\n');
}

export function renderOwnerList(owners: OwnerView[]): string {
  if (owners.length === 0) return 'No owners yet. `callbook owner set ID` or `callbook meeting create --owner ID` adds one.';
  const table = createTable(['id', 'name', 'timezone', 'working time', 'notice', 'buffer', 'calendars']);
  for (const o of owners)
    table.push([
      o.id,
      o.name ?? '',
      o.timezone ?? '',
      `${formatWorkingDays(o.working_days)} ${formatWorkingHours(o.working_hours)}`,
      minutes(o.min_notice_minutes),
      minutes(o.buffer_minutes),
      o.calendars.length,
    ]);
  return table.toString();
}
