// The one interface both parsers (deterministic and OpenAI) implement. Services depend on
// this file only, never on a concrete parser.
import type { HardConstraints, ReplyIntent, Slot, SoftConstraints } from '../domain/types.js';

export type ParserSource = 'heuristic' | 'openai';

export interface ConstraintsInput {
  text: string;
  /** IANA zone the owner thinks in; relative words ("next week") are read in it. */
  timezone: string;
  /** Reference instant, ISO-8601. */
  now: string;
}

export interface ConstraintsResult {
  hard_constraints: HardConstraints;
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
}

export interface AvailabilityResult {
  /** Merged, sorted, clipped to the window, each at least duration_minutes long; ISO with the lead's offset. */
  slots: Slot[];
  intent: ReplyIntent;
  unparsed: string[];
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
