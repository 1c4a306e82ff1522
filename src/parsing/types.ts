// The one interface both parsers (deterministic and OpenAI) implement. Services depend on
// this file only, never on a concrete parser.
import type { DayOfWeek, HardConstraints, ReplyIntent, Slot, SoftConstraints, TimeRange } from '../domain/types.js';

export type ParserSource = 'heuristic' | 'openai';

export interface ConstraintsInput {
  text: string;
  /** IANA zone the owner thinks in; relative words ("next week") are read in it. */
  timezone: string;
  /** Reference instant, ISO-8601. */
  now: string;
}

/**
 * What an instruction made hard, beyond the meeting's window and excluded days. Each field is null when the
 * text did not speak of it, so a caller can tell "not said" (keep the owner's) from "said".
 * - working_hours: local ranges a slot must lie inside ("only between 10am and 4pm" → 10:00–16:00, "never
 *   outside 9 to 5" → 09:00–17:00). A one-sided bound keeps the other side open: "not before 10" →
 *   10:00–24:00, "no later than 5" → 00:00–17:00; the booking intersects them with the owner's working hours.
 * - working_days: the only days allowed ("only Tuesdays and Thursdays", "weekdays only"), mon..sun, with the
 *   excluded days already taken out. Those days also stay in soft days_of_week, where they order nothing.
 */
export type ParsedHardConstraints = Omit<HardConstraints, 'working_hours' | 'working_days'> & {
  working_hours: TimeRange[] | null;
  working_days: DayOfWeek[] | null;
};

export interface ConstraintsResult {
  hard_constraints: ParsedHardConstraints;
  soft_constraints: SoftConstraints;
  /** Words or phrases that were not understood (empty when all was understood). */
  unparsed: string[];
  /** True when the text named no window and the default (next 14 days) was used. */
  default_window: boolean;
  source: ParserSource;
  /** Why the OpenAI parser was not used or its answer was rejected; null otherwise. */
  fallback_reason: string | null;
}

export interface AvailabilityInput {
  text: string;
  window_start: string;
  window_end: string;
  /** The lead's IANA zone: every relative day and clock time is read in it. */
  timezone: string;
  duration_minutes: number;
  now: string;
  /** The caller's (owner's) IANA zone, for "3pm your time"; without it such a time is read in the lead's zone. */
  caller_timezone?: string;
}

export interface AvailabilityResult {
  /** Merged, sorted, clipped to the window, each at least duration_minutes long; ISO with the lead's offset. */
  slots: Slot[];
  intent: ReplyIntent;
  unparsed: string[];
  /** 0–1: 1 when nothing was in doubt; lowered by each ambiguity and each word not understood. */
  confidence: number;
  /**
   * What the parser could not settle, one short phrase each ("wednesday the 28th: the 28th is a thursday"):
   * the call reads these back and asks instead of booking a guess. Empty when nothing was in doubt.
   */
  ambiguities: string[];
  /**
   * The question the call asks the lead about each ambiguity, same order ("Is Friday itself free, or are you
   * busy through Friday?"): plain words for text-to-speech. The deterministic parser fills one per ambiguity;
   * absent or shorter when a parser (OpenAI) has none, and the call then asks generically.
   */
  questions?: string[];
  source: ParserSource;
  fallback_reason: string | null;
}

export interface ParseOptions {
  signal?: AbortSignal;
}

export interface ConstraintsParser {
  parseConstraints(input: ConstraintsInput, options?: ParseOptions): Promise<ConstraintsResult>;
}

export interface AvailabilityParser {
  parseAvailability(input: AvailabilityInput, options?: ParseOptions): Promise<AvailabilityResult>;
}

export interface Parsers extends ConstraintsParser, AvailabilityParser {}
