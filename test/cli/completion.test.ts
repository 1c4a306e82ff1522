// `callbook completion bash|zsh|fish` prints a static script generated from the command tree:
// every command, subcommand and flag is offered, and bash really completes with it.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliSandbox, createCliSandbox } from '../helpers/cli.js';

let cli: CliSandbox;
beforeEach(() => {
  cli = createCliSandbox();
});
afterEach(() => cli.cleanup());

/** What bash offers for the words typed so far, using the printed script. */
function bashComplete(script: string, dir: string, words: string[]): string[] {
  const file = join(dir, 'callbook.bash');
  writeFileSync(file, script);
  const line = ['callbook', ...words].map((w) => `'${w}'`).join(' ');
  const probe = `source '${file}'; COMP_WORDS=(${line}); COMP_CWORD=${words.length}; _callbook; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', probe], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('completion', () => {
  it('bash completes commands, subcommands and flags from the tree', async () => {
    const r = await cli.run(['completion', 'bash']);
    expect(r.code).toBe(0);
    const top = bashComplete(r.stdout, cli.dir, ['']);
    for (const name of ['meeting', 'campaign', 'tick', 'serve', 'demo', 'calls', 'completion']) expect(top).toContain(name);
    expect(bashComplete(r.stdout, cli.dir, ['mee'])).toEqual(['meeting']);
    expect(bashComplete(r.stdout, cli.dir, ['meeting', ''])).toEqual(expect.arrayContaining(['create', 'list', 'show']));
    expect(bashComplete(r.stdout, cli.dir, ['meeting', 'create', '--ti'])).toEqual(['--timezone', '--title']);
    expect(bashComplete(r.stdout, cli.dir, ['tick', '--'])).toEqual(expect.arrayContaining(['--max-calls', '--dry-run', '--db', '--json']));
    expect(bashComplete(r.stdout, cli.dir, ['completion', ''])).toEqual(['bash', 'fish', 'zsh']);
    // A flag's value is not a command: the path after it still counts.
    expect(bashComplete(r.stdout, cli.dir, ['--db', 'x.db', 'meeting', 'cr'])).toEqual(['create']);
  });

  it('zsh and fish scripts name every command and flag', async () => {
    const zsh = await cli.run(['completion', 'zsh']);
    expect(zsh.code).toBe(0);
    expect(zsh.stdout).toContain('#compdef callbook');
    expect(zsh.stdout).toContain("'meeting create'");
    expect(zsh.stdout).toContain('--max-calls');
    const fish = await cli.run(['completion', 'fish']);
    expect(fish.code).toBe(0);
    expect(fish.stdout).toContain("complete -c callbook -n '__fish_use_subcommand' -a 'meeting'");
    expect(fish.stdout).toMatch(/-n '__fish_seen_subcommand_from meeting; and not __fish_seen_subcommand_from [a-z ]*' -a 'create'/);
    expect(fish.stdout).toContain('-l max-calls');
    if (hasShell('fish')) {
      const file = join(cli.dir, 'callbook.fish');
      writeFileSync(file, fish.stdout);
      const offered = (line: string) => execFileSync('fish', ['-c', `source '${file}'; complete -C'${line}'`], { encoding: 'utf8' });
      expect(offered('callbook meeting cr')).toMatch(/^create\t/);
      expect(offered('callbook tick --max')).toContain('--max-calls');
    }
    if (hasShell('zsh')) execFileSync('zsh', ['-n', '-c', zsh.stdout]);
    execFileSync('bash', ['-n', '-c', (await cli.run(['completion', 'bash'])).stdout]);
  });

  it('refuses another shell as bad input', async () => {
    const r = await cli.run(['completion', 'powershell']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bash, zsh,? (or )?fish/);
  });
});

function hasShell(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
