// What the grammar could not settle, twice over: a note for people reading the JSON ("\"until friday\": read
// as free from friday on, friday included") and the question a receptionist would ask the lead about it, in
// plain words for text-to-speech (no quotes, no colons, no "read as"): "Is Friday itself free, or are you
// busy through Friday?". Each kind of doubt has one builder here, so note and question never drift apart.
import { WEEKDAY_NAMES } from './calendar.js';
import { dateOfDay, weekdayOf } from './local-days.js';

export interface Doubt {
  note: string;
  question: string;
}

export function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const weekday = (isoWeekday: number) => capital(WEEKDAY_NAMES[isoWeekday - 1] ?? '');

/** A local day as said aloud: "Tuesday the 10th". */
export function spokenDay(day: number): string {
  return `${weekday(weekdayOf(day))} the ${ordinal(dateOfDay(day).day)}`;
}

/** A minute of the day as said aloud, without a colon: "3 pm", "10 30 am", "noon". */
export function spokenClock(minute: number): string {
  const m = ((minute % 1440) + 1440) % 1440;
  if (m === 720) return 'noon';
  if (m === 0) return 'midnight';
  const h = Math.floor(m / 60);
  const mm = m % 60;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}${mm ? ` ${String(mm).padStart(2, '0')}` : ''} ${h < 12 ? 'am' : 'pm'}`;
}

function joinAnd(parts: string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** "monday no wait": a correction with nothing after it; `said` is the day or time it seems to take back. */
export function danglingCorrection(word: string, said: string | null): Doubt {
  const what = said ? `You said ${spokenWords(said)} and then changed your mind. ` : '';
  return { note: `"${word}" with nothing after it`, question: `${what}Which day and time did you mean?` };
}

/** "friday the 12th" when the 12th is a Thursday: the date was taken. */
export function weekdayDateMismatch(saidWeekday: number, actualWeekday: number, date: number): Doubt {
  const said = WEEKDAY_NAMES[saidWeekday - 1];
  const actual = WEEKDAY_NAMES[actualWeekday - 1];
  const nth = ordinal(date);
  return {
    note: `"${said} the ${nth}": the ${nth} is a ${actual}; read as the date`,
    question: `Did you mean the date, ${weekday(actualWeekday)} the ${nth}, or ${weekday(saidWeekday)}?`,
  };
}

/** "busy until friday" with nothing after it: Friday was taken as free. `end` is "friday" or "the 30th". */
export function untilDayIncluded(end: string): Doubt {
  const spoken = spokenWords(end);
  return {
    note: `"until ${end}": read as free from ${end} on, ${end} included`,
    question: `Is ${spoken} itself free, or are you busy through ${spoken}?`,
  };
}

/** "out until the 8th, after that any time": the 8th was left out. */
export function untilDateAfterThat(date: number): Doubt {
  const nth = ordinal(date);
  return {
    note: `"until the ${nth}, after that": read as free after the ${nth}, not on it`,
    question: `Is the ${nth} itself free, or only the days after the ${nth}?`,
  };
}

/** "any day but friday after 3": only Friday after 3 was left out. */
export function dayLeftOutWithTime(day: number | null, bound: 'after' | 'before' | null, minute: number | null): Doubt {
  const name = day === null ? 'that day' : weekday(weekdayOf(day));
  const when = bound && minute !== null ? `${bound} ${spokenClock(minute)}` : 'at that time';
  return {
    note: 'a day left out with an open time after it: read as only that part of that day left out',
    question: `Is it only ${name} ${when} that doesn't work, or ${when} on every day?`,
  };
}

/** "3pm your time" with no known caller zone: read in the lead's zone. */
export function callerZoneUnknown(): Doubt {
  return {
    note: '"your time": the caller\'s zone is not known; read in the lead\'s own zone',
    question: 'Could you tell me that time in your own time zone?',
  };
}

/** "tuesday works … tuesday is out": the day was both offered and wholly ruled out. */
export function offeredAndRuledOut(days: number[]): Doubt {
  const numeric = days.map((d) => {
    const { month, day } = dateOfDay(d);
    return `${WEEKDAY_NAMES[weekdayOf(d) - 1]} ${month}/${day}`;
  });
  const spoken = joinAnd(days.map(spokenDay));
  return {
    note: `${numeric.join(', ')}: both offered and ruled out`,
    question: `${days.length > 1 ? 'Do' : 'Does'} ${spoken} work for you or not?`,
  };
}

/** A holiday the lead named ("back after easter") whose days are not in the window: nothing is offered for it. */
export function holidayOutsideWindow(spoken: string): Doubt {
  return {
    note: `"${spoken.toLowerCase()}": not inside the dates asked about; nothing offered for it`,
    question: `${spoken.charAt(0).toUpperCase()}${spoken.slice(1)} is outside the dates I have. Which other days would work for you?`,
  };
}

/** A busy spell that ends at a holiday ("away until easter"): its days were taken as free. */
export function untilHoliday(spoken: string): Doubt {
  return {
    note: `"until ${spoken.toLowerCase()}": read as free from ${spoken.toLowerCase()} on, ${spoken.toLowerCase()} included`,
    question: `Are you free over ${spoken} itself, or only after ${spoken}?`,
  };
}

/** "busy until 3" said when 3 has already passed today: the rest of today was offered. */
export function untilClockPassed(minute: number): Doubt {
  const at = spokenClock(minute);
  return {
    note: `"until ${at}": already past today; read as free for the rest of today`,
    question: `It's already past ${at}. Did you mean you're free from ${at} tomorrow, or for the rest of today?`,
  };
}

/** "busy until 3" when today is not among the days asked about: no day to put it on, nothing offered. */
export function untilClockNoDay(minute: number): Doubt {
  const at = spokenClock(minute);
  return {
    note: `"until ${at}": no day named and today is not asked about; nothing offered`,
    question: `Which day are you busy until ${at}, and when are you free after that?`,
  };
}

/** Weekday and month names capitalised, quotes and colons dropped: words for text-to-speech. */
function spokenWords(text: string): string {
  return text
    .replace(/["“”:]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(
      /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|easter|christmas|thanksgiving)\b/g,
      capital,
    );
}
