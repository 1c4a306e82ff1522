// One short text per attendee: who writes, the time in their zone, who they meet, and the
// opt-out. One segment where possible: 160 GSM-7 characters, or 70 once any character is
// outside GSM-7, so longer wordings are tried first and dropped until one fits.
import { type NotifySubject, ownerName, shortTimeInZone } from './content.js';

export const STOP_SENTENCE = 'Reply STOP to opt out.';

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

/** Septets a text takes in GSM-7, or null when it needs UCS-2. */
export function gsmLength(text: string): number | null {
  let n = 0;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) n += 1;
    else if (GSM_EXTENDED.includes(ch)) n += 2;
    else return null;
  }
  return n;
}

export function segmentsOf(text: string): number {
  const gsm = gsmLength(text);
  if (gsm !== null) return gsm <= 160 ? 1 : Math.ceil(gsm / 153);
  const units = [...text].length;
  return units <= 70 ? 1 : Math.ceil(units / 67);
}

export function smsText(subject: NotifySubject, reader: { name: string; timezone: string }): string {
  const owner = ownerName(subject.owner);
  const from = subject.business_name;
  const b = subject.booking;
  const first = reader.name.trim().split(/\s+/)[0] ?? '';
  const candidates: string[] = [];
  if (subject.kind === 'unbooked' || !b) {
    candidates.push(
      `${from}: Hi ${first}, thank you. We could not find a time that suits everyone this time for ${subject.title}. ${STOP_SENTENCE}`,
      `${from}: Thank you. We could not find a time that suits everyone this time. ${STOP_SENTENCE}`,
    );
  } else {
    const when = shortTimeInZone(b.start_utc, reader.timezone);
    if (subject.kind === 'cancel') {
      candidates.push(
        `${from}: Hi ${first}, ${subject.title} with ${owner} on ${when} is cancelled. ${STOP_SENTENCE}`,
        `${from}: your call with ${owner} on ${when} is cancelled. ${STOP_SENTENCE}`,
        `${from}: call on ${when} cancelled. ${STOP_SENTENCE}`,
      );
    } else {
      candidates.push(
        `${from}: Hi ${first}, ${subject.title} with ${owner} is booked for ${when}. ${owner} will call you. ${STOP_SENTENCE}`,
        `${from}: ${owner} will call you ${when}. ${STOP_SENTENCE}`,
        `${from}: call booked ${when}. ${STOP_SENTENCE}`,
      );
    }
  }
  return candidates.find((c) => segmentsOf(c) === 1) ?? candidates[candidates.length - 1] ?? '';
}
