// One bounded autocannon run against a server on 127.0.0.1, in the bench process.

import autocannon from 'autocannon';
import { CONNECTIONS, HOST } from './config.mjs';

export function load(port, scenario, seconds, connections = CONNECTIONS) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://${HOST}:${port}${scenario.path}`,
        method: scenario.method,
        headers: scenario.headers,
        body: scenario.body,
        connections,
        duration: seconds,
        timeout: 10,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    // Never let a run outlive its budget, whatever happens to the server.
    setTimeout(() => instance.stop(), (seconds + 15) * 1000).unref();
  });
}
