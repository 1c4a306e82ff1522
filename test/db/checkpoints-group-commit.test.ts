// The WAL under the server's own writer: group commits, as the webhooks write. The checkpoint
// thread (compiled, as `serve` runs it) restarts the log while the group commits hold still for
// it, so no checkpoint runs on the event loop; every unit still commits, and the log stays bounded.
// (The server's own last resort, a restart past 48 MiB in checkpoints.ts, must never be needed here.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledWalModules, MiB, type WalModules, walSize, walSizeAfterPause } from '../helpers/wal.js';

let dir: string;
let compiled: WalModules;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'callbook-wal-group-'));
  compiled = await compiledWalModules();
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the WAL under group commits (compiled checkpoint thread)', () => {
  it('stays under 64 MiB while 192 MiB are committed unit by unit, every unit committed, and shrinks once they stop', async () => {
    const file = join(dir, 'group.db');
    const db = await compiled.connection.openDatabase(file);
    const raw = compiled.sync.rawConnectionOf(db);
    if (!raw) throw new Error('no raw connection');
    raw.prepare('create table scratch (id integer primary key, payload blob)').run();
    // No checkpoint statement may run on this connection: the thread restarts the log itself.
    const onEventLoop: string[] = [];
    const prepare = raw.prepare.bind(raw);
    (raw as { prepare: typeof raw.prepare }).prepare = (sql: string) => {
      if (/wal_checkpoint/i.test(sql)) onEventLoop.push(sql);
      return prepare(sql);
    };
    const checkpoints = compiled.checkpoints.startBackgroundCheckpoints(db);
    const writer = compiled.groupCommit.groupCommit(db);
    let peak = 0;
    let committed = 0;
    try {
      // 32 units of 16 KiB in flight at a time, old rows deleted so only the log could grow.
      for (let round = 0; committed * 16 * 1024 < 192 * MiB; round++) {
        const units = Array.from({ length: 32 }, () =>
          writer.run((tx) => {
            tx.run({ sql: 'insert into scratch (payload) values (randomblob(16384))', parameters: [] });
            return 1;
          }),
        );
        committed += (await Promise.all(units)).length;
        raw.prepare('delete from scratch where id <= ?').run(committed - 256);
        if (round % 4 === 0) peak = Math.max(peak, walSize(file));
      }
      expect(peak, `the WAL reached ${(peak / MiB).toFixed(1)} MiB`).toBeLessThan(64 * MiB);
      const after = await walSizeAfterPause(file);
      expect(after, `the WAL stayed at ${(after / MiB).toFixed(1)} MiB after the writes stopped`).toBe(0);
    } finally {
      await checkpoints.stop();
    }
    expect(onEventLoop).toEqual([]);
    expect((raw.prepare('select max(id) as n from scratch').get() as { n: number }).n).toBe(committed);
    await db.destroy();
  }, 120_000);
});
