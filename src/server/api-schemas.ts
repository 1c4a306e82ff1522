// The JSON API's request bodies, parsed strictly: a boolean must be a boolean ("true" is not), an
// id a whole number ([1] is not 1), and a key the route does not know is refused rather than
// ignored, so a typo never turns into a default (dry_run misspelt must not book for real).
import type { Context as HonoContext } from 'hono';
import { z } from 'zod';
import { INPUT_LIMITS, type InputEdge, lengthProblem } from '../domain/input-limits.js';
import { meetingInputSchema } from '../domain/meeting-input.js';
import { problemsFromZod } from '../domain/validation.js';
import { badInput, type FieldProblem } from '../errors.js';

const id = z
  .number({ error: 'expected a positive whole number' })
  .int('expected a positive whole number')
  .min(1, 'expected a positive whole number');
const text = z.string({ error: 'expected a string' });
const optionalText = text.nullable().optional();
/** Text a parser reads, capped at its edge's limit (input-limits.ts) so the message states the cap. */
const cappedText = (edge: InputEdge) =>
  text.max(INPUT_LIMITS[edge], `expected at most ${INPUT_LIMITS[edge].toLocaleString('en-US')} characters`);

export const availabilityBody = z.strictObject({
  lead_id: id,
  slots: z.array(z.strictObject({ start: text, end: text }), { error: 'expected an array of {start, end}' }).default([]),
  text: cappedText('availabilityText').nullable().default(null),
});

const flag = (fallback: boolean) => z.boolean({ error: 'expected true or false (a JSON boolean, not a string)' }).default(fallback);

/** The CLI's confirm flags, by the same names: dry_run, explain, ignore_calendar, notify (false: --no-notify), notify_unbooked. */
export const confirmBody = z.strictObject({
  dry_run: flag(false),
  explain: z
    .string({ error: 'expected an ISO start time such as "2026-03-10T10:00" (offset optional: the meeting\'s zone), or null' })
    .max(64, { error: 'expected an ISO start time of at most 64 characters' })
    .nullable()
    .default(null),
  ignore_calendar: flag(false),
  notify: flag(true),
  notify_unbooked: flag(false),
});

/** One lead of a campaign, as the CSV header names its columns (phone_number: the seed's name for phone). */
export const leadRow = z.strictObject({
  name: optionalText,
  phone: optionalText,
  phone_number: optionalText,
  email: optionalText,
  timezone: optionalText,
  consent_source: optionalText,
  consent_at: optionalText,
});

export const DEFAULT_CAMPAIGN_NAME = 'default';

export const campaignBody = z.strictObject({
  meeting_request_id: id,
  /** The seed had no campaign names: leads posted without one join the meeting's default campaign. */
  name: text.default(DEFAULT_CAMPAIGN_NAME),
  leads: z.array(leadRow, { error: 'expected an array of leads' }),
});

/** The seed's {instruction, timezone}; `text` is this API's older name for instruction, kept as an alias. */
export const constraintsBody = z
  .strictObject({
    instruction: cappedText('instruction').optional(),
    text: cappedText('instruction').optional(),
    timezone: text.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.instruction === undefined && body.text === undefined)
      ctx.addIssue({ code: 'custom', path: ['instruction'], message: 'expected the words to parse' });
    if (body.instruction !== undefined && body.text !== undefined)
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'expected instruction or its alias text, not both' });
  });

export const testCallBody = z.strictObject({ meeting_request_id: id, lead_id: id });

/** The body as JSON (the size was already limited by the body-limit middleware). */
export async function readJson(c: HonoContext, options: { optional?: boolean } = {}): Promise<unknown> {
  const raw = await c.req.text();
  if (options.optional && raw.trim() === '') return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw badInput([{ field: 'body', message: 'expected a JSON object' }]);
  }
}

function requireObject(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badInput([{ field: 'body', message: 'expected a JSON object' }]);
  return value as Record<string, unknown>;
}

/** Parses a body with one of the schemas above; every problem is a 400 naming its field. */
export async function parseBody<S extends z.ZodType>(
  c: HonoContext,
  schema: S,
  options: { optional?: boolean } = {},
): Promise<z.output<S>> {
  const parsed = schema.safeParse(requireObject(await readJson(c, options)));
  if (!parsed.success) throw badInput(problemsOf(parsed.error));
  return parsed.data;
}

/** zod's issues as field problems; an unknown key is named as the field it is. */
function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys') return problemsFromZod(new z.ZodError([issue]));
    const at = issue.path.map(String).join('.');
    return issue.keys.map((key) => ({ field: at ? `${at}.${key}` : key, message: 'unknown field' }));
  });
}

/** The shape of an object schema, looking through defaults, optionals and nullables. */
function objectShape(schema: z.ZodType): Record<string, z.ZodType> | null {
  let current: unknown = schema;
  for (let depth = 0; depth < 8; depth++) {
    if (current instanceof z.ZodObject) return current.shape as Record<string, z.ZodType>;
    if (current instanceof z.ZodDefault || current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
      current = current.unwrap();
    } else return null;
  }
  return null;
}

/** Keys in `value` that `schema` does not declare, at any depth of nested objects. */
export function unknownKeys(schema: z.ZodType, value: unknown, path = ''): FieldProblem[] {
  const shape = objectShape(schema);
  if (!shape || !value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const field = path ? `${path}.${key}` : key;
    const known = shape[key];
    return known ? unknownKeys(known, inner, field) : [{ field, message: 'unknown field' }];
  });
}

/**
 * The meeting body: validated by the domain's own schema (createMeeting), so only the unknown
 * keys, which that schema would drop silently, and an over-long instruction are refused here.
 */
export async function meetingBody(c: HonoContext): Promise<Record<string, unknown>> {
  const body = requireObject(await readJson(c));
  const problems = unknownKeys(meetingInputSchema, body);
  const long = typeof body.instruction === 'string' ? lengthProblem('instruction', body.instruction, 'instruction') : null;
  if (long) problems.push(long);
  if (problems.length > 0) throw badInput(problems);
  return body;
}
