// The internal do-not-call list (47 CFR 64.1200(d)): numbers callbook never dials, whatever the
// lead or meeting. `dnc add` takes effect at the next tick: the dialing filter skips listed numbers.
import type { Context } from '../context.js';
import { isoUtc } from '../context.js';
import {
  countLeadsWithPhone,
  type DoNotCallRow,
  deleteDoNotCall,
  findDoNotCallEntry,
  insertDoNotCall,
  listDoNotCall,
} from '../db/repos/do-not-call.js';
import { controlCharacterIn, normalizePhone } from '../domain/leads.js';
import { quoteForMessage } from '../domain/zones.js';
import { badInput, CallbookError } from '../errors.js';

export type DoNotCallEntry = DoNotCallRow;

export interface DoNotCallChange extends DoNotCallEntry {
  /** False when the number was already listed (it keeps its first reason). */
  added: boolean;
  /** Leads with this number, in any meeting: none of them is dialed while it is listed. */
  leads: number;
}

function phoneOf(text: string, field: string): string {
  const control = controlCharacterIn(text);
  const phone = control ? null : normalizePhone(text);
  if (!phone) {
    const got = control ? `it contains a control character (${control})` : `got ${quoteForMessage(text)}`;
    throw badInput([{ field, message: `expected a phone number such as +15551234567 or (212) 555-0101; ${got}` }]);
  }
  return phone;
}

export async function listDoNotCallEntries(ctx: Context): Promise<DoNotCallEntry[]> {
  return listDoNotCall(ctx.db);
}

export async function addDoNotCallEntry(
  ctx: Context,
  input: { phone: string; reason: string | null; source: string; phone_field?: string },
): Promise<DoNotCallChange> {
  const phone = phoneOf(input.phone, input.phone_field ?? 'phone');
  const reason = (input.reason ?? '').trim() || 'added by an operator';
  const control = controlCharacterIn(reason);
  if (control) throw badInput([{ field: 'reason', message: `expected plain text; it contains a control character (${control})` }]);
  if (reason.length > 500) throw badInput([{ field: 'reason', message: 'expected at most 500 characters' }]);
  const added = await insertDoNotCall(ctx.db, { phone, reason, source: input.source, created_at: isoUtc(ctx.now()) });
  const entry = await findDoNotCallEntry(ctx.db, phone);
  if (!entry) throw new Error(`do-not-call entry for ${phone} vanished after insert`);
  return { ...entry, added, leads: await countLeadsWithPhone(ctx.db, phone) };
}

export async function removeDoNotCallEntry(
  ctx: Context,
  input: { phone: string; phone_field?: string },
): Promise<{ phone: string; removed: true }> {
  const phone = phoneOf(input.phone, input.phone_field ?? 'phone');
  if (!(await deleteDoNotCall(ctx.db, phone))) {
    throw new CallbookError('not_found', `${phone} is not on the do-not-call list`, { hint: 'list it with `callbook dnc list`' });
  }
  return { phone, removed: true };
}
