import chalk from 'chalk';
import { DateTime } from 'luxon';
import type { Slot } from '../../domain/types.js';
import type { AvailabilityResult, ConstraintsResult } from '../../parsing/types.js';
import { formatSpan } from './dates.js';

function source(r: { source: string; fallback_reason: string | null }): string {
  return `parser: ${r.source}${r.fallback_reason ? ` (${r.fallback_reason})` : ''}`;
}

function unparsed(words: string[]): string[] {
  return words.length ? [chalk.yellow(`not understood: ${words.map((w) => `"${w}"`).join(', ')}`)] : [];
}

/**
 * A slot in `zone` (a person's own clock, whatever --tz says), or, when the zone is not known,
 * at the offset the ISO text carries ("UTC-4").
 */
export function formatSlot(slot: Slot, zone?: string): string {
  const own = zone ?? DateTime.fromISO(slot.start, { setZone: true }).zoneName ?? 'UTC';
  return formatSpan(slot.start, slot.end, own, { own: true });
}

export function renderConstraints(r: ConstraintsResult): string {
  const h = r.hard_constraints;
  const s = r.soft_constraints;
  return [
    `window:      ${formatSpan(h.window_start, h.window_end, h.timezone)} (${h.timezone})${r.default_window ? chalk.yellow(' (default: none was stated)') : ''}`,
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
