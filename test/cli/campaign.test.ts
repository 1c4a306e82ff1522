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
