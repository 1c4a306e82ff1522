import type { Command } from 'commander';
import type { Io } from '../../io.js';
import { emit, globalsOf, parseId, withContext } from '../../runtime.js';

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
  parent
    .command('show')
    .description("a campaign's leads and their state (pending, calling, responded, no_answer, opted_out, …)")
    .argument('<id>', 'campaign id')
    .action(async (id: string, _flags: object, command: Command) => {
      const globals = globalsOf(command);
      const campaignId = parseId(id, 'id');
      const { showCampaign } = await import('../../../services/campaigns.js');
      const campaign = await withContext(io, globals, (ctx) => showCampaign(ctx, campaignId));
      await emit(io, globals, campaign, async () => (await import('../../render/campaigns.js')).renderCampaign);
    });
}
