// Which timezone names callbook takes, wherever one is given (leads, meetings, owners, availability).
// Calling hours are kept in the called person's zone, so a zone must name a place. An abbreviation
// (EST), a POSIX rule (EST5EDT), a fixed offset (Etc/GMT+5) or UTC keeps one offset all year and
// is an hour off for half of it wherever people observe daylight saving time. Links (US/Eastern,
// Asia/Calcutta) become the zone.tab name of the same place (America/New_York, Asia/Kolkata).
import { IANAZone } from 'luxon';
import { COUNTRY_ZONES } from './zone-countries.js';

export type ZoneCheck = { zone: string; problem: null } | { zone: null; problem: string };

const GEOGRAPHIC = /^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)\//i;
const LINK_AREAS = /^(US|Canada|Mexico|Brazil|Chile)\//i;
/** tzdata's "backward" names for whole countries: links to one place each. */
const COUNTRY_WORDS = new Set(
  'cuba egypt eire gb gb-eire hongkong iceland iran israel jamaica japan kwajalein libya navajo nz nz-chat poland portugal prc roc rok singapore turkey w-su'.split(
    ' ',
  ),
);
const KNOWN = new Set(Object.values(COUNTRY_ZONES).flat());

/** Where a refused name most likely meant, before the phone number's country is considered. */
const LIKELY: Record<string, string> = {};
for (const [zone, names] of Object.entries({
  'America/New_York': 'EST EDT EST5EDT',
  'America/Chicago': 'CST CDT CST6CDT',
  'America/Denver': 'MST MDT MST7MDT',
  'America/Los_Angeles': 'PST PDT PST8PDT',
  'America/Anchorage': 'AKST AKDT',
  'Pacific/Honolulu': 'HST HDT',
  'Europe/London': 'GMT BST UTC UCT GMT0 GMT+0 GMT-0 GREENWICH UNIVERSAL ZULU',
  'Europe/Lisbon': 'WET WEST',
  'Europe/Paris': 'CET CEST MET MEST',
  'Europe/Athens': 'EET EEST',
  'Europe/Moscow': 'MSK',
  'Asia/Kolkata': 'IST',
  'Asia/Tokyo': 'JST',
  'Asia/Seoul': 'KST',
  'Australia/Sydney': 'AEST AEDT AET',
  'Pacific/Auckland': 'NZST NZDT',
})) {
  for (const name of names.split(' ')) LIKELY[name] = zone;
}

/** Suggestions for a bare offset when the number's country is unknown: places many people live. */
const WORLD = (
  'America/New_York America/Bogota America/Chicago America/Mexico_City America/Denver America/Los_Angeles ' +
  'America/Anchorage Pacific/Honolulu America/Halifax America/Sao_Paulo America/Argentina/Buenos_Aires Atlantic/Azores ' +
  'Europe/London Africa/Lagos Europe/Paris Africa/Johannesburg Europe/Athens Europe/Moscow Africa/Nairobi Asia/Tehran ' +
  'Asia/Dubai Asia/Karachi Asia/Kolkata Asia/Kathmandu Asia/Dhaka Asia/Bangkok Asia/Jakarta Asia/Shanghai Asia/Singapore ' +
  'Asia/Tokyo Asia/Seoul Australia/Adelaide Australia/Sydney Australia/Brisbane Pacific/Noumea Pacific/Auckland Pacific/Tongatapu'
).split(' ');

/** The ICU/CLDR name of a zone (which may be an old one: Asia/Calcutta), or null when unknown. */
function icuName(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

let knownByIcu: Map<string, string> | null = null;

/** The zone.tab name for an ICU name; built once, only when a name outside zone.tab is seen. */
function knownNameOf(icu: string): string | null {
  if (KNOWN.has(icu)) return icu;
  if (!knownByIcu) {
    knownByIcu = new Map();
    for (const zone of KNOWN) {
      const key = icuName(zone);
      if (key && !knownByIcu.has(key)) knownByIcu.set(key, zone);
    }
  }
  return knownByIcu.get(icu) ?? null;
}

/** Minutes east of UTC outside daylight saving time (the smaller of January's and July's). */
function standardOffset(zone: string): number | null {
  const z = IANAZone.create(zone);
  if (!z.isValid) return null;
  return Math.min(z.offset(Date.UTC(2026, 0, 1)), z.offset(Date.UTC(2026, 6, 1)));
}

function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Up to two places the refused name probably meant, taken from the number's country when known. */
function likelyZones(key: string, offset: number | null, country: string | null): string[] {
  const likely = LIKELY[key] ?? null;
  const sameOffset = (zones: readonly string[]) => zones.filter((z) => offset !== null && standardOffset(z) === offset);
  const local = country ? COUNTRY_ZONES[country] : undefined;
  if (local) {
    if (likely && local.includes(likely)) return [likely];
    const matches = sameOffset(local);
    return (matches.length > 0 ? matches : local).slice(0, 1);
  }
  if (likely) return [likely];
  const world = sameOffset(WORLD);
  return (world.length > 0 ? world : sameOffset([...KNOWN])).slice(0, 2);
}

/** Minutes east of UTC that a name fixes: from ICU, or from "+05:00" / "GMT-3" as a person writes it. */
function fixedOffsetOf(name: string, icu: string | null): number | null {
  if (icu) return standardOffset(icu);
  const m = /^(?:GMT|UTC)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(name);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return minutes <= 14 * 60 ? (m[1] === '-' ? -minutes : minutes) : null;
}

/** Text safe to echo in a message: control characters shown as \uXXXX, long input cut. */
export function quoteForMessage(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u00${c.charCodeAt(0).toString(16)}`,
  );
}

const EXPECTED = 'expected an IANA timezone of a place, such as America/New_York';

function refuse(problem: string): ZoneCheck {
  return { zone: null, problem };
}

/**
 * The one rule for a timezone name: a geographic IANA zone, returned by its zone.tab name (links
 * canonicalised, letter case fixed); anything else is refused with a message naming the likely
 * zone. `country` (ISO alpha-2, e.g. from the phone number) picks that zone when known.
 */
export function resolveZone(text: string, options: { country?: string | null } = {}): ZoneCheck {
  const name = text.trim();
  if (KNOWN.has(name)) return { zone: name, problem: null };
  if (name === '') return refuse(EXPECTED);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (name.length > 64 || /[\x00-\x1f\x7f-\x9f]/.test(name)) return refuse(`${EXPECTED}, got ${quoteForMessage(name)}`);
  const country = options.country ?? null;
  const key = name.toUpperCase().replace(/^ETC\//, '');
  const icu = icuName(name);
  const offset = fixedOffsetOf(name, icu);
  const use = () => {
    const zones = likelyZones(key, offset, country);
    return zones.length > 0 ? `; use ${zones.join(' or ')}` : '';
  };
  const got = `${EXPECTED}, got ${quoteForMessage(name)}`;
  if (/^(UTC|UCT|GMT|GMT[+-]?0|GREENWICH|UNIVERSAL|ZULU)$/.test(key) || icu === 'UTC') {
    return refuse(`${got}: universal time names no place and has no daylight saving time${use()}`);
  }
  if (/^(ETC\/|SYSTEMV\/)/i.test(name) || /^(GMT|UTC)?\s*[+-]\d/i.test(name) || icu?.startsWith('Etc/') === true) {
    const fixed = offset === null ? 'a fixed offset' : `a fixed offset (${formatOffset(offset)})`;
    return refuse(`${got}: ${fixed} ignores daylight saving time${use()}`);
  }
  const bare = !name.includes('/');
  // EST, CET, EST5EDT…: ICU maps some to a city (EST → America/Panama), which is not what people mean.
  if (bare && !COUNTRY_WORDS.has(name.toLowerCase())) return refuse(`${got}: an abbreviation keeps one offset all year${use()}`);
  if (icu === null || !(GEOGRAPHIC.test(name) || LINK_AREAS.test(name) || bare)) return refuse(got);
  const zone = knownNameOf(icu) ?? (GEOGRAPHIC.test(icu) ? icu : null);
  return zone ? { zone, problem: null } : refuse(got);
}

/** The zones of a country (ISO alpha-2), main one first; empty when the country is unknown. */
export function zonesOfCountry(country: string | null | undefined): readonly string[] {
  return (country ? COUNTRY_ZONES[country] : undefined) ?? [];
}

/** Whether a zone (as resolveZone returns it) lies in the country; null when the country is unknown. */
export function zoneFitsCountry(zone: string, country: string | null | undefined): boolean | null {
  const zones = zonesOfCountry(country);
  if (zones.length === 0) return null;
  if (zones.includes(zone)) return true;
  // Outside zone.tab (an ICU-only name): compare the places ICU sees.
  if (KNOWN.has(zone)) return false;
  const icu = icuName(zone);
  return zones.some((z) => icuName(z) === icu);
}
