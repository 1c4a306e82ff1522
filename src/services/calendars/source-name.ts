/**
 * How a calendar is named in messages and in BusyInterval.source. An iCal URL is a secret address
 * (anyone holding it reads the whole diary), so only its host and the harmless last path segment
 * ("basic.ics", "calendar.ics") are shown: "https://calendar.google.com/…/basic.ics".
 */
export function describeCalendarSource(source: string): string {
  if (!isUrl(source)) return source;
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return '<invalid URL>';
  }
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const last = segments.at(-1);
  const tail = last !== undefined && /^[\w.-]{1,20}\.ics$/i.test(last) && !looksSecret(last) ? `/${last}` : '';
  const masked = segments.length > (tail === '' ? 0 : 1) ? '/…' : '';
  return `${url.protocol}//${url.host}${masked}${tail}`;
}

export function isUrl(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source);
}

// A long run of hex or base64-ish characters is a token, even when it ends in .ics.
function looksSecret(segment: string): boolean {
  return /[0-9a-f]{12,}|[A-Za-z0-9_-]{24,}/i.test(segment);
}
