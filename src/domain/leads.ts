// Lead rows from a file or a flag → validated leads. Pure: the command reads the file.
import { parse as parseCsv } from 'csv-parse/sync';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { badInput, type FieldProblem } from '../errors.js';
import { isValidZone } from './meeting-input.js';

export interface RawLead {
  name?: unknown;
  phone?: unknown;
  email?: unknown;
  timezone?: unknown;
}

export interface ValidLead {
  name: string;
  phone: string;
  email: string | null;
  timezone: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Normalises to E.164; national numbers without a country code are read as US numbers. */
export function normalizePhone(text: string): string | null {
  const phone = parsePhoneNumberFromString(text.trim(), 'US');
  // isPossible (length and country) rather than isValid: fictional 555 numbers must pass.
  return phone?.isPossible() ? phone.number : null;
}

function field(value: unknown): string {
  return value === undefined || value === null ? '' : String(value).trim();
}

export function validateLead(raw: RawLead, where: string): { lead: ValidLead | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const name = field(raw.name);
  const phoneText = field(raw.phone);
  const email = field(raw.email);
  const timezone = field(raw.timezone);
  if (!name) problems.push({ field: `${where}.name`, message: 'expected a name' });
  const phone = phoneText ? normalizePhone(phoneText) : null;
  if (!phone) {
    problems.push({
      field: `${where}.phone`,
      message: phoneText ? `expected a phone number in E.164 form such as +15551234567, got "${phoneText}"` : 'expected a phone number',
    });
  }
  if (email && !EMAIL.test(email)) problems.push({ field: `${where}.email`, message: `expected an email address, got "${email}"` });
  if (!isValidZone(timezone)) {
    problems.push({
      field: `${where}.timezone`,
      message: timezone ? `expected an IANA timezone such as America/New_York, got "${timezone}"` : 'expected an IANA timezone',
    });
  }
  if (problems.length > 0 || !phone) return { lead: null, problems };
  return { lead: { name, phone, email: email || null, timezone }, problems };
}

/** `--lead "Name,+E164,email,Zone/Name"`; fields may be quoted like CSV. */
export function parseLeadFlag(text: string): RawLead {
  const rows = parseCsvRows(text, false);
  const [name, phone, email, timezone] = rows[0] ?? [];
  return { name, phone, email, timezone };
}

function parseCsvRows(text: string, header: boolean): string[][] {
  return parseCsv(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: !header }) as string[][];
}

/** A JSON array of objects, or CSV with a header row (name, phone, email, timezone). */
export function parseLeadsFile(text: string, fileName: string): RawLead[] {
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*[[{]/.test(body)) {
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch (error) {
      throw badInput([{ field: fileName, message: `expected a JSON array of leads: ${(error as Error).message}` }]);
    }
    if (!Array.isArray(data)) throw badInput([{ field: fileName, message: 'expected a JSON array of lead objects' }]);
    return data.map((item) => (item && typeof item === 'object' ? (item as RawLead) : {}));
  }
  let rows: string[][];
  try {
    rows = parseCsvRows(body, true);
  } catch (error) {
    throw badInput([{ field: fileName, message: `expected CSV with a header row: ${(error as Error).message}` }]);
  }
  const [head, ...rest] = rows;
  if (!head) return [];
  const columns = head.map((h) => h.toLowerCase().replace(/[^a-z]/g, ''));
  const index = (names: string[]) => columns.findIndex((c) => names.includes(c));
  const at = {
    name: index(['name', 'fullname']),
    phone: index(['phone', 'phonenumber', 'number', 'mobile']),
    email: index(['email', 'emailaddress']),
    timezone: index(['timezone', 'tz', 'zone']),
  };
  const missing = Object.entries(at)
    .filter(([key, i]) => i < 0 && key !== 'email')
    .map(([key]) => key);
  if (missing.length > 0) {
    throw badInput([
      { field: `${fileName} header`, message: `expected columns name, phone, email, timezone; missing ${missing.join(', ')}` },
    ]);
  }
  return rest.map((row) => ({
    name: row[at.name],
    phone: row[at.phone],
    email: at.email >= 0 ? row[at.email] : '',
    timezone: row[at.timezone],
  }));
}
