import chalk from 'chalk';
import type { AddAvailabilityResult, listAvailability } from '../../services/availability.js';
import { renderHeatmap } from './heatmap.js';
import { formatSlot } from './parse.js';
import { createTable } from './table.js';

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

export function renderAvailabilityList(r: Awaited<ReturnType<typeof listAvailability>>, opts: { color: boolean }): string {
  if (r.leads.length === 0) return `No availability collected for meeting ${r.meeting_request_id} yet.`;
  const table = createTable(['lead', 'name', 'timezone', 'free (lead’s time)', 'source', 'said'], { wrapLast: 40 });
  for (const lead of r.leads) {
    for (const [i, slot] of lead.slots.entries()) {
      table.push([
        i === 0 ? lead.lead_id : '',
        i === 0 ? lead.name : '',
        i === 0 ? lead.timezone : '',
        formatSlot(slot),
        slot.source,
        i === 0 ? (slot.raw_text ?? '') : '',
      ]);
    }
  }
  return [table.toString(), '', `Leads free per hour (${r.timezone}):`, renderHeatmap(r.heatmap, { color: opts.color })].join('\n');
}
