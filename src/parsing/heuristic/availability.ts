// What a lead said → availability slots. Pipeline: normalise ASR text → lex phrases → fold modifiers and
// self-corrections → mark polarity and group into (days × times) → resolve to local dates → intervals →
// subtract exclusions → clip, merge, filter. What the grammar could not settle is reported, not guessed.

import { DateTime } from 'luxon';
import { DAY_MS, parseIsoMillis } from '../../domain/zone-clock.js';
import type { AvailabilityInput, AvailabilityResult } from '../types.js';
import { monthFirstZone } from './asr-numbers.js';
import { dropOpeningRejection, keepCorrectionBreak } from './correction.js';
import { callerZoneUnknown, offeredAndRuledOut } from './doubts.js';
import { classifyIntent } from './intent.js';
import { clipIntervals, coveredBy, finalizeSlots, type Interval, mergeIntervals, subtractIntervals } from './intervals.js';
import type { LexedItem } from './items.js';
import { lexText } from './lexer.js';
import { createDayCalendar, type DayCalendar, dateOfDay, dayOfInstant, instantAt, workdaysIn } from './local-days.js';
import { normalizeText } from './normalize.js';
import { groupItems } from './polarity.js';
import { type DayContext, windowDays } from './resolve-days.js';
import { type MinuteRange, resolveGroups } from './resolve-groups.js';
import { applySelfCorrections } from './self-correction.js';
import { BUSINESS_END, BUSINESS_START } from './time-expressions.js';
import { collectUnparsed } from './unparsed.js';

/** A wall-clock minute of a lead-local day read in another zone ("2pm eastern"), as an instant. */
function foreignInstant(day: number, minute: number, zone: string): number {
  const d = dateOfDay(day + Math.floor(minute / 1440));
  const m = minute % 1440;
  return DateTime.fromObject({ ...d, hour: Math.floor(m / 60), minute: m % 60 }, { zone }).toMillis();
}

function toIntervals(cal: DayCalendar, days: number[], ranges: MinuteRange[], callerZone: string | null): Interval[] {
  const out: Interval[] = [];
  for (const d of days) {
    for (const { s, e, zone } of ranges) {
      const z = zone === 'caller' ? callerZone : zone;
      if (z && z !== cal.clock.zone.name) out.push([foreignInstant(d, s, z), foreignInstant(d, e, z)]);
      else out.push([instantAt(cal, d, s), instantAt(cal, d, e)]);
    }
  }
  return out;
}

/** "in an hour or two": minutes after the call's moment on today's local clock. */
function placeFromNow(items: LexedItem[], cal: DayCalendar, duration: number): void {
  const nowMinute = Math.floor((cal.clock.local(cal.nowMs) - cal.today * DAY_MS) / 60_000);
  for (const e of items) {
    if (e.item.kind !== 'time' || !e.item.fromNow) continue;
    const [a, b] = e.item.fromNow;
    const end = a === b ? a + Math.max(60, duration) : b + duration;
    e.item = { ...e.item, start: Math.min(1440, nowMinute + a), end: Math.min(1440, nowMinute + end) };
  }
}

/** 1 when nothing was in doubt; each open question and each word not understood lowers it. */
function confidenceOf(ambiguities: number, unparsedWords: number, intent: string): number {
  let c = 0.6 ** ambiguities * (1 - Math.min(0.3, 0.05 * unparsedWords));
  if (intent === 'unclear') c = Math.min(c, 0.3);
  return Math.round(c * 100) / 100;
}

export function parseAvailabilityText(input: AvailabilityInput): AvailabilityResult {
  const cal = createDayCalendar(input.now, input.timezone);
  const windowStart = parseIsoMillis(input.window_start);
  const windowEnd = parseIsoMillis(input.window_end);
  const options = { monthFirst: monthFirstZone(input.timezone), sentenceBreaks: true };
  const text = normalizeText(input.text, options);
  const offer = dropOpeningRejection(input.text);
  // The intent is read from everything said ("no thanks" declines); the slots only from the offer.
  // "not thursday, friday": the comma that turns a rejection into a correction survives where it matters.
  const offerText = keepCorrectionBreak(offer, input.duration_minutes) ?? (offer === input.text ? text : normalizeText(offer, options));
  const lexed = lexText(offerText, input.duration_minutes);
  const { items, unresolved } = applySelfCorrections(lexed.items);
  const ambiguities = [...unresolved];
  placeFromNow(items, cal, input.duration_minutes);
  const endDay = dayOfInstant(cal.clock, windowEnd);
  // The window's last day is the last whose start is inside it (a midnight lost to DST starts later).
  const windowEndDay = instantAt(cal, endDay, 0) <= windowEnd ? endDay : endDay - 1;
  const ctx: DayContext = { cal, windowStartDay: dayOfInstant(cal.clock, windowStart), windowEndDay, span: null, edge: null };
  const resolved = resolveGroups(groupItems(items), ctx, ambiguities);
  const callerZone = input.caller_timezone ?? null;
  if (!callerZone && items.some((e) => e.item.kind === 'time' && e.item.zone === 'caller')) ambiguities.push(callerZoneUnknown());

  const lo = Math.max(windowStart, cal.nowMs);
  const allDays = windowDays(ctx);
  const positive: Interval[] = [];
  const negative: Interval[] = [];
  const named: Array<{ days: number[]; intervals: Interval[] }> = [];
  let lastPositiveDays: number[] | null = null;
  for (const r of resolved) {
    if (r.negative) {
      negative.push(...toIntervals(cal, r.days ?? allDays, r.ranges ?? [{ s: 0, e: 1440 }], callerZone));
      continue;
    }
    const days = r.days ?? lastPositiveDays ?? workdaysIn(cal, allDays);
    const intervals = toIntervals(cal, days, r.ranges ?? [{ s: BUSINESS_START, e: BUSINESS_END }], callerZone);
    positive.push(...intervals);
    if (r.named) named.push({ days, intervals });
    if (r.days) lastPositiveDays = r.days;
  }
  // "I'm busy Wednesday" alone offers nothing; exclusions only remove from what was offered.
  const slots = finalizeSlots(subtractIntervals(positive, negative), lo, windowEnd, input.duration_minutes, cal.clock);
  // A day both offered and wholly ruled out ("tuesday works … tuesday is out"): ask rather than drop it quietly.
  const cover = mergeIntervals(negative);
  for (const n of named) {
    const inWindow = clipIntervals(n.intervals, lo, windowEnd);
    if (cover.length && inWindow.length && coveredBy(inWindow, cover)) ambiguities.push(offeredAndRuledOut(n.days));
  }
  // Intent phrases ("stop.", "call me back, later") read across sentence breaks.
  const intent = classifyIntent(text.replace(/ ?,/g, ''), slots.length > 0);
  const unparsed = collectUnparsed(lexed.leftovers);
  // The same doubt said twice is asked once; notes and questions stay in the same order.
  const doubts = [...new Map(ambiguities.map((d) => [d.note, d])).values()];
  return {
    slots: intent === 'availability' ? slots : [],
    intent,
    unparsed,
    confidence: confidenceOf(doubts.length, unparsed.join(' ').split(' ').filter(Boolean).length, intent),
    ambiguities: doubts.map((d) => d.note),
    questions: doubts.map((d) => d.question),
    source: 'heuristic',
    fallback_reason: null,
  };
}
