import chalk from 'chalk';
import { escapeControls as safe } from '../../domain/leads.js';
import type { AddCampaignResult, CampaignDetail } from '../../services/campaigns.js';
import { type Listed, moreLine } from './list.js';
import { renderTable } from './table.js';

export function progressBar(done: number, total: number, width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} leads`;
}

export function renderCampaignAdded(r: AddCampaignResult): string {
  const lines = [
    `${chalk.green('Campaign')} ${r.campaign_id} "${safe(r.name)}" for meeting ${r.meeting_request_id}: added ${r.added} lead${r.added === 1 ? '' : 's'} (${r.total_leads} in total)`,
  ];
  if (r.skipped_duplicates) lines.push(`  skipped ${r.skipped_duplicates} duplicate${r.skipped_duplicates === 1 ? '' : 's'}:`);
  for (const d of r.duplicates.slice(0, 10)) {
    lines.push(`    ${d.where}: ${d.phone} is a duplicate of lead ${d.duplicate_of_lead} (campaign ${d.campaign_id})`);
  }
  if (r.duplicates.length > 10) lines.push(`    … and ${r.duplicates.length - 10} more (--json lists them all)`);
  if (r.filled_timezones)
    lines.push(`  filled ${r.filled_timezones} empty timezone${r.filled_timezones === 1 ? '' : 's'} from the number's country`);
  lines.push(`  ${r.with_consent} of ${r.added} added with a consent record`);
  for (const w of r.warnings.slice(0, 10)) lines.push(chalk.yellow(`  warning: ${w.field}: ${w.message}`));
  if (r.warnings.length > 10) lines.push(chalk.yellow(`  … and ${r.warnings.length - 10} more warnings (--json lists them all)`));
  if (r.do_not_call) lines.push(chalk.yellow(`  ${r.do_not_call} on the do-not-call list: added as opted out, never dialed`));
  lines.push('', `Next: callbook tick --meeting ${r.meeting_request_id} --dry-run`);
  return lines.join('\n');
}

export function renderCampaignList(campaigns: { id: number; meeting_request_id: number; name: string; leads: number }[]): string {
  if (campaigns.length === 0) return 'No campaigns yet. Add one with `callbook campaign add`.';
  return renderTable(
    [
      { head: 'id', value: (c) => c.id },
      { head: 'meeting', value: (c) => c.meeting_request_id },
      { head: 'name', value: (c) => safe(c.name), min: 12 },
      { head: 'leads', value: (c) => c.leads },
    ],
    campaigns,
  );
}

/** `listed` is the page of leads shown (--limit, --offset, --state); the summary counts them all. */
export function renderCampaign(c: CampaignDetail, listed?: Listed<CampaignDetail['leads'][number]>): string {
  const summary =
    Object.entries(c.states)
      .map(([state, n]) => `${n} ${state}`)
      .join(', ') || 'no leads';
  const leads = listed?.items ?? c.leads;
  // Stored text is shown with control characters escaped: a name imported before they were refused must not drive the terminal.
  const table = renderTable(
    [
      { head: 'id', value: (l) => l.id },
      { head: 'name', value: (l) => safe(l.name), min: 10 },
      { head: 'phone', value: (l) => l.phone, drop: 1, min: 16 },
      { head: 'timezone', value: (l) => l.timezone, drop: 2, min: 10 },
      { head: 'state', value: (l) => l.state, min: 14 },
      { head: 'attempts', value: (l) => l.attempts, drop: 3 },
      { head: 'detail', value: (l) => safe(l.detail ?? ''), drop: 4, min: 10 },
    ],
    leads,
  );
  const more = listed ? moreLine(listed) : '';
  return [`Campaign ${c.id} "${safe(c.name)}" (meeting ${c.meeting_request_id}): ${summary}`, table, ...(more ? [more] : [])].join('\n');
}
