import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliSandbox, createCliSandbox, MEETING_FLAGS } from '../helpers/cli.js';

let cli: CliSandbox;
beforeEach(async () => {
  cli = createCliSandbox();
});
afterEach(() => cli.cleanup());

describe('dnc', () => {
  it('adds a number normalised to E.164, lists it, and removes it', async () => {
    expect((await cli.run(['dnc', 'list'])).stdout).toContain('The do-not-call list is empty.');
    const added = await cli.run(['dnc', 'add', '(212) 555-0101', '--reason', 'asked by email', '--json']);
    expect(added.code).toBe(0);
    expect(added.json()).toEqual({
      phone: '+12125550101',
      reason: 'asked by email',
      source: 'cli',
      created_at: '2026-03-05T12:00:00.000Z',
      added: true,
      leads: 0,
    });
    const again = await cli.run(['dnc', 'add', '+1 212 555 0101', '--reason', 'second time']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('+12125550101 was already on the do-not-call list (since 2026-03-05T12:00:00.000Z: asked by email)');
    await cli.run(['dnc', 'add', '+44 20 7946 0958']);
    const list = await cli.run(['dnc', 'list', '--json']);
    expect(list.json().map((e: { phone: string; reason: string }) => [e.phone, e.reason])).toEqual([
      ['+12125550101', 'asked by email'],
      ['+442079460958', 'added by an operator'],
    ]);
    expect((await cli.run(['dnc', 'list'])).stdout).toContain('2 numbers never dialed');
    const removed = await cli.run(['dnc', 'remove', '212-555-0101', '--json']);
    expect(removed.code).toBe(0);
    expect(removed.json()).toEqual({ phone: '+12125550101', removed: true });
    expect((await cli.run(['dnc', 'list', '--json'])).json()).toHaveLength(1);
  });

  it('keeps a listed number from being dialed, and a later import adds it as opted out', async () => {
    await cli.run(MEETING_FLAGS);
    await cli.run([
      'campaign',
      'add',
      '--meeting',
      '1',
      '--name',
      'M',
      '--lead',
      'Ana,(212) 555-0101,,America/New_York',
      '--consent',
      'web 2026-02-01',
    ]);
    const added = await cli.run(['dnc', 'add', '2125550101', '--json']);
    expect(added.json().leads).toBe(1);
    const dry = await cli.run(['tick', '--meeting', '1', '--dry-run', '--json'], { env: { CALLBOOK_NOW: '2026-03-09T15:00:00Z' } });
    expect(dry.json().would_call).toEqual([]);
    await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'N', '--lead', 'Ben,+442079460958,,Europe/London']);
    await cli.run(['dnc', 'add', '+442079460959']);
    const r = await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'N', '--lead', 'Cleo,+442079460959,,Europe/London', '--json']);
    expect(r.json().do_not_call).toBe(1);
  });

  it.each([
    [['dnc', 'add', 'call me'], 2, 'NUMBER: expected a phone number such as +15551234567 or (212) 555-0101; got "call me"'],
    [['dnc', 'add', '12'], 2, 'NUMBER: expected a phone number'],
    [['dnc', 'add', '+1212555\x1b[0m0101'], 2, 'it contains a control character (U+001B)'],
    [['dnc', 'add', '+12125550101', '--reason', 'bad\x07'], 2, 'reason: expected plain text; it contains a control character (U+0007)'],
    [['dnc', 'remove', 'nope'], 2, 'NUMBER: expected a phone number'],
    [['dnc', 'remove', '+12125550199'], 3, '+12125550199 is not on the do-not-call list'],
  ])('%j exits %i', async (args, code, message) => {
    const r = await cli.run(args);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters
    expect(r.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    expect((await cli.run(['dnc', 'list', '--json'])).json()).toEqual([]);
  });
});
