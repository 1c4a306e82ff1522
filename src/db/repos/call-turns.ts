import type { Insertable, Selectable } from 'kysely';
import type { Slot } from '../../domain/types.js';
import type { Db } from '../connection.js';
import type { CallTurnTable } from '../schema.js';
import type { SyncTx } from '../sync.js';

export type CallTurnRow = Selectable<CallTurnTable>;

export async function findCallTurn(db: Db, callId: number, turn: number): Promise<CallTurnRow | undefined> {
  return db.selectFrom('call_turns').selectAll().where('call_id', '=', callId).where('turn', '=', turn).executeTakeFirst();
}

/** False when the turn was already recorded (a repeated webhook). */
export function insertCallTurn(tx: SyncTx, row: Insertable<CallTurnTable>): boolean {
  const changed = tx.run(
    tx.db
      .insertInto('call_turns')
      .values(row)
      .onConflict((oc) => oc.columns(['call_id', 'turn']).doNothing()),
  );
  return changed > 0;
}

/** A correction replaces what this call collected before; other sources of availability stay. */
export function replaceCallSlots(
  tx: SyncTx,
  origin: { meeting_request_id: number; lead_id: number; call_id: number; turn: number; raw_text: string; created_at: string },
  slots: Slot[],
  options: { replacing: boolean } = { replacing: true },
): void {
  if (options.replacing) tx.run(tx.db.deleteFrom('participant_availability').where('call_id', '=', origin.call_id));
  if (slots.length === 0) return;
  tx.run(
    tx.db.insertInto('participant_availability').values(
      slots.map((slot) => ({
        meeting_request_id: origin.meeting_request_id,
        lead_id: origin.lead_id,
        start_utc: new Date(slot.start).toISOString(),
        end_utc: new Date(slot.end).toISOString(),
        source: 'call',
        call_id: origin.call_id,
        turn: origin.turn,
        raw_text: origin.raw_text,
        created_at: origin.created_at,
      })),
    ),
  );
}
