// How much text each edge takes before anything parses it: the parsers' time grows with their
// input, and one long body must never stall the webhooks beside it. One constant per edge, so
// the CLI, the API and the call handler say the same cap.
import { badInput, type FieldProblem } from '../errors.js';

export const INPUT_LIMITS = {
  /** What a lead said on one gather: a phone transcript is a few hundred characters at most. */
  speech: 2_000,
  /** A plain-English scheduling instruction (parse constraints, meeting create --instruction). */
  instruction: 10_000,
  /** What a lead wrote in an email or SMS (availability add --text, parse availability). */
  availabilityText: 10_000,
} as const;

export type InputEdge = keyof typeof INPUT_LIMITS;

/** The problem to report for text over its edge's cap, or null when it fits. */
export function lengthProblem(field: string, text: string | null | undefined, edge: InputEdge): FieldProblem | null {
  const cap = INPUT_LIMITS[edge];
  if (text == null || text.length <= cap) return null;
  return {
    field,
    message: `expected at most ${cap.toLocaleString('en-US')} characters, got ${text.length.toLocaleString('en-US')}`,
  };
}

/** Throws bad input naming the field and the cap when the text is too long. */
export function requireWithinLimit(field: string, text: string | null | undefined, edge: InputEdge): void {
  const problem = lengthProblem(field, text, edge);
  if (problem) throw badInput([problem]);
}

/**
 * Speech is never refused (the caller is on the line): past the cap it is cut for parsing, and
 * the caller notes that it was.
 */
export function capSpeech(speech: string): { text: string; cutFrom: number | null } {
  if (speech.length <= INPUT_LIMITS.speech) return { text: speech, cutFrom: null };
  // Never split a surrogate pair: half an emoji is not text.
  const end = /[\uD800-\uDBFF]/.test(speech.charAt(INPUT_LIMITS.speech - 1)) ? INPUT_LIMITS.speech - 1 : INPUT_LIMITS.speech;
  return { text: speech.slice(0, end), cutFrom: speech.length };
}
