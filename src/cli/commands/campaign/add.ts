import type { Command } from 'commander';
import type { RawLead } from '../../../domain/leads.js';
import type { Io } from '../../io.js';
import { emit, globalsOf, parseId, withContext } from '../../runtime.js';

interface Flags {
  meeting?: string;
  name?: string;
  leads?: string;
  lead: string[];
  consent?: string;
}

export function registerCampaignAdd(parent: Command, io: Io): void {
  parent
    .command('add')
    .description('attach leads to a meeting (all or nothing: one bad row rejects the import, listing every problem)')
    .requiredOption('--meeting <id>', 'meeting id')
    .requiredOption('--name <name>', 'campaign name; adding to an existing name appends to that campaign')
    .option('--leads <file>', 'JSON array or CSV with a header row: name, phone, email, timezone[, consent_source, consent_at]')
    .option(
      '--lead <csv>',
      'one lead as "Name,+15551234567,email,America/New_York[,consent source,consent at]" (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option('--consent <text>', 'consent for every lead without its own: "SOURCE DATE", e.g. "web form 2026-02-01"')
    .addHelpText(
      'after',
      `
Phone numbers are normalised to E.164 (numbers without a country code are read as US).
Timezones must be IANA zones of a place (America/Chicago, not CST, UTC or Etc/GMT+6); links
such as US/Eastern become America/New_York; an empty zone is filled in when the number's
country has a single zone. A number is one person per meeting: a number already a lead in any
campaign of the meeting is skipped and reported as a duplicate of that lead. Numbers on the
do-not-call list are added as opted out and never dialed. Consent (for real calls) comes from
the columns consent_source and consent_at (ISO date or date-time), or --consent for the rest.

Examples:
  $ callbook campaign add --meeting 1 --name "March wave" --leads leads.csv --consent "web form 2026-02-01"
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
        addCampaign(
          ctx,
          { meeting_request_id: meetingId, name: flags.name ?? '', leads, consent: flags.consent ?? null, consent_field: '--consent' },
          (done, total) => {
            if (showProgress) io.stderr(`\r${progressBar(done, total)}${done === total ? '\n' : ''}`);
          },
        ),
      );
      await emit(io, globals, result, async () => (await import('../../render/campaigns.js')).renderCampaignAdded);
    });
}
