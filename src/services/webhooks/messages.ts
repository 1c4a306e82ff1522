// Everything the bot says besides the per-lead script, in one place so it reads as a whole.
import { type ClosingPromise, closingLine, NO_PROMISE } from '../../domain/notify/closing.js';

export const messages = {
  reaskEmpty: "Sorry, I didn't catch that. When would you be free? For example, Tuesday morning or Thursday after 2.",
  reaskUnclear: "Sorry, I didn't understand the days and times. Could you tell me which days and times work for you?",
  reaskRejected: 'No problem. Please tell me again which days and times work for you.',
  /** The closing line of a call with agreed times: see domain/notify/closing.ts for what it may promise. */
  confirmed: (promise: ClosingPromise = NO_PROMISE) => closingLine(promise),
  giveUp: "I'm sorry, I couldn't understand. We'll try you another time. Goodbye.",
  optOut: "Understood. We won't call you again. Goodbye.",
  notInterested: 'Understood, thank you for your time. Goodbye.',
  callBack: "No problem, we'll call you back another time. Goodbye.",
  unknownCall: 'Sorry, this call could not be matched to a meeting request. Goodbye.',
  voicemail: (business: string, callback: string | null) =>
    `Hello, this is an automated assistant calling on behalf of ${business} to schedule a short meeting. ` +
    (callback ? `Please call us back at ${callback.split('').join(' ')}. ` : "We'll try you again later. ") +
    'Goodbye.',
  readBack: (slots: string) => `Great. I have you down as free ${slots}.`,
};
