import { type Insertable, type Selectable, sql } from 'kysely';
import type { Db } from '../connection.js';
import { inLeadsWriteTransaction } from '../dialect.js';
import { forEachRowById, idSpanOf } from '../row-iterator.js';
import type { CampaignTable, LeadTable } from '../schema.js';
import { type RawConnection, rawConnectionOf } from '../sync.js';

export type CampaignRow = Selectable<CampaignTable>;
export type LeadRow = Selectable<LeadTable>;

export async function findCampaignByName(db: Db, meetingId: number, name: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaigns').selectAll().where('meeting_request_id', '=', meetingId).where('name', '=', name).executeTakeFirst();
}

export async function insertCampaign(db: Db, row: Insertable<CampaignTable>): Promise<CampaignRow> {
  return db.insertInto('campaigns').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findCampaign(db: Db, id: number): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCampaigns(db: Db, meetingId: number | null): Promise<(CampaignRow & { leads: number })[]> {
  let query = db
    .selectFrom('campaigns')
    .leftJoin('leads', 'leads.campaign_id', 'campaigns.id')
    .selectAll('campaigns')
    .select((eb) => eb.fn.count<number>('leads.id').as('leads'))
    .groupBy('campaigns.id')
    .orderBy('campaigns.id');
  if (meetingId !== null) query = query.where('campaigns.meeting_request_id', '=', meetingId);
  return (await query.execute()).map((row) => ({ ...row, leads: Number(row.leads) }));
}

export async function findPhonesInCampaign(db: Db, campaignId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('leads').select('phone').where('campaign_id', '=', campaignId).execute();
  return new Set(rows.map((r) => r.phone));
}

export async function countLeadsOfCampaign(db: Db, campaignId: number): Promise<number> {
  const row = await db
    .selectFrom('leads')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The first lead of each number among the meeting's campaigns (a number is one person per meeting). */
export async function findLeadsByPhoneInMeeting(
  db: Db,
  meetingId: number,
  phones: readonly string[],
): Promise<Map<string, { id: number; campaign_id: number }>> {
  const found = new Map<string, { id: number; campaign_id: number }>();
  for (let i = 0; i < phones.length; i += 500) {
    // By phone alone, so SQLite takes leads_phone_idx: with the meeting in the WHERE it would walk
    // the meeting's index, every lead of the meeting once per chunk (seconds at 100k leads).
    const rows = await db
      .selectFrom('leads')
      .select(['id', 'campaign_id', 'phone', 'meeting_request_id'])
      .where('phone', 'in', phones.slice(i, i + 500))
      .orderBy('id')
      .execute();
    for (const row of rows) {
      if (row.meeting_request_id === meetingId && !found.has(row.phone)) found.set(row.phone, { id: row.id, campaign_id: row.campaign_id });
    }
  }
  return found;
}

/**
 * A transaction that takes the write lock before its first read (SQLite's BEGIN IMMEDIATE; on
 * PostgreSQL a lock on leads, see dialect.ts): a check made inside it ("is this number already a
 * lead?") still holds when its writes land, even against another process importing at the same
 * moment. Kysely's transaction() begins deferred.
 */
export async function inWriteTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return inLeadsWriteTransaction(db, fn);
}

/**
 * Inserts the rows inside the caller's transaction. On a connection opened by openDatabase, one
 * statement compiled once and run per row on the same better-sqlite3 connection: Kysely parsing
 * and compiling a 500-row VALUES list took longer than SQLite storing it (seconds at 100k leads).
 * Every row must have the first row's columns.
 */
export async function insertLeads(
  db: Db,
  rows: Insertable<LeadTable>[],
  onChunk?: (done: number) => void,
  raw: RawConnection | undefined = rawConnectionOf(db),
): Promise<void> {
  const chunk = 500;
  const first = rows[0];
  if (!first) return;
  if (raw?.inTransaction) {
    const columns = Object.keys(first) as (keyof Insertable<LeadTable>)[];
    // Nulls, not undefined, so Kysely keeps every column in the statement, in this order.
    const shape = Object.fromEntries(columns.map((c) => [c, first[c] ?? null])) as Insertable<LeadTable>;
    const statement = raw.prepare(db.insertInto('leads').values(shape).compile().sql);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as Insertable<LeadTable>;
      statement.run(...columns.map((c) => row[c] ?? null));
      if ((i + 1) % chunk === 0 || i + 1 === rows.length) onChunk?.(i + 1);
    }
    return;
  }
  for (let i = 0; i < rows.length; i += chunk) {
    await db
      .insertInto('leads')
      .values(rows.slice(i, i + chunk))
      .execute();
    onChunk?.(Math.min(i + chunk, rows.length));
  }
}

export async function listLeadsOfCampaign(db: Db, campaignId: number): Promise<LeadRow[]> {
  return db.selectFrom('leads').selectAll().where('campaign_id', '=', campaignId).orderBy('id').execute();
}

/** The lowest and highest lead id of the campaign (its leads lie in that id range), or null when it has none. */
export async function leadSpanOfCampaign(db: Db, campaignId: number): Promise<{ first: number; last: number } | null> {
  // The (campaign_id, phone) index covers this: no lead row is read.
  const row = await db
    .selectFrom('leads')
    .select((eb) => [eb.fn.min<number>('id').as('first'), eb.fn.max<number>('id').as('last')])
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  return row && row.first !== null && row.last !== null ? { first: Number(row.first), last: Number(row.last) } : null;
}

type LeadSpan = { first: number; last: number };

/**
 * The campaign's leads, walked in id order over its id range. `campaign_id + 0` keeps SQLite off
 * the (campaign_id, phone) index: through it, every lead of the campaign was looked up and then
 * sorted by id before the first row of a page (0.7 s for the last page of 100k leads).
 */
function leadsInSpan(db: Db, campaignId: number, span: LeadSpan) {
  return db
    .selectFrom('leads')
    .where('id', '>=', span.first)
    .where('id', '<=', span.last)
    .where(sql<number>`campaign_id + 0`, '=', campaignId);
}

/** How many of the campaign's leads are in each state, states in the order their first lead was added. */
export async function countLeadStatesOfCampaign(db: Db, campaignId: number, span: LeadSpan): Promise<Record<string, number>> {
  const rows = await leadsInSpan(db, campaignId, span)
    .select((eb) => ['state', eb.fn.countAll<number>().as('n'), eb.fn.min('id').as('first')])
    .groupBy('state')
    .orderBy('first')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

export interface LeadPageQuery {
  /** null: every lead after the offset. */
  limit: number | null;
  offset: number;
  /** null: leads in any state. */
  state: string | null;
}

/** One page of a campaign's leads in id order, cut by SQLite: rows after the page are never read. */
export async function pageLeadsOfCampaign(db: Db, campaignId: number, span: LeadSpan, page: LeadPageQuery): Promise<LeadRow[]> {
  let query = leadsInSpan(db, campaignId, span).selectAll();
  // Not through the (meeting, state) index either, for the same reason.
  if (page.state !== null) query = query.where(sql<string>`state || ''`, '=', page.state);
  query = query.orderBy('id');
  // SQLite takes OFFSET only after a LIMIT (both engines take this one as "no limit").
  if (page.limit !== null || page.offset > 0) query = query.limit(page.limit ?? Number.MAX_SAFE_INTEGER).offset(page.offset);
  return query.execute();
}

export async function listLeadsOfMeeting(db: Db, meetingId: number): Promise<LeadRow[]> {
  return db.selectFrom('leads').selectAll().where('meeting_request_id', '=', meetingId).orderBy('id').execute();
}

/** What confirm needs of a lead: who to book and how to reach them. */
export type LeadContact = Pick<LeadRow, 'id' | 'name' | 'email' | 'phone' | 'timezone' | 'state'>;

/** What confirm reads of every lead of the meeting: whether it may be booked, and its name and zone. */
export type LeadToBook = Pick<LeadRow, 'id' | 'name' | 'timezone' | 'state'>;

/**
 * The meeting's leads in id order with only the columns confirm reads of each (a lead row has
 * two dozen; the contact fields are read for the attendees alone), by id straight from the table
 * where the meeting's leads fill their id span.
 */
export async function listLeadsToBookOfMeeting(db: Db, meetingId: number): Promise<LeadToBook[]> {
  const span = idSpanOf(
    await db
      .selectFrom('leads')
      .select((eb) => [eb.fn.countAll().as('count'), eb.fn.min('id').as('first'), eb.fn.max('id').as('last')])
      .where('meeting_request_id', '=', meetingId)
      .executeTakeFirst(),
  );
  const leads: LeadToBook[] = [];
  await forEachRowById(
    db,
    span,
    (range) => {
      const query = db.selectFrom('leads').select(['id', 'name', 'timezone', 'state']).orderBy('id');
      // `+ 0` keeps SQLite on the table's id order instead of the (meeting, state, …) index and a sort.
      return range === null
        ? query.where('meeting_request_id', '=', meetingId)
        : query.where('id', '>=', range.from).where('id', '<=', range.to).where(sql<number>`meeting_request_id + 0`, '=', meetingId);
    },
    (r) => {
      leads.push({ id: r[0] as number, name: r[1] as string, timezone: r[2] as string, state: r[3] as string });
    },
  );
  return leads;
}

/** The contact fields of these leads of the meeting (ids of other meetings' leads are left out). */
export async function listLeadContacts(db: Db, meetingId: number, ids: readonly number[]): Promise<Map<number, LeadContact>> {
  const contacts = new Map<number, LeadContact>();
  const wanted = [...new Set(ids)];
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db
      .selectFrom('leads')
      .select(['id', 'name', 'email', 'phone', 'timezone', 'state'])
      .where('id', 'in', wanted.slice(i, i + 500))
      .where('meeting_request_id', '=', meetingId)
      .execute();
    for (const row of rows) contacts.set(row.id, row);
  }
  return contacts;
}

export function leadById(db: Db, id: number) {
  return db.selectFrom('leads').selectAll().where('id', '=', id);
}

export async function findLead(db: Db, id: number): Promise<LeadRow | undefined> {
  return leadById(db, id).executeTakeFirst();
}
