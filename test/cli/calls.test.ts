// `calls list` and `calls show`: every call with its outcome, and one call's whole conversation in
// order (the bot's script and each <Say>, the lead's words, what was understood, the slots
// stored), its timeline and length; the same transcript in the JSON API's GET /calls/:id.
import { describe, expect, it } from 'vitest';
import { spokenText } from '../../src/services/calls.js';
import { createCliSandbox } from '../helpers/cli.js';
import { createWorld } from '../helpers/world.js';

describe('calls list and show after a demo', () => {
  it('lists the calls with filters and shows one conversation, both sides in order', async () => {
    const cli = createCliSandbox();
    try {
      expect((await cli.run(['demo', '--leads', '4', '--seed', '2'])).code).toBe(0);
      const all = (await cli.run(['--json', 'calls', 'list'])).json();
      expect(all.total).toBeGreaterThan(4);
      expect(all.calls.length).toBe(all.total);
      const group = (await cli.run(['--json', 'calls', 'list', '--meeting', '1'])).json();
      expect(group.calls.every((c: { meeting_request_id: number }) => c.meeting_request_id === 1)).toBe(true);
      const talked = group.calls.find((c: { turns: number; slots: number }) => c.turns > 0 && c.slots > 0);
      expect(talked).toBeDefined();
      const one = (await cli.run(['--json', 'calls', 'list', '--lead', String(talked.lead_id), '--limit', '1'])).json();
      expect(one.calls).toHaveLength(1);
      expect(one.calls[0].lead_id).toBe(talked.lead_id);

      const shown = (await cli.run(['--json', 'calls', 'show', String(talked.id)])).json();
      const speakers = shown.transcript.map((l: { speaker: string }) => l.speaker);
      expect(speakers[0]).toBe('bot'); // the greeting
      expect(speakers[1]).toBe('lead');
      expect(speakers).toContain('bot');
      expect(shown.transcript[0].text).toContain('Acme Analytics');
      const heard = shown.transcript.find((l: { understood: { intent: string } | null }) => l.understood?.intent === 'availability');
      expect(heard.speaker).toBe('lead');
      expect(heard.understood.slots.length).toBeGreaterThan(0);
      expect(shown.slots_stored.length).toBeGreaterThan(0);
      expect(shown.timeline[0].event).toMatch(/^dialed/);
      expect(shown.timeline.at(-1).event).toMatch(/^ended: completed/);
      // In order: each lead line comes before the bot's answer to it, and times never go back.
      const at = shown.transcript.map((l: { at: string }) => Date.parse(l.at));
      expect([...at].sort((a, b) => a - b)).toEqual(at);

      const human = await cli.run(['calls', 'show', String(talked.id)]);
      expect(human.code).toBe(0);
      expect(human.stdout).toContain('  conversation:');
      expect(human.stdout).toMatch(/ {4}bot: {2}Hello /);
      expect(human.stdout).toMatch(/ {4}lead: .+\n {10}understood: availability: /);
      expect(human.stdout).toContain('  slots stored:');
      const rest = (await cli.run(['--json', 'calls', 'list', '--offset', '2'])).json();
      expect(rest.calls.map((c: { id: number }) => c.id)).toEqual(all.calls.slice(2).map((c: { id: number }) => c.id));
      const table = await cli.run(['calls', 'list', '--outcome', 'voicemail']);
      expect(table.code).toBe(0);
      expect((await cli.run(['calls', 'show', '9999'])).code).toBe(3);
      expect((await cli.run(['calls', 'list', '--state', 'ringing-ish'])).code).toBe(2);
    } finally {
      cli.cleanup();
    }
  }, 60_000);
});

describe('GET /calls/:id', () => {
  it('returns the transcript: the script, what the lead said, the <Say> answers', async () => {
    const world = await createWorld();
    try {
      await world.startCall(1, 'CA00000000000000000000000000000001');
      await world.db.updateTable('calls').set({ script: 'Hello Ana, when are you free?', answered_by: 'human' }).execute();
      await world.db
        .insertInto('call_turns')
        .values({
          call_id: 1,
          turn: 1,
          input: 'tuesday after two',
          intent: 'availability',
          parser_source: 'heuristic',
          response: '<?xml version="1.0"?><Response><Gather><Say>Tuesday after 2 &amp; not before. Right?</Say></Gather></Response>',
          created_at: '2026-03-09T15:00:10.000Z',
        })
        .execute();
      const res = await world.app.request('/calls/1', { headers: { Authorization: 'Bearer api-secret' } });
      expect(res.status).toBe(200);
      const call = (await res.json()) as { transcript: { speaker: string; text: string }[] };
      expect(call.transcript.map((l) => [l.speaker, l.text])).toEqual([
        ['bot', 'Hello Ana, when are you free?'],
        ['lead', 'tuesday after two'],
        ['bot', 'Tuesday after 2 & not before. Right?'],
      ]);
      expect((await world.app.request('/calls/77', { headers: { Authorization: 'Bearer api-secret' } })).status).toBe(404);
    } finally {
      await world.close();
    }
  });

  it('reads every <Say> of a TwiML answer, entities decoded', () => {
    expect(spokenText('<Response><Say voice="x">a &lt;b&gt; &#39;c&#39;</Say><Pause/><Say>d</Say></Response>')).toEqual(["a <b> 'c'", 'd']);
  });
});
