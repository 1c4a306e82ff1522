import chalk from 'chalk';
import { DateTime } from 'luxon';
import type { TickResult } from '../../services/tick-types.js';
import { formatWhen } from './dates.js';
import { createTable } from './table.js';

const LABELS: Record<string, string> = {
  meeting_closed: 'meeting not open',
  in_call: 'call in progress',
  responded: 'responded',
  opted_out: 'opted out',
  not_interested: 'not interested',
  failed: 'number failed',
  exhausted: 'attempts used up',
  other_state: 'other state',
  dnc: 'on do-not-call list',
  retry_later: 'waiting for the retry delay',
  recent_call: 'called for another meeting lately',
  no_consent: 'no consent on record',
  outside_hours: 'outside calling hours',
};

/** "2026-03-10T10:00 America/Chicago" (the lead's clock, as the policy records it) in the one human format, in the lead's zone. */
function leadClock(text: string): string {
  const [wall = '', zone = 'UTC'] = text.split(' ');
  const dt = DateTime.fromISO(wall, { zone });
  return dt.isValid ? formatWhen(dt, zone, { own: true }) : text;
}

/** An instant shown to the operator: in --tz, else the machine's own zone. */
const operatorClock = (iso: string) => formatWhen(iso, DateTime.local().zoneName);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderTick(r: TickResult): string {
  const lines: string[] = [];
  if (r.dry_run) {
    lines.push(chalk.bold(`Dry run at ${operatorClock(r.now)}: nothing was changed.`));
    if (r.would_call.length === 0) lines.push('Nobody would be called now.');
    else {
      lines.push(`Would call ${plural(r.would_call.length, 'lead')} (at most ${r.max_calls}):`);
      const table = createTable(['lead', 'name', 'phone', 'local time', 'meeting']);
      for (const c of r.would_call) table.push([c.lead_id, c.name, c.phone, leadClock(c.local_time), c.meeting_request_id]);
      lines.push(table.toString());
    }
  } else if (r.dialed.length === 0 && r.failed.length === 0) {
    lines.push('No calls placed: nobody is due right now.');
  } else {
    if (r.dialed.length > 0) {
      lines.push(chalk.green(`Placed ${plural(r.dialed.length, 'call')}:`));
      const table = createTable(['call', 'sid', 'lead', 'name', 'local time']);
      for (const c of r.dialed) table.push([c.call_id, c.call_sid, c.lead_id, c.name, leadClock(c.local_time_at_dial)]);
      lines.push(table.toString());
    }
    for (const f of r.failed) {
      const next = f.permanent
        ? 'will not be called again'
        : f.retry_at
          ? `retry after ${operatorClock(f.retry_at)}`
          : 'not retried for now';
      lines.push(chalk.yellow(`  call ${f.call_id} to lead ${f.lead_id} (${f.name}) failed: ${f.reason} (${next})`));
    }
  }
  if (r.stopped) lines.push(chalk.yellow(`Stopped early: ${r.stopped}`));
  const s = r.summary;
  lines.push(
    '',
    `${plural(s.leads, 'lead')}: ${s.due} due now, ${s.skipped} skipped` +
      (r.dry_run ? '' : `, ${s.dialed} dialed, ${s.failed} failed`) +
      (s.stale_claims_released ? `, ${s.stale_claims_released} interrupted claim(s) ${r.dry_run ? 'to release' : 'released'}` : '') +
      (s.lost_calls_closed ? `, ${s.lost_calls_closed} call(s) with no final status closed` : '') +
      (s.marked_exhausted ? `, ${s.marked_exhausted} marked exhausted` : '') +
      (s.dialing_reconciled ? `, ${s.dialing_reconciled} interrupted dial(s) reconciled` : '') +
      (s.dialing_unknown ? `, ${s.dialing_unknown} call(s) of unknown outcome held` : ''),
  );
  for (const g of r.skipped) {
    lines.push(`  ${String(g.count).padStart(7)}  ${LABELS[g.category] ?? g.category}`);
    for (const e of g.examples) lines.push(chalk.dim(`             lead ${e.lead_id} ${e.name}: ${e.reason}`));
  }
  // What the outbox sent after dialing (issue 10); its problems never fail the tick.
  const n = r.notifications;
  if (n && n.sent + n.retrying + n.failed + n.skipped > 0)
    lines.push(`Notifications: ${n.sent} sent, ${n.retrying} to retry, ${n.failed} failed, ${n.skipped} skipped`);
  for (const w of [...(n?.warnings ?? []), ...(n?.error ? [`the outbox could not be worked: ${n.error}`] : [])])
    lines.push(chalk.yellow(`warning: ${w}`));
  return lines.join('\n');
}
