// A long tick reports each call placed (the CLI shows it on a terminal's stderr): the service
// calls deps.onProgress after every claimed lead, counting what was placed and what failed.
import { afterEach, describe, expect, it } from 'vitest';
import { runTick } from '../../src/services/tick.js';
import type { TickProgress } from '../../src/services/tick-types.js';
import { TelephonyError } from '../../src/telephony/types.js';
import { createTickWorld, fakeDialer } from '../helpers/tick-world.js';

type World = Awaited<ReturnType<typeof createTickWorld>>;
let world: World;
afterEach(() => world?.close());

describe('tick progress', () => {
  it('reports the calls placed so far after each lead, failures counted apart', async () => {
    world = await createTickWorld();
    await world.addLeads([
      { name: 'Ana Ruiz', phone: '+15551230001' },
      { name: 'Bob Lee', phone: '+15551230002' },
      { name: 'Cy Diaz', phone: '+15551230003' },
    ]);
    const { openDialer } = fakeDialer((_req, n) => (n === 2 ? new TelephonyError('the provider answered 503', true, null, 503) : null));
    const seen: TickProgress[] = [];
    const result = await runTick(
      world.ctx,
      { meeting_request_id: null, max_calls: null, dry_run: false },
      { openDialer, sleep: async () => {}, onProgress: (p) => seen.push(p) },
    );
    expect(result.dialed.length + result.failed.length).toBe(3);
    expect(seen).toEqual([
      { claimed: 3, placed: 1, failed: 0 },
      { claimed: 3, placed: 1, failed: 1 },
      { claimed: 3, placed: 2, failed: 1 },
    ]);
  });
});
