// A campaign whose calls are all under way (answered, turn 1 asked), the gather each call's lead
// answers, and what the database holds of each call afterwards: for the fault tests, which
// check that a call's turn is stored whole (turn, slots, the call advanced, the lead settled) or
// not at all.
import { readFile } from 'node:fs/promises';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { openDatabase } from '../../src/db/connection.js';
import { MEETING_FLAGS } from './cli.js';
import type { Reply } from './serve-process.js';

export const NOW = '2026-03-09T15:00:00Z'; // Monday: 11:00 in New York
const AT = '2026-03-09T15:00:00.000Z';

export interface LiveCall {
  id: number;
  sid: string;
  leadId: number;
}

async function cli(db: string, args: string[]): Promise<void> {
  let out = '';
  const io: Io = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      out += t;
    },
    stdinIsTTY: false,
    stderrIsTTY: false,
    color: false,
    env: { CALLBOOK_NOW: NOW, CALLBOOK_REQUIRE_CONSENT: '0' },
    cwd: process.cwd(),
    readFile: (path) => readFile(path, 'utf8'),
  };
  const code = await main(['--db', db, ...args], io);
  if (code !== 0) throw new Error(`callbook ${args.slice(0, 2).join(' ')} exited ${code}: ${out}`);
}

/** A meeting, a campaign of `count` leads, and one call per lead that a tick placed and Twilio answered. */
export async function seedLiveCalls(db: string, count: number): Promise<LiveCall[]> {
  await cli(db, MEETING_FLAGS);
  const leads = Array.from({ length: count }, (_, i) => `Lead ${i + 1},+1555200${String(i + 1).padStart(4, '0')},,America/New_York`);
  await cli(db, ['campaign', 'add', '--meeting', '1', '--name', 'faults', ...leads.flatMap((l) => ['--lead', l])]);
  const kysely = await openDatabase(db, { pgPool: 2 });
  try {
    const rows = await kysely.selectFrom('leads').select('id').orderBy('id').execute();
    const calls: LiveCall[] = [];
    for (const { id: leadId } of rows) {
      const sid = `CA${leadId.toString(16).padStart(32, '0')}`;
      const call = await kysely
        .insertInto('calls')
        .values({
          lead_id: leadId,
          meeting_request_id: 1,
          provider: 'simulator',
          call_sid: sid,
          status: 'in-progress',
          script: 'Hello, when are you free?',
          turn: 1,
          phase: 'ask',
          created_at: AT,
          updated_at: AT,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      calls.push({ id: call.id, sid, leadId });
    }
    await kysely.updateTable('leads').set({ state: 'calling', attempts: 1 }).execute();
    return calls;
  } finally {
    await kysely.destroy();
  }
}

/** The path and signed fields of the lead's first answer on `call`. */
export function gatherOf(call: LiveCall): { path: string; params: Record<string, string> } {
  return {
    path: `/twilio/voice/gather?callId=${call.id}&turn=1`,
    params: {
      CallSid: call.sid,
      AccountSid: 'AC123',
      CallStatus: 'in-progress',
      SpeechResult: 'tuesday morning',
      Confidence: '0.9',
      Digits: '',
    },
  };
}

export interface StoredCall {
  /** call_turns of the call: turn and the TwiML stored with it. */
  turns: { turn: number; response: string }[];
  /** participant_availability rows of the call, by the turn that gave them. */
  slotTurns: number[];
  /** calls.turn: the next turn the call expects. */
  callTurn: number;
  leadState: string;
}

/** What is stored of each of `calls`, looked up by call. */
export async function storedCalls(db: string, calls: readonly LiveCall[]): Promise<(call: LiveCall) => StoredCall> {
  const kysely = await openDatabase(db, { pgPool: 2 });
  try {
    const turns = await kysely.selectFrom('call_turns').select(['call_id', 'turn', 'response']).orderBy('id').execute();
    const slots = await kysely.selectFrom('participant_availability').select(['call_id', 'turn']).execute();
    const rows = await kysely
      .selectFrom('calls')
      .innerJoin('leads', 'leads.id', 'calls.lead_id')
      .select(['calls.id', 'calls.turn', 'leads.state'])
      .execute();
    const out = new Map<number, StoredCall>();
    for (const call of calls) {
      const row = rows.find((r) => r.id === call.id);
      if (!row) throw new Error(`call ${call.id} is gone`);
      out.set(call.id, {
        turns: turns.filter((t) => t.call_id === call.id).map((t) => ({ turn: t.turn, response: t.response })),
        slotTurns: slots.filter((s) => s.call_id === call.id).map((s) => s.turn ?? 0),
        callTurn: row.turn,
        leadState: row.state,
      });
    }
    return (call) => {
      const stored = out.get(call.id);
      if (!stored) throw new Error(`call ${call.id} was not looked up`);
      return stored;
    };
  } finally {
    await kysely.destroy();
  }
}

/** What a whole first turn leaves, and what no turn leaves: nothing in between is allowed. */
export function wholeOrNothing(stored: StoredCall): 'whole' | 'none' | string {
  const { turns, slotTurns, callTurn, leadState } = stored;
  if (turns.length === 0 && slotTurns.length === 0 && callTurn === 1 && leadState === 'calling') return 'none';
  if (
    turns.length === 1 &&
    turns[0]?.turn === 1 &&
    slotTurns.length > 0 &&
    slotTurns.every((t) => t === 1) &&
    callTurn === 2 &&
    leadState === 'responded'
  ) {
    return 'whole';
  }
  return `half-written: ${JSON.stringify({ turns: turns.map((t) => t.turn), slotTurns, callTurn, leadState })}`;
}

/** items[i], which the test knows is there. */
export function nth<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new Error(`no item ${i} of ${items.length}`);
  return item;
}

/** Settles every promise, keeping a rejection as its error message. */
export async function settled(replies: Promise<Reply>[]): Promise<(Reply | { error: string })[]> {
  return (await Promise.allSettled(replies)).map((r) => (r.status === 'fulfilled' ? r.value : { error: String(r.reason) }));
}
