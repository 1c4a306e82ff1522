// Issue 13, family 3: a busy or "until" statement shapes what is left. "then I'm free" starts on the day
// the busy spell ends at; "after that" after it; nothing before it is ever offered.
import { describe, expect, it } from 'vitest';
import { parseIn, patternTable } from './patterns-helpers.js';

patternTable('busy "until" statements', [
  ['ny', 'slammed until tuesday then free', ['03-10 09:00-17:00', '03-11 09:00-17:00', '03-12 09:00-17:00', '03-13 09:00-17:00']],
  ['ny', "i'm out until the 11th, any time after that", ['03-12 09:00-17:00', '03-13 09:00-17:00']],
  [
    'ny',
    'tied up this week but next week anything except wednesday',
    ['03-09 09:00-17:00', '03-10 09:00-17:00', '03-12 09:00-17:00', '03-13 09:00-17:00'],
  ],
  ['lon', 'swamped till thursday next week then wide open', ['04-02 09:00-17:00', '04-03 09:00-17:00']],
  ['lon', 'busy until monday, after that mornings', ['03-31 08:00-12:00', '04-01 08:00-12:00', '04-02 08:00-12:00', '04-03 08:00-12:00']],
  ['syd', "i'm away till the 8th then anything", ['04-08 09:00-17:00', '04-09 09:00-17:00', '04-10 09:00-17:00']],
  [
    'syd',
    'flat out until monday then free in the afternoons',
    ['04-06 12:00-17:00', '04-07 12:00-17:00', '04-08 12:00-17:00', '04-09 12:00-17:00', '04-10 12:00-17:00'],
  ],
]);

patternTable('busy until a clock time', [
  // No day named: today, from the end of the busy spell.
  ['ny', "i'm in meetings until 3 then free", ['03-04 15:00-17:00']],
  // A day named: that day from the clock on, and every later day; the days before it are busy.
  [
    'lon',
    'tied up until 2 tomorrow, after that anytime',
    [
      '03-26 14:00-17:00',
      '03-27 09:00-17:00',
      '03-30 09:00-17:00',
      '03-31 09:00-17:00',
      '04-01 09:00-17:00',
      '04-02 09:00-17:00',
      '04-03 09:00-17:00',
    ],
  ],
  [
    'syd',
    'booked up till noon friday, free after',
    ['04-03 12:00-17:00', '04-06 09:00-17:00', '04-07 09:00-17:00', '04-08 09:00-17:00', '04-09 09:00-17:00', '04-10 09:00-17:00'],
  ],
]);

// Nothing before the day said is offered; a part of day after "until" is where the free time starts that day.
patternTable('busy spells said other ways', [
  ['ny', "i can't do anything before the 10th", ['03-10 09:00-17:00', '03-11 09:00-17:00', '03-12 09:00-17:00', '03-13 09:00-17:00']],
  [
    'ny',
    'nothing till next week, sorry',
    ['03-09 09:00-17:00', '03-10 09:00-17:00', '03-11 09:00-17:00', '03-12 09:00-17:00', '03-13 09:00-17:00'],
  ],
  [
    'ny',
    'pretty much any time from thursday',
    [
      '03-05 09:00-17:00',
      '03-06 09:00-17:00',
      '03-09 09:00-17:00',
      '03-10 09:00-17:00',
      '03-11 09:00-17:00',
      '03-12 09:00-17:00',
      '03-13 09:00-17:00',
    ],
  ],
  [
    'ny',
    "i'm tied up until monday afternoon then free",
    ['03-09 12:00-17:00', '03-10 09:00-17:00', '03-11 09:00-17:00', '03-12 09:00-17:00', '03-13 09:00-17:00'],
  ],
  ['ny', "after the 11th i'm wide open", ['03-12 09:00-17:00', '03-13 09:00-17:00']],
  ['lon', 'booked solid through tuesday, free after', ['04-01 09:00-17:00', '04-02 09:00-17:00', '04-03 09:00-17:00']],
  [
    'lon',
    "can't do anything until next week",
    ['03-30 09:00-17:00', '03-31 09:00-17:00', '04-01 09:00-17:00', '04-02 09:00-17:00', '04-03 09:00-17:00'],
  ],
  ['lon', 'any day from monday', ['03-30 09:00-17:00', '03-31 09:00-17:00', '04-01 09:00-17:00', '04-02 09:00-17:00', '04-03 09:00-17:00']],
  [
    'lon',
    'swamped until thursday afternoon then free',
    [
      '03-26 12:00-17:00',
      '03-27 09:00-17:00',
      '03-30 09:00-17:00',
      '03-31 09:00-17:00',
      '04-01 09:00-17:00',
      '04-02 09:00-17:00',
      '04-03 09:00-17:00',
    ],
  ],
  ['lon', "i'm back on the 1st", ['04-01 09:00-17:00', '04-02 09:00-17:00', '04-03 09:00-17:00']],
  ['syd', 'nothing before the 7th', ['04-07 09:00-17:00', '04-08 09:00-17:00', '04-09 09:00-17:00', '04-10 09:00-17:00']],
  ['syd', 'away through monday, free after', ['04-07 09:00-17:00', '04-08 09:00-17:00', '04-09 09:00-17:00', '04-10 09:00-17:00']],
  [
    'syd',
    'any time from friday',
    ['04-03 09:00-17:00', '04-06 09:00-17:00', '04-07 09:00-17:00', '04-08 09:00-17:00', '04-09 09:00-17:00', '04-10 09:00-17:00'],
  ],
  ['syd', 'busy until tuesday afternoon, then free', ['04-07 12:00-17:00', '04-08 09:00-17:00', '04-09 09:00-17:00', '04-10 09:00-17:00']],
  ['syd', "after the 8th i'm free", ['04-09 09:00-17:00', '04-10 09:00-17:00']],
]);

// A busy spell said alone leaves what follows it, as "then I'm free" would; "until X" keeps X free and asks about it.
describe('a busy spell alone offers the time after it, and asks about its last day', () => {
  it.each([
    ['ny', 'swamped till thursday', '2026-03-05', 'thursday'],
    ['lon', "i'm away until the 30th", '2026-03-30', 'the 30th'],
    ['syd', 'busy until friday', '2026-04-03', 'friday'],
  ] as const)('%s: "%s"', (zone, text, first, said) => {
    const r = parseIn(zone, text);
    expect(r.intent).toBe('availability');
    expect(r.slots[0]?.start.slice(0, 10)).toBe(first);
    expect(r.ambiguities).toEqual([`"until ${said}": read as free from ${said} on, ${said} included`]);
    expect(r.confidence).toBeLessThan(1);
  });
});

describe('"until the 9th, after that" is read as after the 9th and says so', () => {
  it('Sydney: the 8th itself is neither offered nor ruled out, and the read-back asks', () => {
    const r = parseIn('syd', 'out until the 8th, after that any time');
    expect(r.slots.map((s) => s.start.slice(0, 10))).toEqual(['2026-04-09', '2026-04-10']);
    expect(r.slots[0]?.start).toBe('2026-04-09T09:00:00+10:00');
    expect(r.ambiguities).toEqual(['"until the 8th, after that": read as free after the 8th, not on it']);
  });
});

// A busy spell with nothing offered after it leaves the time after it; "through X" keeps X busy; "until next month" beyond the window leaves nothing.
patternTable('busy spells said alone, "through" and "all morning"', [
  [
    'ny',
    'booked up through friday',
    ['03-09 09:00-17:00', '03-10 09:00-17:00', '03-11 09:00-17:00', '03-12 09:00-17:00', '03-13 09:00-17:00'],
  ],
  ['ny', "i won't be free until tuesday", ['03-10 09:00-17:00', '03-11 09:00-17:00', '03-12 09:00-17:00', '03-13 09:00-17:00']],
  ['ny', 'away this week', ['03-09 09:00-17:00', '03-10 09:00-17:00', '03-11 09:00-17:00', '03-12 09:00-17:00', '03-13 09:00-17:00']],
  ['ny', 'tied up till lunch then free', ['03-04 12:00-17:00']],
  ['ny', "can't until next month", []],
  [
    'ny',
    'out until the end of the week, then afternoons',
    ['03-09 12:00-17:00', '03-10 12:00-17:00', '03-11 12:00-17:00', '03-12 12:00-17:00', '03-13 12:00-17:00'],
  ],
  ['lon', 'on holiday through the 30th', ['03-31 09:00-17:00', '04-01 09:00-17:00', '04-02 09:00-17:00', '04-03 09:00-17:00']],
  [
    'lon',
    'not available till monday',
    ['03-30 09:00-17:00', '03-31 09:00-17:00', '04-01 09:00-17:00', '04-02 09:00-17:00', '04-03 09:00-17:00'],
  ],
  ['lon', 'busy all morning, free after', ['03-25 12:00-17:00']],
  ['lon', 'out all week', ['03-30 09:00-17:00', '03-31 09:00-17:00', '04-01 09:00-17:00', '04-02 09:00-17:00', '04-03 09:00-17:00']],
  ['lon', 'busy until april, then free', ['04-01 09:00-17:00', '04-02 09:00-17:00', '04-03 09:00-17:00']],
  ['syd', 'swamped through monday', ['04-07 09:00-17:00', '04-08 09:00-17:00', '04-09 09:00-17:00', '04-10 09:00-17:00']],
  ['syd', 'not around until the 7th', ['04-07 09:00-17:00', '04-08 09:00-17:00', '04-09 09:00-17:00', '04-10 09:00-17:00']],
  ['syd', 'nothing until next week, then wednesday or thursday', ['04-08 09:00-17:00', '04-09 09:00-17:00']],
  ['syd', "i'm back from my trip on tuesday", ['04-07 09:00-17:00', '04-08 09:00-17:00', '04-09 09:00-17:00', '04-10 09:00-17:00']],
  [
    'syd',
    'not free until after lunch friday',
    ['04-03 13:00-17:00', '04-06 09:00-17:00', '04-07 09:00-17:00', '04-08 09:00-17:00', '04-09 09:00-17:00', '04-10 09:00-17:00'],
  ],
]);

describe('"until friday" and "through friday" differ on Friday itself', () => {
  it.each(['ny', 'lon', 'syd'] as const)('%s', (zone) => {
    const firstDay = (text: string) => parseIn(zone, text).slots[0]?.start.slice(0, 10);
    const until = parseIn(zone, 'booked solid until friday');
    const through = parseIn(zone, 'booked solid through friday');
    const fri = until.slots[0]?.start.slice(0, 10) ?? '';
    expect(new Date(`${fri}T12:00:00Z`).getUTCDay()).toBe(5);
    expect(firstDay('booked solid through friday')).not.toBe(fri);
    expect(through.slots).toEqual(until.slots.slice(1));
    // Only "until" leaves its last day in doubt.
    expect(until.ambiguities).toHaveLength(1);
    expect(through.ambiguities).toEqual([]);
  });
});

// Free again after a spell, the earliest day, a part of day for the first day only, and two open ends of one stretch.
patternTable('free again, at the earliest, and open ends', [
  [
    'ny',
    'at a trade show through thursday',
    ['03-06 09:00-17:00', '03-09 09:00-17:00', '03-10 09:00-17:00', '03-11 09:00-17:00', '03-12 09:00-17:00', '03-13 09:00-17:00'],
  ],
  [
    'ny',
    'the earliest we could do is tuesday afternoon',
    ['03-10 12:00-17:00', '03-11 09:00-17:00', '03-12 09:00-17:00', '03-13 09:00-17:00'],
  ],
  [
    'lon',
    'away until the 27th, back on the 30th',
    ['03-30 09:00-17:00', '03-31 09:00-17:00', '04-01 09:00-17:00', '04-02 09:00-17:00', '04-03 09:00-17:00'],
  ],
  ['syd', 'after tuesday but before friday next week', ['04-08 09:00-17:00', '04-09 09:00-17:00']],
  [
    'syd',
    'wednesday onwards at the earliest',
    [
      '04-01 09:00-17:00',
      '04-02 09:00-17:00',
      '04-03 09:00-17:00',
      '04-06 09:00-17:00',
      '04-07 09:00-17:00',
      '04-08 09:00-17:00',
      '04-09 09:00-17:00',
      '04-10 09:00-17:00',
    ],
  ],
]);

// Said on a Wednesday, "until wednesday" is next Wednesday: a busy spell does not end on the day it is said on.
patternTable('a busy spell named by the weekday it is said on', [
  ['ny', 'busy until wednesday', ['03-11 09:00-17:00', '03-12 09:00-17:00', '03-13 09:00-17:00']],
  ['lon', 'booked through wednesday', ['04-02 09:00-17:00', '04-03 09:00-17:00']],
  ['syd', 'swamped till wednesday then free', ['04-08 09:00-17:00', '04-09 09:00-17:00', '04-10 09:00-17:00']],
]);

// A spell said as a length from today leaves what follows it.
patternTable('a busy spell said as a length of time', [
  ['ny', 'off for a week then mornings', ['03-11 08:00-12:00', '03-12 08:00-12:00', '03-13 08:00-12:00']],
  [
    'lon',
    'away for the next few days',
    ['03-30 09:00-17:00', '03-31 09:00-17:00', '04-01 09:00-17:00', '04-02 09:00-17:00', '04-03 09:00-17:00'],
  ],
  [
    'syd',
    'out for the next few days',
    ['04-06 09:00-17:00', '04-07 09:00-17:00', '04-08 09:00-17:00', '04-09 09:00-17:00', '04-10 09:00-17:00'],
  ],
]);

// A busy spell that ends at a clock every day leaves each of those days from then on; "the weekend" ends a spell.
patternTable('busy until a clock every day, and until the weekend', [
  [
    'ny',
    "i'm booked until 11 every day",
    [
      '03-04 11:00-17:00',
      '03-05 11:00-17:00',
      '03-06 11:00-17:00',
      '03-09 11:00-17:00',
      '03-10 11:00-17:00',
      '03-11 11:00-17:00',
      '03-12 11:00-17:00',
      '03-13 11:00-17:00',
    ],
  ],
  [
    'lon',
    'i have meetings until 3 every day next week',
    ['03-30 15:00-17:00', '03-31 15:00-17:00', '04-01 15:00-17:00', '04-02 15:00-17:00', '04-03 15:00-17:00'],
  ],
  [
    'syd',
    'out until after the weekend',
    ['04-06 09:00-17:00', '04-07 09:00-17:00', '04-08 09:00-17:00', '04-09 09:00-17:00', '04-10 09:00-17:00'],
  ],
]);

// "until the afternoon" ends a busy spell at noon: today when no day is named, that day and after when one is.
patternTable('busy until the afternoon', [
  ['ny', 'busy until the afternoon', ['03-04 12:00-17:00']],
  ['lon', 'in meetings until the afternoon, then free', ['03-25 12:00-17:00']],
  [
    'syd',
    'tied up until the afternoon on friday',
    ['04-03 12:00-17:00', '04-06 09:00-17:00', '04-07 09:00-17:00', '04-08 09:00-17:00', '04-09 09:00-17:00', '04-10 09:00-17:00'],
  ],
]);
