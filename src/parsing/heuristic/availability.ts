// What a lead said → availability slots. Pipeline: normalise ASR text → lex phrases → mark polarity and
// group into (days × times) → resolve to local dates → intervals → subtract exclusions → clip, merge, filter.

import { parseIsoMillis } from '../../domain/zone-clock.js';
import type { AvailabilityInput, AvailabilityResult } from '../types.js';
import { dropOpeningRejection, keepCorrectionBreak } from './correction.js';
import { classifyIntent } from './intent.js';
import { finalizeSlots, type Interval, subtractIntervals } from './intervals.js';
import type { TimeItem } from './items.js';
import { lexText } from './lexer.js';
import { createDayCalendar, type DayCalendar, dayOfInstant, instantAt, workdaysIn } from './local-days.js';
import { normalizeText } from './normalize.js';
import { type Group, groupItems } from './polarity.js';
import { type DayContext, resolveDayRef, windowDays } from './resolve-days.js';
import { BUSINESS_END, BUSINESS_START } from './time-expressions.js';
import { collectUnparsed } from './unparsed.js';

type MinuteRange = [number, number];

/** Each alternative's times narrow one another; alternatives add up. */
function timeRanges(times: TimeItem[][]): MinuteRange[] {
  const out: MinuteRange[] = [];
  for (const alt of times) {
    let s = 0;
    let e = 1440;
    for (const t of alt) {
      s = Math.max(s, t.start);
      e = Math.min(e, t.end);
    }
    if (e > s) out.push([s, e]);
  }
  return out;
}

function toIntervals(cal: DayCalendar, days: number[], ranges: MinuteRange[]): Interval[] {
  const out: Interval[] = [];
  for (const d of days) {
    for (const [s, e] of ranges) out.push([instantAt(cal, d, s), instantAt(cal, d, e)]);
  }
  return out;
}

function uniqueDays(days: number[]): number[] {
  return [...new Set(days)].sort((a, b) => a - b);
}

interface Resolved {
  negative: boolean;
  days: number[] | null;
  ranges: MinuteRange[] | null;
}

function resolveGroups(groups: Group[], ctx: DayContext): Resolved[] {
  const out: Resolved[] = [];
  // An offer that spans many days (a week, "any day", or times with no day at all) makes a ruled-out weekday recurring.
  const broadOffer = groups.some(
    (g) =>
      !g.negative &&
      ((g.days.length === 0 && !g.times.every((alt) => alt.every((t) => t.open))) ||
        g.days.some((d) => d.ref.type === 'window' || d.ref.type === 'week')),
  );
  for (const g of groups) {
    propagateWeekMode(g);
    // What is ruled out is ruled out every time it comes round: "any day but monday" means no Mondays.
    if (g.negative && broadOffer)
      g.days = g.days.map((d) =>
        d.ref.type === 'weekday' && d.ref.mode === 'bare' ? { kind: 'day', ref: { ...d.ref, mode: 'every' } } : d,
      );
    if (g.days.some((d) => d.ref.type !== 'window')) g.days = g.days.filter((d) => d.ref.type !== 'window');
    const spanRefs = g.days.filter((d) => d.ref.type === 'week');
    const localCtx = { ...ctx };
    const days: number[] = [];
    for (const ref of spanRefs) {
      const r = resolveDayRef(localCtx, ref.ref);
      localCtx.span = r.span;
      ctx.span = r.span;
      if (!g.days.some((d) => d.ref.type === 'weekday')) days.push(...r.days);
    }
    for (const d of g.days) if (d.ref.type !== 'week') days.push(...resolveDayRef(localCtx, d.ref).days);
    const ranges = g.times.length ? timeRanges(g.times) : null;
    const onlyOpen = g.times.length > 0 && g.times.every((alt) => alt.every((t) => t.open));
    const prev = [...out].reverse().find((r) => r.negative === g.negative && r.days);
    const prevAny = out[out.length - 1];
    if (!g.days.length && onlyOpen && !prev && !g.negative && prevAny?.days) {
      // "busy thursday morning but free after two": the free time is on the day just mentioned.
      out.push({ negative: false, days: prevAny.days, ranges });
      continue;
    }
    if (!g.days.length && onlyOpen && prev && !g.negative) {
      // A lone "after 2" in its own clause narrows what was just offered ("tuesday works, but only after 2").
      prev.ranges = (prev.ranges ?? [[BUSINESS_START, BUSINESS_END]]).flatMap(([s, e]) =>
        (ranges ?? []).map(([rs, re]): MinuteRange => [Math.max(s, rs), Math.min(e, re)]).filter(([a, b]) => b > a),
      );
      continue;
    }
    out.push({ negative: g.negative, days: g.days.length ? uniqueDays(days) : null, ranges });
  }
  return out;
}

/** "tuesday wednesday or thursday next week": the week named once applies to every weekday in the list. */
function propagateWeekMode(g: Group): void {
  const marked = g.days.find((d) => d.ref.type === 'weekday' && (d.ref.mode === 'next' || d.ref.mode === 'after_next'));
  if (marked?.ref.type !== 'weekday') return;
  const mode = marked.ref.mode;
  g.days = g.days.map((d) => (d.ref.type === 'weekday' && d.ref.mode === 'bare' ? { kind: 'day', ref: { ...d.ref, mode } } : d));
}

export function parseAvailabilityText(input: AvailabilityInput): AvailabilityResult {
  const cal = createDayCalendar(input.now, input.timezone);
  const windowStart = parseIsoMillis(input.window_start);
  const windowEnd = parseIsoMillis(input.window_end);
  const text = normalizeText(input.text);
  const offer = dropOpeningRejection(input.text);
  // The intent is read from everything said ("no thanks" declines); the slots only from the offer.
  // "not thursday, friday": the comma that turns a rejection into a correction survives where it matters.
  const offerText = keepCorrectionBreak(offer, input.duration_minutes) ?? (offer === input.text ? text : normalizeText(offer));
  const { items, leftovers } = lexText(offerText, input.duration_minutes);
  const endDay = dayOfInstant(cal.clock, windowEnd);
  // The window's last day is the last whose start is inside it (a midnight lost to DST starts later).
  const windowEndDay = instantAt(cal, endDay, 0) <= windowEnd ? endDay : endDay - 1;
  const ctx: DayContext = { cal, windowStartDay: dayOfInstant(cal.clock, windowStart), windowEndDay, span: null };
  const resolved = resolveGroups(groupItems(items), ctx);

  const lo = Math.max(windowStart, cal.nowMs);
  const allDays = windowDays(ctx);
  const positive: Interval[] = [];
  const negative: Interval[] = [];
  let lastPositiveDays: number[] | null = null;
  for (const r of resolved) {
    if (r.negative) {
      const days = r.days ?? allDays;
      negative.push(...toIntervals(cal, days, r.ranges ?? [[0, 1440]]));
      continue;
    }
    const days = r.days ?? lastPositiveDays ?? workdaysIn(cal, allDays);
    positive.push(...toIntervals(cal, days, r.ranges ?? [[BUSINESS_START, BUSINESS_END]]));
    if (r.days) lastPositiveDays = r.days;
  }
  // "I'm busy Wednesday" alone offers nothing; exclusions only remove from what was offered.
  const slots = finalizeSlots(subtractIntervals(positive, negative), lo, windowEnd, input.duration_minutes, cal.clock);
  const intent = classifyIntent(text, slots.length > 0);
  return {
    slots: intent === 'availability' ? slots : [],
    intent,
    unparsed: collectUnparsed(leftovers),
    source: 'heuristic',
    fallback_reason: null,
  };
}
