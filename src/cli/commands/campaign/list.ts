import type { Command } from 'commander';
import type { Io } from '../../io.js';
import { addListOptions, type ListFlags, listOptionsOf } from '../../render/list.js';
import { emit, globalsOf, parseId, withContext } from '../../runtime.js';

const LEAD_FILTERS = {
  states: [
    'pending',
    'calling',
    'responded',
    'no_answer',
    'busy',
    'voicemail',
    'call_back',
    'failed',
    'opted_out',
    'not_interested',
    'exhausted',
    'removed',
  ],
};

export function registerCampaignList(parent: Command, io: Io): void {
  parent
    .command('list')
    .description('campaigns and how many leads each has')
    .option('--meeting <id>', 'only the campaigns of this meeting')
    .action(async (flags: { meeting?: string }, command: Command) => {
      const globals = globalsOf(command);
      const meetingId = flags.meeting === undefined ? null : parseId(flags.meeting, '--meeting');
      const { listCampaignsOf } = await import('../../../services/campaigns.js');
      const campaigns = await withContext(io, globals, (ctx) => listCampaignsOf(ctx, meetingId));
      await emit(io, globals, campaigns, async () => (await import('../../render/campaigns.js')).renderCampaignList);
    });
}

export function registerCampaignShow(parent: Command, io: Io): void {
  const show = parent
    .command('show')
    .description("a campaign's leads and their state (pending, calling, responded, no_answer, opted_out, …)")
    .argument('<id>', 'campaign id')
    .addHelpText(
      'after',
      '\nExamples:\n  $ callbook campaign show 1 --state no_answer\n  $ callbook campaign show 1 --limit 20 --offset 40',
    );
  addListOptions(show, LEAD_FILTERS).action(async (id: string, flags: ListFlags, command: Command) => {
    const globals = globalsOf(command);
    const campaignId = parseId(id, 'id');
    const list = listOptionsOf(flags, io, globals, LEAD_FILTERS);
    const { showCampaign } = await import('../../../services/campaigns.js');
    // Paged and filtered by SQLite: a page of a 100k-lead campaign reads that page only.
    const campaign = await withContext(io, globals, (ctx) =>
      showCampaign(ctx, campaignId, { limit: list.limit, offset: list.offset, state: list.state }),
    );
    const listed = { items: campaign.leads, total: campaign.total, offset: campaign.offset, more: campaign.more };
    await emit(io, globals, campaign, async () => {
      const { renderCampaign } = await import('../../render/campaigns.js');
      return () => renderCampaign(campaign, listed);
    });
  });
}
