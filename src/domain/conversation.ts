// What the bot does with one answer from the lead. Pure: the parsed reply in, a decision out.
import type { AvailabilityResult } from '../parsing/types.js';
import type { Slot } from './types.js';

export type Phase = 'ask' | 'confirm';

/**
 * A call's stored phase (calls.phase) with whether the one question about an ambiguity has been asked:
 * 'ask', 'confirm', or either with ':asked'. A call asks about a doubt at most once, so it cannot loop.
 */
export interface CallStage {
  phase: Phase;
  asked: boolean;
}

export function readStage(stored: string): CallStage {
  const [phase, mark] = stored.split(':');
  return { phase: phase === 'confirm' ? 'confirm' : 'ask', asked: mark === 'asked' };
}

export function storedStage(stage: CallStage): string {
  return stage.asked ? `${stage.phase}:asked` : stage.phase;
}

/** Unusable answers in a row before a polite goodbye ("ask again at most twice"). */
export const MAX_UNUSABLE_ANSWERS = 2;
/** Gathers per call at the most, so a confused conversation cannot loop. */
export const MAX_TURNS = 8;
export const OPT_OUT_DIGIT = '9';

export type TurnDecision =
  | { kind: 'read_back'; slots: Slot[] }
  /** Slots were heard but the parser was in doubt: the lead is asked about it, nothing is stored. `question` is spoken as is. */
  | { kind: 'clarify'; question: string }
  | { kind: 'confirmed' }
  | { kind: 'reask'; why: 'empty' | 'unclear' | 'rejected' }
  | { kind: 'give_up' }
  | { kind: 'opt_out' }
  | { kind: 'not_interested' }
  | { kind: 'call_back' };

export interface TurnInput {
  phase: Phase;
  turn: number;
  /** Unusable answers so far in a row. */
  unusable: number;
  digits: string;
  speech: string;
  /** Null when nothing needed parsing (keys, empty input, a plain yes or no). */
  parsed: AvailabilityResult | null;
  /** Whether this call already asked about an ambiguity (then slots are read back even when in doubt). */
  asked?: boolean;
}

const YES =
  /^(?:(?:uh|um|oh|well)\s+)*(?:yes|yeah|yep|yup|sure|correct|right|that'?s (?:right|correct)|sounds (?:good|right|great)|perfect|ok(?:ay)?|exactly|great)\b/i;
const NO = /^(?:(?:uh|um|oh|well)\s+)*(?:no|nope|nah|wrong|not (?:right|correct)|incorrect|that'?s (?:wrong|not right))\b/i;

export function readYesNo(digits: string, speech: string): 'yes' | 'no' | null {
  if (digits === '1') return 'yes';
  if (digits === '2') return 'no';
  const text = speech.trim();
  if (YES.test(text)) return 'yes';
  if (NO.test(text)) return 'no';
  return null;
}

/** Whether the answer has to go through the availability parser at all. */
export function needsParsing(phase: Phase, digits: string, speech: string): boolean {
  if (speech.trim() === '') return false;
  if (phase === 'confirm' && readYesNo(digits, speech) !== null && speech.trim().split(/\s+/).length <= 3) return false;
  return true;
}

/** Asked when the parser was in doubt but gave no question to put to the lead (the OpenAI parser). */
export const GENERIC_CLARIFY = 'Sorry, could you tell me once more which days and times work for you?';

/**
 * What the call says about the parser's first doubt: the parser's question for it, never its internal note
 * ("until friday: read as free from friday on" is for people reading JSON, not for the lead).
 */
export function clarifyQuestion(parsed: Pick<AvailabilityResult, 'ambiguities' | 'questions'>): string {
  const question = parsed.questions?.[0]?.trim();
  return question ? `Sorry, just to check. ${question}` : GENERIC_CLARIFY;
}

export function decideTurn(input: TurnInput): TurnDecision {
  if (input.digits === OPT_OUT_DIGIT) return { kind: 'opt_out' };
  const intent = input.parsed?.intent;
  if (intent === 'opt_out') return { kind: 'opt_out' };
  if (intent === 'not_interested') return { kind: 'not_interested' };
  if (intent === 'call_back_later') return { kind: 'call_back' };
  const slots = input.parsed?.slots ?? [];
  if (slots.length > 0) {
    if (input.turn >= MAX_TURNS) return { kind: 'confirmed' };
    const parsed = input.parsed;
    return parsed && parsed.ambiguities.length > 0 && !input.asked
      ? { kind: 'clarify', question: clarifyQuestion(parsed) }
      : { kind: 'read_back', slots };
  }
  if (input.phase === 'confirm') {
    const answer = readYesNo(input.digits, input.speech);
    // Silence after a read-back is taken as agreement: the slots are already stored.
    if (answer === 'yes' || (answer === null && input.digits === '' && input.speech.trim() === '')) return { kind: 'confirmed' };
    if (answer === 'no') return input.turn >= MAX_TURNS ? { kind: 'give_up' } : { kind: 'reask', why: 'rejected' };
  }
  if (input.unusable + 1 > MAX_UNUSABLE_ANSWERS || input.turn >= MAX_TURNS) return { kind: 'give_up' };
  return { kind: 'reask', why: input.digits === '' && input.speech.trim() === '' ? 'empty' : 'unclear' };
}
