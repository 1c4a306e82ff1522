import { describe, expect, it } from 'vitest';
import { normalizePhone, parseConsentFlag, parseLeadFlag, parseLeadsFile, validateLead, validateLeads } from '../../src/domain/leads.js';

const NOW = Date.parse('2026-03-05T12:00:00Z');
const row = (raw: Record<string, string>, where = 'leads.csv row 2') => ({
  raw: { name: 'Ana Ruiz', phone: '+12125550101', ...raw },
  where,
});
const check = (raws: Record<string, string>[], consent: { source: string; at: string } | null = null) =>
  validateLeads(
    raws.map((r, i) => row(r, `leads.csv row ${i + 2}`)),
    { nowMs: NOW, consent },
  );

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

describe('validateLeads: control characters', () => {
  it.each([
    ['name', 'Ana\x01 Ruiz', 'U+0001'],
    ['name', 'Ana\x00', 'U+0000'],
    ['name', 'Ana \x1b[2J\x1b[31mRuiz', 'U+001B'],
    ['name', 'Ana\x7f', 'U+007F'],
    ['name', 'Ana\x85', 'U+0085'],
    ['name', 'Ana\x9b31m', 'U+009B'],
    ['name', 'Ana\tRuiz', 'U+0009'],
    ['email', 'ana@\x1b]0;owned\x07example.com', 'U+001B'],
    ['phone', '+1212555\x1b[0m0101', 'U+001B'],
    ['timezone', 'America/\x1bChicago', 'U+001B'],
    ['consent_source', 'web\x00form', 'U+0000'],
  ])('refuses %s %j, naming the row and field, and never echoes the text', (field, value, code) => {
    const result = check([{ timezone: 'America/New_York', [field]: value }]);
    expect(result.leads).toEqual([]);
    const problem = result.problems.find((p) => p.field === `leads.csv row 2.${field}`);
    expect(problem?.message).toContain(`contains a control character (${code})`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters
    expect(JSON.stringify(result.problems.map((p) => p.message))).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
  });

  it('accepts printable names with accents, apostrophes and non-Latin scripts', () => {
    const result = check([{ name: "Zoë O'Brien-Łukasz 山田", timezone: 'America/New_York' }]);
    expect(result.problems).toEqual([]);
    expect(result.leads[0]?.lead.name).toBe("Zoë O'Brien-Łukasz 山田");
  });
});

describe('validateLeads: zones', () => {
  it('canonicalises links and refuses abbreviations, offsets and UTC, naming the row', () => {
    const result = check([
      { timezone: 'US/Eastern' },
      { timezone: 'EST' },
      { timezone: 'PST' },
      { timezone: 'GMT', phone: '+442079460958' },
      { timezone: 'Etc/GMT+5' },
      { timezone: 'EST5EDT' },
      { timezone: 'UTC' },
    ]);
    expect(result.leads.map((l) => [l.where, l.lead.timezone])).toEqual([['leads.csv row 2', 'America/New_York']]);
    expect(result.problems.map((p) => [p.field, p.message.replace(/^.*; use /, '')])).toEqual([
      ['leads.csv row 3.timezone', 'America/New_York'],
      ['leads.csv row 4.timezone', 'America/Los_Angeles'],
      ['leads.csv row 5.timezone', 'Europe/London'],
      ['leads.csv row 6.timezone', 'America/New_York'],
      ['leads.csv row 7.timezone', 'America/New_York'],
      ['leads.csv row 8.timezone', 'America/New_York'],
    ]);
  });

  it('fills an empty zone from a single-zone country and refuses it for a country with many, naming the row', () => {
    const result = check([
      { timezone: '', phone: '+44 20 7946 0958' },
      { timezone: '', phone: '+33 1 42 68 53 00' },
      { timezone: '', phone: '(212) 555-0101' },
      { timezone: '', phone: '+1 555 123 4567' },
    ]);
    expect(result.leads.map((l) => l.lead.timezone)).toEqual(['Europe/London', 'Europe/Paris']);
    expect(result.filled_timezones).toBe(2);
    expect(result.problems).toEqual([
      {
        field: 'leads.csv row 4.timezone',
        message: expect.stringMatching(/^expected an IANA timezone: a US number can be in any of \d+ zones \(America\/New_York, /),
      },
      { field: 'leads.csv row 5.timezone', message: 'expected an IANA timezone of a place, such as America/New_York' },
    ]);
  });

  it('warns, without refusing, when the zone cannot be where the number is', () => {
    const result = check([
      { timezone: 'America/Chicago', phone: '+44 20 7946 0958' },
      { timezone: 'America/Chicago', phone: '(212) 555-0101' },
    ]);
    expect(result.problems).toEqual([]);
    expect(result.leads).toHaveLength(2);
    expect(result.warnings).toEqual([
      {
        field: 'leads.csv row 2.timezone',
        message: expect.stringContaining('America/Chicago is not a zone of GB, where +442079460958 is'),
      },
    ]);
  });

  it('resolves each distinct zone once per import, not once per row', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      timezone: i % 2 ? 'US/Eastern' : 'Asia/Calcutta',
      phone: `+1555${1000000 + i}`,
    }));
    check(rows.slice(0, 2)); // the first link seen builds the link table, once per process
    const original = Intl.DateTimeFormat;
    let formatters = 0;
    Intl.DateTimeFormat = new Proxy(original, {
      construct(target, args) {
        formatters++;
        return Reflect.construct(target, args);
      },
    });
    try {
      const result = check(rows);
      expect(result.problems).toEqual([]);
      expect(new Set(result.leads.map((l) => l.lead.timezone))).toEqual(new Set(['America/New_York', 'Asia/Kolkata']));
    } finally {
      Intl.DateTimeFormat = original;
    }
    expect(formatters).toBeLessThanOrEqual(2);
  });
});

describe('validateLeads: consent', () => {
  it('reads consent_source and consent_at, a date alone being the start of that day where the lead lives', () => {
    const result = check([
      { timezone: 'America/New_York', consent_source: 'web form', consent_at: '2026-02-01' },
      { timezone: 'America/New_York', phone: '+12125550102', consent_source: 'signed contract', consent_at: '2026-02-01T14:30:00+01:00' },
      { timezone: 'America/Chicago', phone: '+12125550103', consent_source: 'call', consent_at: '2026-02-01T09:00' },
      { timezone: 'America/New_York', phone: '+12125550104' },
    ]);
    expect(result.problems).toEqual([]);
    expect(result.leads.map((l) => [l.lead.consent_source, l.lead.consent_at])).toEqual([
      ['web form', '2026-02-01T05:00:00.000Z'],
      ['signed contract', '2026-02-01T13:30:00.000Z'],
      ['call', '2026-02-01T15:00:00.000Z'],
      [null, null],
    ]);
  });

  it('refuses a bad, lone or future consent, naming the row and field', () => {
    const result = check([
      { timezone: 'America/New_York', consent_source: 'web form', consent_at: '01/02/2026' },
      { timezone: 'America/New_York', consent_source: 'web form', consent_at: '2026-02-30' },
      { timezone: 'America/New_York', consent_source: 'web form' },
      { timezone: 'America/New_York', consent_at: '2026-02-01' },
      { timezone: 'America/New_York', consent_source: 'web form', consent_at: '2026-04-01' },
    ]);
    expect(result.leads).toEqual([]);
    expect(result.problems.map((p) => p.field)).toEqual([
      'leads.csv row 2.consent_at',
      'leads.csv row 3.consent_at',
      'leads.csv row 4.consent_at',
      'leads.csv row 5.consent_source',
      'leads.csv row 6.consent_at',
    ]);
    expect(result.problems[0]?.message).toBe(
      'expected an ISO date or date-time such as 2026-02-01 or 2026-02-01T14:30:00Z, got "01/02/2026"',
    );
    expect(result.problems[4]?.message).toBe('consent cannot be given in the future, got "2026-04-01"');
  });

  it('applies --consent to the rows without their own', () => {
    const consent = parseConsentFlag('web form 2026-02-01', '--consent', NOW);
    expect(consent).toEqual({ source: 'web form', at: '2026-02-01' });
    const result = check(
      [
        { timezone: 'Europe/London', phone: '+442079460958' },
        { timezone: 'America/New_York', consent_source: 'paper', consent_at: '2026-01-15' },
      ],
      consent,
    );
    expect(result.leads.map((l) => [l.lead.consent_source, l.lead.consent_at])).toEqual([
      ['web form', '2026-02-01T00:00:00.000Z'],
      ['paper', '2026-01-15T05:00:00.000Z'],
    ]);
  });

  it.each([
    'web form',
    '2026-02-01',
    'web form 2026-13-01',
    'web form 2026-02-30T10:00:00Z',
    'web form 2026-02-01T10:00:00+15:00',
    'web form yesterday',
    'web form 2027-01-01',
    'web\x1b form 2026-02-01',
  ])('refuses --consent %j as bad input naming the flag', (text) => {
    expect(() => parseConsentFlag(text, '--consent', NOW)).toThrow(/^--consent: /);
  });
});
