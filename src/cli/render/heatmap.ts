// Day × hour heat map for `availability list`: one row per local day, one column per hour,
// cells shaded by the share of the busiest cell. Colour is opt-in so piped output stays plain.

import { Chalk } from 'chalk';
import { DateTime } from 'luxon';
import type { Heatmap, HeatmapDay } from '../../domain/heatmap.js';

export interface RenderHeatmapOptions {
  color: boolean;
  /** Local hours [from, to) to show; by default 07–21, widened to any hour where someone is free. */
  hours?: [number, number];
}

const SHADES = ['·', '░', '▒', '▓', '█'] as const;
const DEFAULT_HOURS: [number, number] = [7, 21];
const LABEL_WIDTH = 16;

export function renderHeatmap(heatmap: Heatmap, opts: RenderHeatmapOptions): string {
  if (heatmap.days.length === 0 || heatmap.max === 0) return 'No availability collected yet.';
  const chalk = new Chalk({ level: opts.color ? 1 : 0 });
  const paint: ((text: string) => string)[] = [chalk.gray, chalk.blue, chalk.cyan, chalk.green, chalk.greenBright];
  const [from, to] = opts.hours ?? widenToData(heatmap.days, DEFAULT_HOURS);

  const hours: number[] = [];
  for (let h = Math.max(0, from); h < Math.min(24, to); h++) hours.push(h);
  const header = ' '.repeat(LABEL_WIDTH) + hours.map((h) => String(h).padStart(2, '0')).join(' ');
  const rows = heatmap.days.map((day) => {
    const cells = hours.map((h) => {
      const level = shadeLevel(day.hours[h] ?? 0, heatmap.max);
      return (paint[level] ?? String)((SHADES[level] ?? ' ').repeat(2));
    });
    return formatDayLabel(day).padEnd(LABEL_WIDTH) + cells.join(' ');
  });
  return [chalk.bold(header), ...rows, '', renderLegend(heatmap.max, paint)].join('\n');
}

/** 0 for nobody, else 1–4 by quarter of the maximum, so a lone free lead still shows. */
function shadeLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.ceil((count / max) * 4));
}

function widenToData(days: readonly HeatmapDay[], [from, to]: [number, number]): [number, number] {
  let lo = from;
  let hi = to;
  for (const day of days) {
    day.hours.forEach((count, h) => {
      if (count > 0) {
        lo = Math.min(lo, h);
        hi = Math.max(hi, h + 1);
      }
    });
  }
  return [lo, hi];
}

function formatDayLabel(day: HeatmapDay): string {
  const label = DateTime.fromISO(day.date, { zone: 'utc' }).setLocale('en-US').toFormat('ccc d LLL');
  return day.hours_in_day === 24 ? label : `${label} (${day.hours_in_day}h)`;
}

/** Which counts each shade stands for, skipping shades no whole count can reach. */
function renderLegend(max: number, paint: ((text: string) => string)[]): string {
  const parts = [`${(paint[0] ?? String)(SHADES[0])} 0`];
  for (let level = 1; level <= 4; level++) {
    const low = Math.floor(((level - 1) * max) / 4) + 1;
    const high = Math.floor((level * max) / 4);
    if (high < low) continue;
    const range = low === high ? `${low}` : `${low}–${high}`;
    parts.push(`${(paint[level] ?? String)(SHADES[level] ?? ' ')} ${range}`);
  }
  return `${parts.join('  ')}  leads free (max ${max})`;
}
