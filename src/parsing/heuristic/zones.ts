// Zones a lead names for a time ("2pm eastern", "10 am PST", "3pm your time"). The time is then a wall
// clock in that zone, moved to the lead's own zone when the slot is built. "your time" is the caller's zone,
// which only the call knows (AvailabilityInput.caller_timezone).
import type { PhraseRule } from './day-expressions.js';

const ZONES: Array<[string, string]> = [
  ['America/New_York', 'eastern(?: standard| daylight)?(?: time)?|est|edt|et'],
  ['America/Chicago', 'central(?: standard| daylight)?(?: time)?|cst|cdt|ct'],
  ['America/Denver', 'mountain(?: standard| daylight)?(?: time)?|mst|mdt|mt'],
  ['America/Los_Angeles', 'pacific(?: standard| daylight)?(?: time)?|pst|pdt|pt'],
  ['Europe/London', 'bst|(?:uk|london|british) time'],
  ['UTC', 'gmt|utc|zulu'],
  ['Europe/Paris', 'cet|cest|central european(?: summer)?(?: time)?'],
  ['Australia/Sydney', 'aest|aedt|sydney time|australian eastern(?: time)?'],
  ['Asia/Kolkata', 'india(?:n)? time'],
  ['Asia/Tokyo', 'jst|japan time'],
  ['caller', '(?:your|ur) (?:time|timezone|time zone|local time)|(?:in|on) your (?:time|end)'],
  ['local', '(?:my|our) (?:time|timezone|time zone|local time)|local time|(?:in|on) my (?:time|end)'],
];

const BY_SOURCE = ZONES.map(([zone, src]) => [zone, new RegExp(`^(?:${src})$`)] as const);

export const ZONE_RULE: PhraseRule = {
  src: `(?:${ZONES.map(([, src]) => src).join('|')})`,
  build: (m) => {
    const zone = BY_SOURCE.find(([, re]) => re.test(m[0]))?.[0] ?? 'local';
    return [{ kind: 'cue', cue: 'zone', zone }];
  },
};
