// Every tick also sends what the outbox holds, after dialing. A notification problem never fails
// the tick: it is reported in the tick's result instead.
import type { Context } from '../../context.js';
import { type NotifyDeps, runNotify } from './send.js';

export interface TickNotifications {
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
  warnings: string[];
  /** Why the outbox could not be worked at all this tick; null when it was. */
  error: string | null;
}

export async function notifyAfterTick(ctx: Context, deps: NotifyDeps = {}): Promise<TickNotifications> {
  try {
    const r = await runNotify(ctx, { dry_run: false }, deps);
    return {
      sent: r.sent.length,
      retrying: r.retrying.length,
      failed: r.failed.length,
      skipped: r.skipped.length,
      warnings: r.warnings,
      error: null,
    };
  } catch (error) {
    return { sent: 0, retrying: 0, failed: 0, skipped: 0, warnings: [], error: error instanceof Error ? error.message : String(error) };
  }
}
