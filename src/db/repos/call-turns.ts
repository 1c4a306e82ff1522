import type { Selectable } from 'kysely';
import type { Db } from '../connection.js';
import { prepared } from '../prepared.js';
import type { CallTurnTable } from '../schema.js';
import type { SyncTx } from '../sync.js';

export type CallTurnRow = Selectable<CallTurnTable>;

export async function findCallTurn(db: Db, callId: number, turn: number): Promise<CallTurnRow | undefined> {
  return db.selectFrom('call_turns').selectAll().where('call_id', '=', callId).where('turn', '=', turn).executeTakeFirst();
}

export interface NewCallTurn {
  call_id: number;
  turn: number;
  input: string;
  intent: string;
  parser_source: string;
  response: string;
  created_at: string;
}

const insertTurn = prepared<NewCallTurn>((db, p) =>
  db
    .insertInto('call_turns')
    .values({
      call_id: p('call_id'),
      turn: p('turn'),
      input: p('input'),
      intent: p('intent'),
      parser_source: p('parser_source'),
      response: p('response'),
      created_at: p('created_at'),
    })
    .onConflict((oc) => oc.columns(['call_id', 'turn']).doNothing()),
);

/** False when the turn was already recorded (a repeated webhook). */
export function insertCallTurn(tx: SyncTx, row: NewCallTurn): boolean {
  return tx.run(insertTurn.bind(tx.db, row)) > 0;
}

interface SlotOrigin {
  meeting_request_id: number;
  lead_id: number;
  call_id: number;
  turn: number;
  raw_text: string;
  created_at: string;
}

const deleteCallSlots = prepared<{ call_id: number }>((db, p) =>
  db.deleteFrom('participant_availability').where('call_id', '=', p('call_id')),
);

const insertCallSlot = prepared<SlotOrigin & { start_utc: string; end_utc: string }>((db, p) =>
  db.insertInto('participant_availability').values({
    meeting_request_id: p('meeting_request_id'),
    lead_id: p('lead_id'),
    start_utc: p('start_utc'),
    end_utc: p('end_utc'),
    source: 'call',
    call_id: p('call_id'),
    turn: p('turn'),
    raw_text: p('raw_text'),
    created_at: p('created_at'),
  }),
);

/** A correction replaces what this call collected before; other sources of availability stay. Slots are UTC ISO instants. */
export function replaceCallSlots(
  tx: SyncTx,
  origin: SlotOrigin,
  slots: readonly { start_utc: string; end_utc: string }[],
  options: { replacing: boolean } = { replacing: true },
): void {
  if (options.replacing) tx.run(deleteCallSlots.bind(tx.db, { call_id: origin.call_id }));
  for (const { start_utc, end_utc } of slots) tx.run(insertCallSlot.bind(tx.db, { ...origin, start_utc, end_utc }));
}
