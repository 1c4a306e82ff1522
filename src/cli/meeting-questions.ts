// The questions interactive `meeting create` asks for what its flags left out, in order, each
// checked as it is typed against the answers before it (the window against the zone and the
// duration). Required ones first; the mode, preferences and bookings are asked with defaults
// only once prompting has started, so a script that gave every required flag is never asked.
import type { DateTime } from 'luxon';
import { PARTS_OF_DAY } from '../domain/types.js';
import {
  checkText,
  checkWholeNumber,
  checkWindowEnd,
  checkWindowStart,
  checkZone,
  DAY_CHOICES,
  searchZones,
  zoneChoices,
} from './meeting-answers.js';
import type { Answers, Needed } from './prompts.js';

export interface GivenFlags {
  owner?: string;
  title?: string;
  duration?: string;
  timezone?: string;
  windowStart?: string;
  windowEnd?: string;
  instruction?: string;
  days?: string;
  parts?: string;
  hours?: string;
  /** Whether --mode and --max-bookings were typed (not their defaults). */
  modeGiven: boolean;
  maxBookingsGiven: boolean;
}

export function meetingQuestions(flags: GivenFlags, now: DateTime, systemZone: string | undefined): Needed[] {
  const zoneOf = (a: Answers) => a.get('--timezone') ?? flags.timezone ?? 'UTC';
  const durationOf = (a: Answers) => Number(a.get('--duration') ?? flags.duration ?? 30);
  const startOf = (a: Answers) => a.get('--window-start') ?? flags.windowStart ?? '';
  const q: Needed[] = [];
  if (!flags.owner) q.push({ flag: '--owner', message: 'Owner (account manager id or email)', validate: checkText('an owner id') });
  if (!flags.title) q.push({ flag: '--title', message: 'Meeting title', validate: checkText('a title') });
  if (!flags.duration)
    q.push({
      flag: '--duration',
      message: 'Duration in minutes (5-480)',
      default: '30',
      validate: checkWholeNumber(5, 480, ' of minutes'),
    });
  if (!flags.timezone) {
    const choices = zoneChoices(systemZone);
    q.push({
      kind: 'search',
      flag: '--timezone',
      message: "Owner's timezone (type to search)",
      choices: (term) => searchZones(choices, term),
      validate: (v) => checkZone(v),
    });
  }
  if (!flags.instruction && !flags.windowStart)
    q.push({
      flag: '--window-start',
      message: 'Window start (a date, or today, tomorrow, next monday…)',
      default: 'tomorrow',
      validate: (v, a) => checkWindowStart(v, zoneOf(a), now),
    });
  if (!flags.instruction && !flags.windowEnd)
    q.push({
      flag: '--window-end',
      message: 'Window end (a date, or in two weeks, next friday…)',
      default: 'in two weeks',
      validate: (v, a) => checkWindowEnd(v, startOf(a), durationOf(a), zoneOf(a), now),
    });
  if (!flags.modeGiven)
    q.push({
      kind: 'select',
      optional: true,
      flag: '--mode',
      message: 'Mode',
      default: 'group',
      choices: [
        { name: 'group', value: 'group', description: 'one slot, several leads attend it' },
        { name: 'one-on-one', value: 'one-on-one', description: 'separate meetings, one lead each' },
      ],
    });
  if (!flags.instruction && flags.days === undefined)
    q.push({ kind: 'checkbox', optional: true, flag: '--days', message: 'Preferred days (none: any day)', choices: DAY_CHOICES });
  if (!flags.instruction && flags.parts === undefined && flags.hours === undefined)
    q.push({
      kind: 'checkbox',
      optional: true,
      flag: '--parts',
      message: 'Preferred parts of day (none: any time)',
      choices: PARTS_OF_DAY.map((p) => ({ name: p, value: p })),
    });
  if (!flags.maxBookingsGiven)
    q.push({
      optional: true,
      flag: '--max-bookings',
      message: 'How many bookings (group: leads in the slot; one-on-one: meetings)',
      default: '1',
      validate: checkWholeNumber(1, 100_000),
    });
  return q;
}
