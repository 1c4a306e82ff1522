import { createRequire } from 'node:module';
import { IANAZone } from 'luxon';

interface TzInfo {
  iana?: string;
  offset?: string;
}

// node-ical's own TZID resolver (Windows names such as "Eastern Standard Time", Outlook display
// labels such as "(UTC-05:00) Eastern Time (US & Canada)", raw offsets). It is not in node-ical's
// typings, so it is loaded by path; if a future version moves it, only IANA names count as known.
const resolveTzid: (tzid: string) => TzInfo = (() => {
  try {
    const utils = createRequire(import.meta.url)('node-ical/lib/tz-utils.js') as { resolveTZID?: (tzid: string) => TzInfo };
    return utils.resolveTZID ?? (() => ({}));
  } catch {
    return () => ({});
  }
})();

/**
 * Whether node-ical can place a TZID on the time line by itself: an IANA name, a Windows name it maps,
 * or any name the file defines in a VTIMEZONE block (node-ical matches the block's rules to a zone).
 * For anything else node-ical silently reads the wall time in the host's zone, and Outlook's
 * "Customized Time Zone" without its block is guessed as the host's zone too.
 */
export function isPlaceableTzid(tzid: string, definedInFile: ReadonlySet<string>): boolean {
  if (definedInFile.has(tzid)) return true;
  if (/^(Customized Time Zone|tzone:\/\/Microsoft\/|\(no TZ description\))/i.test(tzid)) return false;
  let known = placeable.get(tzid);
  if (known === undefined) {
    const info = isIanaZone(tzid) ? null : resolveTzid(tzid);
    known = info === null || Boolean(info.iana || info.offset);
    placeable.set(tzid, known);
  }
  return known;
}

const placeable = new Map<string, boolean>();
const iana = new Map<string, boolean>();

/** luxon's check builds an Intl formatter each call (~0.2 ms): a calendar repeats a few zones thousands of times. */
export function isIanaZone(name: string): boolean {
  let valid = iana.get(name);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(name);
    iana.set(name, valid);
  }
  return valid;
}
