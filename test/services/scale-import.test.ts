// A 20,000-row import through the fast paths (the +1 phone reader, prepared inserts, the consent
// cache) keeps every rule of the import: numbers in either form, repeats in the file and numbers
// already in another campaign reported as duplicates of the right lead, zones filled, links
// canonicalised, mismatches warned, do-not-call numbers opted out, consent per row or --consent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { type CliSandbox, createCliSandbox, MEETING_FLAGS } from '../helpers/cli.js';

const US = 17_000;
const GB = 1_000;
const CA = 200;
const REPEATS = 500;
const EXISTING = 300;

const usNumber = (i: number) =>
  `+1${['212', '312', '303', '415'][i % 4]}${200 + (Math.floor(i / 4) % 800)}${String(Math.floor(i / 3200)).padStart(4, '0')}`;
const usZone = (i: number) => ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'][i % 4] as string;
const national = (e164: string) => `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;

interface Row {
  name: string;
  phone: string;
  timezone: string;
  consent_source: string;
  consent_at: string;
  /** What the import should store (null: a duplicate). */
  e164: string;
  zone: string;
}

function buildRows(): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < US; i++) {
    const e164 = usNumber(i);
    // One in five written nationally; one in nine by a link name (US/Eastern → America/New_York).
    const zone = usZone(i);
    const given = i % 9 === 0 && zone === 'America/New_York' ? 'US/Eastern' : zone;
    const own = i % 2 === 0;
    rows.push({
      name: `US ${i}`,
      phone: i % 5 === 0 ? national(e164) : e164,
      timezone: given,
      consent_source: own ? 'signed form' : '',
      consent_at: own ? '2026-01-15T10:00:00Z' : '',
      e164,
      zone,
    });
  }
  for (let i = 0; i < GB; i++) {
    const e164 = `+44207${String(9_460_000 + i)}`.slice(0, 13);
    rows.push({ name: `GB ${i}`, phone: e164, timezone: '', consent_source: '', consent_at: '', e164, zone: 'Europe/London' });
  }
  for (let i = 0; i < CA; i++) {
    const e164 = `+1416${200 + i}5550`;
    rows.push({
      name: `CA ${i}`,
      phone: e164,
      timezone: 'America/New_York',
      consent_source: '',
      consent_at: '',
      e164,
      zone: 'America/New_York',
    });
  }
  return rows;
}

let cli: CliSandbox;
let rows: Row[];
let result: any;
let stored: {
  id: number;
  campaign_id: number;
  name: string;
  phone: string;
  timezone: string;
  state: string;
  consent_source: string | null;
  consent_at: string | null;
}[];

beforeAll(async () => {
  cli = createCliSandbox();
  await cli.run(MEETING_FLAGS);
  rows = buildRows();
  // Campaign 1 already holds some of the numbers.
  const existing = rows.filter((_, i) => i % 60 === 7).slice(0, EXISTING);
  const header = 'name,phone,email,timezone,consent_source,consent_at';
  const line = (r: Row) => [r.name, r.phone, '', r.timezone, r.consent_source, r.consent_at].join(',');
  cli.file('first.csv', `${[header, ...existing.map((r) => line({ ...r, name: `first ${r.name}` }))].join('\n')}\n`);
  expect((await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'first', '--leads', 'first.csv'])).code).toBe(0);
  // Some numbers are on the do-not-call list.
  const db = await openDatabase(cli.dbPath);
  for (let i = 1; i < 2000; i += 20)
    await db
      .insertInto('do_not_call')
      .values({ phone: usNumber(i), reason: 'asked', source: 'test', created_at: '2026-03-01T00:00:00.000Z' })
      .execute();
  await db.destroy();
  // Repeats of earlier rows, written in the other form.
  const file = [...rows];
  for (let k = 0; k < REPEATS; k++) {
    const r = rows[k * 31] as Row;
    file.splice(1000 + k * 37, 0, {
      ...r,
      name: `again ${r.name}`,
      phone: r.phone.startsWith('(') ? r.e164 : /^\+1/.test(r.e164) ? national(r.e164) : r.e164,
    });
  }
  expect(file.length).toBe(US + GB + CA + REPEATS);
  cli.file('big.csv', `${[header, ...file.map(line)].join('\n')}\n`);
  const r = await cli.run([
    'campaign',
    'add',
    '--meeting',
    '1',
    '--name',
    'big',
    '--leads',
    'big.csv',
    '--consent',
    'web form 2026-02-01',
    '--json',
  ]);
  expect(r.code).toBe(0);
  result = r.json();
  const after = await openDatabase(cli.dbPath);
  stored = await after
    .selectFrom('leads')
    .select(['id', 'campaign_id', 'name', 'phone', 'timezone', 'state', 'consent_source', 'consent_at'])
    .orderBy('id')
    .execute();
  await after.destroy();
  (globalThis as { file?: Row[] }).file = file;
}, 60_000);
afterAll(() => cli.cleanup());

describe('a 20,000-row import', () => {
  it('adds each new number once and reports every duplicate with the lead it repeats', () => {
    const file = (globalThis as { file?: Row[] }).file as Row[];
    const first = new Map(stored.filter((l) => l.campaign_id === 1).map((l) => [l.phone, l.id]));
    const added = stored.filter((l) => l.campaign_id === 2);
    expect(result.added).toBe(US + GB + CA - EXISTING);
    expect(added.length).toBe(result.added);
    expect(result.total_leads).toBe(result.added);
    expect(new Set(added.map((l) => l.phone)).size).toBe(added.length);
    const leadOf = new Map([...first, ...added.map((l) => [l.phone, l.id] as const)]);
    // Expected duplicates in file order: a number of campaign 1, or one seen earlier in the file.
    const seen = new Set<string>();
    const expected = [];
    for (const [i, r] of file.entries()) {
      const where = `big.csv row ${i + 2}`;
      if (first.has(r.e164)) expected.push({ where, phone: r.e164, duplicate_of_lead: first.get(r.e164), campaign_id: 1 });
      else if (seen.has(r.e164)) expected.push({ where, phone: r.e164, duplicate_of_lead: leadOf.get(r.e164), campaign_id: 2 });
      seen.add(r.e164);
    }
    expect(result.duplicates).toEqual(expected);
    expect(result.skipped_duplicates).toBe(EXISTING + REPEATS);
  });

  it('stores each number in E.164 with its zone (links canonicalised, empty GB zones filled) and warns on mismatches', () => {
    const byPhone = new Map(stored.filter((l) => l.campaign_id === 2).map((l) => [l.phone, l]));
    const firstRows = new Set(stored.filter((l) => l.campaign_id === 1).map((l) => l.phone));
    for (const r of rows) {
      if (firstRows.has(r.e164)) continue;
      const lead = byPhone.get(r.e164);
      expect(lead, r.name).toBeDefined();
      expect([lead?.name, lead?.timezone]).toEqual([r.name, r.zone]);
    }
    expect(result.filled_timezones).toBe(GB);
    const caWarnings = result.warnings.filter((w: { message: string }) => / is not a zone of CA, /.test(w.message));
    expect(caWarnings.length).toBe(CA);
    expect(result.warnings.length).toBe(CA);
  });

  it('opts out do-not-call numbers and keeps each row consent or the import consent', () => {
    const added = stored.filter((l) => l.campaign_id === 2);
    const dnc = added.filter((l) => l.state === 'opted_out');
    expect(dnc.length).toBe(result.do_not_call);
    expect(dnc.length).toBeGreaterThan(80);
    expect(added.filter((l) => l.state === 'pending').length).toBe(added.length - dnc.length);
    const byName = new Map(rows.map((r) => [r.name, r]));
    for (const lead of added) {
      const row = byName.get(lead.name) as Row;
      if (row.consent_source) expect([lead.consent_source, lead.consent_at]).toEqual(['signed form', '2026-01-15T10:00:00.000Z']);
      else {
        // --consent's date is midnight in the lead's own zone.
        const midnight: Record<string, string> = {
          'America/New_York': '2026-02-01T05:00:00.000Z',
          'America/Chicago': '2026-02-01T06:00:00.000Z',
          'America/Denver': '2026-02-01T07:00:00.000Z',
          'America/Los_Angeles': '2026-02-01T08:00:00.000Z',
          'Europe/London': '2026-02-01T00:00:00.000Z',
        };
        expect([lead.consent_source, lead.consent_at]).toEqual(['web form', midnight[lead.timezone]]);
      }
    }
    expect(result.with_consent).toBe(added.length);
  });

  it('refuses the whole file, listing the bad rows, when a few of 20,000 are wrong', async () => {
    const header = 'name,phone,email,timezone';
    const good = Array.from({ length: 19_997 }, (_, i) => [`other ${i}`, usNumber(20_000 + i), '', usZone(i)].join(','));
    const bad = ['Bad phone,+1212,,America/New_York', 'Bad zone,+13125550199,,EST', 'No name,+13125550198,,America/Chicago'].map((l, k) =>
      k === 2 ? l.replace('No name', '') : l,
    );
    cli.file(
      'bad.csv',
      `${[header, ...good.slice(0, 5000), bad[0], ...good.slice(5000, 15000), bad[1], ...good.slice(15000), bad[2]].join('\n')}\n`,
    );
    const before = stored.length;
    const r = await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'bad', '--leads', 'bad.csv', '--json']);
    expect(r.code).toBe(2);
    const fields = r.json().error.problems.map((p: { field: string }) => p.field);
    expect(fields).toEqual(['bad.csv row 5002.phone', 'bad.csv row 15003.timezone', 'bad.csv row 20001.name']);
    const db = await openDatabase(cli.dbPath);
    const count = await db
      .selectFrom('leads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await db.destroy();
    expect(Number(count.n)).toBe(before);
  });
});
