// Plain text for `callbook db …`: short enough not to need tables.
import type { CopyResult, DatabaseStatus, MigrateResult } from '../../../services/db-admin.js';

const rows = (tables: Record<string, number>) =>
  Object.entries(tables)
    .map(([name, n]) => `  ${name.padEnd(26)} ${String(n).padStart(9)}`)
    .join('\n');

export function renderDbStatus(s: DatabaseStatus): string {
  const level = `${s.migrations.applied} of ${s.migrations.known} migrations${s.migrations.latest ? ` (latest ${s.migrations.latest})` : ''}`;
  return `${s.engine} ${s.database}\n${level}\nRows:\n${rows(s.tables)}\n`;
}

export function renderDbMigrate(r: MigrateResult): string {
  const ran = r.ran.length === 0 ? 'already up to date' : `applied ${r.ran.length}: ${r.ran.join(', ')}`;
  return `${r.engine} ${r.database}: ${ran} (${r.applied} of ${r.known} migrations)\n`;
}

export function renderDbCopy(r: CopyResult): string {
  const total = Object.values(r.tables).reduce((a, b) => a + b, 0);
  return `Copied ${total} rows from ${r.from.engine} ${r.from.database} to ${r.to.engine} ${r.to.database}:\n${rows(r.tables)}\n`;
}
