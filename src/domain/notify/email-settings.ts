// CALLBOOK_SMTP_URL and CALLBOOK_EMAIL_FROM, read for config.ts. A broken email setting never
// stops a command: `confirm` still books and the outbox says why no email went out. So problems
// are collected here, not thrown. The URL carries the SMTP password: no message repeats it.

export interface EmailSettings {
  /** Whole, for nodemailer; never printed. */
  smtpUrl: string | null;
  from: string | null;
  /** Why email cannot be sent although it is set up; [] when it can, or when it is not set up at all. */
  problems: string[];
}

const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;

export function isEmailAddress(text: string): boolean {
  return ADDRESS.test(text.trim());
}

/** "Callbook <bot@acme.com>" or "bot@acme.com" → the address; null when it is neither. */
export function addressOf(from: string): string | null {
  const angle = /^[^<>]*<([^<>]+)>\s*$/.exec(from.trim());
  const address = (angle?.[1] ?? from).trim();
  return isEmailAddress(address) ? address : null;
}

/** Where the URL points, without its user or password: safe to print. */
export function describeSmtpUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}`;
  } catch {
    return 'a value that is not a URL';
  }
}

function smtpUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'CALLBOOK_SMTP_URL: expected smtp://user:password@host:587 or smtps://user:password@host:465, got a value that is not a URL';
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    return `CALLBOOK_SMTP_URL: expected an smtp:// or smtps:// URL, got ${url.protocol}// (${describeSmtpUrl(raw)})`;
  if (url.hostname === '') return 'CALLBOOK_SMTP_URL: the URL names no host';
  if (url.port !== '' && !(Number(url.port) > 0 && Number(url.port) < 65536)) return `CALLBOOK_SMTP_URL: port ${url.port} is not a port`;
  return null;
}

export function readEmailSettings(env: Record<string, string | undefined>): EmailSettings {
  const smtpUrl = env.CALLBOOK_SMTP_URL?.trim() || null;
  const from = env.CALLBOOK_EMAIL_FROM?.trim() || null;
  const problems: string[] = [];
  if (smtpUrl === null && from === null) return { smtpUrl, from, problems };
  if (smtpUrl === null) problems.push('CALLBOOK_SMTP_URL is not set (CALLBOOK_EMAIL_FROM is): no server to send through');
  else {
    const problem = smtpUrlProblem(smtpUrl);
    if (problem) problems.push(problem);
  }
  if (from === null) problems.push('CALLBOOK_EMAIL_FROM is not set: expected the sender, e.g. "Callbook <bookings@acme.com>"');
  else if (addressOf(from) === null)
    problems.push(`CALLBOOK_EMAIL_FROM: expected an address like bookings@acme.com or "Callbook <bookings@acme.com>", got "${from}"`);
  return { smtpUrl, from, problems };
}
