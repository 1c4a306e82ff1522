import type { VEvent } from 'node-ical';

/**
 * Events that do not hold the owner's time: TRANSP:TRANSPARENT ("show as free"), STATUS:CANCELLED,
 * and invitations the owner declined (Google's and Outlook's feeds keep those, marked
 * PARTSTAT=DECLINED on the owner's ATTENDEE line). A tentative event still holds the time.
 */
export function isFree(event: VEvent, ownerEmail: string | null): boolean {
  if (event.transparency === 'TRANSPARENT' || event.status === 'CANCELLED') return true;
  return ownerEmail !== null && ownerDeclined(event, ownerEmail);
}

function ownerDeclined(event: VEvent, ownerEmail: string): boolean {
  const attendees = event.attendee === undefined ? [] : Array.isArray(event.attendee) ? event.attendee : [event.attendee];
  const owner = ownerEmail.toLowerCase();
  return attendees.some((attendee) => {
    if (typeof attendee === 'string') return false;
    const address = String(attendee.val)
      .replace(/^mailto:/i, '')
      .trim()
      .toLowerCase();
    return address === owner && String(attendee.params?.PARTSTAT ?? '').toUpperCase() === 'DECLINED';
  });
}

/** Google names a primary calendar after its account: X-WR-CALNAME:dana@acme.com. */
export function ownerEmailOf(explicit: string | undefined, calendarName: unknown): string | null {
  if (explicit !== undefined && explicit.trim() !== '') return explicit.trim();
  if (typeof calendarName === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(calendarName.trim())) return calendarName.trim();
  return null;
}
