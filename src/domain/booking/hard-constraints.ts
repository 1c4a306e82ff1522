// The owner's hard constraints, applied to every start on the meeting's grid at once. The grid is
// built on the owner's wall clock (see buildGrid), so a DST day still offers 09:00, 09:15, …; each
// start gets a bit mask of the constraints that remove it, kept so reasons and `--explain` can name
// them instead of a bare "not possible". Busy intervals touch only the starts near them, so 500
// calendar events cost a few thousand steps, not events × slots.
import type { Grid } from '../optimizer-grid.js';
import { getWallDayOfWeek, getWallMinuteOfDay, MINUTE_MS } from '../slots.js';
import type { DayOfWeek, TimeRange } from '../types.js';
import { DAYS_OF_WEEK } from '../types.js';

/** Same shape as the calendar reader's BusyInterval: epoch ms, where it came from, its title. */
export interface BusyTime {
  start: number;
  end: number;
  source: string;
  summary: string | null;
}

export interface OwnerRules {
  /** Wall-clock ranges in the owner's zone; a meeting must fit wholly inside one of them. */
  working_hours: TimeRange[];
  working_days: DayOfWeek[];
  now: number;
  min_notice_minutes: number;
  /** Calendar events and the owner's other live bookings. */
  busy: BusyTime[];
  buffer_minutes: number;
}

/** Bits of AllowedStarts.blocks; a start is allowed when its mask is 0. */
export const BLOCK = {
  excludedDay: 1,
  notWorkingDay: 2,
  outsideHours: 4,
  notice: 8,
  busy: 16,
  buffer: 32,
} as const;

export interface AllowedStarts {
  blocks: Uint8Array;
  /** Index into rules.busy of the event behind a busy/buffer block (a real overlap first), else -1. */
  blockingBusy: Int32Array;
}

/** Rules that remove nothing: what findBestSlot used before owners had hours and calendars. */
export const NO_RULES: OwnerRules = {
  working_hours: [{ start: '00:00', end: '24:00' }],
  working_days: [...DAYS_OF_WEEK],
  now: Number.NEGATIVE_INFINITY,
  min_notice_minutes: 0,
  busy: [],
  buffer_minutes: 0,
};

export function computeAllowedStarts(grid: Grid, durationMs: number, excludedDays: readonly DayOfWeek[], rules: OwnerRules): AllowedStarts {
  const blocks = new Uint8Array(grid.size);
  const blockingBusy = new Int32Array(grid.size).fill(-1);
  const excluded = new Set(excludedDays);
  const workingDays = new Set(rules.working_days);
  const ranges = rules.working_hours.map(toMinutes);
  // A whole-day range means "any hours": then a meeting may also run across midnight.
  const anyHours = ranges.some((r) => r.from === 0 && r.to >= 1440);
  const earliest = rules.now + rules.min_notice_minutes * MINUTE_MS;
  // Offsets change only on grid points (DST moves clocks at :00 or :30), so the point at or before
  // the meeting's end carries the end's offset.
  const endSteps = Math.floor(durationMs / grid.stepMs);

  for (let i = 0; i < grid.size; i++) {
    const start = grid.first + i * grid.stepMs;
    const startWall = start + (grid.offsets[i] ?? 0) * MINUTE_MS;
    const day = getWallDayOfWeek(startWall);
    let mask = 0;
    if (excluded.has(day)) mask |= BLOCK.excludedDay;
    if (!workingDays.has(day)) mask |= BLOCK.notWorkingDay;
    if (!anyHours) {
      const end = start + durationMs;
      const endOffset = grid.offsets[i + endSteps] ?? 0;
      const startMin = getWallMinuteOfDay(startWall);
      // The end read on the wall clock from the start's midnight, as people will see it after a DST jump.
      const endMin = startMin + (end + endOffset * MINUTE_MS - startWall) / MINUTE_MS;
      if (!ranges.some((r) => startMin >= r.from && endMin <= r.to)) mask |= BLOCK.outsideHours;
    }
    if (start < earliest) mask |= BLOCK.notice;
    blocks[i] = mask;
  }
  markBusy(grid, durationMs, rules, blocks, blockingBusy);
  return { blocks, blockingBusy };
}

/** Starts whose meeting overlaps an event are busy; those that only come within the buffer of one are buffer. */
function markBusy(grid: Grid, durationMs: number, rules: OwnerRules, blocks: Uint8Array, blockingBusy: Int32Array): void {
  const buffer = rules.buffer_minutes * MINUTE_MS;
  rules.busy.forEach((event, index) => {
    if (!(event.end > event.start)) return;
    const lo = Math.max(0, Math.floor((event.start - buffer - durationMs - grid.first) / grid.stepMs) + 1);
    const hi = Math.min(grid.size - 1, Math.ceil((event.end + buffer - grid.first) / grid.stepMs) - 1);
    for (let i = lo; i <= hi; i++) {
      const start = grid.first + i * grid.stepMs;
      const end = start + durationMs;
      if (!(start < event.end + buffer && end > event.start - buffer)) continue;
      const mask = blocks[i] ?? 0;
      if (start < event.end && end > event.start) {
        if ((mask & BLOCK.busy) === 0) blockingBusy[i] = index;
        blocks[i] = (mask | BLOCK.busy) & ~BLOCK.buffer;
      } else if ((mask & BLOCK.busy) === 0) {
        if ((mask & BLOCK.buffer) === 0) blockingBusy[i] = index;
        blocks[i] = mask | BLOCK.buffer;
      }
    }
  });
}

/** "HH:MM" range in minutes of the day; "24:00" is 1440. */
export function toMinutes(range: TimeRange): { from: number; to: number } {
  return { from: clockMinutes(range.start), to: clockMinutes(range.end) };
}

function clockMinutes(text: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) throw new RangeError(`Invalid working hours time "${text}" (expected "HH:MM")`);
  return Number(match[1]) * 60 + Number(match[2]);
}
