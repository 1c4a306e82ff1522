// Human tables as a reader sees them at 80 and 160 columns (explicit expected text, read and
// checked by hand), and off a terminal (no width: nothing cut).
import { afterEach, describe, expect, it } from 'vitest';
import { renderCallList } from '../../src/cli/render/calls.js';
import { renderCampaign } from '../../src/cli/render/campaigns.js';
import { setDateDisplay } from '../../src/cli/render/dates.js';
import { setTableWidth } from '../../src/cli/render/table.js';
import type { CampaignDetail } from '../../src/services/campaigns.js';

afterEach(() => {
  setTableWidth(null);
  setDateDisplay({ now: null, zone: null });
});

const lead = (id: number, name: string, timezone: string, state: string, detail: string | null) =>
  ({
    id,
    campaign_id: 1,
    meeting_request_id: 1,
    name,
    phone: `+1212555010${id}`,
    timezone,
    state,
    attempts: 1,
    detail,
    next_attempt_at: null,
  }) as never;

const campaign = {
  id: 1,
  campaign_id: 1,
  meeting_request_id: 1,
  name: 'Spring',
  states: { responded: 1, no_answer: 1 },
  leads: [
    lead(1, 'Maximiliana Alexandrovna Featherstonehaugh-Smythe', 'America/Argentina/Buenos_Aires', 'responded', null),
    lead(2, 'Bo Chen', 'Asia/Tokyo', 'no_answer', 'no answer on 1 call; next try after the retry delay'),
  ],
} as CampaignDetail;

describe('campaign show', () => {
  it('at 80 columns drops the detail column and cuts long names and zones with …; phone and state stay whole', () => {
    setTableWidth(80);
    expect(renderCampaign(campaign)).toBe(
      [
        'Campaign 1 "Spring" (meeting 1): 1 responded, 1 no_answer',
        '┌────┬─────────────────┬──────────────┬─────────────────┬───────────┬──────────┐',
        '│ id │ name            │ phone        │ timezone        │ state     │ attempts │',
        '├────┼─────────────────┼──────────────┼─────────────────┼───────────┼──────────┤',
        '│ 1  │ Maximiliana Al… │ +12125550101 │ America/Argent… │ responded │ 1        │',
        '│ 2  │ Bo Chen         │ +12125550102 │ Asia/Tokyo      │ no_answer │ 1        │',
        '└────┴─────────────────┴──────────────┴─────────────────┴───────────┴──────────┘',
      ].join('\n'),
    );
  });

  it('at 160 columns keeps every column and cuts only what is still too long', () => {
    setTableWidth(160);
    expect(renderCampaign(campaign)).toBe(
      [
        'Campaign 1 "Spring" (meeting 1): 1 responded, 1 no_answer',
        '┌────┬────────────────────────────────────────┬──────────────┬────────────────────────────────┬───────────┬──────────┬─────────────────────────────────────────┐',
        '│ id │ name                                   │ phone        │ timezone                       │ state     │ attempts │ detail                                  │',
        '├────┼────────────────────────────────────────┼──────────────┼────────────────────────────────┼───────────┼──────────┼─────────────────────────────────────────┤',
        '│ 1  │ Maximiliana Alexandrovna Featherstone… │ +12125550101 │ America/Argentina/Buenos_Aires │ responded │ 1        │                                         │',
        '│ 2  │ Bo Chen                                │ +12125550102 │ Asia/Tokyo                     │ no_answer │ 1        │ no answer on 1 call; next try after th… │',
        '└────┴────────────────────────────────────────┴──────────────┴────────────────────────────────┴───────────┴──────────┴─────────────────────────────────────────┘',
      ].join('\n'),
    );
  });

  it('draws one rule under the heading and none between rows: 200 leads are about 200 lines', () => {
    const many = { ...campaign, leads: Array.from({ length: 200 }, (_, i) => lead(i + 1, `Lead ${i + 1}`, 'Asia/Tokyo', 'pending', null)) };
    expect(renderCampaign(many).split('\n')).toHaveLength(1 + 3 + 200 + 1);
  });

  it('off a terminal cuts nothing', () => {
    const out = renderCampaign(campaign);
    expect(out).toContain('Maximiliana Alexandrovna Featherstonehaugh-Smythe');
    expect(out).toContain('no answer on 1 call; next try after the retry delay');
    expect(out).not.toContain('…');
  });
});

const call = (
  id: number,
  lead_name: string,
  timezone: string,
  status: string,
  outcome: string | null,
  answered_by: string | null,
  duration_seconds: number | null,
  turns: number,
  slots: number,
) => ({
  id,
  meeting_request_id: 1,
  lead_id: id + 10,
  lead_name,
  status,
  outcome,
  answered_by,
  duration_seconds,
  created_at: `2026-03-10T1${id}:00:00.000Z`,
  ended_at: null,
  timezone,
  turns,
  slots,
});

describe('calls list', () => {
  const list = {
    calls: [
      call(3, 'Ana Ruiz', 'America/Chicago', 'completed', 'availability', 'human', 95, 2, 3),
      call(2, 'Bo Chen', 'Asia/Tokyo', 'no-answer', null, null, null, 0, 0),
      call(1, 'Cy Diaz', 'Europe/London', 'completed', 'voicemail', 'machine_end_beep', 21, 0, 0),
    ],
    total: 5,
    offset: 0,
  };

  it('at 80 columns keeps who, when, status and outcome whole, drops the counts and the length', () => {
    setDateDisplay({ now: '2026-03-05T12:00:00Z' });
    setTableWidth(80);
    expect(renderCallList(list)).toBe(
      [
        '┌────┬─────────────┬─────────────────────────┬───────────┬──────────────┐',
        '│ id │ lead        │ started                 │ status    │ outcome      │',
        '├────┼─────────────┼─────────────────────────┼───────────┼──────────────┤',
        '│ 3  │ 13 Ana Ruiz │ Tue 10 Mar, 08:00 CDT   │ completed │ availability │',
        '│ 2  │ 12 Bo Chen  │ Tue 10 Mar, 21:00 GMT+9 │ no-answer │              │',
        '│ 1  │ 11 Cy Diaz  │ Tue 10 Mar, 11:00 GMT   │ completed │ voicemail    │',
        '└────┴─────────────┴─────────────────────────┴───────────┴──────────────┘',
        '… 2 more of 5 (use --limit/--offset, e.g. --offset 3)',
      ].join('\n'),
    );
  });

  it("at 160 columns shows every column; times on each lead's own clock", () => {
    setDateDisplay({ now: '2026-03-05T12:00:00Z' });
    setTableWidth(160);
    expect(renderCallList(list)).toBe(
      [
        '┌────┬─────────────┬─────────────────────────┬───────────┬──────────────┬────────────┬───────┬───────┬─────────┐',
        '│ id │ lead        │ started                 │ status    │ outcome      │ length     │ turns │ slots │ meeting │',
        '├────┼─────────────┼─────────────────────────┼───────────┼──────────────┼────────────┼───────┼───────┼─────────┤',
        '│ 3  │ 13 Ana Ruiz │ Tue 10 Mar, 08:00 CDT   │ completed │ availability │ 1 min 35 s │ 2     │ 3     │ 1       │',
        '│ 2  │ 12 Bo Chen  │ Tue 10 Mar, 21:00 GMT+9 │ no-answer │              │            │ 0     │ 0     │ 1       │',
        '│ 1  │ 11 Cy Diaz  │ Tue 10 Mar, 11:00 GMT   │ completed │ voicemail    │ 21 s       │ 0     │ 0     │ 1       │',
        '└────┴─────────────┴─────────────────────────┴───────────┴──────────────┴────────────┴───────┴───────┴─────────┘',
        '… 2 more of 5 (use --limit/--offset, e.g. --offset 3)',
      ].join('\n'),
    );
  });
});
