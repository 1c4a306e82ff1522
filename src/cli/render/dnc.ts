import chalk from 'chalk';
import { escapeControls as safe } from '../../domain/leads.js';
import type { DoNotCallChange, DoNotCallEntry } from '../../services/dnc.js';
import { createTable } from './table.js';

export function renderDncList(entries: DoNotCallEntry[]): string {
  if (entries.length === 0) return 'The do-not-call list is empty.';
  const table = createTable(['phone', 'since', 'source', 'reason']);
  for (const e of entries) table.push([e.phone, e.created_at, safe(e.source), safe(e.reason)]);
  return `${table.toString()}\n${entries.length} number${entries.length === 1 ? '' : 's'} never dialed`;
}

export function renderDncAdded(r: DoNotCallChange): string {
  const head = r.added
    ? `${chalk.green('Added')} ${r.phone} to the do-not-call list: ${safe(r.reason)}`
    : `${r.phone} was already on the do-not-call list (since ${r.created_at}: ${safe(r.reason)})`;
  return `${head}\n  ${r.leads} lead${r.leads === 1 ? '' : 's'} with this number will not be dialed`;
}

export function renderDncRemoved(r: { phone: string }): string {
  return `${chalk.green('Removed')} ${r.phone} from the do-not-call list; its leads stay as they are (\`callbook lead reset ID\` makes one dialable)`;
}
