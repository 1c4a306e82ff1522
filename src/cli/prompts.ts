// Prompts are a convenience: every prompted value has a flag, and without a terminal a
// missing value is an error that names the flag. Each answer is checked as it is typed (the
// prompt re-asks with the reason), so nothing fails at the end on a field the user cannot see.
import { badInput } from '../errors.js';
import type { Io } from './io.js';
import type { Globals } from './runtime.js';

export type Answers = Map<string, string>;
type Check = (value: string, answers: Answers) => true | string;

interface Base {
  flag: string;
  message: string;
  /** Optional questions are asked only once prompting has started, and never block a script. */
  optional?: boolean;
}
export type Needed =
  | (Base & { kind?: 'input'; validate?: Check; default?: string | ((answers: Answers) => string) })
  | (Base & { kind: 'select'; choices: { name: string; value: string; description?: string }[]; default?: string })
  /** Several of a list; the answer is the values joined by commas ('' for none). */
  | (Base & { kind: 'checkbox'; choices: { name: string; value: string }[] })
  /** A searchable list: what is typed narrows the choices. */
  | (Base & { kind: 'search'; choices: (term: string | undefined) => string[]; validate?: Check });

/** Where the prompts read and write; the terminal's stdin and stderr unless a test gives its own. */
export interface PromptStreams {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

export async function askForMissing(io: Io, globals: Globals, needed: Needed[], streams: PromptStreams = {}): Promise<Answers> {
  const answers: Answers = new Map();
  const required = needed.filter((n) => !n.optional);
  if (required.length === 0) return answers;
  if (!io.stdinIsTTY || globals.json) {
    throw badInput(
      required.map((n) => ({ field: n.flag, message: `missing: ${n.message.toLowerCase()}` })),
      'pass them as flags (there is no terminal to ask on)',
    );
  }
  // Prompts are talk with the person, not the result: stderr, so `> out.txt` holds only the result.
  const context = { output: streams.output ?? process.stderr, ...(streams.input ? { input: streams.input } : {}) };
  const prompts = await import('@inquirer/prompts');
  for (const n of needed) answers.set(n.flag, await ask(prompts, n, answers, context));
  return answers;
}

async function ask(prompts: typeof import('@inquirer/prompts'), n: Needed, answers: Answers, context: PromptStreams): Promise<string> {
  if (n.kind === 'select') {
    return prompts.select({ message: n.message, choices: n.choices, ...(n.default !== undefined ? { default: n.default } : {}) }, context);
  }
  if (n.kind === 'checkbox') {
    const picked = await prompts.checkbox({ message: `${n.message} (space to pick, enter when done)`, choices: n.choices }, context);
    return picked.join(',');
  }
  if (n.kind === 'search') {
    const check = n.validate;
    return prompts.search(
      {
        message: n.message,
        source: (term) => n.choices(term).slice(0, 200),
        ...(check ? { validate: (v: string) => check(v, answers) } : {}),
      },
      context,
    );
  }
  const fallback = typeof n.default === 'function' ? n.default(answers) : n.default;
  const check = n.validate;
  const value = await prompts.input(
    {
      message: n.message,
      ...(fallback !== undefined ? { default: fallback } : {}),
      validate: (v) => (v.trim() === '' ? 'a value is required' : (check?.(v.trim(), answers) ?? true)),
    },
    context,
  );
  return value.trim();
}
