// Pure renderers for bookings: data in, text out.
import chalk from 'chalk';
import type { BookingView } from '../../services/booking-views.js';
import type { MeetingBookingsChange } from '../../services/bookings.js';
import { formatSpan, formatWhen } from './dates.js';
import { renderTable } from './table.js';

const slotText = (b: BookingView) => formatSpan(b.slot.start, b.slot.end, b.timezone);

const names = (b: BookingView) => b.attendees.map((a) => a.name).join(', ') || 'no attendees';

/** "#3 Tue 10 Mar, 10:00–10:30 EDT Ana Ruiz [confirmed]". */
export function renderBookingLine(b: BookingView): string {
  const status = b.status === 'cancelled' ? chalk.red('[cancelled]') : chalk.green('[confirmed]');
  return `#${b.id} ${slotText(b)} ${names(b)} ${status}`;
}

export function renderBookingList(bookings: BookingView[]): string {
  if (bookings.length === 0) return 'No bookings. `callbook confirm --meeting ID` books one.';
  return renderTable(
    [
      { head: 'id', value: (b) => b.id },
      { head: 'slot', value: slotText, min: 24 },
      { head: 'status', value: (b) => b.status },
      { head: 'attendees', value: names, min: 12 },
      { head: 'meeting', value: (b) => `${b.meeting_request_id} ${b.title}`, drop: 1, min: 10 },
      { head: 'owner', value: (b) => b.owner_id, drop: 2 },
    ],
    bookings,
  );
}

export function renderBooking(b: BookingView, opts: { cancelled?: boolean } = {}): string {
  const lines = [
    `${opts.cancelled ? chalk.yellow('Cancelled booking') : 'Booking'} ${chalk.bold(String(b.id))}: ${b.title} (meeting ${b.meeting_request_id})`,
    `  owner:      ${b.owner_id}`,
    `  slot:       ${slotText(b)}`,
    `  status:     ${b.status}${b.cancelled_at ? ` at ${formatWhen(b.cancelled_at, b.timezone)}${b.cancel_reason ? `: ${b.cancel_reason}` : ''}` : ''}`,
    `  uid:        ${b.uid} (sequence ${b.sequence})`,
    '  attendees:',
  ];
  for (const a of b.attendees) {
    const local = formatWhen(a.local_slot.start, a.timezone, { own: true });
    lines.push(`    ${a.name} ${a.phone}${a.email ? ` ${a.email}` : ''} (${local}, ${a.timezone})`);
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
