// Child process for bench/webhooks-hostile.mjs: SENDERS hostile senders, each posting 1 MB bodies
// with a forged signature, one request per connection, as fast as the server lets them. Half
// declare a Content-Length, half stream chunked. In a process of its own, so the legitimate client's
// timings do not include the attackers' event loop (Twilio's requests never share it); they still
// share the machine's cores, as they would on a real server. `node forged-senders.mjs PORT SENDERS`;
// on 'stop' it sends back what the forged requests got: { '413': n, '403': n, reset: n }.
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';

const port = Number(process.argv[2]);
const SENDERS = Number(process.argv[3]);
const FORGED_BYTES = 1024 * 1024;
const FORGED_BODY = Buffer.from(`CallSid=CA1&SpeechResult=${'x'.repeat(FORGED_BYTES - 26)}`);

/** One forged request on its own connection; resolves with the status it got, or 'reset'. */
function forged(chunked) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    let settled = false;
    const done = (status) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(status);
    };
    socket.on('connect', () => {
      const length = chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${FORGED_BODY.length}`;
      const signature = randomBytes(20).toString('base64');
      socket.write(
        `POST /twilio/voice/gather?callId=1&turn=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
          `X-Twilio-Signature: ${signature}\r\n${length}\r\n\r\n`,
      );
      if (chunked) socket.write(`${FORGED_BODY.length.toString(16)}\r\n`);
      socket.write(FORGED_BODY);
      socket.write(chunked ? '\r\n0\r\n\r\n' : '');
    });
    socket.on('data', (d) => {
      reply += d.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1];
      if (status) done(status);
    });
    socket.on('error', () => done('reset'));
    socket.on('close', () => done('reset'));
  });
}

const counts = {};
let running = true;
const loops = Array.from({ length: SENDERS }, async (_, i) => {
  while (running) {
    const status = await forged(i % 2 === 1);
    counts[status] = (counts[status] ?? 0) + 1;
  }
});
process.on('message', async (message) => {
  if (message !== 'stop') return;
  running = false;
  await Promise.all(loops);
  process.send(counts, () => process.exit(0));
});
process.send('started');
