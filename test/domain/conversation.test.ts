// What the call says when the parser is in doubt: its question for the lead, never its internal note.
import { describe, expect, it } from 'vitest';
import { decideTurn, GENERIC_CLARIFY } from '../../src/domain/conversation.js';
import type { AvailabilityResult } from '../../src/parsing/types.js';

const slot = { start: '2026-03-13T09:00:00-04:00', end: '2026-03-13T17:00:00-04:00' };
const parsed = (extra: Partial<AvailabilityResult>): AvailabilityResult => ({
  slots: [slot],
  intent: 'availability',
  unparsed: [],
  confidence: 0.6,
  ambiguities: [],
  source: 'heuristic',
  fallback_reason: null,
  ...extra,
});
const turn = (p: AvailabilityResult, asked = false) =>
  decideTurn({ phase: 'ask', turn: 1, unusable: 0, digits: '', speech: 'busy until friday', parsed: p, asked });

describe('decideTurn on an ambiguous answer', () => {
  it("asks the parser's question for its first doubt, not the note", () => {
    const d = turn(
      parsed({
        ambiguities: ['"until friday": read as free from friday on, friday included', 'other note'],
        questions: ['Is Friday itself free, or are you busy through Friday?', 'Other question?'],
      }),
    );
    expect(d.kind).toBe('clarify');
    const q = d.kind === 'clarify' ? d.question : '';
    expect(q).toContain('Is Friday itself free, or are you busy through Friday?');
    expect(q).not.toContain('Other question');
    expect(q).not.toContain('read as');
  });

  it('asks generically when the parser gave no question (OpenAI), without the note', () => {
    const d = turn(parsed({ source: 'openai', ambiguities: ['guessed the year for march 3'] }));
    expect(d).toEqual({ kind: 'clarify', question: GENERIC_CLARIFY });
    expect(GENERIC_CLARIFY).toBe('Sorry, could you tell me once more which days and times work for you?');
  });

  it('an empty question counts as none', () => {
    expect(turn(parsed({ ambiguities: ['x'], questions: [' '] }))).toEqual({ kind: 'clarify', question: GENERIC_CLARIFY });
  });

  it('reads back when nothing was in doubt, or when the call already asked once', () => {
    expect(turn(parsed({})).kind).toBe('read_back');
    expect(turn(parsed({ ambiguities: ['x'], questions: ['Is Friday free?'] }), true).kind).toBe('read_back');
  });
});
