// Shared by the patterns-*.test.ts tables: three zones, each with a clock change inside its window, and
// labels written as local wall-clock ("03-10 15:00-16:00") turned into ISO with the zone's offset by luxon.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseAvailabilityText } from '../../src/parsing/heuristic/index.js';
import type { AvailabilityResult } from '../../src/parsing/types.js';

export const ZONES = {
  // Wed 4 Mar 10:00; US clocks go forward Sun 8 Mar.
  ny: { timezone: 'America/New_York', now: '2026-03-04T10:00:00-05:00', end: '2026-03-13T23:59:59', duration: 30 },
  // Wed 25 Mar 09:00 GMT; BST starts Sun 29 Mar.
  lon: { timezone: 'Europe/London', now: '2026-03-25T09:00:00+00:00', end: '2026-04-03T23:59:59', duration: 45 },
  // Wed 1 Apr 09:00 AEDT; daylight saving ends Sun 5 Apr.
  syd: { timezone: 'Australia/Sydney', now: '2026-04-01T09:00:00+11:00', end: '2026-04-10T23:59:59', duration: 60 },
} as const;
export type ZoneKey = keyof typeof ZONES;

export function parseIn(zone: ZoneKey, text: string, extra: { caller_timezone?: string } = {}): AvailabilityResult {
  const z = ZONES[zone];
  const windowEnd = DateTime.fromISO(z.end, { zone: z.timezone }).toISO({ suppressMilliseconds: true }) ?? '';
  return parseAvailabilityText({
    text,
    timezone: z.timezone,
    now: z.now,
    window_start: z.now,
    window_end: windowEnd,
    duration_minutes: z.duration,
    ...extra,
  });
}

/** "03-10 15:00-16:00" in the zone → ISO start and end; "24:00" is the next midnight. */
export function isoSlots(zone: ZoneKey, labels: string[]): Array<{ start: string; end: string }> {
  const { timezone } = ZONES[zone];
  const local = (md: string, hm: string) =>
    hm === '24:00'
      ? DateTime.fromISO(`2026-${md}T00:00`, { zone: timezone }).plus({ days: 1 })
      : DateTime.fromISO(`2026-${md}T${hm}`, { zone: timezone });
  return labels.map((label) => {
    const [md = '', range = ''] = label.split(' ');
    const [a = '', b = ''] = range.split('-');
    return {
      start: local(md, a).toISO({ suppressMilliseconds: true }) ?? '',
      end: local(md, b).toISO({ suppressMilliseconds: true }) ?? '',
    };
  });
}

/** [zone, what the lead said, expected local slots] — an empty list means no slot and a non-availability intent. */
export type Row = [ZoneKey, string, string[]];

export function patternTable(title: string, rows: Row[]): void {
  describe(title, () => {
    it.each(rows)('%s: "%s"', (zone, text, labels) => {
      const r = parseIn(zone, text);
      expect(r.slots).toEqual(isoSlots(zone, labels));
      if (labels.length) expect(r.intent).toBe('availability');
      else expect(r.intent).not.toBe('availability');
    });
  });
}
