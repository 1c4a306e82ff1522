// `calls list` and `calls show`: who was called, what came of it, and the whole conversation.
// Stored words are shown with control characters escaped: a transcript must not drive the terminal.
import chalk from 'chalk';
import { escapeControls as safe } from '../../domain/leads.js';
import type { CallList, CallShown, CallSummary, TranscriptLine } from '../../services/calls.js';
import { formatWhen } from './dates.js';
import { moreLine } from './list.js';
import { formatSlot } from './parse.js';
import { renderTable } from './table.js';

const duration = (s: number | null) => (s === null ? '' : s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`);
const outcomeOf = (c: CallSummary) => c.outcome ?? (c.answered_by ? `answered by ${c.answered_by}` : '');

export function renderCallList(r: CallList): string {
  if (r.calls.length === 0)
    return r.total === 0
      ? 'No calls match. `callbook tick` places them.'
      : moreLine({ ...r, items: [], more: 0 }) || 'No calls on this page.';
  const table = renderTable(
    [
      { head: 'id', value: (c) => c.id },
      { head: 'lead', value: (c) => `${c.lead_id} ${safe(c.lead_name)}`, min: 10 },
      { head: 'started', value: (c) => formatWhen(c.created_at, c.timezone), min: 23 },
      { head: 'status', value: (c) => c.status, min: 11 },
      { head: 'outcome', value: outcomeOf, drop: 1, min: 12 },
      { head: 'length', value: (c) => duration(c.duration_seconds), drop: 2, min: 10 },
      { head: 'turns', value: (c) => c.turns, drop: 4 },
      { head: 'slots', value: (c) => c.slots, drop: 3 },
      { head: 'meeting', value: (c) => c.meeting_request_id, drop: 5 },
    ],
    r.calls,
  );
  const more = moreLine({ items: r.calls, total: r.total, offset: r.offset, more: Math.max(0, r.total - r.offset - r.calls.length) });
  return more ? `${table}\n${more}` : table;
}

/** One line of the conversation: "  bot:  Hello Ana, …" / "  lead: tuesday after two → availability: …". */
export function renderTranscriptLine(line: TranscriptLine, zone: string): string[] {
  if (line.speaker === 'bot') return [`  ${chalk.cyan('bot:')}  ${safe(line.text)}`];
  const out = [`  ${chalk.bold('lead:')} ${safe(line.text)}`];
  const u = line.understood;
  if (u) {
    const slots = u.slots.map((s) => formatSlot(s, zone)).join('; ');
    out.push(chalk.dim(`        understood: ${u.intent}${slots ? `: ${slots}` : ''} (${u.parser_source})`));
  }
  return out;
}

export function renderCall(c: CallShown): string {
  const lines = [
    `${chalk.bold(`Call ${c.id}`)} to lead ${c.lead_id} ${safe(c.lead_name)} ${c.phone} (${c.timezone}), meeting ${c.meeting_request_id}`,
    `  status:   ${c.status}${c.outcome ? `, outcome ${c.outcome}` : ''}${c.answered_by ? `, answered by ${c.answered_by}` : ''}`,
    `  length:   ${duration(c.duration_seconds) || 'unknown'}`,
  ];
  if (c.error_message) lines.push(chalk.yellow(`  error:    ${safe(c.error_message)}${c.error_code ? ` (${c.error_code})` : ''}`));
  lines.push('  timeline:');
  for (const t of c.timeline) lines.push(`    ${formatWhen(t.at, c.timezone)}  ${t.event}`);
  lines.push('  conversation:');
  if (c.transcript.length === 0) lines.push('    (nothing was said: the call was not answered by a person)');
  for (const line of c.transcript) lines.push(...renderTranscriptLine(line, c.timezone).map((l) => `  ${l}`));
  lines.push(c.slots_stored.length ? '  slots stored:' : '  slots stored: none');
  for (const s of c.slots_stored) lines.push(`    ${formatSlot(s, c.timezone)}${s.turn !== null ? ` (turn ${s.turn})` : ''}`);
  return lines.join('\n');
}
