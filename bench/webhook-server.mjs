// Child process for bench/webhooks.mjs: serves either callbook's app on a prepared database
// or a bare Hono endpoint that parses the same form, and prints its URL.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const [kind, dbPath, token] = process.argv.slice(2);

// callbook's side is started exactly as `callbook serve` starts (same config, threads and database setup).
async function startCallbook() {
  const { loadConfig } = await import('../dist/src/config.js');
  const { startServe } = await import('../dist/src/services/serve.js');
  const config = loadConfig({ ...process.env, DATABASE_URL: dbPath, CALLBOOK_NOW: '2026-03-09T15:00:00Z', TWILIO_AUTH_TOKEN: token });
  const serving = await startServe(config, {
    port: 0,
    host: '127.0.0.1',
    simulate: false,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  return serving.url;
}

function bareApp() {
  const reply = '<?xml version="1.0" encoding="UTF-8"?><Response><Say>ok</Say></Response>';
  return new Hono().post('/twilio/voice/gather', async (c) => {
    await c.req.parseBody({ all: true });
    return c.body(reply, 200, { 'Content-Type': 'text/xml' });
  });
}

if (kind === 'callbook') {
  process.stdout.write(`${await startCallbook()}\n`);
} else {
  serve({ fetch: bareApp().fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    process.stdout.write(`http://127.0.0.1:${info.port}\n`);
  });
}
process.once('SIGINT', () => process.exit(0));
// Between 'start' and 'stop' from the bench: how long the main thread was busy, and the CPU time
// of the whole process (worker threads included), for figures per request that do not depend on
// how fast the load generator happened to be.
// The peak resident set size is sampled every 50 ms, for the hostile run (bodies must not pile up).
let mark = null;
let peakRss = 0;
let sampler = null;
process.on('message', (message) => {
  if (message === 'start') {
    mark = { elu: performance.eventLoopUtilization(), cpu: process.cpuUsage() };
    peakRss = process.memoryUsage.rss();
    sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 50);
  }
  if (message === 'stop' && mark) {
    clearInterval(sampler);
    const elu = performance.eventLoopUtilization(mark.elu);
    const cpu = process.cpuUsage(mark.cpu);
    process.send({
      mainBusyMs: elu.active,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakRssMb: Math.max(peakRss, process.memoryUsage.rss()) / 2 ** 20,
    });
  }
});
