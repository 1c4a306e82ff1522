// The list flags every listing shares (--limit, --offset, --state, --lead, --since) and the
// "… N more" line. On a terminal a human listing stops at 50 rows by default (a campaign of 2000
// leads is not read on screen); a pipe, a file or --json gets everything unless --limit is given.
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { badInput } from '../../errors.js';
import type { Io } from '../io.js';
import type { Globals } from '../runtime.js';

export const DEFAULT_TERMINAL_LIMIT = 50;

export interface ListFlags {
  limit?: string;
  offset?: string;
  state?: string;
  lead?: string;
  since?: string;
}

export interface ListOptions {
  limit: number | null;
  offset: number;
  state: string | null;
  lead: number | null;
  /** UTC ISO instant. */
  since: string | null;
}

export interface ListFilters {
  /** Accepted --state values; the flag is added only when given. */
  states?: readonly string[];
  lead?: boolean;
  /** What --since compares, for the help ("calls started since"). */
  since?: string;
}

export function addListOptions(command: Command, filters: ListFilters = {}): Command {
  command
    .option('--limit <n>', `at most this many rows (default on a terminal: ${DEFAULT_TERMINAL_LIMIT}; all in a pipe or with --json)`)
    .option('--offset <n>', 'skip this many rows first', '0');
  if (filters.states) command.option('--state <state>', `only rows in this state: ${filters.states.join(', ')}`);
  if (filters.lead) command.option('--lead <id>', 'only this lead');
  if (filters.since)
    command.option('--since <date|iso>', `only ${filters.since} this date or instant (a date is midnight UTC, or in --tz)`);
  return command;
}

function wholeNumber(text: string, flag: string, min: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw badInput([{ field: flag, message: `expected a whole number of at least ${min}, got "${text}"` }]);
  }
  return value;
}

export function listOptionsOf(flags: ListFlags, io: Io, globals: Globals, filters: ListFilters = {}): ListOptions {
  const terminal = io.stdoutIsTTY === true && !globals.json;
  const state = flags.state?.trim().toLowerCase() ?? null;
  if (state !== null && filters.states && !filters.states.includes(state)) {
    throw badInput([{ field: '--state', message: `expected one of ${filters.states.join(', ')}, got "${flags.state}"` }]);
  }
  let since: string | null = null;
  if (flags.since !== undefined) {
    const at = DateTime.fromISO(flags.since.trim(), { zone: globals.tz ?? 'UTC' });
    if (!at.isValid)
      throw badInput([{ field: '--since', message: `expected a date (2026-03-09) or an ISO instant, got "${flags.since}"` }]);
    since = at.toUTC().toISO() ?? null;
  }
  return {
    limit: flags.limit !== undefined ? wholeNumber(flags.limit, '--limit', 1) : terminal ? DEFAULT_TERMINAL_LIMIT : null,
    offset: flags.offset !== undefined ? wholeNumber(flags.offset, '--offset', 0) : 0,
    state,
    lead: flags.lead !== undefined ? wholeNumber(flags.lead, '--lead', 1) : null,
    since,
  };
}

export interface Listed<T> {
  items: T[];
  /** Rows that matched the filters, before --offset and --limit. */
  total: number;
  offset: number;
  /** Matching rows after the ones shown. */
  more: number;
}

export interface ListKeys<T> {
  state?: (item: T) => string;
  lead?: (item: T) => number;
  /** An ISO instant compared with --since. */
  at?: (item: T) => string | null;
}

export function applyListOptions<T>(items: readonly T[], options: ListOptions, keys: ListKeys<T> = {}): Listed<T> {
  const since = options.since === null ? null : Date.parse(options.since);
  const matching = items.filter(
    (item) =>
      (options.state === null || !keys.state || keys.state(item) === options.state) &&
      (options.lead === null || !keys.lead || keys.lead(item) === options.lead) &&
      (since === null || !keys.at || Date.parse(keys.at(item) ?? '') >= since),
  );
  const end = options.limit === null ? matching.length : options.offset + options.limit;
  const shown = matching.slice(options.offset, end);
  return { items: shown, total: matching.length, offset: options.offset, more: Math.max(0, matching.length - end) };
}

/** "… 150 more (use --limit/--offset)", or nothing when everything was shown. */
export function moreLine(listed: Pick<Listed<unknown>, 'more' | 'total' | 'offset' | 'items'>): string {
  if (listed.more === 0) return '';
  const next = listed.offset + listed.items.length;
  return `… ${listed.more} more of ${listed.total} (use --limit/--offset, e.g. --offset ${next})`;
}
