// Where Twilio is sent next. Our call id and the turn travel in the URL, so a gather can be
// matched to its call before Twilio's CallSid is stored, and a replayed turn recognised.
export function gatherUrl(baseUrl: string, callId: number, turn: number): string {
  return `${baseUrl}/twilio/voice/gather?callId=${callId}&turn=${turn}`;
}
