import { describe, expect, it } from 'vitest';
import { parseAvailabilityText } from '../../src/parsing/heuristic/index.js';

const input = (text: string) => ({
  text,
  window_start: '2026-03-10T00:00:00-04:00',
  window_end: '2026-03-21T00:00:00-04:00',
  timezone: 'America/New_York',
  duration_minutes: 30,
  now: '2026-03-09T11:00:00-04:00',
});

describe('saying "stop", as the call script invites', () => {
  it.each(['stop', 'Stop.', 'uh stop please', 'stop it', 'please stop now'])('%s opts out', (text) => {
    expect(parseAvailabilityText(input(text))).toMatchObject({ intent: 'opt_out', slots: [] });
  });

  it.each(['stop by tuesday morning', 'i can stop in thursday at ten'])('does not read "%s" as an opt-out', (text) => {
    expect(parseAvailabilityText(input(text)).intent).not.toBe('opt_out');
  });
});
