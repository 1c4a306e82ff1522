// A part of the day ("evening", "tonight") and a clock said next to it without am/pm: the clock is read
// inside the part ("evening seven thirty" 19:30, "evenings after seven" 19:00–21:00).
import type { TimeItem } from './items.js';

/**
 * A bare clock next to a part of the day is read inside it: "evening seven thirty" is 19:30, "tomorrow
 * morning at 7" stays 07:00 (an hour before the morning counts). The part then gives way to the clock.
 */
export function placeInPart(alt: TimeItem[], item: TimeItem): TimeItem | null {
  const part = alt.find((t) => t.part && !t.open);
  if (!part || item.part || item.open || !item.bare) return null;
  const len = item.end - item.start;
  for (const shift of [0, 720, -720]) {
    const start = item.start + shift;
    // "nine tonight" starts as the evening ends: the part's end counts.
    if (start >= part.start - 60 && start <= part.end && start >= 0) return { ...item, start, end: Math.min(1440, start + len) };
  }
  return null;
}

/** "evenings after seven": an open bound said without am/pm moves into the part of the day it narrows. */
export function shiftOpenIntoPart(alt: TimeItem[], item: TimeItem): TimeItem {
  const part = alt.find((t) => t.part && !t.open);
  if (!part || !item.open || !item.bare || !item.bound) return item;
  const inside = (m: number) => m >= part.start && m <= part.end;
  const edge = item.bound === 'after' ? item.start : item.end;
  if (inside(edge) || !inside(edge + 720)) return item;
  return item.bound === 'after' ? { ...item, start: edge + 720, end: part.end } : { ...item, start: part.start, end: edge + 720 };
}
