import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliSandbox, createCliSandbox, MEETING_FLAGS } from '../helpers/cli.js';

let cli: CliSandbox;
beforeEach(async () => {
  cli = createCliSandbox();
  await cli.run(MEETING_FLAGS);
});
afterEach(() => cli.cleanup());

describe('campaign add', () => {
  it('imports a CSV with BOM, CRLF and quoted fields, normalising phones to E.164', async () => {
    cli.file(
      'leads.csv',
      '\uFEFFname,phone,email,timezone\r\n"Ruiz, Ana",(555) 123-4567,ana@example.com,America/Chicago\r\nBen Okafor,+44 20 7946 0958,,Europe/London\r\n',
    );
    const r = await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'March', '--leads', 'leads.csv', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ campaign_id: 1, added: 2, skipped_duplicates: 0, total_leads: 2 });
    const shown = (await cli.run(['campaign', 'show', '1', '--json'])).json();
    expect(shown.leads.map((l: { name: string; phone: string }) => [l.name, l.phone])).toEqual([
      ['Ruiz, Ana', '+15551234567'],
      ['Ben Okafor', '+442079460958'],
    ]);
    expect(shown.states).toEqual({ pending: 2 });
  });

  it('takes a JSON array and repeated --lead flags, skipping and counting duplicates', async () => {
    cli.file('leads.json', JSON.stringify([{ name: 'Ana', phone: '+15551234567', email: 'ana@example.com', timezone: 'America/Chicago' }]));
    const r = await cli.run([
      'campaign',
      'add',
      '--meeting',
      '1',
      '--name',
      'March',
      '--leads',
      'leads.json',
      '--lead',
      'Ana again,+1 555 123 4567,,America/Chicago',
      '--lead',
      'Cleo,+61 2 9374 4000,cleo@example.com,Australia/Sydney',
      '--json',
    ]);
    expect(r.json()).toMatchObject({ added: 2, skipped_duplicates: 1, total_leads: 2 });
    const again = await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'March', '--leads', 'leads.json', '--json']);
    expect(again.json()).toMatchObject({ campaign_id: 1, added: 0, skipped_duplicates: 1, total_leads: 2 });
  });

  it('rejects the whole file when a row is bad, naming row and field, and writes nothing', async () => {
    cli.file(
      'leads.csv',
      'name,phone,email,timezone\nAna,+15551234567,ana@example.com,America/Chicago\nBen,12,ben@example.com,Europe/Londn\n',
    );
    const r = await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'March', '--leads', 'leads.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('leads.csv row 3.phone: expected a phone number in E.164 form');
    expect(r.stderr).toContain('leads.csv row 3.timezone: expected an IANA timezone');
    expect((await cli.run(['campaign', 'list', '--json'])).json()).toEqual([]);
  });

  it('reports a CSV with an unclosed quote or missing columns as bad input', async () => {
    cli.file('broken.csv', 'name,phone,email,timezone\n"Ana,+15551234567,a@b.co,America/Chicago\n');
    const broken = await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'M', '--leads', 'broken.csv']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('broken.csv: expected CSV with a header row');
    cli.file('cols.csv', 'name,email\nAna,a@b.co\n');
    const cols = await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'M', '--leads', 'cols.csv']);
    expect(cols.stderr).toContain('missing phone, timezone');
  });

  it('adds numbers on the do-not-call list as opted out', async () => {
    const { openDatabase } = await import('../../src/db/connection.js');
    const db = await openDatabase(cli.dbPath);
    await db
      .insertInto('do_not_call')
      .values({ phone: '+15551234567', reason: 'asked', source: 'call', created_at: '2026-03-01T00:00:00.000Z' })
      .execute();
    await db.destroy();
    const r = await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'M', '--lead', 'Ana,+15551234567,,America/Chicago', '--json']);
    expect(r.json().do_not_call).toBe(1);
    const lead = (await cli.run(['campaign', 'show', '1', '--json'])).json().leads[0];
    expect(lead).toMatchObject({ state: 'opted_out', detail: 'on the do-not-call list' });
  });

  it('fails clearly for an unknown meeting or unreadable file', async () => {
    const unknown = await cli.run(['campaign', 'add', '--meeting', '9', '--name', 'M', '--lead', 'Ana,+15551234567,,America/Chicago']);
    expect(unknown.code).toBe(3);
    const missing = await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'M', '--leads', 'nope.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--leads: cannot read nope.csv: ENOENT');
  });
});

describe('campaign add: one number per meeting', () => {
  it('skips a number already a lead in another campaign of the meeting, reporting the lead it duplicates', async () => {
    await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'First', '--lead', 'Ana,(212) 555-0101,,America/New_York']);
    cli.file(
      'second.csv',
      'name,phone,email,timezone\nAna again,+1 212-555-0101,,America/New_York\nBen,+12125550102,,America/New_York\nBen twin,212.555.0102,,America/New_York\n',
    );
    const r = await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'Second', '--leads', 'second.csv', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({
      campaign_id: 2,
      added: 1,
      skipped_duplicates: 2,
      total_leads: 1,
      duplicates: [
        { where: 'second.csv row 2', phone: '+12125550101', duplicate_of_lead: 1, campaign_id: 1 },
        { where: 'second.csv row 4', phone: '+12125550102', duplicate_of_lead: 2, campaign_id: 2 },
      ],
    });
    const human = await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'Third', '--lead', 'Ana,2125550101,,America/New_York']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('added 0 leads');
    expect(human.stdout).toContain('--lead #1: +12125550101 is a duplicate of lead 1 (campaign 1)');
    const leads = (await cli.run(['campaign', 'show', '2', '--json'])).json().leads;
    expect(leads.map((l: { phone: string }) => l.phone)).toEqual(['+12125550102']);
  });

  it('lets the same number be a lead of another meeting', async () => {
    await cli.run([...MEETING_FLAGS.slice(0, -2)]);
    await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'A', '--lead', 'Ana,(212) 555-0101,,America/New_York']);
    const r = await cli.run([
      'campaign',
      'add',
      '--meeting',
      '2',
      '--name',
      'B',
      '--lead',
      'Ana,(212) 555-0101,,America/New_York',
      '--json',
    ]);
    expect(r.json()).toMatchObject({ added: 1, skipped_duplicates: 0, duplicates: [] });
  });
});

describe('campaign add: zones', () => {
  it('refuses abbreviations, fixed offsets and UTC naming the row and the likely zone, and writes nothing', async () => {
    cli.file(
      'zones.csv',
      'name,phone,email,timezone\nA,+12125550101,,EST\nB,+12125550102,,PST\nC,+442079460958,,GMT\nD,+12125550104,,Etc/GMT+5\nE,+12125550105,,EST5EDT\nF,+12125550106,,UTC\nG,+12125550107,,US/Eastern\n',
    );
    const r = await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'Z', '--leads', 'zones.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('zones.csv row 2.timezone: expected an IANA timezone of a place, such as America/New_York, got "EST"');
    for (const [row, zone] of [
      [2, 'America/New_York'],
      [3, 'America/Los_Angeles'],
      [4, 'Europe/London'],
      [5, 'America/New_York'],
      [6, 'America/New_York'],
      [7, 'America/New_York'],
    ] as const) {
      expect(r.stderr).toMatch(new RegExp(`zones\\.csv row ${row}\\.timezone: .*; use ${zone.replace('/', '\\/')}\\n`));
    }
    expect(r.stderr).not.toContain('row 8');
    expect((await cli.run(['campaign', 'list', '--json'])).json()).toEqual([]);
  });

  it('canonicalises links, fills a single-zone country and warns when the zone is not where the number is', async () => {
    cli.file('z.csv', 'name,phone,email,timezone\nA,+12125550101,,US/Eastern\nB,+44 20 7946 0958,,\nC,+44 20 7946 0959,,America/Chicago\n');
    const r = await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'Z', '--leads', 'z.csv', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ added: 3, filled_timezones: 1, warnings: [{ field: 'z.csv row 4.timezone' }] });
    const leads = (await cli.run(['campaign', 'show', '1', '--json'])).json().leads;
    expect(leads.map((l: { timezone: string }) => l.timezone)).toEqual(['America/New_York', 'Europe/London', 'America/Chicago']);
    cli.file('w.csv', 'name,phone,email,timezone\nD,+44 20 7946 0960,,America/Chicago\n');
    const human = await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'Z', '--leads', 'w.csv']);
    expect(human.stdout).toContain('warning: w.csv row 2.timezone: America/Chicago is not a zone of GB, where +442079460960 is');
  });

  it('refuses an empty zone for a country with many zones, naming the row', async () => {
    const r = await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'Z', '--lead', 'Ana,(212) 555-0101,,']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--lead #1.timezone: expected an IANA timezone: a US number can be in any of');
  });
});

describe('campaign add: control characters', () => {
  it.each([
    ['\\x01', 'Ana\x01 Ruiz', 'U+0001'],
    ['an ANSI escape', 'Ana \x1b[2J\x1b[31mRuiz', 'U+001B'],
    ['DEL', 'Ana\x7f', 'U+007F'],
    ['a C1 control', 'Ana\x85Ruiz', 'U+0085'],
  ])('refuses a name with %s at import, naming the row and field, without echoing it', async (_what, name, code) => {
    cli.file(
      'c.json',
      JSON.stringify([
        { name: 'Ben', phone: '+12125550102', timezone: 'America/New_York' },
        { name, phone: '+12125550101', timezone: 'America/New_York' },
      ]),
    );
    const r = await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'C', '--leads', 'c.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`c.json[1].name: contains a control character (${code})`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters
    expect(r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect((await cli.run(['campaign', 'list', '--json'])).json()).toEqual([]);
  });

  it('refuses a control character in a CSV email, naming the row', async () => {
    cli.file('c.csv', 'name,phone,email,timezone\nAna,+12125550101,"ana@\x1b]0;x\x07example.com",America/New_York\n');
    const r = await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'C', '--leads', 'c.csv', '--json']);
    expect(r.code).toBe(2);
    expect(r.json().error.problems).toEqual([
      { field: 'c.csv row 2.email', message: expect.stringContaining('control character (U+001B)') },
    ]);
  });
});

describe('campaign add: consent', () => {
  const shown = async () => {
    const { openDatabase } = await import('../../src/db/connection.js');
    const db = await openDatabase(cli.dbPath);
    const rows = await db.selectFrom('leads').select(['phone', 'consent_source', 'consent_at']).orderBy('id').execute();
    await db.destroy();
    return rows;
  };

  it('stores consent_source and consent_at from the file and --consent for rows without', async () => {
    cli.file(
      'c.csv',
      'name,phone,email,timezone,consent_source,consent_at\nAna,+12125550101,,America/New_York,signed form,2026-02-01T10:00:00Z\nBen,+12125550102,,America/Chicago,,\n',
    );
    const r = await cli.run([
      'campaign',
      'add',
      '--meeting',
      '1',
      '--name',
      'C',
      '--leads',
      'c.csv',
      '--consent',
      'web form 2026-02-01',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ added: 2, with_consent: 2 });
    expect(await shown()).toEqual([
      { phone: '+12125550101', consent_source: 'signed form', consent_at: '2026-02-01T10:00:00.000Z' },
      { phone: '+12125550102', consent_source: 'web form', consent_at: '2026-02-01T06:00:00.000Z' },
    ]);
  });

  it('leaves consent empty when none is given, and says so', async () => {
    const r = await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'C', '--lead', 'Ana,+12125550101,,America/New_York']);
    expect(r.stdout).toContain('0 of 1 added with a consent record');
    expect(await shown()).toEqual([{ phone: '+12125550101', consent_source: null, consent_at: null }]);
  });

  it.each([
    ['--consent', ['--consent', 'web form'], '--consent: expected "SOURCE DATE"'],
    ['--consent', ['--consent', 'web form 2026-02-31'], '--consent: expected an ISO date or date-time'],
    ['--consent', ['--consent', 'web form 2026-06-01'], '--consent: consent cannot be given in the future'],
  ])('refuses a bad %s as bad input, writing nothing', async (_flag, extra, message) => {
    const r = await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'C', '--lead', 'Ana,+12125550101,,America/New_York', ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(await shown()).toEqual([]);
  });

  it('refuses a bad consent_at column naming the row', async () => {
    cli.file('c.csv', 'name,phone,email,timezone,consent_source,consent_at\nAna,+12125550101,,America/New_York,web,last week\n');
    const r = await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'C', '--leads', 'c.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('c.csv row 2.consent_at: expected an ISO date or date-time');
  });
});

describe('campaign names and stored text', () => {
  it('refuses a campaign name with an escape sequence', async () => {
    const r = await cli.run([
      'campaign',
      'add',
      '--meeting',
      '1',
      '--name',
      'Wave\x1b[31m',
      '--lead',
      'Ana,+12125550101,,America/New_York',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('name: contains a control character (U+001B)');
    expect(r.stderr).not.toContain('\x1b');
  });

  it('shows a name stored before control characters were refused with them escaped', async () => {
    await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'M', '--lead', 'Ana,+12125550101,,America/New_York']);
    const { openDatabase } = await import('../../src/db/connection.js');
    const db = await openDatabase(cli.dbPath);
    await db.updateTable('leads').set({ name: 'Ana\x1b[2J\x07' }).execute();
    await db.destroy();
    const r = await cli.run(['campaign', 'show', '1']);
    expect(r.stdout).toContain('Ana\\u001b[2J\\u0007');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters
    expect(r.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  });
});
