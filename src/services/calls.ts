// What happened on each call: `calls list` and `calls show` (and GET /calls/:id). The transcript
// is rebuilt from what is stored: the script the bot opened with (calls.script), then per turn
// what the lead said (call_turns.input), what it was understood as, the slots stored from it,
// and what the bot answered (the <Say> text of call_turns.response, the TwiML sent back).
import type { Context } from '../context.js';
import {
  type CallFilterRow,
  type CallWithLead,
  countCalls,
  listCallsWithLead,
  listSlotsOfCall,
  listTurnsOfCall,
} from '../db/repos/call-views.js';
import { findLead } from '../db/repos/campaigns.js';
import type { Slot } from '../domain/types.js';
import { notFound } from '../errors.js';
import { inZone } from './views.js';

export interface CallSummary {
  id: number;
  meeting_request_id: number;
  lead_id: number;
  lead_name: string;
  status: string;
  outcome: string | null;
  answered_by: string | null;
  duration_seconds: number | null;
  created_at: string;
  ended_at: string | null;
  /** The lead's zone, for showing the times on their clock. */
  timezone: string;
  turns: number;
  slots: number;
}

export interface CallList {
  calls: CallSummary[];
  /** Calls matching the filters, before --limit/--offset. */
  total: number;
  offset: number;
}

export interface TranscriptLine {
  speaker: 'bot' | 'lead';
  text: string;
  /** UTC ISO: the call's start for the greeting, the turn's time after. */
  at: string;
  turn: number | null;
  /** On the lead's lines: what the parser made of them. */
  understood: { intent: string; parser_source: string; slots: Slot[] } | null;
}

export interface CallShown extends CallSummary {
  call_sid: string | null;
  phone: string;
  local_time_at_dial: string | null;
  error_code: number | null;
  error_message: string | null;
  transcript: TranscriptLine[];
  /** Every slot stored from this call, in the lead's zone. */
  slots_stored: (Slot & { turn: number | null })[];
  timeline: { at: string; event: string }[];
}

const summary = (row: CallWithLead): CallSummary => ({
  id: row.id,
  meeting_request_id: row.meeting_request_id,
  lead_id: row.lead_id,
  lead_name: row.lead_name,
  status: row.status,
  outcome: row.outcome,
  answered_by: row.answered_by,
  duration_seconds: row.duration_seconds,
  created_at: row.created_at,
  ended_at: row.ended_at,
  timezone: row.lead_timezone,
  turns: row.turns,
  slots: row.slots,
});

export async function listCalls(ctx: Context, f: CallFilterRow & { limit: number | null; offset: number }): Promise<CallList> {
  const [rows, total] = await Promise.all([listCallsWithLead(ctx.db, f, f), countCalls(ctx.db, f)]);
  return { calls: rows.map(summary), total, offset: f.offset };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The words a TwiML document speaks, in order: every <Say>, entities decoded. */
export function spokenText(twiml: string): string[] {
  return [...twiml.matchAll(/<Say\b[^>]*>([\s\S]*?)<\/Say>/g)].map((m) =>
    (m[1] ?? '').replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (all, name: string) =>
      name.startsWith('#x') || name.startsWith('#X')
        ? String.fromCodePoint(Number.parseInt(name.slice(2), 16))
        : name.startsWith('#')
          ? String.fromCodePoint(Number(name.slice(1)))
          : (ENTITIES[name] ?? all),
    ),
  );
}

/** Turn inputs are stored as the words, or "digits:N" for keys. */
export function describeInput(input: string): string {
  if (input === '') return '(silence)';
  return input.startsWith('digits:') ? `(pressed ${input.slice(7)})` : input;
}

const isMachine = (answeredBy: string | null) => answeredBy !== null && (answeredBy.startsWith('machine') || answeredBy === 'fax');

export async function showCall(ctx: Context, id: number): Promise<CallShown> {
  const [row] = await listCallsWithLead(
    ctx.db,
    { meetingId: null, leadId: null, outcome: null, status: null, since: null, callId: id },
    { limit: 1, offset: 0 },
  );
  if (!row) throw notFound('call', id);
  const [turns, slots, lead] = await Promise.all([listTurnsOfCall(ctx.db, id), listSlotsOfCall(ctx.db, id), findLead(ctx.db, row.lead_id)]);
  const zone = row.lead_timezone;
  const local = (s: { start_utc: string; end_utc: string }) => ({ start: inZone(s.start_utc, zone), end: inZone(s.end_utc, zone) });
  const transcript: TranscriptLine[] = [];
  // The greeting is spoken once a person picks up; a machine, a busy line or no answer hears none of it.
  const answered = turns.length > 0 || (row.answered_by !== null && !isMachine(row.answered_by));
  if (answered && row.script) transcript.push({ speaker: 'bot', text: row.script, at: row.created_at, turn: null, understood: null });
  for (const t of turns) {
    transcript.push({
      speaker: 'lead',
      text: describeInput(t.input),
      at: t.created_at,
      turn: t.turn,
      understood: { intent: t.intent, parser_source: t.parser_source, slots: slots.filter((s) => s.turn === t.turn).map(local) },
    });
    for (const said of spokenText(t.response))
      transcript.push({ speaker: 'bot', text: said, at: t.created_at, turn: t.turn, understood: null });
  }
  const timeline = [
    { at: row.created_at, event: `dialed${row.local_time_at_dial ? ` (lead's time ${row.local_time_at_dial})` : ''}` },
    ...(row.answered_by ? [{ at: transcript[0]?.at ?? row.created_at, event: `answered by ${row.answered_by}` }] : []),
    ...(row.ended_at
      ? [{ at: row.ended_at, event: `ended: ${row.status}${row.duration_seconds !== null ? `, ${row.duration_seconds} s` : ''}` }]
      : [{ at: row.updated_at, event: `last status: ${row.status}` }]),
  ];
  return {
    ...summary(row),
    call_sid: row.call_sid,
    phone: lead?.phone ?? '',
    local_time_at_dial: row.local_time_at_dial,
    error_code: row.error_code,
    error_message: row.error_message,
    transcript,
    slots_stored: slots.map((s) => ({ ...local(s), turn: s.turn })),
    timeline,
  };
}
