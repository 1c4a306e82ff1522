// Output of `confirm`: the chosen slot in the owner's zone and in every attendee's zone (each
// person reads their own clock), then why it won and what came close.
import { DateTime } from 'luxon';
import type { Candidate } from '../../domain/optimizer.js';

export interface ConfirmationView {
  title: string;
  owner_timezone: string;
  duration_minutes: number;
  best: Candidate | null;
  runners_up: Candidate[];
  reasons: string[];
  attendees: { lead_id: number; name: string; timezone: string }[];
  dry_run: boolean;
}

export function renderConfirmation(view: ConfirmationView): string {
  const meeting = `"${view.title}" (${view.duration_minutes} min)`;
  const reasons = view.reasons;
  if (!view.best) {
    return [`No slot found for ${meeting}.`, ...reasons.map((r) => `  - ${r}`)].join('\n');
  }

  const lines = [
    view.dry_run ? `Dry run for ${meeting}: nothing was booked.` : `Confirmed ${meeting}.`,
    `Slot: ${formatSlotInZone(view.best.start, view.best.end, view.owner_timezone)}`,
    '',
    `Attendees (${view.best.attendee_ids.length} booked, ${view.best.available_count} could attend):`,
  ];
  const byId = new Map(view.attendees.map((a) => [a.lead_id, a]));
  const named = view.best.attendee_ids.map((id) => byId.get(id) ?? { lead_id: id, name: `lead #${id}`, timezone: '' });
  const nameWidth = Math.max(0, ...named.map((a) => a.name.length));
  for (const a of named) {
    const when = a.timezone ? formatSlotInZone(view.best.start, view.best.end, a.timezone) : 'timezone unknown';
    lines.push(`  ${a.name.padEnd(nameWidth)}  ${when}`);
  }

  if (reasons.length > 0) lines.push('', 'Why this slot:', ...reasons.map((r) => `  - ${r}`));
  if (view.runners_up.length > 0) {
    lines.push('', 'Runners-up:');
    for (const c of view.runners_up) {
      const prefs = c.soft_matches.length > 0 ? ` · ${c.soft_matches.join(', ')}` : '';
      const when = formatSlotInZone(c.start, c.end, view.owner_timezone);
      lines.push(`  ${when} · ${c.available_count} can attend${prefs}`);
    }
  }
  return lines.join('\n');
}

/**
 * "Tue 10 Mar 2026, 09:00–09:30 GMT+2 (Asia/Jerusalem)". The end gets its own date when it falls
 * on the next local day, and its own offset when a DST change happens during the meeting.
 */
export function formatSlotInZone(start: number, end: number, zone: string): string {
  const s = DateTime.fromMillis(start, { zone }).setLocale('en-US');
  const e = DateTime.fromMillis(end, { zone }).setLocale('en-US');
  if (!s.isValid) return `${new Date(start).toISOString()} (unknown timezone ${zone})`;
  const endText = s.hasSame(e, 'day') ? e.toFormat('HH:mm') : e.toFormat('ccc d LLL HH:mm');
  const range =
    s.offset === e.offset
      ? `${s.toFormat('HH:mm')}–${endText} ${formatOffset(s.offset)}`
      : `${s.toFormat('HH:mm')} ${formatOffset(s.offset)}–${endText} ${formatOffset(e.offset)}`;
  return `${s.toFormat('ccc d LLL yyyy')}, ${range} (${zone})`;
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'GMT';
  const sign = minutes > 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  const mm = abs % 60;
  return `GMT${sign}${Math.floor(abs / 60)}${mm ? `:${String(mm).padStart(2, '0')}` : ''}`;
}
