import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../connection.js';
import type { CampaignTable, LeadTable } from '../schema.js';

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

/** Inserts in chunks (SQLite caps bound parameters per statement). */
export async function insertLeads(db: Db, rows: Insertable<LeadTable>[], onChunk?: (done: number) => void): Promise<void> {
  const chunk = 500;
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

export async function listLeadsOfMeeting(db: Db, meetingId: number): Promise<LeadRow[]> {
  return db.selectFrom('leads').selectAll().where('meeting_request_id', '=', meetingId).orderBy('id').execute();
}

export function leadById(db: Db, id: number) {
  return db.selectFrom('leads').selectAll().where('id', '=', id);
}

export async function findLead(db: Db, id: number): Promise<LeadRow | undefined> {
  return leadById(db, id).executeTakeFirst();
}
