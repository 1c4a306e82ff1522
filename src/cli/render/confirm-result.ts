// Human output of `confirm`: each booking in the owner's zone and each attendee's own zone (every
// person reads their own clock), why it won, the runners-up once, and warnings before anything else
// so an unreached lead or a skipped calendar is not missed.
import chalk from 'chalk';
import type { Slot } from '../../domain/types.js';
import type { ConfirmResult } from '../../services/confirm.js';
import { formatSpan, type ZoneChoice } from './dates.js';

function slotText(slot: Slot, zone: string, choice: ZoneChoice = {}): string {
  return formatSpan(slot.start, slot.end, zone, choice);
}

function headingOf(r: ConfirmResult): string {
  const meeting = `meeting ${r.meeting_request_id} "${r.title}" (${r.mode === 'one_on_one' ? 'one-on-one' : 'group'}, ${r.duration_minutes} min)`;
  const n = r.bookings.length;
  const count = `${n} ${n === 1 ? 'booking' : 'bookings'}`;
  if (r.already_confirmed) return chalk.green(`Meeting ${r.meeting_request_id} "${r.title}" is already confirmed (${count})`);
  if (r.explanation !== null) return chalk.cyan(`Explaining ${meeting} (nothing changed)`);
  if (r.dry_run) return chalk.cyan(`Dry run: ${meeting} would get ${count} (nothing changed)`);
  return chalk.green(`Confirmed ${meeting}: ${count}`);
}

export function renderConfirmResult(r: ConfirmResult): string {
  const lines = [headingOf(r)];
  for (const w of r.warnings) lines.push(chalk.yellow(`  warning: ${w}`));
  const unreached = r.unreached_leads;
  if (unreached.count > 0) {
    const names = unreached.leads.slice(0, 5).map((l) => `${l.name} (${l.state})`);
    const more = unreached.count > names.length ? ` and ${unreached.count - names.length} more` : '';
    const verb = unreached.count === 1 ? 'lead has' : 'leads have';
    lines.push(chalk.yellow(`  warning: ${unreached.count} ${verb} not been reached yet: ${names.join(', ')}${more}`));
  }
  if (r.explanation !== null) lines.push(`  explain: ${r.explanation}`);
  for (const b of r.bookings) {
    const label = b.id === null ? 'booking' : `booking ${b.id}`;
    lines.push(`  ${label}: ${slotText(b.slot, r.timezone)}`);
    for (const a of b.attendees) {
      lines.push(`    - ${a.name} (${a.phone}${a.email ? `, ${a.email}` : ''}): ${slotText(a.local_slot, a.timezone, { own: true })}`);
    }
  }
  const why = r.reasons.filter((reason) => !reason.startsWith('runner-up '));
  const runnersUp = r.reasons.filter((reason) => reason.startsWith('runner-up ')).map((reason) => reason.slice('runner-up '.length));
  if (why.length > 0) lines.push('  why:', ...why.map((reason) => `    - ${reason}`));
  if (runnersUp.length > 0) lines.push('  runners-up:', ...runnersUp.map((reason) => `    - ${reason}`));
  return lines.join('\n');
}
