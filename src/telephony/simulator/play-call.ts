// One call from queued to its terminal status callback, in Twilio's order of events.
import type { CallContext } from './call-context.js';
import { converse } from './conversation.js';
import { randomInt } from './rng.js';
import { createStatusChannel } from './status-channel.js';

export async function playCall(ctx: CallContext): Promise<void> {
  const status = createStatusChannel(ctx);
  const behaviour = ctx.lead.behaviour;
  let finalStatus: string;
  let duration = 0;
  if (behaviour === 'failed') {
    finalStatus = 'failed';
    await status.send('failed', { CallDuration: '0' });
  } else if (behaviour === 'busy') {
    finalStatus = 'busy';
    await status.send('initiated');
    ctx.elapsed += randomInt(ctx.rng, 1, 3);
    await status.send('busy', { CallDuration: '0', SipResponseCode: '486' });
  } else {
    await status.send('initiated');
    ctx.elapsed += 1;
    await status.send('ringing');
    if (behaviour === 'no-answer') {
      finalStatus = 'no-answer';
      ctx.elapsed += ctx.req.ringTimeoutSeconds;
      await status.send('no-answer', { CallDuration: '0', SipResponseCode: '487' });
    } else {
      finalStatus = 'completed';
      ctx.elapsed += randomInt(ctx.rng, 3, 12);
      const answeredAt = ctx.elapsed;
      // Twilio sends AnsweredBy only when machine detection was requested.
      const answeredBy = ctx.req.machineDetection ? (behaviour === 'voicemail' ? 'machine_end_beep' : 'human') : null;
      const amd: Record<string, string> = answeredBy === null ? {} : { AnsweredBy: answeredBy };
      await status.send('in-progress', amd);
      await converse(ctx, answeredBy);
      duration = Math.max(1, Math.round(ctx.elapsed - answeredAt));
      await status.send('completed', { ...amd, CallDuration: String(duration), Duration: String(Math.ceil(duration / 60)) });
    }
  }
  await status.flush();
  ctx.emit({ type: 'call-ended', callSid: ctx.sid, callStatus: finalStatus, durationSeconds: duration });
}
