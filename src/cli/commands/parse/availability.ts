import type { Command } from 'commander';
import type { Io } from '../../io.js';
import { configOf, emit, globalsOf, parseId, parseIntFlag, withContext } from '../../runtime.js';

interface Flags {
  meeting?: string;
  windowStart?: string;
  windowEnd?: string;
  timezone?: string;
  duration?: string;
}

export function registerParseAvailability(parent: Command, io: Io): void {
  parent
    .command('availability')
    .description('what a lead said → availability slots inside a window')
    .argument('<text...>', 'the words, e.g. "uh tuesday morning works or thursday after two"')
    .option('--meeting <id>', "take the window and duration from this meeting (zone: --timezone, else the meeting's)")
    .option('--window-start <iso>', 'window start (without --meeting)')
    .option('--window-end <iso>', 'window end (without --meeting)')
    .option('--timezone <zone>', "the lead's IANA timezone: every day and time is read in it")
    .option('--duration <minutes>', 'meeting length; shorter slots are dropped (without --meeting)')
    .addHelpText(
      'after',
      '\nExample:\n  $ callbook parse availability "tuesday after two or thursday morning" --window-start 2026-03-09 --window-end 2026-03-20 --timezone America/New_York --duration 30',
    )
    .action(async (words: string[], flags: Flags, command: Command) => {
      const globals = globalsOf(command);
      const text = words.join(' ');
      const service = await import('../../../services/parse.js');
      const result =
        flags.meeting !== undefined
          ? await withContext(io, globals, (ctx) =>
              service.parseAvailabilityForMeeting(ctx, parseId(flags.meeting, '--meeting'), text, flags.timezone ?? null),
            )
          : await service.parseAvailabilityWithWindow(configOf(io, globals), text, {
              window_start: flags.windowStart ?? null,
              window_end: flags.windowEnd ?? null,
              timezone: flags.timezone ?? null,
              duration_minutes: parseIntFlag(flags.duration, '--duration', 1, 100_000) ?? null,
            });
      await emit(io, globals, result, async () => (await import('../../render/parse.js')).renderAvailabilityParse);
    });
}
