import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseAvailabilityText, parseConstraintsText } from '../../src/parsing/heuristic/index.js';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/parsing/${name}`, import.meta.url), 'utf8'));
const instant = (iso: string) => DateTime.fromISO(iso).toMillis();

describe('availability corpus', () => {
  const cases = load('availability.json') as Array<{
    id: string;
    category: string;
    text: string;
    timezone: string;
    now: string;
    window_start: string;
    window_end: string;
    duration_minutes: number;
    expected: { intent: string; slots: Array<{ start: string; end: string }> };
  }>;
  it('has at least 150 labelled cases across at least four zones', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(new Set(cases.map((c) => c.timezone)).size).toBeGreaterThanOrEqual(4);
  });
  it.each(cases.map((c) => [`${c.id} [${c.category}] ${c.text}`, c] as const))('%s', (_name, c) => {
    const result = parseAvailabilityText(c);
    expect(result.intent).toBe(c.expected.intent);
    // Slots are printed with the lead's offset, so the strings must match exactly, not just the instants.
    expect(result.slots).toEqual(c.expected.slots);
    for (const s of result.slots) expect(instant(s.end) - instant(s.start)).toBeGreaterThanOrEqual(c.duration_minutes * 60_000);
  });
});

describe('constraints corpus', () => {
  const cases = load('constraints.json') as Array<{
    id: string;
    category: string;
    text: string;
    timezone: string;
    now: string;
    expected: {
      window_start: string;
      window_end: string;
      default_window: boolean;
      excluded_days: string[];
      days_of_week: string[];
      time_of_day: string[];
      time_ranges: Array<{ start: string; end: string }>;
    };
  }>;
  it('has at least 40 labelled cases', () => expect(cases.length).toBeGreaterThanOrEqual(40));
  it.each(cases.map((c) => [`${c.id} [${c.category}] ${c.text}`, c] as const))('%s', (_name, c) => {
    const r = parseConstraintsText(c);
    const e = c.expected;
    expect(r.hard_constraints.window_start).toBe(e.window_start);
    expect(r.hard_constraints.window_end).toBe(e.window_end);
    expect(r.hard_constraints.timezone).toBe(c.timezone);
    expect(r.hard_constraints.excluded_days).toEqual(e.excluded_days);
    expect(r.soft_constraints.days_of_week).toEqual(e.days_of_week);
    expect(r.soft_constraints.time_of_day).toEqual(e.time_of_day);
    expect(r.soft_constraints.time_ranges).toEqual(e.time_ranges);
    expect(r.default_window).toBe(e.default_window);
    expect(r.source).toBe('heuristic');
  });
});
