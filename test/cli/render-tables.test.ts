// Human tables as a reader sees them at 80 and 160 columns (explicit expected text, read and
// checked by hand), and off a terminal (no width: nothing cut).
import { afterEach, describe, expect, it } from 'vitest';
import { renderCampaign } from '../../src/cli/render/campaigns.js';
import { setTableWidth } from '../../src/cli/render/table.js';
import type { CampaignDetail } from '../../src/services/campaigns.js';

afterEach(() => setTableWidth(null));

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
        '├────┼─────────────────┼──────────────┼─────────────────┼───────────┼──────────┤',
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
        '├────┼────────────────────────────────────────┼──────────────┼────────────────────────────────┼───────────┼──────────┼─────────────────────────────────────────┤',
        '│ 2  │ Bo Chen                                │ +12125550102 │ Asia/Tokyo                     │ no_answer │ 1        │ no answer on 1 call; next try after th… │',
        '└────┴────────────────────────────────────────┴──────────────┴────────────────────────────────┴───────────┴──────────┴─────────────────────────────────────────┘',
      ].join('\n'),
    );
  });

  it('off a terminal cuts nothing', () => {
    const out = renderCampaign(campaign);
    expect(out).toContain('Maximiliana Alexandrovna Featherstonehaugh-Smythe');
    expect(out).toContain('no answer on 1 call; next try after the retry delay');
    expect(out).not.toContain('…');
  });
});
