// Interactive meeting create: each answer is checked as it is typed (the prompt says why and
// asks again), dates take words, the timezone is a searchable list with the system zone first.
// Validators and date words are unit-tested; the prompts are driven in-process with keystrokes.
import { PassThrough, Writable } from 'node:stream';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import {
  checkText,
  checkWholeNumber,
  checkWindowEnd,
  checkWindowStart,
  checkZone,
  readDateWord,
  searchZones,
  zoneChoices,
} from '../../src/cli/meeting-answers.js';
import { meetingQuestions } from '../../src/cli/meeting-questions.js';
import { askForMissing } from '../../src/cli/prompts.js';

// Friday 6 March 2026, 23:30 in New York, already Saturday 7 March in UTC.
const NOW = DateTime.fromISO('2026-03-07T04:30:00Z');

describe('date words', () => {
  it.each([
    ['today', '2026-03-06'],
    ['tomorrow', '2026-03-07'],
    ['Tomorrow ', '2026-03-07'],
    ['in two weeks', '2026-03-20'],
    ['in 3 days', '2026-03-09'],
    ['in a week', '2026-03-13'],
    ['next week', '2026-03-13'],
    ['monday', '2026-03-09'],
    ['next friday', '2026-03-13'],
    ['friday', '2026-03-13'],
  ])('%s in New York is %s (the owner’s calendar, not UTC)', (text, date) => {
    expect(readDateWord(text, 'America/New_York', NOW)).toBe(date);
  });

  it('reads the same instant on Tokyo’s calendar', () => {
    expect(readDateWord('tomorrow', 'Asia/Tokyo', NOW)).toBe('2026-03-08');
  });

  it('leaves what is no date word alone', () => {
    for (const text of ['2026-03-09', 'soon', 'in many weeks', 'next month-ish']) expect(readDateWord(text, 'UTC', NOW)).toBeNull();
  });
});

describe('validators', () => {
  it('text must be there and plain', () => {
    expect(checkText('a title')('  ')).toBe('expected a title');
    expect(checkText('a title')('Intro\u001b[2J')).toMatch(/control character/);
    expect(checkText('a title')('Intro call')).toBe(true);
  });

  it('numbers are whole and in range, and say the range', () => {
    const duration = checkWholeNumber(5, 480, ' of minutes');
    expect(duration('30')).toBe(true);
    expect(duration('4')).toBe('expected a whole number of minutes from 5 to 480');
    expect(duration('30.5')).toMatch(/whole number/);
    expect(duration('thirty')).toMatch(/whole number/);
  });

  it('zones are geographic IANA names, with the likely zone for an abbreviation', () => {
    expect(checkZone('Europe/London')).toBe(true);
    expect(checkZone('EST')).toMatch(/America\/New_York|IANA/);
    expect(checkZone('Mars/Olympus')).not.toBe(true);
  });

  it('window edges take dates, date-times and words; the end comes after the start and fits the meeting', () => {
    expect(checkWindowStart('tomorrow', 'America/New_York', NOW)).toBe(true);
    expect(checkWindowStart('2026-03-09T09:00', 'America/New_York', NOW)).toBe(true);
    expect(checkWindowStart('soonish', 'America/New_York', NOW)).toMatch(/tomorrow/);
    expect(checkWindowEnd('in two weeks', 'tomorrow', 30, 'America/New_York', NOW)).toBe(true);
    expect(checkWindowEnd('today', 'tomorrow', 30, 'America/New_York', NOW)).toMatch(/after the window start \(2026-03-07\)/);
    expect(checkWindowEnd('2026-03-07T10:15', '2026-03-07T10:00', 30, 'America/New_York', NOW)).toMatch(/does not fit/);
  });

  it('puts the system zone first and finds zones by any part of their name', () => {
    const choices = zoneChoices('Asia/Jerusalem');
    expect(choices[0]).toBe('Asia/Jerusalem');
    expect(choices.filter((z) => z === 'Asia/Jerusalem')).toHaveLength(1);
    expect(choices).not.toContain('UTC');
    expect(searchZones(choices, 'new york')).toEqual(['America/New_York']);
    expect(searchZones(choices, 'TOKYO')).toEqual(['Asia/Tokyo']);
    expect(zoneChoices('Etc/GMT+5')[0]).not.toBe('Etc/GMT+5');
  });
});

// ---- driving the prompts with keystrokes ----------------------------------------------------

const ENTER = '\r';
const DOWN = '\u001b[B';
const SPACE = ' ';

function terminal() {
  const input = new PassThrough() as PassThrough & { isTTY?: boolean; setRawMode?: () => void };
  input.isTTY = true;
  input.setRawMode = () => {};
  let screen = '';
  const output = new Writable({
    write(chunk, _enc, done) {
      screen += chunk.toString();
      done();
    },
  });
  // Each prompt ends the stream it wrote to when it closes; stderr ignores that, so this one does too.
  output.end = (() => output) as typeof output.end;
  const io = { stdinIsTTY: true } as Io;
  return { input, output, io, screen: () => screen };
}

/** Types each answer once the screen has asked for what comes next. */
async function typeAnswers(t: ReturnType<typeof terminal>, steps: [waitFor: string, keys: string][]) {
  for (const [waitFor, keys] of steps) {
    const deadline = Date.now() + 5000;
    while (!t.screen().includes(waitFor) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    // An arrow key is one escape sequence; everything else one character at a time.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: splitting keystrokes on ESC is the point
    for (const key of keys.match(/\u001b\[[A-Z]|[\s\S]/g) ?? []) {
      t.input.write(key);
      await new Promise((r) => setTimeout(r, 1));
    }
  }
}

describe('interactive meeting create', () => {
  it('re-asks a bad answer with the reason, then takes words, a searched zone, a mode, preferences and bookings', async () => {
    const t = terminal();
    const questions = meetingQuestions({ modeGiven: false, maxBookingsGiven: false }, NOW, 'Europe/London');
    const answers = askForMissing(t.io, { json: false, debug: false }, questions, { input: t.input, output: t.output });
    await typeAnswers(t, [
      ['Owner', `dana@acme.com${ENTER}`],
      ['Meeting title', `Intro call${ENTER}`],
      ['Duration', `\u0008\u0008900${ENTER}`],
      ['expected a whole number of minutes from 5 to 480', `\u0008\u0008\u000845${ENTER}`],
      ['timezone', `new york`],
      ['America/New_York', ENTER],
      ['Window start', `soonish${ENTER}`],
      ['expected a date', `${'\u0008'.repeat(7)}tomorrow${ENTER}`],
      ['Window end', ENTER],
      ['Mode', `${DOWN}${ENTER}`],
      ['Preferred days', `${DOWN}${SPACE}${DOWN}${SPACE}${ENTER}`],
      ['Preferred parts', `${SPACE}${ENTER}`],
      ['How many bookings', `\u00083${ENTER}`],
    ]);
    const got = Object.fromEntries(await answers);
    expect(got).toEqual({
      '--owner': 'dana@acme.com',
      '--title': 'Intro call',
      '--duration': '45',
      '--timezone': 'America/New_York',
      '--window-start': 'tomorrow',
      '--window-end': 'in two weeks',
      '--mode': 'one-on-one',
      '--days': 'tue,wed',
      '--parts': 'morning',
      '--max-bookings': '3',
    });
    // The system zone was offered first, before anything was typed.
    expect(t.screen().indexOf('Europe/London')).toBeLessThan(t.screen().indexOf('America/New_York'));
  }, 20_000);

  it('asks nothing when every required flag was given, not even the optional questions', async () => {
    const t = terminal();
    const questions = meetingQuestions(
      { owner: 'd', title: 't', duration: '30', timezone: 'UTC', instruction: 'next week', modeGiven: false, maxBookingsGiven: false },
      NOW,
      undefined,
    );
    expect(questions.every((q) => q.optional)).toBe(true);
    expect(await askForMissing(t.io, { json: false, debug: false }, questions, { input: t.input, output: t.output })).toEqual(new Map());
    expect(t.screen()).toBe('');
  });

  it('without a terminal names only the missing required flags', async () => {
    const questions = meetingQuestions({ owner: 'd', modeGiven: false, maxBookingsGiven: false }, NOW, undefined);
    const failure = askForMissing({ stdinIsTTY: false } as Io, { json: false, debug: false }, questions);
    await expect(failure).rejects.toMatchObject({
      problems: ['--title', '--duration', '--timezone', '--window-start', '--window-end'].map((field) => ({
        field,
        message: expect.any(String),
      })),
    });
  });
});
