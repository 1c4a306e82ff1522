// The vocabulary the lexer produces. Day references stay symbolic until they are resolved against
// the calendar, because "friday" means a different date inside "next week" than on its own.
import type { HolidayName } from './holidays.js';

export type DayRef =
  | { type: 'relative'; offset: number }
  /**
   * `week_later`: "friday week", "a week from friday" — `weeks` (default 1) weeks after the coming one (today
   * counts); "tuesday fortnight" is two.
   */
  | {
      type: 'weekday';
      weekdays: number[];
      mode: 'bare' | 'this' | 'next' | 'every' | 'after_next' | 'week_later';
      weeks?: number;
      /** Said as a range ("monday through wednesday"): consecutive days from the first one. */
      range?: boolean;
    }
  /** "from the 9th to the 11th": every day from one to the other. */
  | { type: 'span'; from: DayRef; to: DayRef }
  /** `weekday`: the weekday said with the date ("wednesday the 28th"); the date wins when they disagree. */
  | { type: 'date'; day: number; month: number | null; weekday?: number }
  | { type: 'week'; which: 'this' | 'next' | 'after_next' | 'of_date'; part: WeekPart; date?: { day: number; month: number | null } }
  | { type: 'weekend'; which: 'this' | 'next' }
  | { type: 'window' }
  | { type: 'later' }
  /** "end of the month", "beginning of next month". */
  | { type: 'month'; next: boolean; part: WeekPart }
  /** "until thursday", "before the 20th", "after the 9th", "from monday": every window day on that side. */
  | { type: 'bound'; side: BoundSide; ref: DayRef }
  /**
   * The days after a busy "until X" statement: "then I'm wide open" is X and after; "any time after that" is
   * after X (`after`).
   */
  | { type: 'rest'; after: boolean }
  /** "easter", "thanksgiving", "the bank holiday": the days of a named holiday (holidays.ts). */
  | { type: 'holiday'; name: HolidayName }
  /** "or the day after": the day next to the one just named. */
  | { type: 'neighbor'; offset: number };

/** `through`: the day named is still busy ("booked solid through wednesday", "until the end of the week"). */
export type BoundSide = 'before' | 'until' | 'through' | 'after' | 'from';

export type WeekPart = 'all' | 'early' | 'mid' | 'late' | 'rest';

export interface DayItem {
  kind: 'day';
  ref: DayRef;
}

/**
 * Local minutes since midnight; `open` marks "after 2"/"before noon", which narrow other times.
 * `part` marks a part of the day ("evening"); `bare` a clock said without am/pm, which a part of the day
 * next to it may move by twelve hours ("evening seven thirty"). `zone` is a zone the lead named for this
 * time ("2pm eastern"); `fromNow` is minutes after the call's moment ("in an hour or two"): [earliest start,
 * latest start].
 */
export interface TimeItem {
  kind: 'time';
  start: number;
  end: number;
  open: boolean;
  part?: boolean;
  bare?: boolean;
  zone?: string;
  fromNow?: [number, number];
  /** Which end of an open range the clock said: "after 7" starts there, "before 7" ends there. */
  bound?: 'after' | 'before';
  /** Said with "until" ("until 3", not "before 3"): it can end a busy spell. */
  until?: boolean;
  /** A whole part of the day ("all morning"): busy through it, free after it. */
  whole?: boolean;
}

export type CueType = 'neg_pre' | 'neg_post' | 'pos' | 'sep' | 'except' | 'or' | 'correct' | 'only' | 'bound' | 'zone';

export interface CueItem {
  kind: 'cue';
  cue: CueType;
  /** `bound`: which side of the day that follows (or, `trailing`, the day before: "the 4th onwards"). */
  side?: BoundSide;
  trailing?: boolean;
  /** `zone`: an IANA zone, or "caller" for "your time". */
  zone?: string;
}

export type Item = DayItem | TimeItem | CueItem;

export interface LexedItem {
  item: Item;
  /** Token index where the phrase starts, to tell "tuesday morning" from "tuesday … morning". */
  at: number;
  text: string;
}
