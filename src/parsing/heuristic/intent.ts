// What kind of answer a reply is. Opting out wins over everything (it has legal weight); a reply that
// yielded slots is availability; then the refusals and deferrals.
import type { ReplyIntent } from '../../domain/types.js';

const OPT_OUT =
  /\b(?:(?:take|get|scratch|cross) (?:me|my (?:name|number)|us|this number) off|(?:be|get|been) taken off|opt (?:me |us )?out|remove (?:me|my (?:name|number|details)|us|this number)|stop (?:calling|ringing|phoning|contacting)|(?:dont|never|do not|quit) (?:ever )?(?:call|ring|phone|contact) (?:me|us|this number|here)(?! (?:again )?(?:before|after|until|till|on|at|in|during|between|earlier|later|past|around|this|next|tomorrow|today|tonight|mornings?|afternoons?|evenings?|weekends?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d))|do not call list|dont call list|no more calls|unsubscribe|lose (?:my|this) number|delete (?:my|this) number|put me on (?:your|the) (?:do not|dont) call|leave me alone|dont bother (?:calling|ringing|phoning)(?: (?:me|us|again|back))*$|stop harassing|how did you get (?:my|this) number)/;
const NOT_INTERESTED =
  /\b(?:not interested|no (?:thanks|thank you)|no thank|not for (?:me|us)|were (?:all )?(?:good|set|fine)|im (?:all )?(?:good|set)|dont need|do not need|no need|not (?:really )?looking|not (?:a good fit|relevant)|pass on (?:this|that|it)|ill pass|well pass|no interest|not buying|already have (?:a|one|someone)|(?:i|we) dont want|not right now no|not at all)/;
const CALL_BACK =
  /\b(?:call (?:me |us )?back|call (?:me |us )?(?:later|again|another time|next|in|tomorrow)|ring (?:me )?(?:back|later)|try (?:me |us )?(?:again|later|back|another time|next)|(?:dont|do not) know (?:yet|right now|at the moment)|(?:not|dont) (?:sure|know) yet|not sure|(?:need|have) to check|let me check|check (?:my|the|with) |get back to (?:you|ya)|(?:can|could) you call|reach out (?:later|again|next)|(?:in|at) a meeting|driving|(?:bad|not a good) time|busy right now|cant talk|call later|later (?:this|in the) (?:week|month|year)|later this year|next month|next quarter|email me|send (?:me )?an email|text me|ill let you know|no idea yet|havent (?:decided|checked))/;

/** The call script says "to stop these calls, say stop": the word alone is an opt-out. */
const BARE_STOP = /^(?:(?:uh|um|okay|ok|please|just|yes|yeah)\s+)*stop(?:\s+(?:it|now|please|that|thanks|thank you|calling))*$/;

/** Asking to be called again: any day named is when to call, not when to meet ("try me next week" is an offer). */
const EXPLICIT_CALL_BACK =
  /\b(?:(?:call|ring|phone) (?:me |us )?back|(?:call|ring|phone) (?:me|us) (?:after|then|once|when)\b|(?:call|ring|phone) (?:me|us) (?:again|later|another time|next)|try (?:me|us) (?:again|later|another time)|reach out (?:again|later|next))/;

/** "don't call me before ten" limits the time and "stop calling me" does not: the lookahead above tells them apart. */
export function classifyIntent(text: string, hasSlots: boolean): ReplyIntent {
  if (OPT_OUT.test(text) || BARE_STOP.test(text.trim())) return 'opt_out';
  if (EXPLICIT_CALL_BACK.test(text)) return 'call_back_later';
  if (hasSlots) return 'availability';
  if (NOT_INTERESTED.test(text)) return 'not_interested';
  if (CALL_BACK.test(text)) return 'call_back_later';
  return 'unclear';
}
