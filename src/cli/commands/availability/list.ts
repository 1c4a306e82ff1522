import type { Command } from 'commander';
import type { LeadAvailability } from '../../../services/availability-list.js';
import type { Io } from '../../io.js';
import { addListOptions, applyListOptions, type ListFlags, listOptionsOf } from '../../render/list.js';
import { emit, globalsOf, parseId, withContext } from '../../runtime.js';

const FILTERS = { lead: true, since: 'leads with a free slot starting at or after' };

/**
 * Node queues what a pipe cannot take yet: without waiting, a slow reader (`| less`, a parent
 * process) lets the whole output pile up in memory. The function returned resolves once the
 * process's stdout has room again or its reader is gone (`| head`: watched from the start, as
 * the stream does not always say so later); undefined when there is room now, or when io writes
 * elsewhere (tests).
 */
function stdoutRoom(): () => Promise<void> | undefined {
  const out = process.stdout;
  let gone = false;
  let wake: (() => void) | null = null;
  const onGone = () => {
    gone = true;
    wake?.();
  };
  out.on('error', onGone);
  out.on('close', onGone);
  return () => {
    if (gone || !out.writableNeedDrain || out.destroyed) return undefined;
    return new Promise<void>((resolve) => {
      wake = () => {
        wake = null;
        out.off('drain', done);
        resolve();
      };
      const done = () => wake?.();
      out.on('drain', done);
    });
  };
}

export function registerAvailabilityList(parent: Command, io: Io): void {
  const command = parent
    .command('list')
    .description("what was collected, per lead, and a day × hour heat map in the owner's timezone")
    .requiredOption('--meeting <id>', 'meeting id')
    .addHelpText(
      'after',
      '\nExamples:\n  $ callbook availability list --meeting 1\n  $ callbook availability list --meeting 1 --lead 7 --json',
    );
  addListOptions(command, FILTERS).action(async (flags: ListFlags & { meeting?: string }, cmd: Command) => {
    const globals = globalsOf(cmd);
    const meetingId = parseId(flags.meeting, '--meeting');
    const list = listOptionsOf(flags, io, globals, FILTERS);
    // --since keeps the leads free at or after it; the heat map still counts everyone.
    const latest = (l: LeadAvailability) =>
      l.slots
        .map((s) => s.end)
        .sort()
        .at(-1) ?? null;
    if (globals.json) {
      // Streamed as the rows are read (the same text as the whole list printed at once): a
      // meeting's 100k leads and their slots never sit in memory together.
      const since = list.since === null ? null : Date.parse(list.since);
      const matches = (l: LeadAvailability) =>
        (list.lead === null || l.lead_id === list.lead) && (since === null || Date.parse(latest(l) ?? '') >= since);
      const { writeAvailabilityJson } = await import('../../../services/availability-list.js');
      const room = stdoutRoom();
      await withContext(io, globals, (ctx) =>
        writeAvailabilityJson(
          ctx,
          meetingId,
          (chunk) => {
            io.stdout(chunk);
            return room();
          },
          { matches, offset: list.offset, limit: list.limit },
        ),
      );
      return;
    }
    const { listAvailability } = await import('../../../services/availability.js');
    const result = await withContext(io, globals, (ctx) => listAvailability(ctx, meetingId));
    const listed = applyListOptions(result.leads, list, { lead: (l) => l.lead_id, at: latest });
    await emit(io, globals, { ...result, leads: listed.items }, async () => {
      const { renderAvailabilityList } = await import('../../render/availability.js');
      return () => renderAvailabilityList(result, { color: io.color }, listed);
    });
  });
}
