// Caps on the text the CLI hands a parser (input-limits.ts): over the cap is bad input (exit 2)
// naming the flag or argument and the cap, before any parser runs and with nothing stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INPUT_LIMITS } from '../../src/domain/input-limits.js';
import { type CliSandbox, createCliSandbox } from '../helpers/cli.js';

let cli: CliSandbox;
beforeEach(() => {
  cli = createCliSandbox();
});
afterEach(() => cli.cleanup());

const long = (edge: keyof typeof INPUT_LIMITS) => 'next week mornings '.repeat(Math.ceil((INPUT_LIMITS[edge] + 1) / 19));

async function meetingWithLead() {
  const m = await cli.run([
    'meeting',
    'create',
    '--owner',
    'dana@acme.com',
    '--title',
    'Intro',
    '--duration',
    '30',
    '--timezone',
    'America/New_York',
    '--window-start',
    '2026-03-09',
    '--window-end',
    '2026-03-20',
  ]);
  expect(m.code).toBe(0);
  const c = await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'w', '--lead', 'Ana,+15551230001,,America/New_York']);
  expect(c.code).toBe(0);
}

describe('input caps in the CLI', () => {
  it('parse constraints refuses text over the cap, naming it and the cap', async () => {
    const r = await cli.run(['parse', 'constraints', long('instruction'), '--timezone', 'America/New_York', '--json']);
    expect(r.code).toBe(2);
    expect(r.json().error.problems).toEqual([{ field: 'text', message: expect.stringContaining('at most 10,000 characters') }]);
  });

  it('parse availability refuses text over the cap', async () => {
    const r = await cli.run([
      'parse',
      'availability',
      long('availabilityText'),
      '--timezone',
      'America/New_York',
      '--window-start',
      '2026-03-09',
      '--window-end',
      '2026-03-20',
      '--duration',
      '30',
      '--json',
    ]);
    expect(r.code).toBe(2);
    expect(r.json().error.message).toContain('at most 10,000 characters');
  });

  it('meeting create --instruction over the cap is refused naming --instruction, and creates nothing', async () => {
    const r = await cli.run([
      'meeting',
      'create',
      '--owner',
      'dana@acme.com',
      '--title',
      'Intro',
      '--duration',
      '30',
      '--timezone',
      'America/New_York',
      '--instruction',
      long('instruction'),
      '--json',
    ]);
    expect(r.code).toBe(2);
    expect(r.json().error.problems).toEqual([{ field: '--instruction', message: expect.stringContaining('10,000') }]);
    const list = await cli.run(['meeting', 'list', '--json']);
    expect(list.json()).toEqual([]);
  });

  it('availability add --text over the cap is refused naming text and the cap, storing nothing', async () => {
    await meetingWithLead();
    const r = await cli.run(['availability', 'add', '--meeting', '1', '--lead', '1', '--text', long('availabilityText'), '--json']);
    expect(r.code).toBe(2);
    expect(r.json().error.message).toContain('at most 10,000 characters');
    const list = await cli.run(['availability', 'list', '--meeting', '1', '--json']);
    expect(JSON.stringify(list.json())).not.toContain('next week mornings');
  });

  it('text just under the cap is still parsed', async () => {
    const text = 'tuesday morning '.repeat(Math.floor(INPUT_LIMITS.instruction / 16));
    const r = await cli.run(['parse', 'constraints', text, '--timezone', 'America/New_York', '--json']);
    expect(r.code).toBe(0);
  });
});
