// The OpenAI-backed parsers. One attempt, a hard timeout and the caller's AbortSignal: a lead is waiting
// in silence on the phone, so any failure returns the deterministic answer with the reason attached.
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ZodType, infer as zInfer } from 'zod';
import { DAYS_OF_WEEK } from '../../domain/types.js';
import { createCalendar, formatIso, parseInstant } from '../heuristic/calendar.js';
import type { AvailabilityInput, AvailabilityResult, ConstraintsInput, ConstraintsResult, ParseOptions, Parsers } from '../types.js';
import { availabilityMessages, constraintsMessages } from './prompts.js';
import { AvailabilitySchema, ConstraintsSchema } from './schemas.js';
import { InvalidAnswerError, validateSlots, validateWindow } from './validate.js';

export interface OpenAIParserOptions {
  apiKey: string;
  baseURL: string | null;
  model: string;
  timeoutMs: number;
  fallback: Parsers;
}

/** A short reason a person can read in logs; never includes the key or the transcript. */
export function describeFailure(err: unknown, timeoutMs: number): string {
  if (err instanceof OpenAI.APIConnectionTimeoutError || err instanceof DeadlineError) return `openai timed out after ${timeoutMs} ms`;
  if (err instanceof OpenAI.APIUserAbortError) return 'openai request aborted';
  if (err instanceof OpenAI.APIConnectionError) return 'openai connection failed';
  if (err instanceof OpenAI.APIError) return `openai http ${err.status ?? 'error'}`;
  if (err instanceof InvalidAnswerError) return `openai answer rejected: ${err.message}`;
  if (err instanceof SyntaxError) return 'openai returned malformed JSON';
  const name = err instanceof Error ? err.name : 'error';
  if (name === 'ZodError') return 'openai answer did not match the schema';
  if (name === 'LengthFinishReasonError') return 'openai answer was cut off';
  if (name === 'ContentFilterFinishReasonError') return 'openai answer was filtered';
  return `openai failed: ${err instanceof Error ? err.message.slice(0, 120) : String(err)}`;
}

/** Our own deadline passed: the SDK's timeout covers the wait for headers only, not a body that stalls. */
class DeadlineError extends Error {
  override name = 'DeadlineError';
}

export function createOpenAIParsers(opts: OpenAIParserOptions): Parsers {
  const client = new OpenAI({
    apiKey: opts.apiKey,
    ...(opts.baseURL ? { baseURL: opts.baseURL } : {}),
    maxRetries: 0,
    timeout: opts.timeoutMs,
  });
  const request = { timeout: opts.timeoutMs, maxRetries: 0 };

  /** One structured-output request; a refusal or an empty answer is an invalid answer like any other. */
  async function ask<S extends ZodType>(
    schema: S,
    name: string,
    messages: ChatCompletionMessageParam[],
    options?: ParseOptions,
  ): Promise<zInfer<S>> {
    // One deadline for the whole request, body included, beside the caller's own signal.
    const deadline = AbortSignal.timeout(opts.timeoutMs);
    const signal = options?.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
    const completion = await client.chat.completions
      .parse({ model: opts.model, messages, response_format: zodResponseFormat(schema, name), temperature: 0 }, { ...request, signal })
      .catch((err: unknown) => {
        throw deadline.aborted && !options?.signal?.aborted ? new DeadlineError('deadline passed') : err;
      });
    const message = completion.choices[0]?.message;
    if (message?.refusal) throw new InvalidAnswerError('the model refused');
    if (!message?.parsed) throw new InvalidAnswerError('empty answer');
    return message.parsed as zInfer<S>;
  }

  async function parseAvailability(input: AvailabilityInput, options?: ParseOptions): Promise<AvailabilityResult> {
    try {
      const cal = createCalendar(input.now, input.timezone);
      const start = parseInstant(input.window_start, input.timezone);
      const end = parseInstant(input.window_end, input.timezone);
      const parsed = await ask(AvailabilitySchema, 'availability', availabilityMessages(input, cal.now, start, end), options);
      const slots = validateSlots(parsed, { start, end, now: cal.now }, input.duration_minutes, input.timezone);
      const { ambiguities, unparsed } = parsed;
      // The model gives no score of its own: each doubt it names lowers it as the heuristic's does.
      const confidence = Math.round(0.6 ** ambiguities.length * 100) / 100;
      return { slots, intent: parsed.intent, unparsed, confidence, ambiguities, source: 'openai', fallback_reason: null };
    } catch (err) {
      const result = await opts.fallback.parseAvailability(input, options);
      return { ...result, fallback_reason: describeFailure(err, opts.timeoutMs) };
    }
  }

  async function parseConstraints(input: ConstraintsInput, options?: ParseOptions): Promise<ConstraintsResult> {
    try {
      const cal = createCalendar(input.now, input.timezone);
      const parsed = await ask(ConstraintsSchema, 'constraints', constraintsMessages(input, cal.now), options);
      const window = validateWindow(parsed, cal.now, input.timezone);
      const excluded = parsed.excluded_days;
      return {
        hard_constraints: {
          window_start: window?.window_start ?? formatIso(cal.now),
          window_end: window?.window_end ?? formatIso(cal.today.plus({ days: 14 }).endOf('day')),
          timezone: input.timezone,
          excluded_days: excluded,
          working_hours: parsed.working_hours,
          working_days: parsed.working_days ? DAYS_OF_WEEK.filter((d) => parsed.working_days?.includes(d) && !excluded.includes(d)) : null,
        },
        soft_constraints: {
          days_of_week: parsed.days_of_week.filter((d) => !excluded.includes(d)),
          time_of_day: parsed.time_of_day,
          time_ranges: parsed.time_ranges,
        },
        unparsed: parsed.unparsed,
        default_window: window === null,
        source: 'openai',
        fallback_reason: null,
      };
    } catch (err) {
      const result = await opts.fallback.parseConstraints(input, options);
      return { ...result, fallback_reason: describeFailure(err, opts.timeoutMs) };
    }
  }

  return { parseAvailability, parseConstraints };
}
