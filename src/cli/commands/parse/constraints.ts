import type { Command } from 'commander';
import type { Io } from '../../io.js';
import { configOf, emit, globalsOf } from '../../runtime.js';

export function registerParseConstraints(parent: Command, io: Io): void {
  parent
    .command('constraints')
    .description("an owner's plain-English instruction → hard and soft constraints")
    .argument('<text...>', 'the instruction, e.g. "next two weeks, preferably Tue-Thu mornings"')
    .requiredOption('--timezone <zone>', "the owner's IANA timezone: relative words are read in it")
    .addHelpText(
      'after',
      '\nExample:\n  $ callbook parse constraints "Try to book in the next two weeks, preferably Tue–Thu mornings" --timezone Asia/Jerusalem --json',
    )
    .action(async (words: string[], flags: { timezone: string }, command: Command) => {
      const globals = globalsOf(command);
      const { parseConstraintsText } = await import('../../../services/parse.js');
      const result = await parseConstraintsText(configOf(io, globals), { text: words.join(' '), timezone: flags.timezone });
      await emit(io, globals, result, async () => (await import('../../render/parse.js')).renderConstraints);
    });
}
