// The one place that turns errors into exit codes. Nothing below calls process.exit.
import { CommanderError } from 'commander';
import { CallbookError, ExitCode } from '../errors.js';
import { type Io, processIo } from './io.js';
import { buildProgram } from './program.js';

function wantsJson(argv: string[]): boolean {
  return argv.includes('--json');
}

export async function main(argv: string[], io: Io = processIo(argv)): Promise<number> {
  try {
    const program = await buildProgram(io, argv);
    await program.parseAsync(argv, { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    return reportError(error, io, { json: wantsJson(argv), debug: argv.includes('--debug') });
  }
}

export function reportError(error: unknown, io: Io, flags: { json: boolean; debug: boolean }): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" to commander; a usage mistake is bad input. Commander has
    // already told a person on stderr; a script asked for the JSON error object.
    if (error.exitCode === 0) return ExitCode.ok;
    if (flags.json) {
      const message = error.message.replace(/^error: /, '');
      io.stdout(`${JSON.stringify({ error: { kind: 'bad_input', message, hint: 'run with --help for usage', problems: [] } }, null, 2)}\n`);
    }
    return ExitCode.badInput;
  }
  // Ctrl+C in a prompt (inquirer's ExitPromptError) or during long work (InterruptedError).
  if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'InterruptedError')) {
    io.stderr(error.name === 'InterruptedError' ? `Interrupted: ${error.message}.\n` : 'Cancelled.\n');
    return ExitCode.interrupted;
  }
  if (error instanceof CallbookError) {
    if (flags.json) io.stdout(`${JSON.stringify(error.toJSON(), null, 2)}\n`);
    else io.stderr(`Error: ${error.message}\n${error.hint ? `Hint: ${error.hint}\n` : ''}`);
    if (flags.debug && error.stack) io.stderr(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (flags.json) io.stdout(`${JSON.stringify({ error: { kind: 'internal', message, hint: null, problems: [] } }, null, 2)}\n`);
  io.stderr(`Unexpected error: ${message}\nThis is a bug in callbook${flags.debug ? '' : '; run again with --debug for details'}.\n`);
  if (flags.debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return ExitCode.internal;
}
