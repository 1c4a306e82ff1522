import chalk from 'chalk';
import { escapeControls as safe } from '../../domain/leads.js';
import type { LeadChange, LeadDetail } from '../../services/leads.js';
import { formatWhen } from './dates.js';
import { formatSlot } from './parse.js';

// Names and transcripts are stored text: shown with control characters escaped, so a name never
// drives the terminal.
export function renderLeadDetail(l: LeadDetail): string {
  const lines = [
    `${chalk.bold(`Lead ${l.id}`)} ${safe(l.name)} ${l.phone} (${l.timezone}), campaign ${l.campaign_id}, meeting ${l.meeting_request_id}`,
    `  state: ${l.state}${l.detail ? ` (${safe(l.detail)})` : ''}; attempts: ${l.attempts}` +
      `${l.next_attempt_at ? `; next attempt after ${l.next_attempt_at}` : ''}`,
    `  consent: ${l.consent ? `${safe(l.consent.source)}, ${formatWhen(l.consent.at, l.timezone)}` : chalk.yellow('none recorded (real calls skip this lead)')}`,
  ];
  if (l.do_not_call) lines.push(chalk.yellow(`  on the do-not-call list since ${l.do_not_call.created_at}: ${safe(l.do_not_call.reason)}`));
  if (l.calls.length === 0) lines.push('  no calls yet');
  for (const c of l.calls) {
    const how = [
      c.status,
      c.outcome && `outcome ${c.outcome}`,
      c.answered_by && `answered by ${c.answered_by}`,
      c.error_message && safe(c.error_message),
    ]
      .filter(Boolean)
      .join(', ');
    lines.push('', `  Call ${c.id} at ${formatWhen(c.created_at, l.timezone, { own: true })}: ${how}`);
    if (c.turns.length === 0) lines.push('    (nothing said)');
    for (const t of c.turns) {
      const slots = t.understood.map((s) => formatSlot(s, l.timezone)).join('; ');
      lines.push(`    ${t.turn}. "${safe(t.input)}" → ${t.intent}${slots ? `: ${slots}` : ''} (${t.parser_source})`);
    }
  }
  return lines.join('\n');
}

export function renderLeadChange(r: LeadChange): string {
  const attempts = r.lead.attempts === r.previous_attempts ? '' : `, attempts ${r.previous_attempts} → ${r.lead.attempts}`;
  const lines = [`${chalk.green('Lead')} ${r.lead.id} ${safe(r.lead.name)}: ${r.previous_state} → ${r.lead.state}${attempts}`];
  if (r.lead.state === 'removed') lines.push('  kept in the history, never dialed again (`callbook lead reset ID` brings it back)');
  else lines.push(`  the next \`callbook tick --meeting ${r.lead.meeting_request_id}\` may dial it, within calling hours`);
  return lines.join('\n');
}
