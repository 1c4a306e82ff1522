// Help as a shell user expects it: subcommand help lists the global flags, `help a b` shows b's
// help, list and show commands have examples, and flags state their limits.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliSandbox, createCliSandbox } from '../helpers/cli.js';

let cli: CliSandbox;
beforeEach(() => {
  cli = createCliSandbox();
});
afterEach(() => cli.cleanup());

describe('help', () => {
  it('subcommand help lists the global flags', async () => {
    const r = await cli.run(['meeting', 'create', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Global Options:');
    for (const flag of ['--db <path|url>', '--json', '--now <iso>', '--tz <zone>', '--no-color']) expect(r.stdout).toContain(flag);
  });

  it("`help meeting create` shows create's help, not meeting's", async () => {
    const r = await cli.run(['help', 'meeting', 'create']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: callbook meeting create');
    expect(r.stdout).toContain('--duration <minutes>');
    const same = await cli.run(['meeting', 'create', '--help']);
    expect(r.stdout).toBe(same.stdout);
  });

  it('`help meeting` and `help` still work, and an unknown name is bad input', async () => {
    expect((await cli.run(['help', 'meeting'])).stdout).toContain('Usage: callbook meeting');
    expect((await cli.run(['help'])).stdout).toContain('Usage: callbook');
    const bad = await cli.run(['help', 'meeting', 'creat']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown command 'meeting creat'");
  });

  it.each([
    ['meeting', 'list'],
    ['meeting', 'show'],
    ['campaign', 'list'],
    ['campaign', 'show'],
    ['availability', 'list'],
    ['booking', 'list'],
    ['booking', 'show'],
    ['owner', 'list'],
    ['owner', 'show'],
    ['calls', 'list'],
    ['calls', 'show'],
    ['lead', 'show'],
    ['dnc', 'list'],
  ])('%s %s --help has examples', async (group, command) => {
    const r = await cli.run([group, command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain(`$ callbook ${group} ${command}`);
  });

  it('states the limits of --parallel and --max-calls', async () => {
    expect((await cli.run(['demo', '--help'])).stdout).toMatch(/--parallel <n>\s+.*1.64/);
    expect((await cli.run(['tick', '--help'])).stdout).toMatch(/--max-calls <n>\s+.*0.1000/);
  });

  it('lists completion at the top level', async () => {
    expect((await cli.run(['--help'])).stdout).toMatch(/completion .*bash\|zsh\|fish/);
  });
});
