// One line per top-level command, shown by `callbook --help` without loading the commands.
export const COMMAND_DESCRIPTIONS = {
  meeting: 'create and inspect meeting requests',
  campaign: 'attach leads to a meeting and follow their state',
  parse: 'turn plain English into structure (no database needed)',
  availability: 'record and review when leads are free',
  call: 'place one call now, to one lead (the end-to-end check with a real phone)',
  tick: 'for cron: call the next leads that are due, within calling hours',
  confirm: 'choose the best slot over everything collected, book it, and show why',
  serve: "answer Twilio's voice, gather and status webhooks, and serve the JSON API",
  demo: 'the whole flow on a throwaway database with simulated calls: no accounts, no setup',
  lead: 'one lead: show its calls and transcript, reset it to pending, or remove it from dialing',
  dnc: 'the do-not-call list: numbers never dialed (list, add, remove)',
  owner: 'set up account managers: working hours and days, calendars, buffer, notice',
  booking: "list, show and cancel bookings (a cancelled booking frees the owner's time)",
  calls: 'what happened on each call: list them, or show one with the whole conversation and its timeline',
  notify: 'send the invitations and cancellations waiting in the outbox (email with ICS, SMS); tick does it too',
  db: 'the database: status (engine, migrations, rows), migrate, copy to another (SQLite → PostgreSQL)',
  completion: 'print a shell completion script: bash|zsh|fish (e.g. source <(callbook completion bash))',
} as const;

/** Examples under list and show commands whose own file gives none, keyed by the command's path. */
export const COMMAND_EXAMPLES: Record<string, string[]> = {
  'meeting show': ['callbook meeting show 1', 'callbook meeting show 1 --tz Europe/London', 'callbook meeting show 1 --json'],
  'campaign list': ['callbook campaign list', 'callbook campaign list --meeting 1 --json'],
  'booking show': ['callbook booking show 1', 'callbook booking show 1 --tz Asia/Tokyo --json'],
  'owner list': ['callbook owner list', 'callbook owner list --limit 20 --json'],
  'owner show': ['callbook owner show dana@acme.com', 'callbook owner show dana@acme.com --json'],
  'lead show': ['callbook lead show 7', 'callbook lead show 7 --json'],
  'dnc list': ['callbook dnc list', 'callbook dnc list --since 2026-03-01 --json'],
};

/** Ranges stated in a flag's help where its own description does not give them (the parser enforces them). */
export const OPTION_LIMITS: Record<string, string> = { '--parallel': '1-64', '--max-calls': '0-1000' };
