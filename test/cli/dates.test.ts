// One human date format everywhere, and --tz to read times in another zone.
import { afterEach, describe, expect, it } from 'vitest';
import { formatSpan, formatWhen, setDateDisplay } from '../../src/cli/render/dates.js';
import { createCliSandbox, MEETING_FLAGS } from '../helpers/cli.js';

afterEach(() => setDateDisplay({ now: null, zone: null }));

describe('the human date format', () => {
  it('gives weekday, day, month, time and the zone abbreviation, the year only when it is not the current one', () => {
    setDateDisplay({ now: '2026-03-05T12:00:00Z' });
    expect(formatWhen('2026-03-10T18:00:00Z', 'America/New_York')).toBe('Tue 10 Mar, 14:00 EDT');
    expect(formatWhen('2027-03-10T05:00:00Z', 'Asia/Tokyo')).toBe('Wed 10 Mar 2027, 14:00 GMT+9');
    expect(formatSpan('2026-03-10T18:00:00Z', '2026-03-10T18:30:00Z', 'Europe/London')).toBe('Tue 10 Mar, 18:00–18:30 GMT');
  });

  it('--tz moves the times a renderer shows, but not a person’s own clock', () => {
    setDateDisplay({ now: '2026-03-05T12:00:00Z', zone: 'Asia/Tokyo' });
    expect(formatWhen('2026-03-10T18:00:00Z', 'America/New_York')).toBe('Wed 11 Mar, 03:00 GMT+9');
    expect(formatWhen('2026-03-10T18:00:00Z', 'America/New_York', { own: true })).toBe('Tue 10 Mar, 14:00 EDT');
  });
});

describe('--tz', () => {
  it('shows meeting list windows and booking times in the zone asked for', async () => {
    const cli = createCliSandbox();
    try {
      expect((await cli.run(MEETING_FLAGS)).code).toBe(0);
      const shown = await cli.run(['--tz', 'Asia/Tokyo', 'meeting', 'show', '1']);
      expect(shown.code).toBe(0);
      // Midnight in New York on Mon 9 Mar (EDT since the 8th) is 13:00 in Tokyo.
      expect(shown.stdout).toContain('Mon 9 Mar, 13:00 GMT+9 – Sat 14 Mar, 13:00 GMT+9');
      const plain = await cli.run(['meeting', 'show', '1']);
      expect(plain.stdout).toContain('Mon 9 Mar – Fri 13 Mar (America/New_York)');
    } finally {
      cli.cleanup();
    }
  });

  it('refuses a zone that is not a place, exit 2 naming --tz', async () => {
    const cli = createCliSandbox();
    try {
      const r = await cli.run(['--tz', 'Mars/Olympus', '--json', 'meeting', 'list']);
      expect(r.code).toBe(2);
      expect(r.json().error.problems[0].field).toBe('--tz');
      const human = await cli.run(['--tz', 'EST', 'meeting', 'list']);
      expect(human.code).toBe(2);
      expect(human.stderr).toContain('--tz');
    } finally {
      cli.cleanup();
    }
  });
});
