// Loaded with `node --import` into each server the webhook benches start (`callbook serve` itself,
// or the bare Hono endpoint): between 'start' and 'stop' from the bench it measures how long the
// main thread was busy and the CPU time of the whole process (worker threads included), for
// figures per request that do not depend on how fast the load generator happened to be. The peak
// resident set size is sampled every 50 ms, for the hostile run (bodies must not pile up).
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
// The IPC channel must not keep a server alive that was told to stop.
process.channel?.unref();
