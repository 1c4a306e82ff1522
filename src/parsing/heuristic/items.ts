// The vocabulary the lexer produces. Day references stay symbolic until they are resolved against
// the calendar, because "friday" means a different date inside "next week" than on its own.

export type DayRef =
  | { type: 'relative'; offset: number }
  /** `week_later`: "friday week", "a week from friday" — seven days after the coming one (today counts). */
  | { type: 'weekday'; weekdays: number[]; mode: 'bare' | 'this' | 'next' | 'every' | 'after_next' | 'week_later' }
  | { type: 'date'; day: number; month: number | null }
  | { type: 'week'; which: 'this' | 'next' | 'after_next' | 'of_date'; part: WeekPart; date?: { day: number; month: number | null } }
  | { type: 'weekend'; which: 'this' | 'next' }
  | { type: 'window' }
  | { type: 'later' };

export type WeekPart = 'all' | 'early' | 'mid' | 'late' | 'rest';

export interface DayItem {
  kind: 'day';
  ref: DayRef;
}

/** Local minutes since midnight; `open` marks "after 2"/"before noon", which narrow other times. */
export interface TimeItem {
  kind: 'time';
  start: number;
  end: number;
  open: boolean;
}

export type CueType = 'neg_pre' | 'neg_post' | 'pos' | 'sep' | 'except' | 'or';

export interface CueItem {
  kind: 'cue';
  cue: CueType;
}

export type Item = DayItem | TimeItem | CueItem;

export interface LexedItem {
  item: Item;
  /** Token index where the phrase starts, to tell "tuesday morning" from "tuesday … morning". */
  at: number;
  text: string;
}
