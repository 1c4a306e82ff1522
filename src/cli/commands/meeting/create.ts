import type { Command } from 'commander';
import { createClock } from '../../../context.js';
import { requireWithinLimit } from '../../../domain/input-limits.js';
import { isValidZone } from '../../../domain/meeting-input.js';
import type { Io } from '../../io.js';
import { windowAnswer } from '../../meeting-answers.js';
import { meetingQuestions } from '../../meeting-questions.js';
import { askForMissing } from '../../prompts.js';
import { configOf, emit, globalsOf, parseIntFlag, parseList, withContext } from '../../runtime.js';

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
  mode?: string;
  workingHours?: string;
  workingDays?: string;
  calendar?: string[];
  buffer?: string;
  minNotice?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerMeetingCreate(parent: Command, io: Io): void {
  parent
    .command('create')
    .description('say what must be booked: who, how long, when, and what is preferred')
    .option('--owner <id>', 'the account manager (e.g. an email)')
    .option('--title <text>', 'meeting title')
    .option('--duration <minutes>', 'meeting length in minutes (5-480)')
    .option('--max-bookings <n>', 'group: how many leads to book into the slot; one-on-one: how many meetings', '1')
    .option('--mode <mode>', 'group (one slot, many attendees) or one-on-one (separate meetings, one lead each)', 'group')
    .option('--window-start <iso>', 'earliest start: a date (2026-03-09) or date-time, read in --timezone')
    .option('--window-end <iso>', 'latest end: a date (that whole day counts) or date-time')
    .option('--timezone <zone>', "the owner's IANA timezone, e.g. America/New_York")
    .option('--days <list>', 'preferred days, e.g. tue,wed,thu')
    .option('--parts <list>', 'preferred parts of day: morning, afternoon, evening')
    .option('--hours <ranges>', 'preferred local hours, e.g. 09:00-11:00,14:00-16:00')
    .option('--exclude-days <list>', 'days never to book, e.g. mon,fri')
    .option(
      '--working-hours <ranges>',
      "this meeting only: hours to book within, e.g. 09:00-12:00,13:00-17:00 or any (default: the owner's)",
    )
    .option('--working-days <days>', "this meeting only: days to book on, e.g. mon-fri (default: the owner's)")
    .option(
      '--calendar <path|url>',
      "this meeting only: an ICS file or http(s) iCal URL whose events are busy time; repeat for more, 'none' for none",
      collect,
    )
    .option('--buffer <minutes>', "this meeting only: free time kept around other meetings, 0-240 minutes (default: the owner's)")
    .option('--min-notice <duration>', "this meeting only: earliest start after now, e.g. 2h, 1d (0-30 days; default: the owner's)")
    .option('--instruction <text>', 'plain English, e.g. "next two weeks, preferably Tue-Thu mornings"; flags override it')
    .addHelpText(
      'after',
      `
Examples:
  $ callbook meeting create --owner dana@acme.com --title "Intro call" --duration 30 \\
      --timezone America/New_York --window-start 2026-03-09 --window-end 2026-03-20 --days tue,wed,thu --parts morning
  $ callbook meeting create --owner dana@acme.com --title "Intro call" --duration 30 \\
      --timezone Asia/Jerusalem --instruction "next two weeks, preferably Tue-Thu mornings"
  $ callbook meeting create --owner dana@acme.com --title "Demo" --duration 30 --mode one-on-one --max-bookings 5 \
      --timezone America/New_York --instruction "next week, only between 10am and 4pm" --buffer 15`,
    )
    .action(async (flags: Flags, command: Command) => {
      const globals = globalsOf(command);
      requireWithinLimit('--instruction', flags.instruction, 'instruction');
      const config = configOf(io, globals);
      const now = createClock(config.now)();
      const modeGiven = command.getOptionValueSource('mode') !== 'default';
      const maxBookingsGiven = command.getOptionValueSource('maxBookings') !== 'default';
      const questions = meetingQuestions({ ...flags, modeGiven, maxBookingsGiven }, now, Intl.DateTimeFormat().resolvedOptions().timeZone);
      const answers = await askForMissing(io, globals, questions);
      const value = (flag: string, given: string | undefined) => given ?? answers.get(flag);
      // --mode and --max-bookings have defaults: an answer replaces a default, never a typed flag.
      const mode = modeGiven ? flags.mode : (answers.get('--mode') ?? flags.mode);
      const maxBookings = maxBookingsGiven ? flags.maxBookings : (answers.get('--max-bookings') ?? flags.maxBookings);
      const timezone = value('--timezone', flags.timezone) ?? '';
      // A typed "tomorrow" or "in two weeks" is read on the owner's calendar (the flags keep taking ISO dates).
      const edge = (flag: string, given: string | undefined) => {
        const typed = given === undefined ? answers.get(flag) : undefined;
        return typed === undefined || !isValidZone(timezone) ? given : windowAnswer(typed, timezone, now);
      };
      const list = (flag: string, given: string | undefined) => {
        const text = value(flag, given);
        return text === undefined || text === '' ? null : parseList(text);
      };
      const { createMeetingFromFlags } = await import('../../../services/meeting-flags.js');
      const meeting = await withContext(io, globals, (ctx) =>
        createMeetingFromFlags(ctx, {
          owner_id: value('--owner', flags.owner) ?? '',
          title: value('--title', flags.title) ?? '',
          duration_minutes: parseIntFlag(value('--duration', flags.duration), '--duration', 5, 480) ?? 0,
          max_bookings: parseIntFlag(maxBookings, '--max-bookings', 1, 100_000) ?? 1,
          timezone,
          window_start: edge('--window-start', flags.windowStart) ?? null,
          window_end: edge('--window-end', flags.windowEnd) ?? null,
          days: list('--days', flags.days),
          parts: list('--parts', flags.parts),
          hours: flags.hours === undefined ? null : parseList(flags.hours),
          exclude_days: flags.excludeDays === undefined ? null : parseList(flags.excludeDays),
          instruction: flags.instruction ?? null,
          mode: mode ?? null,
          settings: {
            working_hours: flags.workingHours,
            working_days: flags.workingDays,
            calendars: flags.calendar,
            buffer: flags.buffer,
            min_notice: flags.minNotice,
          },
          cwd: io.cwd,
        }),
      );
      await emit(io, globals, meeting, async () => {
        const { renderMeeting } = await import('../../render/meetings.js');
        return (m) => renderMeeting(m, { created: true });
      });
    });
}
