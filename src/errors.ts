// Errors a user can act on. Everything else that reaches `main` is a bug and is reported
// as one (with the stack only under --debug).

export const ExitCode = {
  ok: 0,
  /** Unexpected failure: a bug, or the environment broke underneath us. */
  internal: 1,
  /** Bad input: a flag, a file row, a request body. */
  badInput: 2,
  /** An id that does not exist. */
  notFound: 3,
  /** The request is valid but the state does not allow it (meeting already confirmed…). */
  conflict: 4,
  /** confirm found no slot that any lead can attend. */
  noFeasibleSlot: 5,
  /** A setting the command needs (Twilio keys, …) is missing or invalid. */
  config: 6,
  /** A remote service (Twilio, OpenAI) failed. */
  remote: 7,
  /** The database stayed locked by another writer (serve, a tick) for longer than the wait budget. */
  busy: 8,
  /** Interrupted (Ctrl+C in a prompt). */
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export type ErrorKind = 'bad_input' | 'not_found' | 'conflict' | 'no_feasible_slot' | 'config' | 'remote' | 'busy' | 'unavailable';

const exitCodeByKind: Record<ErrorKind, ExitCodeValue> = {
  bad_input: ExitCode.badInput,
  not_found: ExitCode.notFound,
  conflict: ExitCode.conflict,
  no_feasible_slot: ExitCode.noFeasibleSlot,
  config: ExitCode.config,
  remote: ExitCode.remote,
  busy: ExitCode.busy,
  // The database server went away mid-run (it was reachable at start): a remote service failed.
  unavailable: ExitCode.remote,
};

const httpStatusByKind: Record<ErrorKind, number> = {
  bad_input: 400,
  not_found: 404,
  conflict: 409,
  no_feasible_slot: 422,
  config: 500,
  remote: 502,
  busy: 503,
  /** The database server is down or unreachable: Twilio retries, and serve reconnects by itself. */
  unavailable: 503,
};

export interface FieldProblem {
  field: string;
  message: string;
}

export class CallbookError extends Error {
  readonly kind: ErrorKind;
  readonly hint: string | null;
  readonly problems: FieldProblem[];

  constructor(kind: ErrorKind, message: string, options: { hint?: string; problems?: FieldProblem[] } = {}) {
    super(message);
    this.name = 'CallbookError';
    this.kind = kind;
    this.hint = options.hint ?? null;
    this.problems = options.problems ?? [];
  }

  get exitCode(): ExitCodeValue {
    return exitCodeByKind[this.kind];
  }

  get httpStatus(): number {
    return httpStatusByKind[this.kind];
  }

  toJSON(): { error: { kind: ErrorKind; message: string; hint: string | null; problems: FieldProblem[] } } {
    return { error: { kind: this.kind, message: this.message, hint: this.hint, problems: this.problems } };
  }
}

/** One bad-input error that lists every problem found, so a user fixes them all at once. */
export function badInput(problems: FieldProblem[], hint?: string): CallbookError {
  const first = problems[0];
  const message =
    problems.length === 1 && first
      ? `${first.field}: ${first.message}`
      : `invalid input:\n${problems.map((p) => `  - ${p.field}: ${p.message}`).join('\n')}`;
  return new CallbookError('bad_input', message, { problems, ...(hint ? { hint } : {}) });
}

export function notFound(what: string, id: number | string): CallbookError {
  return new CallbookError('not_found', `${what} ${id} does not exist`, {
    hint: `list them with \`callbook ${what === 'lead' ? 'campaign show ID' : `${what} list`}\``,
  });
}
