// POST /twilio/voice/gather: what the lead said → availability, then read back, re-ask or goodbye.
// A turn is processed once: its TwiML is stored with it and replayed if Twilio asks again.
import type { Context } from '../../context.js';
import { transactionPerUnit, type Writer } from '../../db/group-commit.js';
import { findCallTurn, insertCallTurn, replaceCallSlots } from '../../db/repos/call-turns.js';
import { callUpdate, leadUpdate } from '../../db/repos/calls.js';
import { addDoNotCall } from '../../db/repos/do-not-call.js';
import { findGatherCall } from '../../db/repos/webhook-calls.js';
import { readNow } from '../../db/sync.js';
import { decideTurn, needsParsing, type Phase, type TurnDecision } from '../../domain/conversation.js';
import { describeSlotsForSpeech } from '../../domain/speech.js';
import { ZoneClock } from '../../domain/zone-clock.js';
import type { AvailabilityResult } from '../../parsing/types.js';
import { buildGoodbyeTwiml, buildOptOutTwiml, buildReadBackTwiml, buildRepromptTwiml } from '../../server/twiml.js';
import { messages } from './messages.js';
import { callIdOf, gatherUrl, param, type WebhookRequest } from './voice.js';

const OUTCOME: Partial<Record<TurnDecision['kind'], string>> = {
  confirmed: 'responded',
  give_up: 'no_input',
  opt_out: 'opted_out',
  not_interested: 'not_interested',
  call_back: 'call_back',
};

function respond(
  decision: TurnDecision,
  baseUrl: string,
  callId: number,
  turn: number,
  zone: string,
  now: string,
): { twiml: string; phase: Phase } {
  const next = gatherUrl(baseUrl, callId, turn + 1);
  switch (decision.kind) {
    case 'read_back':
      return {
        twiml: buildReadBackTwiml({
          readBack: messages.readBack(describeSlotsForSpeech(decision.slots, zone, now)),
          gatherActionUrl: next,
        }),
        phase: 'confirm',
      };
    case 'reask': {
      const prompt =
        decision.why === 'empty' ? messages.reaskEmpty : decision.why === 'rejected' ? messages.reaskRejected : messages.reaskUnclear;
      return { twiml: buildRepromptTwiml({ prompt, gatherActionUrl: next }), phase: 'ask' };
    }
    case 'opt_out':
      return { twiml: buildOptOutTwiml(messages.optOut), phase: 'ask' };
    case 'confirmed':
      return { twiml: buildGoodbyeTwiml(messages.confirmed), phase: 'ask' };
    case 'not_interested':
      return { twiml: buildGoodbyeTwiml(messages.notInterested), phase: 'ask' };
    case 'call_back':
      return { twiml: buildGoodbyeTwiml(messages.callBack), phase: 'ask' };
    case 'give_up':
      return { twiml: buildGoodbyeTwiml(messages.giveUp), phase: 'ask' };
  }
}

export async function handleGather(ctx: Context, req: WebhookRequest, writer: Writer = transactionPerUnit(ctx.db)): Promise<string> {
  const turn = Number(req.query.turn);
  const call = await readNow(ctx.db, (tx) => findGatherCall(tx, param(req.params, 'CallSid'), callIdOf(req)));
  if (!call || !Number.isSafeInteger(turn) || turn < 1) return buildGoodbyeTwiml(messages.unknownCall);
  // Only a turn already behind us can be a replay: the fresh one skips the look-up.
  if (turn < call.turn || (turn === call.turn && call.outcome !== null)) {
    const replay = await findCallTurn(ctx.db, call.id, turn);
    if (replay) return replay.response;
  }
  // A turn we never issued (or one after the call ended) changes nothing.
  if (turn !== call.turn || call.outcome !== null) return buildGoodbyeTwiml(messages.confirmed);

  const digits = param(req.params, 'Digits').trim();
  const speech = param(req.params, 'SpeechResult').trim();
  const phase = call.phase === 'confirm' ? 'confirm' : 'ask';
  const zone = call.lead_timezone;
  const nowMs = ctx.now().toMillis();
  const now = new Date(nowMs).toISOString();
  let parsed: AvailabilityResult | null = null;
  if (needsParsing(phase, digits, speech)) {
    const parsers = await ctx.parsers();
    // The zone clock spells the same instants as luxon would, at a fraction of the cost per webhook.
    const clock = new ZoneClock(zone);
    parsed = await parsers.parseAvailability({
      text: speech,
      window_start: clock.format(Date.parse(call.window_start)),
      window_end: clock.format(Date.parse(call.window_end)),
      timezone: zone,
      duration_minutes: call.duration_minutes,
      now: clock.format(nowMs),
    });
  }
  const decision = decideTurn({ phase, turn, unusable: call.empty_turns, digits, speech, parsed });
  const { twiml, phase: nextPhase } = respond(decision, req.baseUrl, call.id, turn, zone, now);
  const outcome = OUTCOME[decision.kind] ?? null;

  const stored = await writer.run((tx) => {
    // The unique (call_id, turn) row is written first: a concurrent duplicate fails here and writes nothing.
    const inserted = insertCallTurn(tx, {
      call_id: call.id,
      turn,
      input: digits ? `digits:${digits}` : speech,
      intent: parsed?.intent ?? decision.kind,
      parser_source: parsed?.source ?? 'none',
      response: twiml,
      created_at: now,
    });
    if (!inserted) return false;
    if (decision.kind === 'read_back' || (decision.kind === 'reask' && decision.why === 'rejected')) {
      const slots = decision.kind === 'read_back' ? decision.slots : [];
      replaceCallSlots(
        tx,
        { meeting_request_id: call.meeting_request_id, lead_id: call.lead_id, call_id: call.id, turn, raw_text: speech, created_at: now },
        slots,
        // Slots are only ever stored from a turn's answer, so the first turn has none to replace.
        { replacing: turn > 1 },
      );
      tx.run(leadUpdate(tx.db, call.lead_id, { state: slots.length > 0 ? 'responded' : 'calling', updated_at: now }));
    }
    if (decision.kind === 'opt_out') {
      addDoNotCall(tx, {
        phone: call.lead_phone,
        reason: digits === '9' ? 'pressed 9 during a call' : `said: ${speech}`,
        source: `call ${call.id}`,
        created_at: now,
      });
      tx.run(leadUpdate(tx.db, call.lead_id, { state: 'opted_out', outcome_detail: 'asked not to be called again', updated_at: now }));
    }
    const unusable = decision.kind === 'reask' && decision.why !== 'rejected' ? call.empty_turns + 1 : 0;
    tx.run(
      callUpdate(tx.db, call.id, {
        turn: outcome === null ? turn + 1 : turn,
        phase: nextPhase,
        empty_turns: unusable,
        outcome,
        updated_at: now,
      }),
    );
    return true;
  });
  if (stored) return twiml;
  return (await findCallTurn(ctx.db, call.id, turn))?.response ?? twiml;
}
