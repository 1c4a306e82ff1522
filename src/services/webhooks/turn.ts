// One gather turn, worked out from plain data: parse what the lead said, decide what the bot does,
// and spell the reply as TwiML. No database, no context: the webhook handler reads before and
// writes after, so this part can run on a worker thread (see server/turn-threads.ts).
import { decideTurn, needsParsing, type Phase, type TurnDecision } from '../../domain/conversation.js';
import type { ClosingPromise } from '../../domain/notify/closing.js';
import { describeSlotsForSpeech } from '../../domain/speech.js';
import { ZoneClock } from '../../domain/zone-clock.js';
import type { AvailabilityInput, AvailabilityResult } from '../../parsing/types.js';
import { buildGoodbyeTwiml, buildOptOutTwiml, buildReadBackTwiml, buildRepromptTwiml } from '../../server/twiml.js';
import { messages } from './messages.js';
import { gatherUrl } from './urls.js';

export interface TurnRequest {
  callId: number;
  turn: number;
  phase: Phase;
  /** Whether this call already asked about an ambiguity (calls.phase ':asked'); it asks at most once. */
  asked?: boolean;
  /** Unusable answers so far in a row. */
  emptyTurns: number;
  digits: string;
  speech: string;
  /** The lead's IANA zone and the meeting's window (ISO instants) and length. */
  zone: string;
  /** The meeting's (owner's) IANA zone, for "3pm your time". */
  callerZone?: string;
  windowStart: string;
  windowEnd: string;
  durationMinutes: number;
  nowMs: number;
  /** Absolute public base URL for the next gather's action. */
  baseUrl: string;
  /** What the closing line may promise: an emailed invitation, a text (issue 10); neither when absent. */
  closing?: ClosingPromise;
}

export interface StoredSlot {
  start_utc: string;
  end_utc: string;
}

export interface TurnResult {
  decision: TurnDecision;
  /** The slots to store for this turn (read back, or none after a rejection), as UTC instants. */
  slots: StoredSlot[];
  /** What the parser made of the answer; null when nothing needed parsing. */
  parsed: Pick<AvailabilityResult, 'intent' | 'source' | 'ambiguities' | 'confidence'> | null;
  twiml: string;
  nextPhase: Phase;
  /** Whether the call has asked its one ambiguity question once this turn is done. */
  asked: boolean;
  /** How the call ends on this turn; null while it goes on. */
  outcome: string | null;
}

/** Computes turns: in this thread, or on worker threads. */
export interface TurnComputer {
  compute(request: TurnRequest): Promise<TurnResult>;
}

export type ParseAvailability = (input: AvailabilityInput) => Promise<AvailabilityResult>;

const OUTCOME: Partial<Record<TurnDecision['kind'], string>> = {
  confirmed: 'responded',
  give_up: 'no_input',
  opt_out: 'opted_out',
  not_interested: 'not_interested',
  call_back: 'call_back',
};

/** The question decideTurn chose about the parser's doubt, spoken as is (quotes dropped for text-to-speech). */
export function clarifyPrompt(question: string): string {
  return question.replace(/["“”]/g, '');
}

function respond(decision: TurnDecision, request: TurnRequest, now: string): { twiml: string; phase: Phase } {
  const next = gatherUrl(request.baseUrl, request.callId, request.turn + 1);
  switch (decision.kind) {
    case 'read_back':
      return {
        twiml: buildReadBackTwiml({
          readBack: messages.readBack(describeSlotsForSpeech(decision.slots, request.zone, now)),
          gatherActionUrl: next,
        }),
        phase: 'confirm',
      };
    case 'clarify':
      // The answer stays in the ask phase: the next one is read back (the call asks about a doubt once).
      return { twiml: buildRepromptTwiml({ prompt: clarifyPrompt(decision.question), gatherActionUrl: next }), phase: 'ask' };
    case 'reask': {
      const prompt =
        decision.why === 'empty' ? messages.reaskEmpty : decision.why === 'rejected' ? messages.reaskRejected : messages.reaskUnclear;
      return { twiml: buildRepromptTwiml({ prompt, gatherActionUrl: next }), phase: 'ask' };
    }
    case 'opt_out':
      return { twiml: buildOptOutTwiml(messages.optOut), phase: 'ask' };
    case 'confirmed':
      return { twiml: buildGoodbyeTwiml(messages.confirmed(request.closing)), phase: 'ask' };
    case 'not_interested':
      return { twiml: buildGoodbyeTwiml(messages.notInterested), phase: 'ask' };
    case 'call_back':
      return { twiml: buildGoodbyeTwiml(messages.callBack), phase: 'ask' };
    case 'give_up':
      return { twiml: buildGoodbyeTwiml(messages.giveUp), phase: 'ask' };
  }
}

export async function computeTurn(request: TurnRequest, parseAvailability: ParseAvailability): Promise<TurnResult> {
  const { digits, speech, phase, zone } = request;
  let parsed: AvailabilityResult | null = null;
  if (needsParsing(phase, digits, speech)) {
    // The zone clock spells the same instants as luxon would, at a fraction of the cost per webhook.
    const clock = new ZoneClock(zone);
    parsed = await parseAvailability({
      text: speech,
      window_start: clock.format(Date.parse(request.windowStart)),
      window_end: clock.format(Date.parse(request.windowEnd)),
      timezone: zone,
      duration_minutes: request.durationMinutes,
      now: clock.format(request.nowMs),
      ...(request.callerZone ? { caller_timezone: request.callerZone } : {}),
    });
  }
  const asked = request.asked === true;
  const decision = decideTurn({ phase, turn: request.turn, unusable: request.emptyTurns, digits, speech, parsed, asked });
  const { twiml, phase: nextPhase } = respond(decision, request, new Date(request.nowMs).toISOString());
  const slots =
    decision.kind === 'read_back'
      ? decision.slots.map((slot) => ({ start_utc: new Date(slot.start).toISOString(), end_utc: new Date(slot.end).toISOString() }))
      : [];
  return {
    decision,
    slots,
    parsed: parsed && { intent: parsed.intent, source: parsed.source, ambiguities: parsed.ambiguities, confidence: parsed.confidence },
    twiml,
    nextPhase,
    asked: asked || decision.kind === 'clarify',
    outcome: OUTCOME[decision.kind] ?? null,
  };
}

/** Turns computed in this thread with the context's parsers (OpenAI when configured). */
export function turnsInProcess(parsers: () => Promise<{ parseAvailability: ParseAvailability }>): TurnComputer {
  return {
    compute: async (request) => {
      const { parseAvailability } = await parsers();
      return computeTurn(request, (input) => parseAvailability(input));
    },
  };
}
