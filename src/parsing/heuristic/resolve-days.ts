// Turns symbolic day references into local dates. Bare weekdays are read inside the week the speaker
// is talking about ("any day next week except friday"), else as the next one on or after the window opens.
import type { DateTime } from 'luxon';
import { type Calendar, daysBetween, startOfWeek, weekDays, workdaysOf } from './calendar.js';
import type { DayRef, WeekPart } from './items.js';

export interface DayContext {
  cal: Calendar;
  windowStart: DateTime;
  windowEnd: DateTime;
  /** Days of the week most recently named ("next week"), used to place bare weekdays. */
  span: DateTime[] | null;
}

export interface ResolvedDays {
  days: DateTime[];
  /** Days of a week span, to place weekdays named in the same breath. */
  span: DateTime[] | null;
}

function firstOnOrAfter(from: DateTime, weekday: number): DateTime {
  return from.plus({ days: (weekday - from.weekday + 7) % 7 });
}

function windowDays(ctx: DayContext): DateTime[] {
  const from = ctx.windowStart > ctx.cal.today ? ctx.windowStart.startOf('day') : ctx.cal.today;
  return daysBetween(from, ctx.windowEnd);
}

/** The first local day a bare reference may point at: today, or the window's first day if later. */
function earliestDay(ctx: DayContext): DateTime {
  const ws = ctx.windowStart.startOf('day');
  return ws > ctx.cal.today ? ws : ctx.cal.today;
}

function pickPart(cal: Calendar, days: DateTime[], part: WeekPart): DateTime[] {
  const work = workdaysOf(cal, days);
  if (part === 'early') return work.slice(0, 2);
  if (part === 'late') return work.slice(-2);
  if (part === 'mid') return work.slice(1, -1);
  if (part === 'rest') return work.filter((d) => d > cal.today);
  return work;
}

function resolveDate(ctx: DayContext, day: number, month: number | null): DateTime | null {
  const today = ctx.cal.today;
  const base = earliestDay(ctx);
  if (month !== null && month > 0) {
    let d = today.set({ month, day });
    if (d.month !== month) return null;
    if (d < today.minus({ days: 7 })) d = d.plus({ years: 1 });
    return d;
  }
  let probe = month === -1 ? today.plus({ months: 1 }).startOf('month') : base.startOf('month');
  for (let i = 0; i < 3; i += 1, probe = probe.plus({ months: 1 })) {
    if (day > probe.daysInMonth!) continue;
    const d = probe.set({ day });
    if (d >= (month === -1 ? probe : base)) return d;
  }
  return null;
}

export function resolveDayRef(ctx: DayContext, ref: DayRef): ResolvedDays {
  const { cal } = ctx;
  switch (ref.type) {
    case 'relative':
      return { days: [cal.today.plus({ days: ref.offset })], span: null };
    case 'date': {
      const d = resolveDate(ctx, ref.day, ref.month);
      return { days: d ? [d] : [], span: null };
    }
    case 'window':
      return { days: workdaysOf(cal, windowDays(ctx)), span: null };
    case 'later':
      return { days: [], span: null };
    case 'weekend': {
      const thisWeek = startOfWeek(cal, cal.today);
      const week = weekDays(cal, ref.which === 'next' ? thisWeek.plus({ days: 7 }) : thisWeek);
      return { days: week.filter((d) => !cal.rules.workdays.has(d.weekday) && d >= cal.today), span: null };
    }
    case 'week': {
      let anchor = cal.today;
      if (ref.which === 'next') anchor = cal.today.plus({ days: 7 });
      if (ref.which === 'after_next') anchor = cal.today.plus({ days: 14 });
      if (ref.which === 'of_date' && ref.date) anchor = resolveDate(ctx, ref.date.day, ref.date.month) ?? anchor;
      const week = weekDays(cal, startOfWeek(cal, anchor));
      const current = week.filter((d) => d >= cal.today);
      return { days: pickPart(cal, current, ref.part), span: current };
    }
    case 'weekday': {
      if (ref.mode === 'every') {
        const pool = ctx.span ?? windowDays(ctx);
        return { days: pool.filter((d) => ref.weekdays.includes(d.weekday)), span: null };
      }
      let pool: DateTime[];
      if (ref.mode === 'next' || ref.mode === 'after_next') {
        const weeks = ref.mode === 'next' ? 7 : 14;
        pool = weekDays(cal, startOfWeek(cal, cal.today).plus({ days: weeks }));
      } else if (ref.mode === 'bare' && ctx.span) {
        pool = ctx.span;
      } else {
        const from = ref.mode === 'this' ? cal.today : earliestDay(ctx);
        pool = daysBetween(from, from.plus({ days: 6 }));
      }
      const days = ref.weekdays.map((w) => pool.find((d) => d.weekday === w) ?? firstOnOrAfter(earliestDay(ctx), w));
      return { days, span: null };
    }
  }
}
