import chalk from 'chalk';
import { escapeControls as safe } from '../../domain/leads.js';
import type { DoNotCallChange, DoNotCallEntry } from '../../services/dnc.js';
import { formatWhen } from './dates.js';
import { type Listed, moreLine } from './list.js';
import { renderTable } from './table.js';

/** `listed` is the page shown (--limit, --offset, --since); the count is of the whole list. */
export function renderDncList(entries: DoNotCallEntry[], listed?: Listed<DoNotCallEntry>): string {
  if (entries.length === 0) return 'The do-not-call list is empty.';
  const table = renderTable(
    [
      { head: 'phone', value: (e) => e.phone, min: 16 },
      { head: 'since', value: (e) => formatWhen(e.created_at, 'UTC'), min: 22 },
      { head: 'reason', value: (e) => safe(e.reason), min: 12 },
      { head: 'source', value: (e) => safe(e.source), drop: 1 },
    ],
    listed?.items ?? entries,
  );
  const more = listed ? moreLine(listed) : '';
  return `${table}\n${more ? `${more}\n` : ''}${entries.length} number${entries.length === 1 ? '' : 's'} never dialed`;
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
