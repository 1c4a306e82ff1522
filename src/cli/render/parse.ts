import chalk from 'chalk';
import { DateTime } from 'luxon';
import type { Slot } from '../../domain/types.js';
import type { AvailabilityResult, ConstraintsResult } from '../../parsing/types.js';

function source(r: { source: string; fallback_reason: string | null }): string {
  return `parser: ${r.source}${r.fallback_reason ? ` (${r.fallback_reason})` : ''}`;
}

function unparsed(words: string[]): string[] {
  return words.length ? [chalk.yellow(`not understood: ${words.map((w) => `"${w}"`).join(', ')}`)] : [];
}

export function formatSlot(slot: Slot): string {
  const start = DateTime.fromISO(slot.start, { setZone: true });
  const end = DateTime.fromISO(slot.end, { setZone: true });
  const endText = end.hasSame(start, 'day') ? end.toFormat('HH:mm') : end.toFormat('ccc d LLL HH:mm');
  return `${start.toFormat('ccc d LLL yyyy HH:mm')}–${endText} (UTC${start.toFormat('ZZ')})`;
}

export function renderConstraints(r: ConstraintsResult): string {
  const h = r.hard_constraints;
  const s = r.soft_constraints;
  return [
    `window:      ${formatSlot({ start: h.window_start, end: h.window_end })} ${h.timezone}${r.default_window ? chalk.yellow(' (default: none was stated)') : ''}`,
    `never on:    ${h.excluded_days.join(', ') || '-'}`,
    // "-" when the instruction did not state them (the owner's then apply); "none" when what it said leaves nothing.
    `only hours:  ${h.working_hours === null ? '-' : h.working_hours.map((t) => `${t.start}-${t.end}`).join(', ') || 'none'}`,
    `only days:   ${h.working_days === null ? '-' : h.working_days.join(', ') || 'none'}`,
    `prefer days: ${s.days_of_week.join(', ') || '-'}`,
    `prefer time: ${[...s.time_of_day, ...s.time_ranges.map((t) => `${t.start}-${t.end}`)].join(', ') || '-'}`,
    ...unparsed(r.unparsed),
    chalk.dim(source(r)),
  ].join('\n');
}

export function renderAvailabilityParse(r: AvailabilityResult): string {
  const lines = [`intent: ${r.intent}`];
  if (r.slots.length === 0) lines.push('no availability slots');
  for (const slot of r.slots) lines.push(`  ${formatSlot(slot)}`);
  return [...lines, ...unparsed(r.unparsed), chalk.dim(source(r))].join('\n');
}
