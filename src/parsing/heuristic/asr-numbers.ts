// Numbers in what a lead said that the clock grammar must not misread, and digit runs it must read:
// addresses, suites and phone numbers are not times ("I'm at 5 Oak Street"); "at 930" and "1030 works" are
// (recognisers drop the colon); "3/14" is a date, month first in US zones and day first elsewhere.
// Every rule is one left-to-right regex pass with bounded repetition, so the cost stays linear.
import { MONTH_NAMES } from './calendar.js';

/** Zones where "3/4" is March 4 (month first); everywhere else it is 3 April. */
const MONTH_FIRST_ZONE =
  /^(?:America\/(?:New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Juneau|Sitka|Nome|Yakutat|Metlakatla|Adak|Boise|Detroit|Indiana\/\w+|Kentucky\/\w+|North_Dakota\/\w+|Menominee|Puerto_Rico)|Pacific\/(?:Honolulu|Guam)|US\/\w+|EST5EDT|CST6CDT|MST7MDT|PST8PDT)$/;

export function monthFirstZone(zone: string | undefined): boolean {
  return zone ? MONTH_FIRST_ZONE.test(zone) : false;
}

/** "3/14", "14/3", "3/14/2026" → "march 14th"; a part above 12 decides the order whatever the zone. */
export function numericDates(text: string, monthFirst: boolean): string {
  // ISO "2026-03-10" is year, month, day everywhere; "16h", "9h30" are European clock times.
  const iso = text
    .replace(/\b\d{4}-(\d{1,2})-(\d{1,2})\b/g, (m, mo: string, d: string) =>
      Number(mo) >= 1 && Number(mo) <= 12 ? ` ${MONTH_NAMES[Number(mo) - 1]} ${Number(d)}th ` : m,
    )
    .replace(/\b([01]?\d|2[0-3])h([0-5]\d)?\b/g, (_m, h: string, mm: string | undefined) => `${Number(h)}:${mm ?? '00'}`);
  return iso.replace(/\b(\d{1,2})\/(\d{1,2})(?:\/(?:\d{4}|\d{2}))?\b/g, (m, a: string, b: string) => {
    let [month, day] = monthFirst ? [Number(a), Number(b)] : [Number(b), Number(a)];
    if (month > 12 && day <= 12) [month, day] = [day, month];
    if (month < 1 || month > 12 || day < 1 || day > 31) return m;
    return ` ${MONTH_NAMES[month - 1]} ${day}th `;
  });
}

const STREET =
  'street|st|avenue|ave|road|rd|lane|drive|boulevard|blvd|way|court|place|terrace|parkway|pkwy|highway|hwy|crescent|square|circle|plaza';
const UNIT =
  'suite|ste|unit|apt|apartment|room|rm|floor|level|building|bldg|flat|box|zip|zip code|postcode|post code|extension|ext|route|highway|hwy|interstate|gate|platform|pier|exit';
const PHONE_WORD = 'number|phone|cell|mobile|tel|telephone';
/** Words that end a street name's run: "friday at 2 down the street" keeps its time. */
const NOT_NAME =
  'on|at|in|the|to|or|and|am|pm|oclock|down|up|across|near|by|from|with|we|i|you|can|could|should|would|then|if|so|is|be|for|of|around|about';

/** Numbers that are an address, a unit, a phone number or a long code: removed before any time is read. */
export function stripNonTimes(text: string): string {
  return (
    text
      // "my number is 555 123 4567", "call me at 5551234567": the digits after the word are not a time.
      .replace(new RegExp(`\\b(${PHONE_WORD})(?: number)?(?: is| its)? ((?:\\+?\\d+[ .-]?){1,6})`, 'g'), '$1 ')
      // "5 oak street", "221b baker st": a house number before one to three words and a street type.
      .replace(new RegExp(`\\b\\d{1,5}[a-z]?(?: (?!(?:${NOT_NAME})\\b)[a-z]+){1,3} (?:${STREET})\\b`, 'g'), ' ')
      .replace(new RegExp(`\\b(?:${UNIT})(?: number| no| #)? ?\\d+[a-z]?\\b`, 'g'), ' ')
      // Phone-shaped runs and any run of five or more digits (zip codes, account numbers).
      // "555 0101" (a local number) too: two runs of digits in a row are never one time.
      .replace(/\+?\b\d{3}[ .-]\d{3}[ .-]\d{4}\b|\b\d{3}[ .-]\d{4}\b|\b\d{5,}\b/g, ' ')
  );
}

const COUNTED =
  'people|persons|guys|folks|attendees|participants|kids|children|years?|yrs|months old|dollars|bucks|pounds|euros|cents|percent|units|offices|locations|stores|sites|employees|staff|seats|users|licen[cs]es|items|pages|problems|emails|calls|meetings|appointments|rooms|beds|cars|trucks|days old|km|kilometers|kilometres|miles|blocks|floors|stories|storeys|seconds?|secs?|minutes?|mins?|hours?|hrs?';

/**
 * "give me 5 minutes", "about 20 people", "2 or 3 guys": a number that counts something is not a clock time.
 * "in 30 minutes" / "in a 2 hours" stay: they place a time from now.
 */
export function stripCounts(text: string): string {
  const re = new RegExp(`(?<!\\bin (?:a |an |about |around )?)\\b\\d{1,4}(?: (?:or|to) \\d{1,4})? (?=(?:${COUNTED})\\b)`, 'g');
  // "the 9 oclock train": a timetable, not an offer.
  return text
    .replace(re, '')
    .replace(/\bthe \d{1,2}(?::\d\d)? ?(?:oclock|am|pm)? (?=(?:train|bus|flight|ferry|tram|news|show)\b)/g, 'the ');
}

/** Spelled-out digits read one by one ("five five five one two one two") after the cardinals pass. */
export function stripDigitStrings(text: string): string {
  return text.replace(/\b(?:\d ){4,}\d\b/g, ' ');
}

const BEFORE_TIME =
  'at|around|about|by|from|until|before|after|say|or|to|and|between|maybe|ish|round|circa|like|do|try|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight|morning|afternoon|evening|week|\\d{1,2}th';
const AFTER_TIME =
  'am|pm|works?|would|is|ish|oclock|tomorrow|today|tonight|on|this|next|or|to|and|sounds|suits|should|could|then|monday|tuesday|wednesday|thursday|friday|saturday|sunday';

function digitRun(run: string): string | null {
  const h = Number(run.length === 3 ? run.slice(0, 1) : run.slice(0, 2));
  const mm = Number(run.slice(-2));
  if (mm > 59 || h > 23 || (run.length === 4 && /^(?:19|20)\d\d$/.test(run) && h > 12)) return null;
  if (run.length === 3 && h === 0) return null;
  return `${h}:${run.slice(-2)}`;
}

/** "at 930", "around 245", "1030 works": a three- or four-digit run next to a word that places a time. */
export function digitRunTimes(text: string): string {
  const re = new RegExp(`\\b(?:(${BEFORE_TIME}) (\\d{3,4})\\b|(\\d{3,4}) (?=(?:${AFTER_TIME})\\b))`, 'g');
  return text.replace(re, (m, lead: string | undefined, a: string | undefined, b: string | undefined) => {
    const clock = digitRun(a ?? b ?? '');
    if (!clock) return m;
    return lead ? `${lead} ${clock}` : `${clock} `;
  });
}
