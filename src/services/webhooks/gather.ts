// POST /twilio/voice/gather: what the lead said → availability, then read back, re-ask or goodbye.
// A turn is processed once: its TwiML is stored with it and replayed if Twilio asks again.
// A turn that arrives after the call's final status (a slow parser, a retried request) still
// counts: it is what the person said. Its turn and slots are stored, the lead is settled from
// every fact of the call (settle-lead.ts), and the reply just ends the call.
import type { Context } from '../../context.js';
import { transactionPerUnit, type Writer } from '../../db/group-commit.js';
import { findCallTurn, insertCallTurn, replaceCallSlots } from '../../db/repos/call-turns.js';
import { recordCallTurn } from '../../db/repos/calls.js';
import { addDoNotCall } from '../../db/repos/do-not-call.js';
import { findGatherCall } from '../../db/repos/webhook-calls.js';
import { readNow } from '../../db/sync.js';
import { isTerminalCallStatus } from '../../domain/call-status.js';
import { readStage, storedStage } from '../../domain/conversation.js';
import { capSpeech } from '../../domain/input-limits.js';
import { promisedChannels } from '../../domain/notify/recipients.js';
import { buildEmptyTwiml, buildGoodbyeTwiml } from '../../server/twiml.js';
import { channelsOf } from '../notify/enqueue.js';
import { messages } from './messages.js';
import { settleLeadOfCall } from './settle-lead.js';
import { type TurnComputer, turnsInProcess } from './turn.js';
import { callIdOf, param, type WebhookRequest } from './voice.js';

export interface GatherDeps {
  /** How the turn's writes are committed (grouped in the server). */
  writer: Writer;
  /** Where the turn is worked out (on worker threads in the server, when no OpenAI key is set). */
  turns: TurnComputer;
}

export async function handleGather(
  ctx: Context,
  req: WebhookRequest,
  { writer, turns }: GatherDeps = { writer: transactionPerUnit(ctx.db), turns: turnsInProcess(ctx.parsers) },
): Promise<string> {
  const turn = Number(req.query.turn);
  const call = await readNow(ctx.db, (tx) => findGatherCall(tx, param(req.params, 'CallSid'), callIdOf(req)));
  if (!call || !Number.isSafeInteger(turn) || turn < 1) return buildGoodbyeTwiml(messages.unknownCall);
  // Only a turn already behind us can be a replay: the fresh one skips the look-up.
  if (turn < call.turn || (turn === call.turn && call.outcome !== null)) {
    const replay = await findCallTurn(ctx.db, call.id, turn);
    if (replay) return replay.response;
  }
  // A turn we never issued (or one after the call ended) changes nothing.
  if (turn !== call.turn || call.outcome !== null) return buildGoodbyeTwiml(messages.confirmed());

  const digits = param(req.params, 'Digits').trim();
  // An over-long transcript (no phone call says that much) is cut for parsing, and the stored
  // turn says so, rather than refused: the caller is still on the line.
  const heard = capSpeech(param(req.params, 'SpeechResult').trim());
  const speech = heard.text;
  const nowMs = ctx.now().toMillis();
  const now = new Date(nowMs).toISOString();
  const stage = readStage(call.phase);
  const computed = await turns.compute({
    callId: call.id,
    turn,
    phase: stage.phase,
    asked: stage.asked,
    emptyTurns: call.empty_turns,
    digits,
    speech,
    zone: call.lead_timezone,
    callerZone: call.meeting_timezone,
    windowStart: call.window_start,
    windowEnd: call.window_end,
    durationMinutes: call.duration_minutes,
    nowMs,
    baseUrl: req.baseUrl,
    // A lead on the do-not-call list is never dialed, and one who opts out on this call is not thanked.
    closing: promisedChannels({ email: call.lead_email, phone: call.lead_phone }, channelsOf(ctx.config), false),
  });
  const { decision, slots, parsed, nextPhase, outcome } = computed;
  // Nobody is on the line after the final status: no new question.
  const twiml = isTerminalCallStatus(call.status) ? buildEmptyTwiml() : computed.twiml;

  const stored = await writer.run((tx) => {
    // The unique (call_id, turn) row is written first: a concurrent duplicate fails here and writes nothing.
    const inserted = insertCallTurn(tx, {
      call_id: call.id,
      turn,
      input: digits ? `digits:${digits}` : heard.cutFrom === null ? speech : `${speech} [cut from ${heard.cutFrom} characters]`,
      intent: parsed?.intent ?? decision.kind,
      parser_source: parsed?.source ?? 'none',
      response: twiml,
      created_at: now,
    });
    if (!inserted) return false;
    if (decision.kind === 'read_back' || (decision.kind === 'reask' && decision.why === 'rejected')) {
      replaceCallSlots(
        tx,
        { meeting_request_id: call.meeting_request_id, lead_id: call.lead_id, call_id: call.id, turn, raw_text: speech, created_at: now },
        slots,
        // Slots are only ever stored from a turn's answer, so the first turn has none to replace.
        { replacing: turn > 1 },
      );
    }
    if (decision.kind === 'opt_out') {
      addDoNotCall(tx, {
        phone: call.lead_phone,
        reason: digits === '9' ? 'pressed 9 during a call' : `said: ${speech}`,
        source: `call ${call.id}`,
        created_at: now,
      });
    }
    const unusable = decision.kind === 'reask' && decision.why !== 'rejected' ? call.empty_turns + 1 : 0;
    recordCallTurn(tx, {
      id: call.id,
      turn: outcome === null ? turn + 1 : turn,
      phase: storedStage({ phase: nextPhase, asked: computed.asked }),
      empty_turns: unusable,
      outcome,
      updated_at: now,
    });
    settleLeadOfCall(tx, call.id, ctx.config.dialing, now);
    return true;
  });
  if (stored) return twiml;
  return (await findCallTurn(ctx.db, call.id, turn))?.response ?? twiml;
}
