/** An ICS body starts (after an optional BOM and blank lines) with BEGIN:VCALENDAR. */
export function looksLikeIcs(text: string): boolean {
  return /^\uFEFF?\s*BEGIN:VCALENDAR\b/i.test(text);
}
