// The parse commands: language → structure, with no database unless a meeting is named.
import type { Config } from '../config.js';
import { type Context, createClock } from '../context.js';
import { type InputEdge, requireWithinLimit } from '../domain/input-limits.js';
import { isValidZone, parseWindowEdge, zoneProblem } from '../domain/meeting-input.js';
import { resolveZone } from '../domain/zones.js';
import { badInput, type FieldProblem } from '../errors.js';
import type { AvailabilityResult, ConstraintsResult, Parsers } from '../parsing/types.js';
import { requireMeeting } from './meetings.js';
import { inZone } from './views.js';

export async function parsersFor(config: Config): Promise<Parsers> {
  const { createParsers } = await import('../parsing/index.js');
  return createParsers({
    openaiApiKey: config.openai.apiKey,
    openaiBaseUrl: config.openai.baseUrl,
    openaiModel: config.openai.model,
    openaiTimeoutMs: config.openai.timeoutMs,
  });
}

/** Empty text has nothing to parse; text past its edge's cap is refused before any parser sees it. */
function requireText(text: string, edge: InputEdge, field = 'text'): void {
  if (text.trim() === '') throw badInput([{ field, message: 'expected the words to parse' }]);
  requireWithinLimit(field, text, edge);
}

function requireZone(zone: string | null, field: string): string {
  if (!zone || !isValidZone(zone)) {
    throw badInput([
      {
        field,
        message: zone ? zoneProblem(zone) : 'expected an IANA timezone such as America/New_York',
      },
    ]);
  }
  return resolveZone(zone).zone ?? zone;
}

export async function parseConstraintsText(
  config: Config,
  input: { text: string; timezone: string | null; fields?: { text: string; timezone: string } },
): Promise<ConstraintsResult> {
  // The API names its body's fields; the CLI its argument and flag.
  requireText(input.text, 'instruction', input.fields?.text ?? 'text');
  const timezone = requireZone(input.timezone, input.fields?.timezone ?? '--timezone');
  const parsers = await parsersFor(config);
  return parsers.parseConstraints({ text: input.text, timezone, now: createClock(config.now)().setZone(timezone).toISO() ?? '' });
}

export interface AvailabilityWindowFlags {
  window_start: string | null;
  window_end: string | null;
  timezone: string | null;
  duration_minutes: number | null;
}

export async function parseAvailabilityWithWindow(
  config: Config,
  text: string,
  flags: AvailabilityWindowFlags,
): Promise<AvailabilityResult> {
  requireText(text, 'availabilityText');
  const problems: FieldProblem[] = [];
  const zone = requireZone(flags.timezone, '--timezone');
  const start = flags.window_start ? parseWindowEdge(flags.window_start, zone, 'start') : null;
  const end = flags.window_end ? parseWindowEdge(flags.window_end, zone, 'end') : null;
  if (!start) problems.push({ field: '--window-start', message: 'expected an ISO-8601 date or date-time' });
  if (!end) problems.push({ field: '--window-end', message: 'expected an ISO-8601 date or date-time' });
  if (start && end && end <= start) problems.push({ field: '--window-end', message: 'expected to be after --window-start' });
  if (!flags.duration_minutes || flags.duration_minutes < 5)
    problems.push({ field: '--duration', message: 'expected a whole number of minutes, at least 5' });
  if (problems.length > 0 || !start || !end)
    throw badInput(problems, 'or pass --meeting ID to take the window, timezone and duration from a meeting');
  const parsers = await parsersFor(config);
  return parsers.parseAvailability({
    text,
    window_start: start.toISO() ?? '',
    window_end: end.toISO() ?? '',
    timezone: zone,
    duration_minutes: flags.duration_minutes ?? 0,
    now: createClock(config.now)().setZone(zone).toISO() ?? '',
  });
}

/** With --meeting: the meeting's window and duration; the zone is --timezone (the lead's) or the meeting's. */
export async function parseAvailabilityForMeeting(
  ctx: Context,
  meetingId: number,
  text: string,
  timezone: string | null,
): Promise<AvailabilityResult> {
  requireText(text, 'availabilityText');
  const meeting = await requireMeeting(ctx, meetingId);
  const zone = timezone === null ? meeting.timezone : requireZone(timezone, '--timezone');
  const parsers = await ctx.parsers();
  return parsers.parseAvailability({
    text,
    window_start: inZone(meeting.window_start, zone),
    window_end: inZone(meeting.window_end, zone),
    timezone: zone,
    duration_minutes: meeting.duration_minutes,
    now: ctx.now().setZone(zone).toISO() ?? '',
  });
}
