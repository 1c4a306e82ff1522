import { describe, expect, it } from 'vitest';
import type { LeadScriptOptions } from '../../../src/telephony/simulator/lead-script.js';
import { makeSimulatedLead } from '../../../src/telephony/simulator/lead-script.js';
import { createRng } from '../../../src/telephony/simulator/rng.js';
import type { SimBehaviour } from '../../../src/telephony/simulator/types.js';

const options: LeadScriptOptions = {
  zone: 'America/Chicago',
  now: '2026-03-05T10:00:00-06:00',
  availabilityLocal: [
    { date: '2026-03-06', start: '08:00', end: '12:00' },
    { date: '2026-03-10', start: '09:00', end: '11:00' },
    { date: '2026-03-12', start: '14:00', end: '17:00' },
    { date: '2026-03-16', start: '10:30', end: '13:00' },
  ],
};

function speechOf(lead: ReturnType<typeof makeSimulatedLead>): string[] {
  return lead.replies.flatMap((r) => ('speech' in r ? [r.speech] : []));
}

describe('makeSimulatedLead', () => {
  it('is reproducible from the seed', () => {
    const a = createRng(99);
    const b = createRng(99);
    const first = Array.from({ length: 30 }, () => makeSimulatedLead(a, options));
    const second = Array.from({ length: 30 }, () => makeSimulatedLead(b, options));
    expect(second).toEqual(first);
  });

  it('draws realistic outcome proportions', () => {
    const rng = createRng(1);
    const counts: Record<SimBehaviour, number> = { answer: 0, voicemail: 0, 'no-answer': 0, busy: 0, failed: 0 };
    for (let i = 0; i < 2000; i++) counts[makeSimulatedLead(rng, options).behaviour]++;
    expect(counts.answer / 2000).toBeGreaterThan(0.5);
    expect(counts.answer / 2000).toBeLessThan(0.7);
    expect(counts.voicemail).toBeGreaterThan(150);
    expect(counts['no-answer']).toBeGreaterThan(150);
    expect(counts.busy).toBeGreaterThan(50);
    expect(counts.failed).toBeGreaterThan(20);
  });

  it('speaks like a speech recogniser transcribes: lowercase, no punctuation, number words', () => {
    const rng = createRng(3);
    const sentences = Array.from({ length: 300 }, () => makeSimulatedLead(rng, { ...options, behaviour: 'answer' })).flatMap(speechOf);
    for (const s of sentences) {
      expect(s).toBe(s.toLowerCase());
      expect(s).not.toMatch(/[.,!?;:]/);
    }
    const all = sentences.join(' | ');
    expect(all).toMatch(/\b(uh|um|so|well)\b/);
    expect(all).toMatch(/\b(nine|ten|eleven|two)\b/);
    expect(all).toMatch(/\b(tuesday|thursday|friday|tomorrow)\b/);
    expect(all).toMatch(/take me off your list|stop calling me|remove me|\bstop\b/);
    expect(all).not.toMatch(/\b(saturday|sunday|wednesday)\b/);
  });

  it('varies the conversation: silence first, confirmations by voice or key, opt-outs by key', () => {
    const rng = createRng(4);
    const leads = Array.from({ length: 400 }, () => makeSimulatedLead(rng, { ...options, behaviour: 'answer' }));
    expect(leads.some((l) => 'silence' in (l.replies[0] ?? {}))).toBe(true);
    expect(leads.some((l) => l.replies.some((r) => 'digits' in r && r.digits === '1'))).toBe(true);
    expect(leads.some((l) => l.replies.length === 1 && 'digits' in (l.replies[0] ?? {}))).toBe(true);
  });

  it('gives machines and unanswered calls no replies, and says so when never free', () => {
    const rng = createRng(5);
    expect(makeSimulatedLead(rng, { ...options, behaviour: 'voicemail' })).toEqual({ behaviour: 'voicemail', replies: [] });
    const never = Array.from({ length: 50 }, () =>
      makeSimulatedLead(rng, { ...options, availabilityLocal: [], behaviour: 'answer' }),
    ).flatMap(speechOf);
    expect(never.some((s) => /not free|can't make/.test(s))).toBe(true);
  });
});
