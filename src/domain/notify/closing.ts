// The call's closing line promises only what callbook will do next (booking.md, "After a
// booking"): an emailed invitation when SMTP is set up and the lead has an address, a text when
// SMS is possible for their number, otherwise a call back.

export interface ClosingPromise {
  email: boolean;
  sms: boolean;
}

export const NO_PROMISE: ClosingPromise = { email: false, sms: false };

export function closingLine(promise: ClosingPromise): string {
  const how =
    promise.email && promise.sms
      ? 'We will email you an invitation and send you a text to confirm the meeting time.'
      : promise.email
        ? 'We will email you an invitation to confirm the meeting time.'
        : promise.sms
          ? 'We will send you a text to confirm the meeting time.'
          : 'We will call you back to confirm the meeting time.';
  return `Thank you! ${how} Goodbye.`;
}
