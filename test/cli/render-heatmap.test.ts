import { describe, expect, it } from 'vitest';
import { renderHeatmap } from '../../src/cli/render/heatmap.js';
import type { Heatmap, HeatmapDay } from '../../src/domain/heatmap.js';

function day(date: string, weekday: HeatmapDay['weekday'], counts: Record<number, number>, hoursInDay = 24): HeatmapDay {
  const hours = new Array<number>(24).fill(0);
  for (const [h, c] of Object.entries(counts)) hours[Number(h)] = c;
  return { date, weekday, hours, hours_in_day: hoursInDay };
}

const heatmap: Heatmap = {
  days: [day('2026-03-10', 'tue', { 9: 8, 10: 4, 11: 1 }), day('2026-03-08', 'sun', { 14: 2 }, 23)],
  max: 8,
};

describe('renderHeatmap', () => {
  it('shows a row per day and columns 07–20 by default, shaded by share of the maximum', () => {
    const out = renderHeatmap(heatmap, { color: false });
    const lines = out.split('\n');
    expect(lines[0]?.trim().split(/\s+/)).toEqual(['07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20']);
    expect(lines[1]).toMatch(/^Tue 10 Mar\s+·· ·· ██ ▒▒ ░░ ··/);
    expect(lines[2]).toMatch(/^Sun 8 Mar \(23h\)/);
    expect(out).toContain('leads free (max 8)');
    expect(out).not.toContain('\u001b[');
  });

  it('widens the columns to hours outside 07–21 where someone is free', () => {
    const early: Heatmap = { days: [day('2026-03-10', 'tue', { 5: 1, 22: 1 })], max: 1 };
    const header = renderHeatmap(early, { color: false }).split('\n')[0]?.trim().split(/\s+/);
    expect(header?.[0]).toBe('05');
    expect(header?.at(-1)).toBe('22');
  });

  it('honours an explicit hour range', () => {
    const header = renderHeatmap(heatmap, { color: false, hours: [9, 12] })
      .split('\n')[0]
      ?.trim();
    expect(header).toBe('09 10 11');
  });

  it('colours only when asked', () => {
    expect(renderHeatmap(heatmap, { color: true })).toContain('\u001b[');
  });

  it('says so when nothing has been collected', () => {
    expect(renderHeatmap({ days: [day('2026-03-10', 'tue', {})], max: 0 }, { color: false })).toBe('No availability collected yet.');
  });
});
