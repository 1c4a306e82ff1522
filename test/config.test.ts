import { describe, expect, it } from 'vitest';
import { loadConfig, MAX_OPENAI_TIMEOUT_MS } from '../src/config.js';
import { CallbookError } from '../src/errors.js';
import { createCliSandbox } from './helpers/cli.js';

describe('CALLBOOK_OPENAI_TIMEOUT_MS', () => {
  it('defaults to 4000 ms and takes anything up to the cap', () => {
    expect(loadConfig({}).openai.timeoutMs).toBe(4000);
    expect(loadConfig({ CALLBOOK_OPENAI_TIMEOUT_MS: '8000' }).openai.timeoutMs).toBe(8000);
    expect(MAX_OPENAI_TIMEOUT_MS).toBeLessThan(10_000);
  });

  it.each(['60000', '8001', '15000'])('refuses %s ms with the reason, as a config error', (value) => {
    let error: unknown;
    try {
      loadConfig({ CALLBOOK_OPENAI_TIMEOUT_MS: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CallbookError);
    expect((error as CallbookError).kind).toBe('config');
    expect((error as CallbookError).problems).toEqual([
      { field: 'CALLBOOK_OPENAI_TIMEOUT_MS', message: expect.stringContaining(`expected at most 8000 ms, got "${value}"`) },
    ]);
    expect((error as CallbookError).message).toContain('every webhook must answer within 10 s');
  });

  it('still refuses values that are not numbers or too small', () => {
    expect(() => loadConfig({ CALLBOOK_OPENAI_TIMEOUT_MS: 'soon' })).toThrow('expected a number from 100 to 8000, got "soon"');
    expect(() => loadConfig({ CALLBOOK_OPENAI_TIMEOUT_MS: '50' })).toThrow('expected a number from 100 to 8000, got "50"');
  });

  it('makes a command exit 6 naming the setting', async () => {
    const cli = createCliSandbox({ CALLBOOK_OPENAI_TIMEOUT_MS: '60000' });
    try {
      const r = await cli.run(['campaign', 'list']);
      expect(r.code).toBe(6);
      expect(r.stderr).toContain('CALLBOOK_OPENAI_TIMEOUT_MS: expected at most 8000 ms, got "60000"');
    } finally {
      cli.cleanup();
    }
  });
});
