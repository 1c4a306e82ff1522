// Turns symbolic day references into local day numbers. Bare weekdays are read inside the week the speaker
// is talking about ("any day next week except friday"), else as the next one on or after the window opens.
import type { Doubt } from './doubts.js';
import { holidayDays } from './holidays.js';
import type { BoundSide, DayRef, WeekPart } from './items.js';
import {
  type DayCalendar,
  dateOfDay,
  dayFromDate,
  dayRange,
  daysInMonth,
  startOfWeekDay,
  weekdayOf,
  weekOf,
  workdaysIn,
} from './local-days.js';

export interface DayContext {
  cal: DayCalendar;
  /** Local days on which the window opens and closes. */
  windowStartDay: number;
  windowEndDay: number;
  /** Days of the week most recently named ("next week"), used to place bare weekdays. */
  span: number[] | null;
  /** The first day free after a busy "until" statement, for "then I'm wide open". */
  edge?: number | null;
  /** Set when that edge came from a date ("until the 9th"), whose own day may or may not be free. */
  edgeFromDate?: Doubt | null;
  /** The edge came from a clock ("until 2 tomorrow"): "after that" starts on that day, later that day. */
  edgeInclusive?: boolean;
  /** The busy spell named no day ("until 3 then free"): the free part is that day only. */
  restOnlyEdge?: boolean;
  /** The days most recently named, for "or the day after". */
  lastDays?: number[] | null;
  /** Whether the phrase being resolved rules days out: "busy until thursday" leaves Thursday free. */
  negative?: boolean;
}

export interface ResolvedDays {
  days: number[];
  /** Days of a week span, to place weekdays named in the same breath. */
  span: number[] | null;
}

function firstOnOrAfter(from: number, weekday: number): number {
  return from + ((weekday - weekdayOf(from) + 7) % 7);
}

/** The first local day a bare reference may point at: today, or the window's first day if later. */
export function earliestDay(ctx: DayContext): number {
  return Math.max(ctx.windowStartDay, ctx.cal.today);
}

export function windowDays(ctx: DayContext): number[] {
  return dayRange(earliestDay(ctx), ctx.windowEndDay);
}

function pickPart(cal: DayCalendar, days: number[], part: WeekPart): number[] {
  const work = workdaysIn(cal, days);
  if (part === 'early') return work.slice(0, 2);
  if (part === 'late') return work.slice(-2);
  if (part === 'mid') return work.slice(1, -1);
  if (part === 'rest') return work.filter((d) => d > cal.today);
  return work;
}

/** Day-of-month (and month, or -1 for "next month") → a day, the way luxon's set() and plus() place it. */
function resolveDate(ctx: DayContext, day: number, month: number | null): number | null {
  const today = ctx.cal.today;
  const t = dateOfDay(today);
  if (month !== null && month > 0) {
    if (day < 1 || day > daysInMonth(t.year, month)) return null;
    const d = dayFromDate(t.year, month, day);
    if (d >= today - 7) return d;
    // A year on, 29 February becomes the 28th.
    return dayFromDate(t.year + 1, month, Math.min(day, daysInMonth(t.year + 1, month)));
  }
  const base = earliestDay(ctx);
  const first = month === -1 ? { year: t.year, month: t.month + 1 } : { year: dateOfDay(base).year, month: dateOfDay(base).month };
  for (let i = 0; i < 3; i += 1) {
    const probe = dayFromDate(first.year, first.month + i, 1);
    const p = dateOfDay(probe);
    if (day > daysInMonth(p.year, p.month)) continue;
    const d = dayFromDate(p.year, p.month, day);
    if (d >= (month === -1 ? probe : base)) return d;
  }
  return null;
}

/** "until the end of the week", "till the end of the month": up to and including that stretch's last day. */
export function throughSide(side: BoundSide, inner: DayRef): BoundSide {
  return side === 'until' && (inner.type === 'week' || inner.type === 'month') && inner.part === 'late' ? 'through' : side;
}

/**
 * "until thursday" (busy: before it; free: up to it), "through wednesday" (that day too), "before the 20th",
 * "after the 9th", "from monday on".
 */
/**
 * The days a bound is measured from. "busy until wednesday" said on a Wednesday means next Wednesday: a busy
 * spell does not end on the day it is said on.
 */
export function boundInner(ctx: DayContext, side: BoundSide, inner: DayRef, negative: boolean): number[] {
  const days = resolveDayRef({ ...ctx, negative: false }, inner).days;
  const ends = side === 'until' || side === 'through' || side === 'before';
  const bareWeekday = inner.type === 'weekday' && inner.mode === 'bare';
  if (negative && ends && bareWeekday && days.length === 1 && days[0] === ctx.cal.today) return [ctx.cal.today + 7];
  return days;
}

function resolveBound(ctx: DayContext, said: BoundSide, inner: DayRef): number[] {
  const days = boundInner(ctx, said, inner, ctx.negative === true);
  if (days.length === 0) return [];
  const side = throughSide(said, inner);
  const first = Math.min(...days);
  const last = Math.max(...days);
  const from = earliestDay(ctx);
  if (side === 'before' || (side === 'until' && ctx.negative)) return dayRange(from, first - 1);
  if (side === 'until' || side === 'through') return dayRange(from, last);
  return dayRange(side === 'after' ? last + 1 : first, ctx.windowEndDay);
}

/** The working days of the start, middle or end of this (or next) month: its first week, days 11–20 or last week. */
function monthPart(ctx: DayContext, next: boolean, part: WeekPart): number[] {
  const t = dateOfDay(ctx.cal.today);
  const first = dayFromDate(t.year, t.month + (next ? 1 : 0), 1);
  const f = dateOfDay(first);
  const last = first + daysInMonth(f.year, f.month) - 1;
  const range =
    part === 'early' ? [first, first + 6] : part === 'late' ? [last - 6, last] : part === 'mid' ? [first + 10, first + 19] : [first, last];
  return workdaysIn(ctx.cal, dayRange(Math.max(range[0] ?? first, earliestDay(ctx)), range[1] ?? last));
}

export function resolveDayRef(ctx: DayContext, ref: DayRef): ResolvedDays {
  const { cal } = ctx;
  const today = cal.today;
  switch (ref.type) {
    case 'bound':
      return { days: workdaysIn(cal, resolveBound(ctx, ref.side, ref.ref)), span: null };
    case 'rest': {
      if (ctx.edge == null) return { days: [], span: null };
      const from = Math.max(ctx.edge + (ref.after && !ctx.edgeInclusive ? 1 : 0), earliestDay(ctx));
      return { days: workdaysIn(cal, dayRange(from, ctx.restOnlyEdge ? ctx.edge : ctx.windowEndDay)), span: null };
    }
    case 'span': {
      const a = resolveDayRef(ctx, ref.from).days;
      const b = resolveDayRef(ctx, ref.to).days;
      if (!a.length || !b.length) return { days: [...a, ...b], span: null };
      return { days: workdaysIn(cal, dayRange(Math.min(...a), Math.max(...b))), span: null };
    }
    case 'neighbor':
      return { days: (ctx.lastDays ?? []).map((d) => d + ref.offset), span: null };
    case 'month':
      return { days: monthPart(ctx, ref.next, ref.part), span: null };
    case 'relative':
      return { days: [today + ref.offset], span: null };
    case 'date': {
      const d = resolveDate(ctx, ref.day, ref.month);
      return { days: d === null ? [] : [d], span: null };
    }
    case 'window':
      return { days: workdaysIn(cal, windowDays(ctx)), span: null };
    case 'later':
      return { days: [], span: null };
    case 'holiday':
      return { days: holidayDays(ref.name, today, cal.clock.zone.name), span: null };
    case 'weekend': {
      const thisWeek = startOfWeekDay(cal, today);
      const week = weekOf(ref.which === 'next' ? thisWeek + 7 : thisWeek);
      return { days: week.filter((d) => !cal.rules.workdays.has(weekdayOf(d)) && d >= today), span: null };
    }
    case 'week': {
      let anchor = today;
      if (ref.which === 'next') anchor = today + 7;
      if (ref.which === 'after_next') anchor = today + 14;
      if (ref.which === 'of_date' && ref.date) anchor = resolveDate(ctx, ref.date.day, ref.date.month) ?? anchor;
      const current = weekOf(startOfWeekDay(cal, anchor)).filter((d) => d >= today);
      return { days: pickPart(cal, current, ref.part), span: current };
    }
    case 'weekday': {
      if (ref.mode === 'every') {
        const pool = ctx.span ?? windowDays(ctx);
        return { days: pool.filter((d) => ref.weekdays.includes(weekdayOf(d))), span: null };
      }
      if (ref.mode === 'week_later') {
        // Anchored on the call's own date, not the window: "friday week" is a week after the coming friday.
        return { days: ref.weekdays.map((w) => firstOnOrAfter(today, w) + 7 * (ref.weeks ?? 1)), span: null };
      }
      let pool: number[];
      if (ref.mode === 'next' || ref.mode === 'after_next') {
        pool = weekOf(startOfWeekDay(cal, today) + (ref.mode === 'next' ? 7 : 14));
      } else if (ref.mode === 'bare' && ctx.span) {
        pool = ctx.span;
      } else {
        const from = ref.mode === 'this' ? today : earliestDay(ctx);
        pool = dayRange(from, from + 6);
      }
      const days = ref.weekdays.map((w) => pool.find((d) => weekdayOf(d) === w) ?? firstOnOrAfter(earliestDay(ctx), w));
      // "monday through wednesday" on a Wednesday is next Monday to Wednesday, not today and two days after.
      if (ref.range && days.length > 1) return { days: ref.weekdays.map((_, i) => (days[0] as number) + i), span: null };
      return { days, span: null };
    }
  }
}
