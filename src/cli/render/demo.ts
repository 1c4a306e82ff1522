import chalk from 'chalk';
import { DateTime } from 'luxon';
import type { DemoCalendarEvent } from '../../services/demo/calendar.js';
import type { DemoResult } from '../../services/demo/summary.js';
import { renderTranscriptLine } from './calls.js';
import { renderConfirmResult } from './confirm-result.js';
import { formatDay, formatWhen } from './dates.js';
import { renderHeatmap } from './heatmap.js';
import { renderTable } from './table.js';

/** What was set up, then one line per round of calls: the same facts as `setup` and `rounds` in --json. */
function storyLines(r: DemoResult): string[] {
  const s = r.setup;
  const zone = s.timezone;
  const window = `${formatDay(s.window.start, zone)} – ${formatDay(s.window.end, zone)}`;
  return [
    `Meeting ${s.group.meeting_request_id} "${s.group.title}" (group) and ${s.one_on_one.meeting_request_id} "${s.one_on_one.title}" (one-on-one): "${s.instruction}" → ${window}`,
    `Owner ${r.owner.id}: Mon–Fri 09:00–17:00 New York, diary ${r.owner.calendar} (${s.diary_events} events)`,
    `${s.group.leads + s.one_on_one.leads} simulated leads (${s.group.leads} group, ${s.one_on_one.leads} one-on-one); simulated clock starts ${formatWhen(s.clock_start, zone)}`,
    ...r.rounds.map(
      (round) =>
        `${formatWhen(round.at, zone)}  dialed ${round.dialed}, ${round.responded} responded so far, ${round.to_try_again} to try again`,
    ),
  ];
}

function sampleLines(r: DemoResult): string[] {
  if (r.sample_calls.length === 0) return [];
  const lines = [chalk.bold(`Sample calls (both sides; all of them: callbook calls show ID${r.db_path ? '' : ' with --db'})`)];
  for (const c of r.sample_calls) {
    lines.push(`Call ${c.id} to ${c.lead_name} (${c.timezone}): ${c.status}${c.outcome ? `, ${c.outcome}` : ''}`);
    for (const line of c.transcript) lines.push(...renderTranscriptLine(line, c.timezone));
  }
  return lines;
}

const SHOWN_LEADS = 40;

function diaryLine(e: DemoCalendarEvent): string {
  const start = DateTime.fromISO(e.start, { setZone: true });
  const end = DateTime.fromISO(e.end, { setZone: true });
  const when = e.repeats
    ? `${e.repeats} ${start.toFormat('HH:mm')}–${end.toFormat('HH:mm')}`
    : `${formatDay(start, start.zoneName ?? 'UTC')}, ${start.toFormat('HH:mm')}–${end.toFormat('HH:mm')}`;
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

/** Who received which invitation, as the demo's loopback SMTP server got it. */
function invitationLines(r: DemoResult): string[] {
  const inv = r.invitations;
  if (!inv) return [];
  const shown = inv.received.slice(0, 12);
  return [
    chalk.bold(`Invitations: ${inv.sent} emails to the demo's SMTP server at ${inv.smtp}${inv.failed ? ` (${inv.failed} not sent)` : ''}`),
    ...shown.map((m) => `  ${m.to}: ${m.subject}`),
    inv.received.length > shown.length ? `  … and ${inv.received.length - shown.length} more` : '',
    `The invitations (.ics) are in ${inv.folder}`,
  ];
}

export function renderDemo(r: DemoResult, opts: { color: boolean }): string {
  // A lead who gave no time says why instead: no answer, busy, voicemail, opted out…
  const table = renderTable(
    [
      { head: 'lead', value: (l) => l.lead_id },
      { head: 'name', value: (l) => l.name, min: 10 },
      { head: 'timezone', value: (l) => l.timezone, drop: 2, min: 10 },
      { head: 'outcome', value: (l) => l.state },
      { head: 'calls', value: (l) => l.attempts, drop: 1 },
      {
        head: 'what they said',
        value: (l) =>
          [...l.said.map((said) => (said.startsWith('(') ? said : `“${said}”`)), ...(l.reason ? [`(${l.reason})`] : [])].join('\n'),
        min: 20,
        wrap: true,
      },
    ],
    r.leads.slice(0, SHOWN_LEADS),
  );
  const outcomes = Object.entries(r.outcomes)
    .sort((a, b) => b[1] - a[1])
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');
  const s = r.stats;
  return [
    ...storyLines(r),
    '',
    chalk.bold('Leads'),
    table,
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
    ...sampleLines(r),
    '',
    ...invitationLines(r),
    '',
    chalk.dim(
      `${s.calls} simulated calls, ${s.webhook_requests} signed webhook requests (${s.duplicate_callbacks} duplicated and ${s.late_callbacks} late status callbacks, ${s.rejected_requests} rejected, ${s.errors} errors) in ${(s.elapsed_ms / 1000).toFixed(1)} s: ${s.calls_per_second} calls/s`,
    ),
    r.db_path
      ? `Database kept at ${r.db_path}, the owner's diary at ${r.owner.calendar}.\nNext: callbook booking list`
      : chalk.dim('The demo database was thrown away; pass --db PATH to keep it.'),
  ]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n');
}
