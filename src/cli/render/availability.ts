import chalk from 'chalk';
import type { AddAvailabilityResult, listAvailability } from '../../services/availability.js';
import { renderHeatmap } from './heatmap.js';
import { type Listed, moreLine } from './list.js';
import { formatSlot } from './parse.js';
import { renderTable } from './table.js';

export function renderAvailabilityAdded(r: AddAvailabilityResult): string {
  const lines = [
    r.slots.length
      ? `${chalk.green('Recorded')} ${r.slots.length} slot${r.slots.length === 1 ? '' : 's'} for lead ${r.lead_id} (meeting ${r.meeting_request_id}):`
      : chalk.yellow(`No availability found for lead ${r.lead_id} (understood as: ${r.intent}); nothing was recorded.`),
    ...r.slots.map((s) => `  ${formatSlot(s)}`),
  ];
  if (r.unparsed.length) lines.push(chalk.yellow(`not understood: ${r.unparsed.map((u) => `"${u}"`).join(', ')}`));
  if (r.fallback_reason) lines.push(chalk.dim(`parser: ${r.source} (${r.fallback_reason})`));
  return lines.join('\n');
}

type AvailabilityList = Awaited<ReturnType<typeof listAvailability>>;

/** `listed` is the page of leads shown (--limit, --offset, --lead, --since); the heat map counts them all. */
export function renderAvailabilityList(
  r: AvailabilityList,
  opts: { color: boolean },
  listed?: Listed<AvailabilityList['leads'][number]>,
): string {
  if (r.leads.length === 0) return `No availability collected for meeting ${r.meeting_request_id} yet.`;
  const leads = listed?.items ?? r.leads;
  // One row per lead: its slots one per line, what it said wrapped beside them.
  const table = renderTable(
    [
      { head: 'lead', value: (l) => l.lead_id },
      { head: 'name', value: (l) => l.name, min: 10 },
      { head: 'free (lead’s time)', value: (l) => l.slots.map((s) => formatSlot(s, l.timezone)).join('\n'), min: 26 },
      { head: 'timezone', value: (l) => l.timezone, drop: 2, min: 10 },
      { head: 'source', value: (l) => [...new Set(l.slots.map((s) => s.source))].join(', '), drop: 3 },
      { head: 'said', value: (l) => [...new Set(l.slots.map((s) => s.raw_text).filter(Boolean))].join('\n'), drop: 1, min: 16, wrap: true },
    ],
    leads,
  );
  const more = listed ? moreLine(listed) : '';
  return [table, ...(more ? [more] : []), '', `Leads free per hour (${r.timezone}):`, renderHeatmap(r.heatmap, { color: opts.color })].join(
    '\n',
  );
}
