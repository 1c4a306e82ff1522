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
} as const;
