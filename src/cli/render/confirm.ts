// Output of `confirm`: the chosen slot in the owner's zone and in every attendee's zone (each
// person reads their own clock), then why it won and what came close.
import type { Candidate } from '../../domain/optimizer.js';
import { formatSpan, type ZoneChoice } from './dates.js';

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
    const when = a.timezone ? formatSlotInZone(view.best.start, view.best.end, a.timezone, { own: true }) : 'timezone unknown';
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

/** The slot in one zone, in the one human format (dates.ts): "Tue 10 Mar, 09:00–09:30 GMT+2". */
export function formatSlotInZone(start: number, end: number, zone: string, choice: ZoneChoice = {}): string {
  return formatSpan(start, end, zone, choice);
}
