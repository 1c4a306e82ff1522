// Pure renderers for owners: data in, text out.
import chalk from 'chalk';
import { formatWorkingDays, formatWorkingHours } from '../../domain/booking/working-time.js';
import type { OwnerDetail, OwnerView } from '../../services/owners.js';
import { renderBookingLine } from './bookings.js';
import { renderTable } from './table.js';

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
  return renderTable(
    [
      { head: 'id', value: (o) => o.id, min: 12 },
      { head: 'name', value: (o) => o.name ?? '', drop: 2, min: 8 },
      { head: 'timezone', value: (o) => o.timezone ?? '', min: 10 },
      { head: 'working time', value: (o) => `${formatWorkingDays(o.working_days)} ${formatWorkingHours(o.working_hours)}`, min: 12 },
      { head: 'notice', value: (o) => minutes(o.min_notice_minutes), drop: 3 },
      { head: 'buffer', value: (o) => minutes(o.buffer_minutes), drop: 4 },
      { head: 'calendars', value: (o) => o.calendars.length, drop: 1 },
    ],
    owners,
  );
}
