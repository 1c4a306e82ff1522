import chalk from 'chalk';
import { DateTime } from 'luxon';
import type { Slot } from '../../domain/types.js';
import type { ConfirmResult } from '../../services/confirm.js';

function slotIn(slot: Slot, zone: string): string {
  const start = DateTime.fromISO(slot.start, { setZone: true }).setZone(zone);
  const end = DateTime.fromISO(slot.end, { setZone: true }).setZone(zone);
  return `${start.toFormat('ccc d LLL yyyy, HH:mm')}–${end.toFormat('HH:mm')} ${start.toFormat('ZZZZ')} (${zone})`;
}

export function renderConfirmResult(r: ConfirmResult): string {
  const heading = r.already_confirmed
    ? chalk.green(`Meeting ${r.meeting_request_id} "${r.title}" is already confirmed`)
    : r.dry_run
      ? chalk.cyan(`Dry run: meeting ${r.meeting_request_id} "${r.title}" would be booked (nothing changed)`)
      : chalk.green(`Confirmed meeting ${r.meeting_request_id} "${r.title}"`);
  const lines = [heading, `  when:      ${slotIn(r.slot, r.timezone)}`, `  attendees: ${r.attendees.length}`];
  for (const a of r.attendees)
    lines.push(`    - ${a.name} (${a.phone}${a.email ? `, ${a.email}` : ''}): ${slotIn(a.local_slot, a.timezone)}`);
  if (r.reasons.length) lines.push('  why:', ...r.reasons.map((reason) => `    - ${reason}`));
  if (r.runners_up.length) {
    lines.push('  runners-up:');
    for (const c of r.runners_up) {
      const prefs = c.soft_matches.length ? `, matches ${c.soft_matches.join(' and ')}` : '';
      lines.push(`    - ${slotIn(c.slot, r.timezone)}: ${c.attendees} attendee${c.attendees === 1 ? '' : 's'}${prefs}`);
    }
  }
  return lines.join('\n');
}
