// Prompts are a convenience: every prompted value has a flag, and without a terminal a
// missing value is an error that names the flag.
import { badInput } from '../errors.js';
import type { Io } from './io.js';
import type { Globals } from './runtime.js';

export interface Needed {
  flag: string;
  message: string;
  validate?: (value: string) => true | string;
  default?: string;
}

export async function askForMissing(io: Io, globals: Globals, needed: Needed[]): Promise<Map<string, string>> {
  const answers = new Map<string, string>();
  if (needed.length === 0) return answers;
  if (!io.stdinIsTTY || globals.json) {
    throw badInput(
      needed.map((n) => ({ field: n.flag, message: `missing: ${n.message.toLowerCase()}` })),
      'pass them as flags (there is no terminal to ask on)',
    );
  }
  const { input } = await import('@inquirer/prompts');
  for (const n of needed) {
    // Prompts are talk with the person, not the result: stderr, so `> out.txt` holds only the result.
    const value = await input(
      {
        message: n.message,
        ...(n.default !== undefined ? { default: n.default } : {}),
        validate: (v) => (v.trim() === '' ? 'a value is required' : (n.validate?.(v.trim()) ?? true)),
      },
      { output: process.stderr },
    );
    answers.set(n.flag, value.trim());
  }
  return answers;
}
