import type { Command } from 'commander';
import { COMMAND_DESCRIPTIONS } from '../../descriptions.js';
import type { Io } from '../../io.js';
import { registerCampaignAdd } from './add.js';
import { registerCampaignList, registerCampaignShow } from './list.js';

export function registerCampaign(program: Command, io: Io): void {
  const campaign = program.command('campaign').description(COMMAND_DESCRIPTIONS.campaign);
  registerCampaignAdd(campaign, io);
  registerCampaignList(campaign, io);
  registerCampaignShow(campaign, io);
}
