// One bounded autocannon run against a server on 127.0.0.1, in the bench process (the load
// generator core when pinned). A scenario with `session()` names the session of each request
// (X-Mock-Session); its counter lives in the scenario, so names keep rotating across runs.

import { createHistogram } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { HOST } from './config.mjs';

/** Seconds past its duration after which a run is stopped, and after that abandoned. */
const GRACE_S = 10;

/**
 * Resolves with autocannon's result plus `latencyMs` {p50, p99, max}: autocannon's own latency
 * histogram counts whole milliseconds, too coarse for a server answering in 0.3 ms, so every
 * response time is also recorded here in microseconds (a native histogram: cheap per response).
 */
export function load(port, scenario, seconds, connections) {
  const latency = createHistogram();
  return new Promise((resolve, reject) => {
    let settled = false;
    const base = { method: scenario.method, path: scenario.path, headers: scenario.headers, body: scenario.body };
    const requests = scenario.session
      ? [{ ...base, setupRequest: (req) => ({ ...req, headers: { ...scenario.headers, 'x-mock-session': scenario.session() } }) }]
      : undefined;
    const instance = autocannon(
      {
        url: `http://${HOST}:${port}${scenario.path}`,
        ...base,
        requests,
        connections,
        duration: seconds,
        // autocannon notices the end of the duration only when it samples; at its default of
        // once a second a 1.5 s run would last 2 s.
        sampleInt: 100,
        timeout: 10,
      },
      (error, result) => {
        if (settled) return;
        settled = true;
        clearTimeout(stopper);
        clearTimeout(abandon);
        if (error) return reject(error);
        const ms = (us) => (latency.count > 0 ? us / 1000 : null);
        resolve({ ...result, latencyMs: { p50: ms(latency.percentile(50)), p99: ms(latency.percentile(99)), max: ms(latency.max) } });
      },
    );
    instance.on('response', (client, status, bytes, responseMs) => latency.record(Math.max(1, Math.round(responseMs * 1000))));
    // Watchdog: a run never outlives its budget, whatever happens to the server. First ask
    // autocannon to stop (it then reports what it has); if even that hangs, give up on the run.
    const stopper = setTimeout(() => instance.stop(), (seconds + GRACE_S) * 1000);
    const abandon = setTimeout(() => {
      if (settled) return;
      settled = true;
      reject(new Error(`load run on port ${port} did not end within ${seconds + 2 * GRACE_S} s`));
    }, (seconds + 2 * GRACE_S) * 1000);
  });
}
