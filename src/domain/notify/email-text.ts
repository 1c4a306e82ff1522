// The subject and plain-text body of one email, written for its reader: the time in their own
// zone with the zone named; the owner's copy lists the attendees and how to reach them.
import { type NotifyPerson, type NotifySubject, ownerName, slotInZone } from './content.js';

export interface EmailReader {
  role: 'owner' | 'attendee' | 'lead';
  name: string;
  timezone: string;
}

export interface EmailText {
  subject: string;
  text: string;
}

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

function attendeeLines(people: NotifyPerson[], startUtc: string, endUtc: string): string[] {
  return people.map(
    (p) => `  - ${p.name}${p.email ? ` <${p.email}>` : ''}, ${p.phone}: ${slotInZone(startUtc, endUtc, p.timezone)} for them`,
  );
}

export function emailText(subject: NotifySubject, reader: EmailReader): EmailText {
  const owner = ownerName(subject.owner);
  const sign = `— ${subject.business_name}, on behalf of ${owner}`;
  const b = subject.booking;
  if (subject.kind === 'unbooked' || !b) {
    return {
      subject: `${subject.title}: no meeting this time`,
      text: [
        `Hello ${firstName(reader.name)},`,
        '',
        `Thank you for telling us when you are free for "${subject.title}" with ${owner}.`,
        'We could not find a time that suits everyone this time, so no meeting was booked.',
        `${owner} may get in touch again.`,
        '',
        sign,
      ].join('\n'),
    };
  }
  const when = slotInZone(b.start_utc, b.end_utc, reader.timezone);
  const head = subject.kind === 'cancel' ? 'Cancelled' : b.sequence > 0 ? 'Updated invitation' : 'Invitation';
  const lines: string[] = [];
  if (reader.role === 'owner') {
    lines.push(`Hello ${firstName(owner)},`, '');
    lines.push(subject.kind === 'cancel' ? `Your meeting "${subject.title}" is cancelled:` : `Your meeting "${subject.title}" is booked:`);
    lines.push(`  ${when}`, '', 'Attendees (call each at their number):', ...attendeeLines(b.attendees, b.start_utc, b.end_utc));
  } else {
    lines.push(`Hello ${firstName(reader.name)},`, '');
    if (subject.kind === 'cancel') {
      lines.push(`"${subject.title}" with ${owner} is cancelled. It was planned for:`, `  ${when}`);
    } else {
      const me = b.attendees.find((p) => p.name === reader.name);
      lines.push(`${owner} has booked "${subject.title}" with you:`, `  ${when}`);
      lines.push(me ? `${owner} will call you at ${me.phone}.` : `${owner} will call you.`);
    }
  }
  if (subject.kind === 'cancel' && b.cancel_reason) lines.push('', `Reason: ${b.cancel_reason}`);
  lines.push(
    '',
    subject.kind === 'cancel'
      ? 'The attached cancellation removes it from your calendar.'
      : 'The invitation is attached: accept it to keep the time in your calendar.',
  );
  lines.push('', sign);
  return { subject: `${head}: ${subject.title} — ${when}`, text: lines.join('\n') };
}
