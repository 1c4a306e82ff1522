// What an operator sees of one lead (its calls, turns and the slots each turn understood) and the
// writes `lead reset` / `lead remove` make.
import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../connection.js';
import type { CallTable, CallTurnTable, LeadTable } from '../schema.js';

export async function listCallsOfLead(db: Db, leadId: number): Promise<Selectable<CallTable>[]> {
  return db.selectFrom('calls').selectAll().where('lead_id', '=', leadId).orderBy('id').execute();
}

export async function listTurnsOfLead(db: Db, leadId: number): Promise<Selectable<CallTurnTable>[]> {
  return db
    .selectFrom('call_turns')
    .innerJoin('calls', 'calls.id', 'call_turns.call_id')
    .selectAll('call_turns')
    .where('calls.lead_id', '=', leadId)
    .orderBy('call_turns.call_id')
    .orderBy('call_turns.turn')
    .execute();
}

/** Slots a call collected, with the turn that said them (UTC ISO). */
export async function listCallSlotsOfLead(
  db: Db,
  leadId: number,
): Promise<{ call_id: number | null; turn: number | null; start_utc: string; end_utc: string }[]> {
  return db
    .selectFrom('participant_availability')
    .select(['call_id', 'turn', 'start_utc', 'end_utc'])
    .where('lead_id', '=', leadId)
    .where('call_id', 'is not', null)
    .orderBy('start_utc')
    .execute();
}

/**
 * The lead's most recent call that may still be live: no final status and started after `since`
 * (UTC ISO), or, whatever its age, one that never got an id from the provider (`unconfirmed`)
 * and is still to be reconciled by a tick.
 */
export async function findOpenCallOfLead(
  db: Db,
  leadId: number,
  statuses: { final: readonly string[]; unconfirmed: readonly string[] },
  since: string,
): Promise<Selectable<CallTable> | undefined> {
  return db
    .selectFrom('calls')
    .selectAll()
    .where('lead_id', '=', leadId)
    .where((eb) =>
      eb.or([eb('status', 'in', statuses.unconfirmed), eb.and([eb('status', 'not in', statuses.final), eb('created_at', '>=', since)])]),
    )
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function updateLead(db: Db, id: number, patch: Updateable<LeadTable>): Promise<void> {
  await db.updateTable('leads').set(patch).where('id', '=', id).execute();
}
