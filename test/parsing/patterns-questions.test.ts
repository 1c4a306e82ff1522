// Each kind of doubt the deterministic parser reports comes with the question the call asks the lead: plain
// words for text-to-speech (no quotes, no colons, no "read as"), naming the day or date concerned. The
// notes in `ambiguities` stay as they were, in the same order as `questions`.
import { describe, expect, it } from 'vitest';
import { parseIn, type ZoneKey } from './patterns-helpers.js';

const ROWS: Array<[string, ZoneKey, string, string]> = [
  [
    'a correction with nothing after it',
    'ny',
    'monday no wait',
    'You said Monday and then changed your mind. Which day and time did you mean?',
  ],
  ['a weekday that is not the date', 'ny', 'friday the 12th at ten', 'Did you mean the date, Thursday the 12th, or Friday?'],
  ['a weekday that is not the date', 'syd', 'tuesday the 9th in the morning', 'Did you mean the date, Thursday the 9th, or Tuesday?'],
  ['a busy spell to a weekday', 'syd', 'busy until friday', 'Is Friday itself free, or are you busy through Friday?'],
  ['a busy spell to a date', 'lon', "i'm away until the 30th", 'Is the 30th itself free, or are you busy through the 30th?'],
  ['until a date, after that', 'syd', 'out until the 8th, after that any time', 'Is the 8th itself free, or only the days after the 8th?'],
  [
    'a day left out with an open time',
    'ny',
    'any day but friday after 3',
    "Is it only Friday after 3 pm that doesn't work, or after 3 pm on every day?",
  ],
  [
    'a day left out with an open time',
    'syd',
    'any day but monday before 10:30',
    "Is it only Monday before 10 30 am that doesn't work, or before 10 30 am on every day?",
  ],
  ["the caller's zone unknown", 'ny', 'tuesday at 3pm your time', 'Could you tell me that time in your own time zone?'],
  ['a day offered and ruled out', 'ny', 'free tuesday, busy tuesday', 'Does Tuesday the 10th work for you or not?'],
  ['a day offered and ruled out', 'lon', 'monday at 2 works, monday is out', 'Does Monday the 30th work for you or not?'],
];

describe('every ambiguity comes with a spoken question', () => {
  it.each(ROWS)('%s (%s): "%s"', (_kind, zone, text, question) => {
    const r = parseIn(zone, text);
    expect(r.ambiguities.length).toBeGreaterThan(0);
    expect(r.questions).toHaveLength(r.ambiguities.length);
    expect(r.questions?.[0]).toBe(question);
    for (const q of r.questions ?? []) {
      expect(q).not.toMatch(/["“”:]|read as/);
      expect(q.endsWith('?')).toBe(true);
    }
  });

  it('nothing in doubt, no question', () => {
    const r = parseIn('ny', 'tuesday at ten');
    expect(r.ambiguities).toEqual([]);
    expect(r.questions).toEqual([]);
  });
});
