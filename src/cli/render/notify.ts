// Pure renderers for the outbox: `notify` and the notifications of `booking show`.
import chalk from 'chalk';
import type { NotifyResult } from '../../services/notify/send.js';
import type { NotificationView } from '../../services/notify/views.js';

const STATUS_COLOUR: Record<string, (s: string) => string> = {
  sent: chalk.green,
  pending: chalk.yellow,
  sending: chalk.yellow,
  failed: chalk.red,
  skipped: chalk.gray,
};

/** "#4 invite email ana@x.io (Ana Ruiz) sent, attempt 1" and the reason when there is one. */
export function renderNotificationLine(n: NotificationView): string {
  const colour = STATUS_COLOUR[n.status] ?? ((s: string) => s);
  const who = n.name && n.name !== n.recipient ? `${n.recipient} (${n.name})` : n.recipient;
  const tries = n.attempts > 0 ? `, ${n.attempts} attempt${n.attempts === 1 ? '' : 's'}` : '';
  const why = n.last_error ? `: ${n.last_error}` : '';
  return `#${n.id} ${n.kind} seq ${n.sequence} ${n.channel} ${who} ${colour(n.status)}${tries}${why}`;
}

export function renderNotificationList(list: NotificationView[]): string[] {
  return list.length === 0 ? ['    none'] : list.map((n) => `    ${renderNotificationLine(n)}`);
}

function outboxLine(outbox: Record<string, number>): string {
  const parts = ['pending', 'sending', 'sent', 'failed', 'skipped'].filter((s) => outbox[s]).map((s) => `${outbox[s]} ${s}`);
  return `Outbox: ${parts.length > 0 ? parts.join(', ') : 'empty'}.`;
}

export function renderNotify(r: NotifyResult): string {
  const lines: string[] = [];
  if (r.dry_run) {
    lines.push(r.would_send.length === 0 ? 'Nothing is due.' : `Would send ${r.would_send.length}:`);
    for (const n of r.would_send) lines.push(`  ${renderNotificationLine(n)}`);
    lines.push(outboxLine(r.outbox));
    return lines.join('\n');
  }
  const total = r.sent.length + r.retrying.length + r.failed.length + r.skipped.length;
  lines.push(
    total === 0
      ? 'Nothing to send.'
      : `Sent ${r.sent.length}, retrying ${r.retrying.length}, failed ${r.failed.length}, skipped ${r.skipped.length}.`,
  );
  for (const n of [...r.sent, ...r.retrying, ...r.failed, ...r.skipped]) lines.push(`  ${renderNotificationLine(n)}`);
  if (r.recovered > 0) lines.push(`Settled ${r.recovered} left 'sending' by a notify that stopped.`);
  lines.push(outboxLine(r.outbox));
  for (const w of r.warnings) lines.push(chalk.yellow(`warning: ${w}`));
  return lines.join('\n');
}
