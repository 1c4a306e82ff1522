import type { Context } from '../context.js';
import { isoUtc } from '../context.js';
import {
  type CampaignRow,
  findCampaign,
  findCampaignByName,
  findPhonesInCampaign,
  insertCampaign,
  insertLeads,
  listCampaigns,
  listLeadsOfCampaign,
} from '../db/repos/campaigns.js';
import { findDoNotCall } from '../db/repos/do-not-call.js';
import { type RawLead, type ValidLead, validateLead } from '../domain/leads.js';
import { badInput, CallbookError, type FieldProblem, notFound } from '../errors.js';
import { requireMeeting } from './meetings.js';
import { type LeadView, toLeadView } from './views.js';

export interface AddCampaignInput {
  meeting_request_id: number;
  name: string;
  /** Each lead with where it came from (e.g. "leads.csv row 4"), for error messages. */
  leads: { raw: RawLead; where: string }[];
}

export interface AddCampaignResult {
  campaign_id: number;
  meeting_request_id: number;
  name: string;
  added: number;
  skipped_duplicates: number;
  do_not_call: number;
  total_leads: number;
}

/**
 * All or nothing: one bad row rejects the whole import with every problem listed, so a
 * fixed file can simply be imported again. Duplicates (in the file or already in the
 * campaign) are skipped and counted; numbers on the do-not-call list are added as opted out.
 */
export async function addCampaign(
  ctx: Context,
  input: AddCampaignInput,
  onProgress?: (done: number, total: number) => void,
): Promise<AddCampaignResult> {
  const name = input.name.trim();
  if (!name) throw badInput([{ field: 'name', message: 'expected a campaign name' }]);
  if (input.leads.length === 0)
    throw badInput([{ field: 'leads', message: 'expected at least one lead (--leads FILE or --lead "Name,+E164,email,Zone")' }]);
  const meeting = await requireMeeting(ctx, input.meeting_request_id);
  if (meeting.status !== 'open') {
    throw new CallbookError('conflict', `meeting ${meeting.id} is ${meeting.status}; leads can only be added to an open meeting`);
  }
  const problems: FieldProblem[] = [];
  const valid: ValidLead[] = [];
  for (const { raw, where } of input.leads) {
    const result = validateLead(raw, where);
    problems.push(...result.problems);
    if (result.lead) valid.push(result.lead);
  }
  if (problems.length > 0)
    throw badInput(problems.slice(0, 50), problems.length > 50 ? `${problems.length - 50} more problems not shown` : undefined);

  return ctx.db.transaction().execute(async (trx) => {
    const now = isoUtc(ctx.now());
    const campaign: CampaignRow =
      (await findCampaignByName(trx, meeting.id, name)) ??
      (await insertCampaign(trx, { meeting_request_id: meeting.id, name, created_at: now }));
    const seen = await findPhonesInCampaign(trx, campaign.id);
    const before = seen.size;
    const fresh = valid.filter((lead) => !seen.has(lead.phone) && seen.add(lead.phone));
    const dnc = await findDoNotCall(
      trx,
      fresh.map((l) => l.phone),
    );
    await insertLeads(
      trx,
      fresh.map((lead) => ({
        campaign_id: campaign.id,
        meeting_request_id: meeting.id,
        ...lead,
        state: dnc.has(lead.phone) ? 'opted_out' : 'pending',
        attempts: 0,
        outcome_detail: dnc.has(lead.phone) ? 'on the do-not-call list' : null,
        created_at: now,
        updated_at: now,
      })),
      (done) => onProgress?.(done, fresh.length),
    );
    return {
      campaign_id: campaign.id,
      meeting_request_id: meeting.id,
      name: campaign.name,
      added: fresh.length,
      skipped_duplicates: valid.length - fresh.length,
      do_not_call: dnc.size,
      total_leads: before + fresh.length,
    };
  });
}

export async function listCampaignsOf(ctx: Context, meetingId: number | null) {
  if (meetingId !== null) await requireMeeting(ctx, meetingId);
  return (await listCampaigns(ctx.db, meetingId)).map((c) => ({
    id: c.id,
    campaign_id: c.id,
    meeting_request_id: c.meeting_request_id,
    name: c.name,
    leads: c.leads,
    created_at: c.created_at,
  }));
}

export interface CampaignDetail {
  id: number;
  campaign_id: number;
  meeting_request_id: number;
  name: string;
  states: Record<string, number>;
  leads: LeadView[];
}

export async function showCampaign(ctx: Context, id: number): Promise<CampaignDetail> {
  const campaign = await findCampaign(ctx.db, id);
  if (!campaign) throw notFound('campaign', id);
  const leads = (await listLeadsOfCampaign(ctx.db, id)).map(toLeadView);
  const states: Record<string, number> = {};
  for (const lead of leads) states[lead.state] = (states[lead.state] ?? 0) + 1;
  return { id: campaign.id, campaign_id: campaign.id, meeting_request_id: campaign.meeting_request_id, name: campaign.name, states, leads };
}
