// The zone rules of lead import hold wherever a zone is taken: an abbreviation or a fixed offset
// would put working hours and calling hours an hour off for half the year.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliSandbox, createCliSandbox } from '../helpers/cli.js';

let cli: CliSandbox;
beforeEach(() => {
  cli = createCliSandbox();
});
afterEach(() => cli.cleanup());

const meeting = (zone: string) => [
  '--json',
  'meeting',
  'create',
  '--owner',
  'dana@acme.com',
  '--title',
  'Intro',
  '--duration',
  '30',
  '--timezone',
  zone,
  '--window-start',
  '2026-03-09',
  '--window-end',
  '2026-03-20',
];

describe('zones outside lead import', () => {
  it.each([
    ['EST', 'America/New_York'],
    ['PST', 'America/Los_Angeles'],
    ['Etc/GMT+5', null],
    ['EST5EDT', 'America/New_York'],
  ])('meeting create --timezone %s is refused with a hint, nothing written', async (zone, hint) => {
    const r = await cli.run(meeting(zone));
    expect(r.code).toBe(2);
    const error = r.json().error;
    expect(error.problems[0].field).toMatch(/timezone/);
    if (hint) expect(error.problems[0].message).toContain(hint);
    expect((await cli.run(['--json', 'meeting', 'list'])).json()).toEqual([]);
  });

  it('meeting create stores a link such as US/Eastern as its canonical zone', async () => {
    const r = await cli.run(meeting('US/Eastern'));
    expect(r.code).toBe(0);
    expect(r.json().hard_constraints.timezone).toBe('America/New_York');
  });

  it('owner set --timezone refuses an abbreviation and canonicalises a link', async () => {
    const bad = await cli.run(['--json', 'owner', 'set', 'dana@acme.com', '--timezone', 'PST']);
    expect(bad.code).toBe(2);
    expect(bad.json().error.problems[0].message).toContain('America/Los_Angeles');
    const good = await cli.run(['--json', 'owner', 'set', 'dana@acme.com', '--timezone', 'US/Pacific']);
    expect(good.code).toBe(0);
    expect(good.json().timezone).toBe('America/Los_Angeles');
  });

  it('parse availability --timezone refuses GMT', async () => {
    const r = await cli.run([
      '--json',
      'parse',
      'availability',
      'tuesday at ten',
      '--timezone',
      'GMT',
      '--window-start',
      '2026-03-09',
      '--window-end',
      '2026-03-20',
      '--duration',
      '30',
    ]);
    expect(r.code).toBe(2);
    expect(r.json().error.problems[0].message).toMatch(/Europe\/London/);
  });
});
