import type { Command } from 'commander';
import type { Io } from '../../io.js';
import { emit, globalsOf, withContext } from '../../runtime.js';

interface Flags {
  name?: string;
  email?: string;
  timezone?: string;
  workingHours?: string;
  workingDays?: string;
  calendar?: string[];
  buffer?: string;
  minNotice?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerOwnerSet(parent: Command, io: Io): void {
  parent
    .command('set')
    .description('create or update an owner; only the flags given change')
    .argument('<id>', 'owner id, what `meeting create --owner` names (e.g. dana@acme.com)')
    .option('--name <text>', 'display name')
    .option('--email <address>', 'email address (invitations)')
    .option('--timezone <zone>', 'IANA timezone, e.g. America/New_York')
    .option('--working-hours <ranges>', 'hours to book within, e.g. 09:00-12:00,13:00-17:00, 9-17, or any (default 09:00-17:00)')
    .option('--working-days <days>', 'days to book on, e.g. mon-fri, mon,wed,fri, weekdays, any (default mon-fri)')
    .option(
      '--calendar <path|url>',
      "an ICS file or http(s) iCal URL whose events are busy time; repeat for more; replaces the list ('none' clears it)",
      collect,
    )
    .option('--buffer <minutes>', 'free time kept around other meetings, 0-240 minutes (default 0)')
    .option('--min-notice <duration>', 'earliest start after now, e.g. 2h, 90m, 1d (0-30 days, default 2h)')
    .addHelpText(
      'after',
      `
Examples:
  $ callbook owner set dana@acme.com --name "Dana Levi" --timezone America/New_York \\
      --working-hours 09:00-12:00,13:00-17:00 --working-days mon-fri --buffer 10 --min-notice 4h
  $ callbook owner set dana@acme.com --calendar ./dana.ics --calendar "https://calendar.google.com/calendar/ical/…/basic.ics"`,
    )
    .action(async (id: string, flags: Flags, command: Command) => {
      const globals = globalsOf(command);
      const { setOwner } = await import('../../../services/owners.js');
      const owner = await withContext(io, globals, (ctx) =>
        setOwner(ctx, {
          id,
          cwd: io.cwd,
          ...(flags.name !== undefined ? { name: flags.name } : {}),
          ...(flags.email !== undefined ? { email: flags.email } : {}),
          ...(flags.timezone !== undefined ? { timezone: flags.timezone } : {}),
          working_hours: flags.workingHours,
          working_days: flags.workingDays,
          calendars: flags.calendar,
          buffer: flags.buffer,
          min_notice: flags.minNotice,
        }),
      );
      await emit(io, globals, owner, async () => {
        const { renderOwner } = await import('../../render/owners.js');
        return (o) => renderOwner(o, { saved: true });
      });
    });
}
