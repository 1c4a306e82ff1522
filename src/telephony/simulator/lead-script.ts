// Turns a lead's true availability into what a person would say on the phone, as a speech
// recogniser would transcribe it (lowercase, no punctuation, fillers, number words), and picks
// how the call goes with realistic proportions. Seeded: the same rng state gives the same lead.
import { DateTime } from 'luxon';
import type { Rng } from './rng.js';
import { chance, pick, pickWeighted } from './rng.js';
import type { SimBehaviour, SimReply, SimulatedLead } from './types.js';

export interface LocalAvailability {
  /** yyyy-MM-dd in the lead's zone. */
  date: string;
  /** HH:mm, 24-hour, local. */
  start: string;
  end: string;
}

export interface LeadScriptOptions {
  availabilityLocal: LocalAvailability[];
  zone: string;
  now: DateTime | Date | string;
  /** Forces the outcome instead of drawing it. */
  behaviour?: SimBehaviour;
}

type Persona = 'cooperative' | 'silent-first' | 'opt-out' | 'not-interested' | 'call-back';

const BEHAVIOUR_WEIGHTS: Record<SimBehaviour, number> = { answer: 60, voicemail: 15, 'no-answer': 15, busy: 6, failed: 4 };
const PERSONA_WEIGHTS: Record<Persona, number> = {
  cooperative: 70,
  'silent-first': 10,
  'opt-out': 8,
  'not-interested': 7,
  'call-back': 5,
};
const HOURS = ['twelve', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven'];
const MINUTES: Record<number, string> = { 15: 'fifteen', 30: 'thirty', 45: 'forty five' };
const FILLERS = ['', '', 'uh ', 'um ', 'so ', 'let me see ', 'yeah ', 'well ', 'okay so '];
const CONFIRMATIONS: SimReply[] = [
  { speech: 'yes' },
  { speech: 'yeah' },
  { speech: 'yes that works' },
  { speech: 'correct' },
  { speech: 'yep sounds good' },
  { digits: '1' },
];
const OPT_OUTS: SimReply[] = [
  { speech: 'take me off your list' },
  { speech: 'stop calling me' },
  { speech: 'please remove me from your list' },
  { speech: 'stop' },
  { digits: '9' },
];

function toMinutes(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** "ten", "two thirty", with "am"/"pm" when asked for or when the hour alone would mislead. */
function sayClock(minutes: number, rng: Rng): string {
  const h24 = Math.floor(minutes / 60) % 24;
  const words = `${HOURS[h24 % 12]}${MINUTES[minutes % 60] ? ` ${MINUTES[minutes % 60]}` : ''}`;
  if (minutes === 12 * 60 && chance(rng, 0.5)) return 'noon';
  // Early hours and evenings are the ones a listener would guess wrong without am/pm.
  const needsMeridiem = h24 < 7 || h24 >= 19;
  return needsMeridiem || chance(rng, 0.3) ? `${words} ${h24 < 12 ? 'am' : 'pm'}` : words;
}

function sayTimes(start: number, end: number, rng: Rng): string {
  if (start <= 8 * 60 && end >= 17 * 60) return pick(rng, ['all day', 'any time', 'pretty much all day']);
  if (start === 8 * 60 && end === 12 * 60) return pick(rng, ['morning', 'in the morning', 'any time in the morning']);
  if (start === 12 * 60 && end === 17 * 60) return pick(rng, ['afternoon', 'in the afternoon']);
  if (start === 17 * 60 && end === 21 * 60) return pick(rng, ['evening', 'in the evening']);
  if (end >= 17 * 60 && start >= 12 * 60) return `${pick(rng, ['after', 'any time after'])} ${sayClock(start, rng)}`;
  if (start <= 8 * 60) return `before ${sayClock(end, rng)}`;
  return pick(rng, [`between ${sayClock(start, rng)} and ${sayClock(end, rng)}`, `from ${sayClock(start, rng)} to ${sayClock(end, rng)}`]);
}

function sayDay(date: string, today: DateTime, zone: string, rng: Rng): string {
  const day = DateTime.fromISO(date, { zone });
  const diff = Math.round(day.startOf('day').diff(today.startOf('day'), 'days').days);
  const weekday = day.toFormat('cccc').toLowerCase();
  if (diff === 0) return 'today';
  if (diff === 1 && chance(rng, 0.6)) return 'tomorrow';
  if (diff >= 1 && diff < 7 && chance(rng, 0.8)) return weekday;
  return `${weekday} the ${day.toFormat('d')}${ordinalSuffix(day.day)}`;
}

function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

function describeAvailability(opts: LeadScriptOptions, rng: Rng): string {
  const zone = opts.zone;
  const nowDt =
    opts.now instanceof DateTime ? opts.now : opts.now instanceof Date ? DateTime.fromJSDate(opts.now) : DateTime.fromISO(opts.now);
  const today = nowDt.setZone(zone);
  // People mention two or three options, not their whole calendar.
  const chosen = opts.availabilityLocal.filter((_, _index, all) => all.length <= 3 || chance(rng, 3 / all.length)).slice(0, 3);
  const options = (chosen.length > 0 ? chosen : opts.availabilityLocal.slice(0, 1)).map((a) => {
    const day = sayDay(a.date, today, zone, rng);
    const times = sayTimes(toMinutes(a.start), toMinutes(a.end), rng);
    return chance(rng, 0.25) && times.startsWith('after') ? `${times} on ${day}` : `${day} ${times}`;
  });
  const joined = options.join(pick(rng, [' or ', ' and ', ' and also ', ' or maybe ']));
  const template = pick(rng, ['{a} works', "i'm free {a}", '{a}', 'how about {a}', 'i could do {a}', '{a} would be good']);
  return `${pick(rng, FILLERS)}${template.replace('{a}', joined)}`.trim();
}

function buildReplies(persona: Persona, opts: LeadScriptOptions, rng: Rng): SimReply[] {
  if (persona === 'opt-out') return [pick(rng, OPT_OUTS)];
  if (persona === 'not-interested') return [{ speech: pick(rng, ['no thanks not interested', "i'm not interested", 'no thank you']) }];
  if (persona === 'call-back') return [{ speech: pick(rng, ["i'm driving can you call me back later", 'call me back tomorrow please']) }];
  if (opts.availabilityLocal.length === 0) {
    return [{ speech: pick(rng, ["sorry i'm not free at all that week", "i can't make any of those days"]) }];
  }
  const answer: SimReply = { speech: describeAvailability(opts, rng) };
  // A second answer and confirmation cover a server that re-asks after an unclear turn.
  const replies: SimReply[] = [answer, pick(rng, CONFIRMATIONS), answer, pick(rng, CONFIRMATIONS)];
  return persona === 'silent-first' ? [{ silence: true }, ...replies] : replies;
}

export function makeSimulatedLead(rng: Rng, opts: LeadScriptOptions): SimulatedLead {
  const behaviour = opts.behaviour ?? pickWeighted(rng, BEHAVIOUR_WEIGHTS);
  if (behaviour !== 'answer') return { behaviour, replies: [] };
  return { behaviour, replies: buildReplies(pickWeighted(rng, PERSONA_WEIGHTS), opts, rng) };
}
