// (days × times) groups → local days and minute ranges, in the order they were said, so each group can
// lean on the ones before it: a lone "after 2" narrows the offer just made, "but only mornings" narrows
// both days before it, "or the day after" steps from the day just named, "then I'm wide open" starts
// where a busy "until" ended.

import { DAY_MS } from '../../domain/zone-clock.js';
import { WEEKDAY_NAMES } from './calendar.js';
import {
  type Doubt,
  dayLeftOutWithTime,
  holidayOutsideWindow,
  ordinal,
  untilClockNoDay,
  untilClockPassed,
  untilDateAfterThat,
  untilDayIncluded,
  untilHoliday,
  weekdayDateMismatch,
} from './doubts.js';
import { HOLIDAY_WORDS } from './holidays.js';
import type { DayRef, TimeItem } from './items.js';
import { dayRange, weekdayOf } from './local-days.js';
import type { Group } from './polarity.js';
import { boundInner, type DayContext, earliestDay, resolveDayRef, throughSide } from './resolve-days.js';
import { BUSINESS_END, BUSINESS_START } from './time-expressions.js';

/** Local minutes of one day; `zone` when the lead named another zone for the time. */
export interface MinuteRange {
  s: number;
  e: number;
  zone?: string;
}

export interface Resolved {
  negative: boolean;
  days: number[] | null;
  ranges: MinuteRange[] | null;
  /** The days were named (not inherited), so losing all of them to an exclusion is worth asking about. */
  named: boolean;
}

/** Each alternative's times narrow one another; alternatives add up. */
function timeRanges(times: TimeItem[][]): MinuteRange[] {
  const out: MinuteRange[] = [];
  for (const alt of times) {
    let s = 0;
    let e = 1440;
    let zone: string | undefined;
    for (const t of alt) {
      s = Math.max(s, t.start);
      e = Math.min(e, t.end);
      zone ??= t.zone;
    }
    if (e > s) out.push(zone ? { s, e, zone } : { s, e });
  }
  return out;
}

function uniqueDays(days: number[]): number[] {
  return [...new Set(days)].sort((a, b) => a - b);
}

const onlyOpenTimes = (g: Group) => g.times.length > 0 && g.times.every((alt) => alt.every((t) => t.open));

/** "tuesday wednesday or thursday next week": the week named once applies to every weekday in the list. */
function propagateWeekMode(g: Group): void {
  const marked = g.days.find((d) => d.ref.type === 'weekday' && (d.ref.mode === 'next' || d.ref.mode === 'after_next'));
  if (marked?.ref.type !== 'weekday') return;
  const mode = marked.ref.mode;
  g.days = g.days.map((d) => (d.ref.type === 'weekday' && d.ref.mode === 'bare' ? { kind: 'day', ref: { ...d.ref, mode } } : d));
}

function narrow(ranges: MinuteRange[] | null, by: MinuteRange[] | null): MinuteRange[] {
  return (ranges ?? [{ s: BUSINESS_START, e: BUSINESS_END }]).flatMap((r) =>
    (by ?? []).map((b): MinuteRange => ({ ...r, s: Math.max(r.s, b.s), e: Math.min(r.e, b.e) })).filter((x) => x.e > x.s),
  );
}

/**
 * A busy spell that ends at a clock time ("in meetings until 3", "tied up until 2 tomorrow") on one day: that day,
 * which becomes the edge "then free" starts from (that day only when the answer names no day at all).
 */
function untilClock(g: Group, days: number[], ctx: DayContext, namesDays: boolean, ambiguities: Doubt[]): number | null {
  // "in meetings all morning, free after": a whole part of the day, said of no day, is busy until it ends.
  const ends = (t: TimeItem) => (t.bound === 'before' && t.until === true) || (t.whole === true && !g.days.length);
  if (!g.negative || ctx.edge != null || !g.times.length || !g.times.every((alt) => alt.every(ends))) return null;
  const dayless = days.length !== 1 && !namesDays && !g.days.length;
  const day = days.length === 1 ? (days[0] as number) : dayless ? ctx.cal.today : null;
  if (day === null) return null;
  if (dayless) {
    // "busy until 3" names no day: today's 3, when today is one of the days asked about and 3 is still to come.
    const until = Math.max(...g.times.flat().map((t) => t.end));
    // Today outside the window: the spell still sits on today, so nothing inside the window is offered for it.
    const nowMinute = Math.floor((ctx.cal.clock.local(ctx.cal.nowMs) - ctx.cal.today * DAY_MS) / 60_000);
    if (ctx.cal.today < earliestDay(ctx)) ambiguities.push(untilClockNoDay(until));
    else if (until <= nowMinute) ambiguities.push(untilClockPassed(until));
  }
  ctx.edge = day;
  ctx.edgeInclusive = true;
  ctx.restOnlyEdge = !namesDays;
  return day;
}

/**
 * "slammed until wednesday afternoon": busy until that part of that day begins, so it reads as a busy spell
 * ending at a clock time on the named day ("until 12 on wednesday"); "then free" starts there.
 */
function untilPartOfDay(g: Group): void {
  const [d] = g.days;
  if (!g.negative || g.days.length !== 1 || d?.ref.type !== 'bound' || !BUSY_UNTIL.has(d.ref.side)) return;
  const parts = g.times.flat();
  if (!parts.length || !parts.every((t) => t.part)) return;
  // "through friday morning" is busy until that morning ends.
  const start = d.ref.side === 'through' ? Math.max(...parts.map((t) => t.end)) : Math.min(...parts.map((t) => t.start));
  g.days = [{ kind: 'day', ref: d.ref.ref }];
  g.times = [[{ kind: 'time', start: 0, end: start, open: true, bound: 'before', until: true }]];
}

/** The days a busy spell leaves, from its last day on ("then I'm free"). */
const restDays = (ctx: DayContext) => resolveDayRef(ctx, { type: 'rest', after: false }).days;

/** Bounds that end a busy spell: what comes after them is left free. */
const BUSY_UNTIL = new Set(['until', 'through', 'before']);

/** How an answer names the day a busy spell ends on, for a question about it ("until friday"). */
function spellEnd(ref: DayRef): string | null {
  if (ref.type === 'weekday' && ref.weekdays.length === 1) return WEEKDAY_NAMES[(ref.weekdays[0] as number) - 1] ?? null;
  if (ref.type === 'date') return `the ${ordinal(ref.day)}`;
  return null;
}

function checkDate(ref: DayRef, days: number[], ambiguities: Doubt[]): void {
  if (ref.type !== 'date' || ref.weekday === undefined || days.length !== 1) return;
  const actual = weekdayOf(days[0] as number);
  if (actual === ref.weekday) return;
  ambiguities.push(weekdayDateMismatch(ref.weekday, actual, ref.day));
}

/** "any day but friday after 3": the day and the open clock it was said with, for the question. */
function leftOutDoubt(g: Group, days: number[]): Doubt {
  const t = g.times.flat().find((x) => x.open && x.bound);
  const minute = t ? (t.bound === 'after' ? t.start : t.end) : null;
  return dayLeftOutWithTime(days.length ? Math.min(...days) : null, t?.bound ?? null, minute);
}

/** "back after easter" when Easter is not inside the window: nothing is offered for it, and the call asks. */
function checkHoliday(ref: DayRef, ctx: DayContext, ambiguities: Doubt[]): void {
  const h = ref.type === 'holiday' ? ref : ref.type === 'bound' && ref.ref.type === 'holiday' ? ref.ref : null;
  if (!h) return;
  const days = resolveDayRef(ctx, h).days;
  if (!days.some((d) => d >= earliestDay(ctx) && d <= ctx.windowEndDay)) ambiguities.push(holidayOutsideWindow(HOLIDAY_WORDS[h.name]));
}

type BoundRef = Extract<DayRef, { type: 'bound' }>;

/**
 * "after monday and before friday", "after the 9th but before the 12th": the days between two open ends.
 * A bare weekday closing the stretch is the first one after its opening ("the Friday after that Monday").
 */
function daysBetween(ctx: DayContext, a: BoundRef, b: BoundRef): number[] {
  const keep = new Set(resolveDayRef(ctx, b).days);
  const between = resolveDayRef(ctx, a).days.filter((d) => keep.has(d));
  const [open, close] = a.side === 'after' || a.side === 'from' ? [a, b] : [b, a];
  if (between.length || close.ref.type !== 'weekday' || close.ref.mode !== 'bare') return between;
  const later = resolveDayRef(ctx, open).days;
  const ends = new Set(close.ref.weekdays);
  const stop = later.findIndex((d) => ends.has(weekdayOf(d)));
  return stop < 0 ? between : later.slice(0, close.side === 'before' ? stop : stop + 1);
}

export function resolveGroups(groups: Group[], ctx: DayContext, ambiguities: Doubt[]): Resolved[] {
  const out: Resolved[] = [];
  // An offer that spans many days (a week, "any day", or times with no day at all) makes a ruled-out weekday recurring.
  // A dayless time right after a day whose time was ruled out ("friday at 2, 4 would work") is that day's, not broad.
  const afterRuledOutTime = (i: number) => {
    const before = groups[i - 1];
    return Boolean(before?.negative && before.days.length && before.times.length);
  };
  const broadOffer = groups.some(
    (g, i) =>
      !g.negative &&
      ((g.days.length === 0 && !onlyOpenTimes(g) && !afterRuledOutTime(i)) ||
        g.days.some((d) => d.ref.type === 'window' || d.ref.type === 'week')),
  );
  // "I'm in meetings until 3 then free" names no day at all: it speaks of today.
  const namesDays = groups.some((g) => g.days.some((d) => d.ref.type !== 'rest'));
  let lastPositive: Resolved | undefined;
  let lastNegative: Resolved | undefined;
  /** A busy spell from now to an edge ("out of office until monday"); `spellDoubt` when its last day is unsure. */
  let spell = false;
  let spellDoubt: Doubt | null = null;
  /** An offer from a day on ("not until next week") that a later "then tuesday" narrows to the days it names. */
  let fromOffer: Group | null = null;
  let fromOfferOut: Resolved | null = null;
  let restNarrows = false;
  let lastBound: { r: Resolved; side: string; ref: BoundRef } | null = null;
  let recurringSpell: number[] | null = null;
  for (const g of groups) {
    propagateWeekMode(g);
    untilPartOfDay(g);
    // What is ruled out is ruled out every time it comes round: "any day but monday" means no Mondays.
    // Not when the list also says "today" or "tomorrow": "busy today, tomorrow and friday" is this Friday.
    if (g.negative && broadOffer && !g.postNeg && !g.days.some((d) => d.ref.type === 'relative'))
      g.days = g.days.map((d) =>
        d.ref.type === 'weekday' && d.ref.mode === 'bare' ? { kind: 'day', ref: { ...d.ref, mode: 'every' } } : d,
      );
    // "then"/"after that" with no busy "until" before it carries no day.
    if (ctx.edge == null) g.days = g.days.filter((d) => d.ref.type !== 'rest');
    if (g.days.some((d) => d.ref.type !== 'window')) g.days = g.days.filter((d) => d.ref.type !== 'window');
    const spanRefs = g.days.filter((d) => d.ref.type === 'week');
    const localCtx: DayContext = { ...ctx, negative: g.negative };
    const days: number[] = [];
    for (const ref of spanRefs) {
      const r = resolveDayRef(localCtx, ref.ref);
      localCtx.span = r.span;
      ctx.span = r.span;
      // "travelling this week": the days after it are what is left.
      const whole = ref.ref.type === 'week' && ref.ref.which === 'this' && (ref.ref.part === 'all' || ref.ref.part === 'rest');
      if (g.negative && whole && ctx.edge == null && r.days.length) {
        ctx.edge = Math.max(...r.days) + 1;
        ctx.edgeInclusive = true;
        spell = true;
      }
      if (!g.days.some((d) => d.ref.type === 'weekday')) days.push(...r.days);
    }
    // "…until next week, then tuesday or wednesday": the days named after "then" are the first ones from the edge on.
    const rest = g.days.find((d) => d.ref.type === 'rest');
    const namedAfterRest = rest && g.days.some((d) => d.ref.type === 'weekday' && d.ref.mode === 'bare');
    if (rest && namedAfterRest) {
      localCtx.span = resolveDayRef(localCtx, rest.ref).days;
      g.days = g.days.filter((d) => d !== rest);
    }
    restNarrows = Boolean(rest && !g.negative && (namedAfterRest || g.times.length > 0));
    for (const d of g.days) {
      if (d.ref.type === 'week') continue;
      const r = resolveDayRef(localCtx, d.ref).days;
      checkDate(d.ref, r, ambiguities);
      checkHoliday(d.ref, localCtx, ambiguities);
      if (d.ref.type === 'rest' && d.ref.after && ctx.edgeFromDate) ambiguities.push(ctx.edgeFromDate);
      days.push(...r);
      if (r.length) localCtx.lastDays = r;
      // "away for the next few days": a spell from about now; what follows it is left.
      if (g.negative && d.ref.type === 'span' && ctx.edge == null && !spell && r.length && Math.min(...r) <= earliestDay(ctx) + 1) {
        ctx.edge = Math.max(...r) + 1;
        ctx.edgeInclusive = true;
        spell = true;
      }
      // "back on monday, any time after that": Monday and after.
      if (!g.negative && d.ref.type === 'bound' && d.ref.side === 'from' && ctx.edge == null && r.length) {
        fromOffer = g;
        ctx.edge = Math.min(...r);
        ctx.edgeInclusive = true;
      }
      // A busy "until thursday" leaves Thursday and after for "then I'm wide open"; "through thursday" Friday on.
      if (g.negative && d.ref.type === 'bound' && BUSY_UNTIL.has(d.ref.side)) {
        const inner = boundInner(localCtx, d.ref.side, d.ref.ref, true);
        const through = throughSide(d.ref.side, d.ref.ref) === 'through';
        if (through) ctx.edge = inner.length ? Math.max(...inner) + 1 : ctx.windowEndDay + 1;
        else ctx.edge = inner.length ? Math.min(...inner) : (r.length ? Math.max(...r) : ctx.windowStartDay - 1) + 1;
        ctx.edgeInclusive = through;
        const n = d.ref.ref.type === 'date' && !through ? d.ref.ref.day : null;
        ctx.edgeFromDate = n ? untilDateAfterThat(n) : null;
        spell = true;
        const end = d.ref.side === 'until' && !through ? spellEnd(d.ref.ref) : null;
        spellDoubt = end ? untilDayIncluded(end) : null;
        // "away until easter": whether the holiday itself is free is asked even when more was said after it.
        const inWindow = inner.some((x) => x >= earliestDay(ctx) && x <= ctx.windowEndDay);
        if (d.ref.side === 'until' && d.ref.ref.type === 'holiday' && inWindow)
          ambiguities.push(untilHoliday(HOLIDAY_WORDS[d.ref.ref.name]));
      }
    }
    if (localCtx.lastDays) ctx.lastDays = localCtx.lastDays;
    // "booked until 11 every day", "meetings until 3 every day next week": each of those days is free from then on.
    const untilEveryDay =
      g.negative &&
      days.length > 1 &&
      g.times.length > 0 &&
      g.times.every((alt) => alt.every((t) => t.bound === 'before' && t.until === true)) &&
      g.days.every((d) => d.ref.type === 'window' || d.ref.type === 'week' || (d.ref.type === 'weekday' && d.ref.mode === 'every'));
    if (untilEveryDay) recurringSpell = uniqueDays(days);
    const untilTime = untilClock(g, days, ctx, namesDays, ambiguities);
    if (untilTime !== null) {
      spell = true;
      // "tied up until 2 tomorrow": the whole days before are busy too, and "after that" starts at 2 that day.
      if (untilTime > earliestDay(ctx))
        out.push({ negative: true, days: dayRange(earliestDay(ctx), untilTime - 1), ranges: null, named: false });
      if (!days.length) days.push(untilTime);
      g.days = g.days.length ? g.days : [{ kind: 'day', ref: { type: 'relative', offset: untilTime - ctx.cal.today } }];
    }
    // "any day but friday after 3": the time is read with the day it follows (Friday after 3 left out), but
    // it may be meant for the whole offer (every other day after 3), so the read-back asks.
    if (g.negative && !g.postNeg && g.days.length && onlyOpenTimes(g) && broadOffer && lastPositive && !lastPositive.ranges && !spell)
      ambiguities.push(leftOutDoubt(g, days));
    const ranges = g.times.length ? timeRanges(g.times) : null;
    const onlyOpen = onlyOpenTimes(g);
    // "the soonest i could do is monday afternoon", "tuesday afternoon onwards": the part of day is the first
    // day's; the days after it are whole.
    const [only] = g.days;
    const fromPart =
      !g.negative &&
      !g.timeFirst &&
      g.days.length === 1 &&
      only?.ref.type === 'bound' &&
      only.ref.side === 'from' &&
      days.length > 1 &&
      g.times.length > 0 &&
      g.times.every((alt) => alt.every((t) => (t.part && !t.open) || t.bound === 'after'));
    // "after monday and before friday" in one breath: the days between.
    const [b1, b2] = g.days;
    if (!g.negative && g.days.length === 2 && b1?.ref.type === 'bound' && b2?.ref.type === 'bound') {
      const o = (x: string) => (x === 'after' || x === 'from' ? 1 : -1);
      if (o(b1.ref.side) * o(b2.ref.side) < 0) days.splice(0, days.length, ...daysBetween(localCtx, b1.ref, b2.ref));
    }
    // "after the 9th but before the 12th": two open ends of one stretch of days, not two offers.
    const side = !g.negative && !g.times.length && g.days.length === 1 && only?.ref.type === 'bound' ? only.ref.side : null;
    const opens = (x: string | null) => (x === 'after' || x === 'from' ? 1 : x === 'before' || x === 'until' || x === 'through' ? -1 : 0);
    if (side && lastBound && only?.ref.type === 'bound' && opens(side) * opens(lastBound.side) < 0) {
      lastBound.r.days = daysBetween(localCtx, lastBound.ref, only.ref);
      lastBound = null;
      continue;
    }
    if (fromPart && ranges) {
      const sorted = uniqueDays(days);
      out.push({ negative: false, days: sorted.slice(0, 1), ranges, named: true });
      lastPositive = { negative: false, days: sorted.slice(1), ranges: null, named: false };
      out.push(lastPositive);
      continue;
    }
    // The latest group of the same polarity that named days, kept as we go (no rescan per group).
    const prev = g.negative ? lastNegative : lastPositive;
    const prevAny = out[out.length - 1];
    // "busy tuesday at 10 but 11 works": another time on the day whose time was just ruled out.
    const otherTime = prevAny?.negative === true && prevAny.ranges !== null && prevAny.named;
    // "tied up until tuesday afternoon, free from 3": the clock is on the spell's last day, the days after it whole.
    const spellDays = spell && prevAny?.negative && !g.days.length && onlyOpen && !g.negative && ranges ? restDays(ctx) : [];
    if (spellDays.length > 1 && g.times.every((alt) => alt.every((t) => t.bound === 'after'))) {
      out.push({ negative: false, days: spellDays.slice(0, 1), ranges, named: false });
      lastPositive = { negative: false, days: spellDays.slice(1), ranges: null, named: false };
      out.push(lastPositive);
      continue;
    }
    if (!g.days.length && (onlyOpen || otherTime) && !prev && !g.negative && prevAny?.days) {
      // "busy thursday morning but free after two": the free time is on the day just mentioned.
      lastPositive = { negative: false, days: prevAny.days, ranges, named: false };
      out.push(lastPositive);
      continue;
    }
    // A dayless clause of times after days said without times qualifies them ("tuesday? sure, after lunch").
    if (!g.days.length && (onlyOpen || (ranges && (g.only || !prev?.ranges))) && prev && !g.negative) {
      // A lone "after 2" in its own clause, or "but only mornings", narrows what was just offered.
      // A day offered whole takes the part of day as said ("tuesday, but only mornings" is the morning).
      prev.ranges = !prev.ranges && !onlyOpen ? ranges : narrow(prev.ranges, ranges);
      continue;
    }
    // "tuesday or thursday but thursday only after 3": a day offered again with "only" and a time is narrowed to it.
    if (g.only && !g.negative && ranges && days.length) {
      const again = new Set(days);
      const before = out.filter((o) => !o.negative && !o.ranges && o.days?.some((d) => again.has(d)));
      for (const o of before) o.days = (o.days ?? []).filter((d) => !again.has(d));
      if (before.length) {
        lastPositive = { negative: false, days: uniqueDays(days), ranges: narrow(null, ranges), named: true };
        out.push(lastPositive);
        continue;
      }
    }
    const r: Resolved = { negative: g.negative, days: g.days.length ? uniqueDays(days) : null, ranges, named: g.days.length > 0 };
    // "can't do anything until next week, then tuesday": the days after "then" are the offer, not the whole edge on.
    if (restNarrows && fromOfferOut) out.splice(out.indexOf(fromOfferOut), 1);
    restNarrows = false;
    if (fromOffer === g) fromOfferOut = r;
    lastBound = side && only?.ref.type === 'bound' ? { r, side, ref: only.ref } : null;
    out.push(r);
    if (r.days && r.negative) lastNegative = r;
    else if (r.days) lastPositive = r;
  }
  // A busy spell said with nothing offered after it ("out of office until monday", "booked solid through
  // wednesday"): what a receptionist writes down is the time left after it, as "then I'm free" would say.
  if (recurringSpell && !out.some((r) => !r.negative)) out.push({ negative: false, days: recurringSpell, ranges: null, named: false });
  if (spell && ctx.edge != null && !out.some((r) => !r.negative)) {
    const days = resolveDayRef(ctx, { type: 'rest', after: false }).days;
    if (days.length) {
      out.push({ negative: false, days, ranges: null, named: false });
      if (spellDoubt) ambiguities.push(spellDoubt);
    }
  }
  return out;
}
