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
  if (IANAZone.isValidZone(tzid)) return true;
  const info = resolveTzid(tzid);
  return Boolean(info.iana || info.offset);
}
