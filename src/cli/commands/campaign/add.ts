import type { Command } from 'commander';
import type { RawLead } from '../../../domain/leads.js';
import type { Io } from '../../io.js';
import { emit, globalsOf, parseId, withContext } from '../../runtime.js';

interface Flags {
  meeting?: string;
  name?: string;
  leads?: string;
  lead: string[];
}

export function registerCampaignAdd(parent: Command, io: Io): void {
  parent
    .command('add')
    .description('attach leads to a meeting (all or nothing: one bad row rejects the import, listing every problem)')
    .requiredOption('--meeting <id>', 'meeting id')
    .requiredOption('--name <name>', 'campaign name; adding to an existing name appends to that campaign')
    .option('--leads <file>', 'JSON array or CSV with a header row: name, phone, email, timezone')
    .option(
      '--lead <csv>',
      'one lead as "Name,+15551234567,email,America/New_York" (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .addHelpText(
      'after',
      `
Phone numbers are normalised to E.164 (numbers without a country code are read as US);
timezones must be IANA names. Duplicates are skipped and counted; numbers on the
do-not-call list are added as opted out and never dialed.

Examples:
  $ callbook campaign add --meeting 1 --name "March wave" --leads leads.csv
  $ callbook campaign add --meeting 1 --name "March wave" --lead "Ana Ruiz,+15551234567,ana@example.com,America/Chicago"`,
    )
    .action(async (flags: Flags, command: Command) => {
      const globals = globalsOf(command);
      const meetingId = parseId(flags.meeting, '--meeting');
      const { parseLeadFlag, parseLeadsFile } = await import('../../../domain/leads.js');
      const leads: { raw: RawLead; where: string }[] = [];
      if (flags.leads) {
        const file = flags.leads;
        let text: string;
        try {
          text = await io.readFile(file);
        } catch (error) {
          const { badInput } = await import('../../../errors.js');
          throw badInput([
            { field: '--leads', message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` },
          ]);
        }
        const isJson = /^\s*[[{]/.test(text.replace(/^\uFEFF/, ''));
        for (const [i, raw] of parseLeadsFile(text, file).entries())
          leads.push({ raw, where: isJson ? `${file}[${i}]` : `${file} row ${i + 2}` });
      }
      for (const [i, text] of flags.lead.entries()) leads.push({ raw: parseLeadFlag(text), where: `--lead #${i + 1}` });
      const { addCampaign } = await import('../../../services/campaigns.js');
      const { progressBar } = await import('../../render/campaigns.js');
      const showProgress = io.stderrIsTTY && !globals.json && leads.length >= 500;
      const result = await withContext(io, globals, (ctx) =>
        addCampaign(ctx, { meeting_request_id: meetingId, name: flags.name ?? '', leads }, (done, total) => {
          if (showProgress) io.stderr(`\r${progressBar(done, total)}${done === total ? '\n' : ''}`);
        }),
      );
      await emit(io, globals, result, async () => (await import('../../render/campaigns.js')).renderCampaignAdded);
    });
}
