import type { Command } from 'commander';
import type { Io } from '../../io.js';
import { askForMissing, type Needed } from '../../prompts.js';
import { emit, globalsOf, parseIntFlag, parseList, withContext } from '../../runtime.js';

interface Flags {
  owner?: string;
  title?: string;
  duration?: string;
  maxBookings?: string;
  windowStart?: string;
  windowEnd?: string;
  timezone?: string;
  days?: string;
  parts?: string;
  hours?: string;
  excludeDays?: string;
  instruction?: string;
}

export function registerMeetingCreate(parent: Command, io: Io): void {
  parent
    .command('create')
    .description('say what must be booked: who, how long, when, and what is preferred')
    .option('--owner <id>', 'the account manager (e.g. an email)')
    .option('--title <text>', 'meeting title')
    .option('--duration <minutes>', 'meeting length in minutes (5-480)')
    .option('--max-bookings <n>', 'how many leads to book into the slot', '1')
    .option('--window-start <iso>', 'earliest start: a date (2026-03-09) or date-time, read in --timezone')
    .option('--window-end <iso>', 'latest end: a date (that whole day counts) or date-time')
    .option('--timezone <zone>', "the owner's IANA timezone, e.g. America/New_York")
    .option('--days <list>', 'preferred days, e.g. tue,wed,thu')
    .option('--parts <list>', 'preferred parts of day: morning, afternoon, evening')
    .option('--hours <ranges>', 'preferred local hours, e.g. 09:00-11:00,14:00-16:00')
    .option('--exclude-days <list>', 'days never to book, e.g. mon,fri')
    .option('--instruction <text>', 'plain English, e.g. "next two weeks, preferably Tue-Thu mornings"; flags override it')
    .addHelpText(
      'after',
      `
Examples:
  $ callbook meeting create --owner dana@acme.com --title "Intro call" --duration 30 \\
      --timezone America/New_York --window-start 2026-03-09 --window-end 2026-03-20 --days tue,wed,thu --parts morning
  $ callbook meeting create --owner dana@acme.com --title "Intro call" --duration 30 \\
      --timezone Asia/Jerusalem --instruction "next two weeks, preferably Tue-Thu mornings"`,
    )
    .action(async (flags: Flags, command: Command) => {
      const globals = globalsOf(command);
      const needed: Needed[] = [];
      if (!flags.owner) needed.push({ flag: '--owner', message: 'Owner (account manager id or email)' });
      if (!flags.title) needed.push({ flag: '--title', message: 'Meeting title' });
      if (!flags.duration) needed.push({ flag: '--duration', message: 'Duration in minutes', default: '30' });
      if (!flags.timezone) needed.push({ flag: '--timezone', message: "Owner's timezone (IANA, e.g. America/New_York)" });
      if (!flags.instruction && !flags.windowStart)
        needed.push({ flag: '--window-start', message: 'Window start (date or ISO date-time)' });
      if (!flags.instruction && !flags.windowEnd) needed.push({ flag: '--window-end', message: 'Window end (date or ISO date-time)' });
      const answers = await askForMissing(io, globals, needed);
      const value = (flag: string, given: string | undefined) => given ?? answers.get(flag);
      const { createMeetingFromFlags } = await import('../../../services/meeting-flags.js');
      const meeting = await withContext(io, globals, (ctx) =>
        createMeetingFromFlags(ctx, {
          owner_id: value('--owner', flags.owner) ?? '',
          title: value('--title', flags.title) ?? '',
          duration_minutes: parseIntFlag(value('--duration', flags.duration), '--duration', 5, 480) ?? 0,
          max_bookings: parseIntFlag(flags.maxBookings, '--max-bookings', 1, 100_000) ?? 1,
          timezone: value('--timezone', flags.timezone) ?? '',
          window_start: value('--window-start', flags.windowStart) ?? null,
          window_end: value('--window-end', flags.windowEnd) ?? null,
          days: flags.days === undefined ? null : parseList(flags.days),
          parts: flags.parts === undefined ? null : parseList(flags.parts),
          hours: flags.hours === undefined ? null : parseList(flags.hours),
          exclude_days: flags.excludeDays === undefined ? null : parseList(flags.excludeDays),
          instruction: flags.instruction ?? null,
        }),
      );
      await emit(io, globals, meeting, async () => {
        const { renderMeeting } = await import('../../render/meetings.js');
        return (m) => renderMeeting(m, { created: true });
      });
    });
}
