// One `notify` run in its own process, on the compiled code (see notify-processes.ts).
// With hangAfterSend it announces the first message it sent and then waits to be killed -9
// before recording it: the crash window between send and record.
import { pathToFileURL } from 'node:url';

const opts = JSON.parse(process.argv[2]);
const load = (path) => import(pathToFileURL(`${opts.dist}/${path}`).href);
const [{ openDatabase }, { loadConfig }, { createContext }, { runNotify }] = await Promise.all([
  load('src/db/connection.js'),
  load('src/config.js'),
  load('src/context.js'),
  load('src/services/notify/send.js'),
]);
const db = await openDatabase(opts.db);
const ctx = createContext(db, loadConfig(opts.env));
const deps = { leaseMs: opts.leaseMs ?? 300_000, concurrency: opts.concurrency ?? 4 };
if (opts.hangAfterSend) {
  deps.afterSend = async (row) => {
    process.stdout.write(`SENT ${row.message_id}\n`);
    await new Promise(() => {});
  };
}
const result = await runNotify(ctx, { dry_run: false }, deps);
await db.destroy();
process.stdout.write(`${JSON.stringify({ sent: result.sent.map((n) => n.id), recovered: result.recovered, warnings: result.warnings })}\n`);
