// Pure renderers for bookings: data in, text out.
import chalk from 'chalk';
import { DateTime } from 'luxon';
import type { BookingView } from '../../services/booking-views.js';
import type { MeetingBookingsChange } from '../../services/bookings.js';
import { createTable } from './table.js';

function slotText(b: BookingView): string {
  const start = DateTime.fromISO(b.slot.start, { setZone: true });
  const end = DateTime.fromISO(b.slot.end, { setZone: true });
  return `${start.toFormat('ccc d LLL yyyy, HH:mm')}–${end.toFormat('HH:mm')} (${b.timezone})`;
}

const names = (b: BookingView) => b.attendees.map((a) => a.name).join(', ') || 'no attendees';

/** "#3 Tue 10 Mar 2026, 10:00–10:30 (America/New_York) Ana Ruiz [confirmed]". */
export function renderBookingLine(b: BookingView): string {
  const status = b.status === 'cancelled' ? chalk.red('[cancelled]') : chalk.green('[confirmed]');
  return `#${b.id} ${slotText(b)} ${names(b)} ${status}`;
}

export function renderBookingList(bookings: BookingView[]): string {
  if (bookings.length === 0) return 'No bookings. `callbook confirm --meeting ID` books one.';
  const table = createTable(['id', 'meeting', 'owner', 'slot', 'attendees', 'status']);
  for (const b of bookings) table.push([b.id, `${b.meeting_request_id} ${b.title}`, b.owner_id, slotText(b), names(b), b.status]);
  return table.toString();
}

export function renderBooking(b: BookingView, opts: { cancelled?: boolean } = {}): string {
  const lines = [
    `${opts.cancelled ? chalk.yellow('Cancelled booking') : 'Booking'} ${chalk.bold(String(b.id))}: ${b.title} (meeting ${b.meeting_request_id})`,
    `  owner:      ${b.owner_id}`,
    `  slot:       ${slotText(b)}`,
    `  status:     ${b.status}${b.cancelled_at ? ` at ${b.cancelled_at}${b.cancel_reason ? `: ${b.cancel_reason}` : ''}` : ''}`,
    `  uid:        ${b.uid} (sequence ${b.sequence})`,
    '  attendees:',
  ];
  for (const a of b.attendees) {
    const local = DateTime.fromISO(a.local_slot.start, { setZone: true }).toFormat('ccc HH:mm');
    lines.push(`    ${a.name} ${a.phone}${a.email ? ` ${a.email}` : ''} (${local} ${a.timezone})`);
  }
  if (b.attendees.length === 0) lines.push('    none');
  if (opts.cancelled)
    lines.push('', `The owner's time is free again. To book the meeting anew: callbook meeting reopen ${b.meeting_request_id}`);
  return lines.join('\n');
}

export function renderMeetingBookingsChange(c: MeetingBookingsChange): string {
  const n = c.cancelled_bookings.length;
  const head =
    c.status === 'open'
      ? `Meeting ${c.meeting_request_id} is open again`
      : `Meeting ${c.meeting_request_id} is cancelled: it will not be dialed or booked again`;
  const lines = [`${head}; ${n === 0 ? 'it had no live bookings' : `cancelled ${n} booking${n === 1 ? '' : 's'}`}.`];
  for (const b of c.cancelled_bookings) lines.push(`  ${renderBookingLine(b)}`);
  if (c.status === 'open') lines.push('', `Next: callbook confirm --meeting ${c.meeting_request_id}`);
  return lines.join('\n');
}
