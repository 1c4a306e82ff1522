import { type Insertable, type Selectable, sql } from 'kysely';
import { parseUtcMs } from '../../domain/zoned-iso.js';
import type { Db } from '../connection.js';
import { allRows, forEachRowById, idSpanOf } from '../row-iterator.js';
import type { ParticipantAvailabilityTable } from '../schema.js';

export type AvailabilityRow = Selectable<ParticipantAvailabilityTable>;

export async function insertAvailability(db: Db, rows: Insertable<ParticipantAvailabilityTable>[]): Promise<void> {
  if (rows.length === 0) return;
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('participant_availability')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function listAvailabilityOfMeeting(db: Db, meetingId: number): Promise<AvailabilityRow[]> {
  return db
    .selectFrom('participant_availability')
    .selectAll()
    .where('meeting_request_id', '=', meetingId)
    .orderBy('lead_id')
    .orderBy('start_utc')
    .execute();
}

/**
 * Each offered interval of the meeting in the order it was stored (response order), as epoch ms,
 * read by id straight from the table where the meeting's slots fill their id span.
 */
export async function forEachIntervalOfMeeting(
  db: Db,
  meetingId: number,
  each: (leadId: number, start: number, end: number) => void,
): Promise<void> {
  const span = idSpanOf(
    await db
      .selectFrom('participant_availability')
      .select((eb) => [eb.fn.countAll().as('count'), eb.fn.min('id').as('first'), eb.fn.max('id').as('last')])
      .where('meeting_request_id', '=', meetingId)
      .executeTakeFirst(),
  );
  await forEachRowById(
    db,
    span,
    (range) => {
      const query = db.selectFrom('participant_availability').select(['lead_id', 'start_utc', 'end_utc']).orderBy('id');
      // `+ 0` keeps SQLite on the table's id order instead of the (meeting, lead) index and a sort.
      return range === null
        ? query.where('meeting_request_id', '=', meetingId)
        : query.where('id', '>=', range.from).where('id', '<=', range.to).where(sql<number>`meeting_request_id + 0`, '=', meetingId);
    },
    (row) => each(row[0] as number, parseUtcMs(row[1] as string), parseUtcMs(row[2] as string)),
  );
}

/** A slot as stored (the row as read): lead_id, start_utc, end_utc, source, raw_text. */
export type StoredSlot = [lead_id: number, start_utc: string, end_utc: string, source: string, raw_text: string | null];

/** A lead of the meeting that offered times, with its slots by start (equal starts in stored order). */
export interface LeadWithSlots {
  lead_id: number;
  name: string;
  timezone: string;
  state: string;
  slots: StoredSlot[];
}

/** Leads per batch: each batch is two queries whose rows are held until its leads are handed on. */
const LEADS_PER_BATCH = 2000;

/**
 * Each lead of the meeting that offered times, in id order, with its slots. Read in batches of
 * leads by id (the leads, then their slots through the (meeting, lead) index in lead order), so
 * memory is bounded by a batch and no query sorts the meeting's slots: one joined query ordered
 * by lead and start made SQLite sort all 300k rows of 100k leads before the first came out. A
 * promise `each` returns holds the next lead back.
 */
export async function forEachLeadWithSlots(db: Db, meetingId: number, each: (lead: LeadWithSlots) => void | Promise<void>): Promise<void> {
  let after = 0;
  for (;;) {
    // `+ 0` keeps SQLite on the id order of the table instead of the (meeting, state, …) index and a sort.
    const leads = await allRows(
      db,
      db
        .selectFrom('leads')
        .select(['id', 'name', 'timezone', 'state'])
        .where('id', '>', after)
        .where(sql<number>`meeting_request_id + 0`, '=', meetingId)
        .orderBy('id')
        .limit(LEADS_PER_BATCH),
    );
    const last = leads[leads.length - 1];
    if (!last) return;
    const slots = await allRows(
      db,
      db
        .selectFrom('participant_availability')
        .select(['lead_id', 'start_utc', 'end_utc', 'source', 'raw_text'])
        .where('meeting_request_id', '=', meetingId)
        .where('lead_id', '>=', leads[0]?.[0] as number)
        .where('lead_id', '<=', last[0] as number)
        .orderBy('lead_id')
        .orderBy('id'),
    );
    let l = 0;
    for (let i = 0; i < slots.length; ) {
      const leadId = slots[i]?.[0];
      const from = i;
      while (i < slots.length && slots[i]?.[0] === leadId) i++;
      while (l < leads.length && (leads[l]?.[0] as number) < (leadId as number)) l++;
      const lead = leads[l];
      // A slot whose lead is of another meeting is not this meeting's (as an inner join on both ids).
      if (!lead || lead[0] !== leadId) continue;
      const pending = each({
        lead_id: leadId as number,
        name: lead[1] as string,
        timezone: lead[2] as string,
        state: lead[3] as string,
        slots: sortByStart(slots.slice(from, i) as StoredSlot[]),
      });
      if (pending) await pending;
    }
    if (leads.length < LEADS_PER_BATCH) return;
    after = last[0] as number;
  }
}

/** Stable sort by start text: insertion sort for the handful of slots a lead has, in stored order. */
function sortByStart(slots: StoredSlot[]): StoredSlot[] {
  if (slots.length > 16) return slots.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  for (let i = 1; i < slots.length; i++) {
    const slot = slots[i] as StoredSlot;
    let j = i;
    while (j > 0 && (slots[j - 1] as StoredSlot)[1] > slot[1]) {
      slots[j] = slots[j - 1] as StoredSlot;
      j--;
    }
    slots[j] = slot;
  }
  return slots;
}
