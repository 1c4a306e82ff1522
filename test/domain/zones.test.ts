import { describe, expect, it } from 'vitest';
import { resolveZone, zoneFitsCountry, zonesOfCountry } from '../../src/domain/zones.js';

describe('resolveZone', () => {
  it('takes geographic IANA zones as they are', () => {
    for (const zone of [
      'America/New_York',
      'America/Indiana/Indianapolis',
      'Europe/London',
      'Asia/Kolkata',
      'Australia/Sydney',
      'Antarctica/Troll',
    ]) {
      expect(resolveZone(zone)).toEqual({ zone, problem: null });
    }
  });

  it.each([
    ['US/Eastern', 'America/New_York'],
    ['US/Pacific', 'America/Los_Angeles'],
    ['Canada/Eastern', 'America/Toronto'],
    ['Asia/Calcutta', 'Asia/Kolkata'],
    ['Europe/Kiev', 'Europe/Kyiv'],
    ['America/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['Australia/ACT', 'Australia/Sydney'],
    ['Japan', 'Asia/Tokyo'],
    ['GB', 'Europe/London'],
    ['europe/london', 'Europe/London'],
    ['  America/Chicago ', 'America/Chicago'],
  ])('canonicalises the link %s to %s', (link, zone) => {
    expect(resolveZone(link)).toEqual({ zone, problem: null });
  });

  it.each([
    ['EST', 'an abbreviation', 'America/New_York'],
    ['est', 'an abbreviation', 'America/New_York'],
    ['PST', 'an abbreviation', 'America/Los_Angeles'],
    ['CST', 'an abbreviation', 'America/Chicago'],
    ['EST5EDT', 'an abbreviation', 'America/New_York'],
    ['PST8PDT', 'an abbreviation', 'America/Los_Angeles'],
    ['GMT', 'universal time names no place', 'Europe/London'],
    ['UTC', 'universal time names no place', 'Europe/London'],
    ['Etc/UTC', 'universal time names no place', 'Europe/London'],
    ['Zulu', 'universal time names no place', 'Europe/London'],
    ['Etc/GMT+5', 'a fixed offset (UTC-05:00)', 'America/New_York or America/Bogota'],
    ['Etc/GMT-1', 'a fixed offset (UTC+01:00)', 'Africa/Lagos or Europe/Paris'],
    ['+05:30', 'a fixed offset (UTC+05:30)', 'Asia/Kolkata'],
  ])('refuses %s (%s) and names the likely zone', (name, why, likely) => {
    const check = resolveZone(name);
    expect(check.zone).toBeNull();
    expect(check.problem).toContain('expected an IANA timezone of a place');
    expect(check.problem).toContain(`got "${name}": ${why}`);
    expect(check.problem).toMatch(new RegExp(`; use ${likely.replace(/[+()]/g, '\\$&')}$`));
  });

  it("picks the hint from the phone number's country when it is known", () => {
    expect(resolveZone('Etc/GMT+5', { country: 'CO' }).problem).toMatch(/; use America\/Bogota$/);
    expect(resolveZone('Etc/GMT+5', { country: 'US' }).problem).toMatch(/; use America\/New_York$/);
    expect(resolveZone('Etc/GMT+6', { country: 'US' }).problem).toMatch(/; use America\/Chicago$/);
    expect(resolveZone('GMT', { country: 'IE' }).problem).toMatch(/; use Europe\/Dublin$/);
    expect(resolveZone('CET', { country: 'DE' }).problem).toMatch(/; use Europe\/Berlin$/);
    expect(resolveZone('UTC', { country: 'US' }).problem).toMatch(/; use America\/New_York$/);
  });

  it('refuses unknown names, naming them, with control characters escaped', () => {
    expect(resolveZone('Europe/Londn').problem).toBe('expected an IANA timezone of a place, such as America/New_York, got "Europe/Londn"');
    expect(resolveZone('').problem).toBe('expected an IANA timezone of a place, such as America/New_York');
    const hostile = resolveZone('Europe/\x1b[31mLondon');
    expect(hostile.zone).toBeNull();
    expect(hostile.problem).toContain('\\u001b[31m');
    expect(hostile.problem).not.toContain('\x1b');
  });
});

describe('zones and countries', () => {
  it('knows which zones a country has', () => {
    expect(zonesOfCountry('GB')).toEqual(['Europe/London']);
    expect(zonesOfCountry('US')[0]).toBe('America/New_York');
    expect(zonesOfCountry('US').length).toBeGreaterThan(20);
    expect(zonesOfCountry(null)).toEqual([]);
  });

  it('tells when a zone cannot be where the number is', () => {
    expect(zoneFitsCountry('America/Chicago', 'GB')).toBe(false);
    expect(zoneFitsCountry('Europe/London', 'GB')).toBe(true);
    expect(zoneFitsCountry('America/Chicago', 'US')).toBe(true);
    expect(zoneFitsCountry('America/Chicago', null)).toBeNull();
  });
});
