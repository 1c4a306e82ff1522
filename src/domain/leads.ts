// Lead rows from a file or a flag → validated leads. Pure: the command reads the file.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { FieldProblem } from '../errors.js';
import { type ConsentText, parseConsentAt } from './lead-consent.js';
import { parseNanpPhone } from './nanp-phone.js';
import { quoteForMessage, resolveZone, type ZoneCheck, zoneFitsCountry, zonesOfCountry } from './zones.js';

export { parseConsentFlag } from './lead-consent.js';
export { parseLeadFlag, parseLeadsFile } from './lead-files.js';

export interface RawLead {
  name?: unknown;
  phone?: unknown;
  email?: unknown;
  timezone?: unknown;
  consent_source?: unknown;
  consent_at?: unknown;
}

export interface ValidLead {
  name: string;
  phone: string;
  email: string | null;
  timezone: string;
  consent_source: string | null;
  /** ISO UTC instant. */
  consent_at: string | null;
}

export interface LeadImportOptions {
  /** `--consent` for the whole import; a row's own consent columns win. */
  consent?: ConsentText | null;
  /** Consent cannot be given after this instant (epoch ms). */
  nowMs: number;
}

export interface ValidatedLeads {
  leads: { lead: ValidLead; where: string }[];
  problems: FieldProblem[];
  /** Accepted, but worth a look: a zone that cannot be where the phone number is. */
  warnings: FieldProblem[];
  /** How many empty zones were filled from a phone number's single-zone country. */
  filled_timezones: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// C0, DEL and C1: an escape sequence starts with ESC (\x1b) or CSI (\x9b), so this refuses those too.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;

/** Normalises to E.164; national numbers without a country code are read as US numbers. */
export function normalizePhone(text: string): string | null {
  return parsePhone(text)?.e164 ?? null;
}

/** E.164 and, for a valid number, its country (ISO alpha-2); fictional 555 numbers have none. */
export function parsePhone(text: string): { e164: string; country: string | null } | null {
  const trimmed = text.trim();
  const fast = parseNanpPhone(trimmed);
  if (fast) return fast;
  const phone = parsePhoneNumberFromString(trimmed, 'US');
  // isPossible (length and country) rather than isValid: fictional 555 numbers must pass.
  return phone?.isPossible() ? { e164: phone.number, country: phone.country ?? null } : null;
}

/** The first control character in a text, as U+XXXX, or null. */
export function controlCharacterIn(text: string): string | null {
  const found = CONTROL.exec(text);
  return found ? `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** Text safe for a terminal or a log line: each control character shown as \\uXXXX. */
export function escapeControls(text: string): string {
  return text.replace(new RegExp(CONTROL.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function field(value: unknown): string {
  return value === undefined || value === null ? '' : String(value).trim();
}

type Fields = Record<'name' | 'phone' | 'email' | 'timezone' | 'consent_source' | 'consent_at', string>;
const FIELDS = ['name', 'phone', 'email', 'timezone', 'consent_source', 'consent_at'] as const;

/**
 * Validates a whole import. Each distinct zone (with the number's country) is resolved once:
 * a formatter per row costs gigabytes at 100k rows.
 */
export function validateLeads(rows: readonly { raw: RawLead; where: string }[], options: LeadImportOptions): ValidatedLeads {
  const zones = new Map<string, ZoneCheck>();
  const fits = new Map<string, boolean | null>();
  const instants = new Map<string, number | string>();
  const consents = new Map<string, { iso: string | null; problem: string | null }>();
  const out: ValidatedLeads = { leads: [], problems: [], warnings: [], filled_timezones: 0 };
  for (const { raw, where } of rows) {
    const problem = (name: string, message: string) => out.problems.push({ field: `${where}.${name}`, message });
    const f: Fields = {
      name: field(raw.name),
      phone: field(raw.phone),
      email: field(raw.email),
      timezone: field(raw.timezone),
      consent_source: field(raw.consent_source),
      consent_at: field(raw.consent_at),
    };
    // One test of the whole row first: rows almost never have one, and six tests a row add up.
    const anyControl = CONTROL.test(f.name + f.phone + f.email + f.timezone + f.consent_source + f.consent_at);
    const control = FIELDS.filter((k) => {
      if (!anyControl) return false;
      const found = controlCharacterIn(f[k]);
      if (found) problem(k, `contains a control character (${found}); expected plain text without control characters or escape sequences`);
      return found !== null;
    });
    // A field with a control character is not echoed, nor checked further: its message could carry an escape to a terminal.
    const bad = (k: (typeof FIELDS)[number]) => control.includes(k);
    if (!f.name && !bad('name')) problem('name', 'expected a name');
    const phone = f.phone && !bad('phone') ? parsePhone(f.phone) : null;
    if (!phone && !bad('phone')) {
      problem(
        'phone',
        f.phone ? `expected a phone number in E.164 form such as +15551234567, got ${quoteForMessage(f.phone)}` : 'expected a phone number',
      );
    }
    if (f.email && !bad('email') && !EMAIL.test(f.email)) problem('email', `expected an email address, got ${quoteForMessage(f.email)}`);
    const country = phone?.country ?? null;
    let zone: string | null = null;
    if (bad('timezone')) {
      // reported above
    } else if (f.timezone === '') {
      const candidates = zonesOfCountry(country);
      if (candidates.length === 1 && candidates[0]) {
        zone = candidates[0];
        out.filled_timezones++;
      } else {
        problem(
          'timezone',
          candidates.length > 1
            ? `expected an IANA timezone: a ${country} number can be in any of ${candidates.length} zones (${candidates.slice(0, 3).join(', ')}, …)`
            : 'expected an IANA timezone of a place, such as America/New_York',
        );
      }
    } else {
      const key = `${country ?? ''} ${f.timezone}`;
      const check = zones.get(key) ?? resolveZone(f.timezone, { country });
      zones.set(key, check);
      if (check.zone === null) problem('timezone', check.problem);
      zone = check.zone;
      const fitKey = `${country ?? ''} ${zone}`;
      if (zone && country && !fits.has(fitKey)) fits.set(fitKey, zoneFitsCountry(zone, country));
      if (zone && country && fits.get(fitKey) === false) {
        out.warnings.push({
          field: `${where}.timezone`,
          message: `${zone} is not a zone of ${country}, where ${phone?.e164} is; calling hours follow the zone (${country}: ${zonesOfCountry(country).slice(0, 3).join(', ')})`,
        });
      }
    }
    const consent = bad('consent_source') || bad('consent_at') ? null : consentOf(f, zone, options, problem, instants, consents);
    if (phone && zone && consent && f.name && !bad('name') && !bad('email') && (!f.email || EMAIL.test(f.email))) {
      out.leads.push({ lead: { name: f.name, phone: phone.e164, email: f.email || null, timezone: zone, ...consent }, where });
    }
  }
  return out;
}

/** The row's consent columns, else the import's --consent; both parts or neither. */
function consentOf(
  f: Fields,
  zone: string | null,
  options: LeadImportOptions,
  problem: (field: string, message: string) => void,
  instants: Map<string, number | string>,
  parsed: Map<string, { iso: string | null; problem: string | null }>,
): Pick<ValidLead, 'consent_source' | 'consent_at'> | null {
  const own = f.consent_source !== '' || f.consent_at !== '';
  const text = own ? { source: f.consent_source, at: f.consent_at } : (options.consent ?? null);
  if (!text) return { consent_source: null, consent_at: null };
  if (own && !f.consent_source) problem('consent_source', 'expected where the consent came from (e.g. "web form") with consent_at');
  if (own && !f.consent_at) problem('consent_at', 'expected when the consent was given (ISO date or date-time) with consent_source');
  if (!text.source || !text.at) return null;
  if (text.source.length > 200) problem('consent_source', 'expected at most 200 characters');
  // Most rows share a few consent dates: the outcome (its message included) is worked out once per text and zone.
  const key = `${zone ?? 'UTC'} ${text.at}`;
  let at = parsed.get(key);
  if (!at) {
    at = parseConsentAt(text.at, zone ?? 'UTC', options.nowMs, instants);
    parsed.set(key, at);
  }
  if (at.problem) problem(own ? 'consent_at' : 'consent', at.problem);
  return at.iso && text.source.length <= 200 ? { consent_source: text.source, consent_at: at.iso } : null;
}

/** One row, for callers with a single lead. */
export function validateLead(
  raw: RawLead,
  where: string,
  nowMs = Number.POSITIVE_INFINITY,
): { lead: ValidLead | null; problems: FieldProblem[] } {
  const result = validateLeads([{ raw, where }], { nowMs });
  return { lead: result.leads[0]?.lead ?? null, problems: result.problems };
}
