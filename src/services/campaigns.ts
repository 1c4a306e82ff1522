import type { Context } from '../context.js';
import { isoUtc } from '../context.js';
import {
  type CampaignRow,
  countLeadStatesOfCampaign,
  countLeadsOfCampaign,
  findCampaign,
  findCampaignByName,
  findLeadsByPhoneInMeeting,
  insertCampaign,
  insertLeads,
  inWriteTransaction,
  type LeadPageQuery,
  leadSpanOfCampaign,
  listCampaigns,
  pageLeadsOfCampaign,
} from '../db/repos/campaigns.js';
import { findDoNotCall } from '../db/repos/do-not-call.js';
import { rawConnectionOf } from '../db/sync.js';
import { controlCharacterIn, parseConsentFlag, type RawLead, type ValidLead, validateLeads } from '../domain/leads.js';
import { badInput, CallbookError, type FieldProblem, notFound } from '../errors.js';
import { requireMeeting } from './meetings.js';
import { type LeadView, toLeadView } from './views.js';

export interface AddCampaignInput {
  meeting_request_id: number;
  name: string;
  /** Each lead with where it came from (e.g. "leads.csv row 4"), for error messages. */
  leads: { raw: RawLead; where: string }[];
  /** "SOURCE DATE" (e.g. "web form 2026-02-01") for every row without its own consent columns. */
  consent?: string | null;
  /** The flag or field `consent` came from, for messages. */
  consent_field?: string;
}

export interface SkippedDuplicate {
  where: string;
  phone: string;
  /** The lead this number already is in the meeting (in this campaign or another). */
  duplicate_of_lead: number;
  campaign_id: number;
}

export interface AddCampaignResult {
  campaign_id: number;
  meeting_request_id: number;
  name: string;
  added: number;
  skipped_duplicates: number;
  duplicates: SkippedDuplicate[];
  do_not_call: number;
  total_leads: number;
  /** Empty zones filled from the phone number's country (one zone there). */
  filled_timezones: number;
  with_consent: number;
  warnings: FieldProblem[];
}

/**
 * All or nothing: one bad row rejects the whole import with every problem listed, so a
 * fixed file can simply be imported again. A number is one person per meeting: a number
 * already among the meeting's leads (in any campaign) or earlier in the file is skipped and
 * reported with the lead it duplicates; numbers on the do-not-call list are added as opted out.
 */
export async function addCampaign(
  ctx: Context,
  input: AddCampaignInput,
  onProgress?: (done: number, total: number) => void,
): Promise<AddCampaignResult> {
  const name = input.name.trim();
  if (!name) throw badInput([{ field: 'name', message: 'expected a campaign name' }]);
  const control = controlCharacterIn(name);
  if (control) throw badInput([{ field: 'name', message: `contains a control character (${control}); expected plain text` }]);
  if (input.leads.length === 0)
    throw badInput([{ field: 'leads', message: 'expected at least one lead (--leads FILE or --lead "Name,+E164,email,Zone")' }]);
  const nowMs = ctx.now().toMillis();
  const consent = input.consent ? parseConsentFlag(input.consent, input.consent_field ?? 'consent', nowMs) : null;
  const meeting = await requireMeeting(ctx, input.meeting_request_id);
  if (meeting.status !== 'open') {
    throw new CallbookError('conflict', `meeting ${meeting.id} is ${meeting.status}; leads can only be added to an open meeting`);
  }
  const checked = validateLeads(input.leads, { consent, nowMs });
  const problems = checked.problems;
  if (problems.length > 0)
    throw badInput(problems.slice(0, 50), problems.length > 50 ? `${problems.length - 50} more problems not shown` : undefined);

  // The duplicate check and the inserts share one write-locked transaction: two imports at once
  // cannot both find a number absent and both add it.
  return inWriteTransaction(ctx.db, async (trx) => {
    const now = isoUtc(ctx.now());
    const campaign: CampaignRow =
      (await findCampaignByName(trx, meeting.id, name)) ??
      (await insertCampaign(trx, { meeting_request_id: meeting.id, name, created_at: now }));
    const phones = [...new Set(checked.leads.map((l) => l.lead.phone))];
    const existing = await findLeadsByPhoneInMeeting(trx, meeting.id, phones);
    const fresh: ValidLead[] = [];
    const repeats: { where: string; phone: string; row: number }[] = [];
    // Each duplicate with its row in the file, to list them in file order.
    const found: { row: number; duplicate: SkippedDuplicate }[] = [];
    const inFile = new Set<string>();
    for (const [row, { lead, where }] of checked.leads.entries()) {
      const earlier = existing.get(lead.phone);
      if (earlier)
        found.push({ row, duplicate: { where, phone: lead.phone, duplicate_of_lead: earlier.id, campaign_id: earlier.campaign_id } });
      else if (inFile.has(lead.phone)) repeats.push({ where, phone: lead.phone, row });
      else {
        inFile.add(lead.phone);
        fresh.push(lead);
      }
    }
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
      rawConnectionOf(ctx.db),
    );
    // A number repeated in the file duplicates the lead its first row just became.
    const added = repeats.length > 0 ? await findLeadsByPhoneInMeeting(trx, meeting.id, [...new Set(repeats.map((r) => r.phone))]) : null;
    for (const { where, phone, row } of repeats) {
      const lead = added?.get(phone);
      if (lead) found.push({ row, duplicate: { where, phone, duplicate_of_lead: lead.id, campaign_id: lead.campaign_id } });
    }
    const duplicates = found.sort((a, b) => a.row - b.row).map((f) => f.duplicate);
    return {
      campaign_id: campaign.id,
      meeting_request_id: meeting.id,
      name: campaign.name,
      added: fresh.length,
      skipped_duplicates: duplicates.length,
      duplicates,
      do_not_call: dnc.size,
      total_leads: await countLeadsOfCampaign(trx, campaign.id),
      filled_timezones: checked.filled_timezones,
      with_consent: fresh.filter((l) => l.consent_at !== null).length,
      warnings: checked.warnings,
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
  /** Every lead of the campaign by state, whatever page is shown. */
  states: Record<string, number>;
  /** The page asked for (all leads when no limit is given), in id order. */
  leads: LeadView[];
}

/** Where the page of `leads` lies among the campaign's matching leads. */
export interface CampaignPage {
  /** Leads matching the state filter (all leads without one), before offset and limit. */
  total: number;
  offset: number;
  /** Matching leads after this page. */
  more: number;
}

/** A page of the campaign's leads; paged and filtered in SQL, so a page of a 100k-lead campaign stays small. */
export async function showCampaign(ctx: Context, id: number, page: Partial<LeadPageQuery> = {}): Promise<CampaignDetail & CampaignPage> {
  const query: LeadPageQuery = { limit: page.limit ?? null, offset: page.offset ?? 0, state: page.state ?? null };
  if (query.limit !== null && (!Number.isSafeInteger(query.limit) || query.limit < 1))
    throw badInput([{ field: 'limit', message: `expected a whole number of at least 1, got ${query.limit}` }]);
  if (!Number.isSafeInteger(query.offset) || query.offset < 0)
    throw badInput([{ field: 'offset', message: `expected a whole number of at least 0, got ${query.offset}` }]);
  const campaign = await findCampaign(ctx.db, id);
  if (!campaign) throw notFound('campaign', id);
  const span = await leadSpanOfCampaign(ctx.db, id);
  const [states, rows] = span
    ? await Promise.all([countLeadStatesOfCampaign(ctx.db, id, span), pageLeadsOfCampaign(ctx.db, id, span, query)])
    : [{}, []];
  const total = query.state === null ? Object.values(states).reduce((a, b) => a + b, 0) : (states[query.state] ?? 0);
  const more = Math.max(0, total - query.offset - rows.length);
  return {
    id: campaign.id,
    campaign_id: campaign.id,
    meeting_request_id: campaign.meeting_request_id,
    name: campaign.name,
    states,
    leads: rows.map(toLeadView),
    total,
    offset: query.offset,
    more,
  };
}
