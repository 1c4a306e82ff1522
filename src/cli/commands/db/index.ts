// `callbook db status|migrate|copy`: the database itself, on either engine.
import type { Command } from 'commander';
import { COMMAND_DESCRIPTIONS } from '../../descriptions.js';
import type { Io } from '../../io.js';
import { configOf, emit, globalsOf, withContext } from '../../runtime.js';

const render = () => import('./render.js');

export function registerDb(program: Command, io: Io): void {
  const db = program.command('db').description(COMMAND_DESCRIPTIONS.db);
  db.command('status')
    .description('engine, database, migration level and rows per table')
    .action(async (_flags: object, command: Command) => {
      const globals = globalsOf(command);
      const { databaseStatus } = await import('../../../services/db-admin.js');
      const status = await withContext(io, globals, (ctx) => databaseStatus(ctx));
      await emit(io, globals, status, async () => (await render()).renderDbStatus);
    });
  db.command('migrate')
    .description('bring --db to the latest schema and stop (for deployments that migrate before starting serve and ticks)')
    .action(async (_flags: object, command: Command) => {
      const globals = globalsOf(command);
      const { migrateDatabase } = await import('../../../services/db-admin.js');
      const result = await migrateDatabase(configOf(io, globals).databaseUrl);
      await emit(io, globals, result, async () => (await render()).renderDbMigrate);
    });
  db.command('copy')
    .description('copy every table into an empty database, ids kept (e.g. SQLite → PostgreSQL), in one transaction')
    .requiredOption('--from <url>', 'the database to copy: a SQLite file, sqlite:///./callbook.db or postgres://…')
    .requiredOption('--to <url>', 'an empty database (postgres://user@host:5432/name or a SQLite file); refused if it holds rows')
    .addHelpText(
      'after',
      `
Both databases are migrated first. Stop serve and ticks while copying; nothing is written to
--to unless every row arrives. Example:
  $ createdb -h 127.0.0.1 -U postgres callbook
  $ callbook db copy --from sqlite:///./callbook.db --to postgres://postgres@127.0.0.1:5432/callbook`,
    )
    .action(async (flags: { from: string; to: string }, command: Command) => {
      const globals = globalsOf(command);
      const { copyDatabase } = await import('../../../services/db-admin.js');
      const result = await copyDatabase({ from: flags.from, to: flags.to });
      await emit(io, globals, result, async () => (await render()).renderDbCopy);
    });
}
