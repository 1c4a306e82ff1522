import { describe, expect, it } from 'vitest';
import { normalizePhone, parseLeadFlag, parseLeadsFile, validateLead } from '../../src/domain/leads.js';

describe('parseLeadsFile (CSV)', () => {
  it('handles BOM, CRLF, quoted commas and quotes, blank lines and header case', () => {
    const text =
      '\uFEFFName,Phone,E-mail,TimeZone\r\n"Ruiz, Ana","+1 555 123 4567","a@b.co",America/Chicago\r\n\r\n"Ben ""BJ"" Ode",+15551230002,,Europe/London\r\n';
    expect(parseLeadsFile(text, 'x.csv')).toEqual([
      { name: 'Ruiz, Ana', phone: '+1 555 123 4567', email: 'a@b.co', timezone: 'America/Chicago' },
      { name: 'Ben "BJ" Ode', phone: '+15551230002', email: '', timezone: 'Europe/London' },
    ]);
  });

  it('accepts columns in any order and without email', () => {
    expect(parseLeadsFile('timezone,phone,name\nAsia/Tokyo,+81312345678,Aki\n', 'x.csv')).toEqual([
      { name: 'Aki', phone: '+81312345678', email: '', timezone: 'Asia/Tokyo' },
    ]);
  });

  it('rejects a JSON file that is not an array', () => {
    expect(() => parseLeadsFile('{"name":"x"}', 'x.json')).toThrow(/expected a JSON array/);
  });
});

describe('validateLead', () => {
  it('normalises national US numbers and keeps international ones', () => {
    expect(normalizePhone('(555) 123-4567')).toBe('+15551234567');
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalizePhone('12')).toBeNull();
    expect(normalizePhone('call me')).toBeNull();
  });

  it('lists every problem of a row with its place', () => {
    const { lead, problems } = validateLead({ name: '', phone: 'abc', email: 'nope', timezone: 'EST5' }, 'row 2');
    expect(lead).toBeNull();
    expect(problems.map((p) => p.field)).toEqual(['row 2.name', 'row 2.phone', 'row 2.email', 'row 2.timezone']);
  });

  it('parses a --lead flag with quoted fields', () => {
    expect(parseLeadFlag('"Ruiz, Ana",+15551234567,a@b.co,America/Chicago')).toEqual({
      name: 'Ruiz, Ana',
      phone: '+15551234567',
      email: 'a@b.co',
      timezone: 'America/Chicago',
    });
  });
});
