import type { Command } from 'commander';
import { badInput } from '../../errors.js';
import type { DialedCall } from '../../services/place-call.js';
import { COMMAND_DESCRIPTIONS } from '../descriptions.js';
import type { Io } from '../io.js';
import { emit, globalsOf, parseId, parseIntFlag, withContext } from '../runtime.js';

export interface ServeFlags {
  port?: string;
  baseUrl?: string;
}

export const PORT_HELP = 'where `callbook serve --simulate` listens on 127.0.0.1 (default 8787)';
export const BASE_URL_HELP = 'the address of `callbook serve` (overrides PUBLIC_BASE_URL), e.g. http://127.0.0.1:8787';

/** --port / --base-url → where `serve` is, or null for the default (PUBLIC_BASE_URL, else 127.0.0.1:8787). */
export function serveLocation(flags: ServeFlags): string | null {
  if (flags.port !== undefined && flags.baseUrl !== undefined) {
    throw badInput([{ field: '--port', message: 'give --port or --base-url, not both' }]);
  }
  const port = parseIntFlag(flags.port, '--port', 1, 65535);
  if (port !== undefined) return `http://127.0.0.1:${port}`;
  if (flags.baseUrl === undefined) return null;
  let url: URL | null = null;
  try {
    url = new URL(flags.baseUrl);
  } catch {}
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw badInput([
      { field: '--base-url', message: `expected an absolute http(s) URL such as http://127.0.0.1:8787, got "${flags.baseUrl}"` },
    ]);
  }
  return flags.baseUrl.replace(/\/+$/, '');
}

function renderCall(c: DialedCall): string {
  return [
    `Call ${c.call_id} placed to lead ${c.lead_id} (${c.name}, ${c.phone}) via ${c.provider}: ${c.call_sid}`,
    `  their local time: ${c.local_time_at_dial}`,
    `  script: ${c.script_source}`,
    ...c.checks.map((check) => `  ok: ${check}`),
    '',
    `Follow it with: callbook campaign show <campaign id>`,
  ].join('\n');
}

export function registerCall(program: Command, io: Io): void {
  program
    .command('call')
    .description(COMMAND_DESCRIPTIONS.call)
    .option('--meeting <id>', 'meeting id')
    .option('--lead <id>', 'lead id (see `callbook campaign show ID`)')
    .option('--simulate', 'dial through the local simulator; needs `callbook serve --simulate` running')
    .option('--port <n>', PORT_HELP)
    .option('--base-url <url>', BASE_URL_HELP)
    .addHelpText(
      'after',
      `
Places one call now, even before the lead's retry delay has passed. Calling hours in the
lead's timezone, the do-not-call list, opt-outs and the attempt limit still apply: the command
refuses with the reason (exit code 4). Real calls need TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN,
TWILIO_PHONE_NUMBER and TWILIO_VOICE_WEBHOOK_URL, and \`callbook serve\` reachable there, and
a consent record for the lead (CALLBOOK_REQUIRE_CONSENT). With --simulate, serve must answer
GET /healthz at --port / --base-url first (exit code 6 otherwise; no lead is touched).

Example:
  $ callbook call --meeting 1 --lead 3`,
    )
    .action(async (flags: { meeting?: string; lead?: string; simulate?: boolean } & ServeFlags, command: Command) => {
      const globals = globalsOf(command);
      const missing = (['meeting', 'lead'] as const).filter((name) => flags[name] === undefined);
      if (missing.length > 0) throw badInput(missing.map((name) => ({ field: `--${name}`, message: 'required' })));
      const input = {
        meeting_request_id: parseId(flags.meeting, '--meeting'),
        lead_id: parseId(flags.lead, '--lead'),
        simulate: Boolean(flags.simulate),
        base_url: serveLocation(flags),
      };
      const { placeOneCall } = await import('../../services/place-one-call.js');
      const result = await withContext(io, globals, (ctx) => placeOneCall(ctx, input));
      await emit(io, globals, result, async () => renderCall);
    });
}
