// Lead files (CSV with a header row, or a JSON array) and the --lead flag → raw rows. Pure.
import { parse as parseCsv } from 'csv-parse/sync';
import { badInput } from '../errors.js';
import type { RawLead } from './leads.js';

/** `--lead "Name,+E164,email,Zone/Name[,consent source,consent at]"`; fields may be quoted like CSV. */
export function parseLeadFlag(text: string): RawLead {
  const rows = parseCsvRows(text, false);
  const [name, phone, email, timezone, consent_source, consent_at] = rows[0] ?? [];
  return { name, phone, email, timezone, consent_source, consent_at };
}

function parseCsvRows(text: string, header: boolean): string[][] {
  return parseCsv(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: !header }) as string[][];
}

/** A JSON array of objects, or CSV with a header row (name, phone, email, timezone, consent_source, consent_at). */
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
    consent_source: index(['consentsource', 'consent']),
    consent_at: index(['consentat', 'consentdate', 'consenttime']),
  };
  const missing = Object.entries(at)
    .filter(([key, i]) => i < 0 && (key === 'name' || key === 'phone' || key === 'timezone'))
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
    consent_source: at.consent_source >= 0 ? row[at.consent_source] : undefined,
    consent_at: at.consent_at >= 0 ? row[at.consent_at] : undefined,
  }));
}
