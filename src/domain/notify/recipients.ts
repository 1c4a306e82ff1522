// Who is told about a booking change, on which channel, and why someone is not. Pure: the
// service passes what the configuration allows and which numbers are on the do-not-call list.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { NotificationKind, NotifyOwner, NotifyPerson } from './content.js';
import { isEmailAddress } from './email-settings.js';

export type Channel = 'email' | 'sms';
export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

export interface PlannedNotification {
  channel: Channel;
  recipient: string;
  role: 'owner' | 'attendee' | 'lead';
  lead_id: number | null;
  recipient_name: string;
  recipient_timezone: string;
  /** 'pending' to send; 'skipped' on purpose (--no-notify, opt-out, bad address); 'failed' when a setting must be fixed. */
  status: 'pending' | 'skipped' | 'failed';
  last_error: string | null;
}

export interface ChannelState {
  /** null: not set up at all (no rows); [] : ready; otherwise why it cannot send. */
  email: string[] | null;
  sms: boolean;
}

export interface PlanInput {
  kind: NotificationKind;
  owner: NotifyOwner;
  /** The attendees (invite, cancel) or the leads called but not booked (unbooked). */
  people: NotifyPerson[];
  channels: ChannelState;
  doNotCall: ReadonlySet<string>;
  /** --no-notify: every row is recorded as skipped with this reason. */
  skipReason: string | null;
}

/** Mobile, or a number plan (the US, Canada) that does not tell mobile from fixed lines. */
export function smsCapable(phone: string): { ok: true } | { ok: false; why: string } {
  const parsed = parsePhoneNumberFromString(phone);
  if (!parsed?.isValid()) return { ok: false, why: `${phone} is not a valid phone number` };
  const type = parsed.getType();
  if (type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE') return { ok: true };
  return { ok: false, why: `${phone} is not a mobile number (${(type ?? 'unknown type').toLowerCase().replace(/_/g, ' ')})` };
}

export function planNotifications(input: PlanInput): PlannedNotification[] {
  const out: PlannedNotification[] = [];
  const emailProblem = input.channels.email && input.channels.email.length > 0 ? input.channels.email.join('; ') : null;
  const add = (row: Omit<PlannedNotification, 'status' | 'last_error'>, status: PlannedNotification['status'], why: string | null) => {
    if (input.skipReason !== null) out.push({ ...row, status: 'skipped', last_error: input.skipReason });
    else out.push({ ...row, status, last_error: why });
  };
  const leadRole: PlannedNotification['role'] = input.kind === 'unbooked' ? 'lead' : 'attendee';
  if (input.channels.email !== null) {
    if (input.kind !== 'unbooked') {
      const o = input.owner;
      const base = {
        channel: 'email' as const,
        role: 'owner' as const,
        lead_id: null,
        recipient_name: o.name ?? o.id,
        recipient_timezone: o.timezone,
      };
      if (!o.email)
        add(
          { ...base, recipient: `owner:${o.id}` },
          'failed',
          `owner ${o.id} has no email address (callbook owner set ${o.id} --email ADDRESS)`,
        );
      else if (!isEmailAddress(o.email)) add({ ...base, recipient: o.email }, 'skipped', `"${o.email}" is not an email address`);
      else add({ ...base, recipient: o.email.trim() }, emailProblem ? 'failed' : 'pending', emailProblem);
    }
    for (const p of input.people) {
      if (!p.email) continue;
      const base = {
        channel: 'email' as const,
        role: leadRole,
        lead_id: p.lead_id,
        recipient_name: p.name,
        recipient_timezone: p.timezone,
      };
      if (!isEmailAddress(p.email)) add({ ...base, recipient: p.email }, 'skipped', `"${p.email}" is not an email address`);
      else add({ ...base, recipient: p.email.trim() }, emailProblem ? 'failed' : 'pending', emailProblem);
    }
  }
  if (input.channels.sms) {
    for (const p of input.people) {
      const base = {
        channel: 'sms' as const,
        role: leadRole,
        lead_id: p.lead_id,
        recipient_name: p.name,
        recipient_timezone: p.timezone,
        recipient: p.phone,
      };
      const capable = smsCapable(p.phone);
      if (input.doNotCall.has(p.phone)) add(base, 'skipped', `${p.phone} is on the do-not-call list`);
      else if (!capable.ok) add(base, 'skipped', capable.why);
      else add(base, 'pending', null);
    }
  }
  return out;
}

/** Whether the call script may promise an email and/or a text to this lead. */
export function promisedChannels(lead: { email: string | null; phone: string }, channels: ChannelState, onDoNotCall: boolean) {
  return {
    email: channels.email !== null && channels.email.length === 0 && lead.email !== null && isEmailAddress(lead.email),
    sms: channels.sms && !onDoNotCall && smsCapable(lead.phone).ok,
  };
}
