import type { TimeSpan } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;
// Dates are compared as calendar days, before any zone is known: two days of slack covers every
// zone (UTC-12 to UTC+14) and floating times read in any of them.
const SLACK_DAYS = 2;

/**
 * Drops single events that lie wholly outside `range` before node-ical parses them. A Google feed
 * carries the owner's whole history (thousands of past events) and parsing costs about a
 * millisecond per event; only the weeks being booked matter. Kept whatever their dates: anything
 * recurring or modifying a series (RRULE, RDATE, EXDATE, RECURRENCE-ID), anything whose end needs
 * DURATION arithmetic, and any UID that appears more than once (SEQUENCE decides which copy wins).
 */
export function dropEventsOutside(lines: string[], range: TimeSpan): string[] {
  const blocks = eventBlocks(lines);
  const uidCount = new Map<string, number>();
  for (const block of blocks) uidCount.set(block.uid, (uidCount.get(block.uid) ?? 0) + 1);
  const dropped = new Set<number>();
  const first = dayOf(range.start) - SLACK_DAYS;
  const last = dayOf(range.end) + SLACK_DAYS;
  for (const block of blocks) {
    if (block.uid === '' || (uidCount.get(block.uid) ?? 0) > 1) continue;
    const span = block.days;
    if (span !== null && (span.end < first || span.start > last)) for (let i = block.from; i <= block.to; i++) dropped.add(i);
  }
  return dropped.size === 0 ? lines : lines.filter((_, index) => !dropped.has(index));
}

interface EventBlock {
  from: number;
  to: number;
  uid: string;
  /** Calendar days (UTC day numbers) it touches, or null when it must be kept. */
  days: { start: number; end: number } | null;
}

function eventBlocks(lines: string[]): EventBlock[] {
  const blocks: EventBlock[] = [];
  let depth = 0;
  let current: { from: number; uid: string; start: number | null; end: number | null; keep: boolean } | null = null;
  lines.forEach((line, index) => {
    if (/^BEGIN:/i.test(line)) {
      depth++;
      if (depth === 2 && /^BEGIN:VEVENT\s*$/i.test(line)) current = { from: index, uid: '', start: null, end: null, keep: false };
      return;
    }
    if (/^END:/i.test(line)) {
      if (depth === 2 && current !== null) {
        const { from, uid, start, end, keep } = current;
        const days = keep || start === null ? null : { start, end: end ?? start + 1 };
        blocks.push({ from, to: index, uid, days });
        current = null;
      }
      depth--;
      return;
    }
    if (current === null || depth !== 2) return;
    const name = /^([A-Z-]+)[;:]/i.exec(line)?.[1]?.toUpperCase();
    if (name === 'UID') current.uid = line.slice(line.indexOf(':') + 1).trim();
    else if (name === 'RRULE' || name === 'RDATE' || name === 'EXDATE' || name === 'RECURRENCE-ID' || name === 'DURATION')
      current.keep = true;
    else if (name === 'DTSTART') current.start = dayOfValue(line);
    else if (name === 'DTEND') current.end = dayOfValue(line);
  });
  return blocks;
}

function dayOfValue(line: string): number | null {
  const match = /:(\d{4})(\d{2})(\d{2})(?:T\d{6}Z?)?\s*$/.exec(line);
  if (!match) return null;
  return Math.floor(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS);
}

function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}
