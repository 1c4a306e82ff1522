import chalk from 'chalk';
import { DateTime } from 'luxon';
import type { DemoCalendarEvent } from '../../services/demo/calendar.js';
import type { DemoResult } from '../../services/demo/summary.js';
import { renderConfirmResult } from './confirm-result.js';
import { renderHeatmap } from './heatmap.js';
import { createTable } from './table.js';

const SHOWN_LEADS = 40;

function diaryLine(e: DemoCalendarEvent): string {
  const start = DateTime.fromISO(e.start, { setZone: true });
  const end = DateTime.fromISO(e.end, { setZone: true });
  const when = e.repeats
    ? `${e.repeats} ${start.toFormat('HH:mm')}–${end.toFormat('HH:mm')}`
    : `${start.toFormat('ccc d LLL HH:mm')}–${end.toFormat('HH:mm')}`;
  return `  ${when}  ${e.summary}${e.free ? chalk.dim(' (marked free: not busy)') : ''}`;
}

function oneOnOneSection(r: DemoResult): string[] {
  const o = r.one_on_one;
  const outcomes = Object.entries(o.outcomes)
    .sort((a, b) => b[1] - a[1])
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');
  return [
    chalk.bold(`Owner ${r.owner.id}: the diary both meetings are booked around`),
    ...r.owner.events.map(diaryLine),
    '',
    chalk.bold(`One-on-one demos (meeting ${o.meeting_request_id}): one lead per meeting, ${o.buffer_minutes} min buffer`),
    `${o.leads.length} leads called: ${outcomes}`,
    o.confirmation ? renderConfirmResult(o.confirmation) : chalk.yellow(`No demo booked: ${o.no_slot ?? 'nobody gave availability'}`),
  ];
}

export function renderDemo(r: DemoResult, opts: { color: boolean }): string {
  const table = createTable(['lead', 'name', 'timezone', 'outcome', 'calls', 'what they said'], { wrapLast: 56 });
  for (const lead of r.leads.slice(0, SHOWN_LEADS)) {
    table.push([
      lead.lead_id,
      lead.name,
      lead.timezone,
      lead.state,
      lead.attempts,
      lead.said.map((s) => (s.startsWith('(') ? s : `“${s}”`)).join('\n'),
    ]);
  }
  const outcomes = Object.entries(r.outcomes)
    .sort((a, b) => b[1] - a[1])
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');
  const s = r.stats;
  return [
    '',
    chalk.bold('Leads'),
    table.toString(),
    r.leads.length > SHOWN_LEADS ? `… and ${r.leads.length - SHOWN_LEADS} more (see \`callbook campaign show\` with --db)` : '',
    `Outcomes: ${outcomes}`,
    '',
    chalk.bold(`When leads are free (${r.availability.timezone})`),
    renderHeatmap(r.availability.heatmap, { color: opts.color }),
    '',
    chalk.bold(`Group intro call (meeting ${r.meeting_request_id}): one slot for as many leads as can come`),
    r.confirmation ? renderConfirmResult(r.confirmation) : chalk.yellow(`No slot chosen: ${r.no_slot ?? 'nobody gave availability'}`),
    '',
    ...oneOnOneSection(r),
    '',
    chalk.dim(
      `${s.calls} simulated calls, ${s.webhook_requests} signed webhook requests (${s.duplicate_callbacks} duplicated and ${s.late_callbacks} late status callbacks, ${s.rejected_requests} rejected, ${s.errors} errors) in ${(s.elapsed_ms / 1000).toFixed(1)} s: ${s.calls_per_second} calls/s`,
    ),
    r.db_path
      ? `Database kept at ${r.db_path}, the owner's diary at ${r.owner.calendar}. Try: callbook --db ${r.db_path} booking list`
      : chalk.dim('The demo database was thrown away; pass --db PATH to keep it.'),
  ]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n');
}
