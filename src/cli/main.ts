// The one place that turns errors into exit codes. Nothing below calls process.exit.
import { CommanderError } from 'commander';
import { CallbookError, ExitCode } from '../errors.js';
import { type Io, processIo } from './io.js';
import { buildProgram } from './program.js';

function wantsJson(argv: string[]): boolean {
  return argv.includes('--json');
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
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
    // Help and version are "errors" to commander; a usage mistake is bad input.
    if (error.exitCode === 0) return ExitCode.ok;
    return ExitCode.badInput;
  }
  if (error instanceof Error && error.name === 'ExitPromptError') {
    io.stderr('Cancelled.\n');
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
