// Load generator for bench/realtime.cs: autocannon (npm) against `clickcast serve` on loopback.
// Each request is one client: the bodies come from a JSON file (an array of request bodies), used round robin.
//   node realtime-load.js URL KEY BODIES.json RATE SECONDS CONNECTIONS
// Prints one JSON line: latency percentiles (ms), requests/s, errors, non-2xx.
'use strict';
const fs = require('fs');
const autocannon = require('autocannon');

const [url, key, bodiesFile, rate, seconds, connections] = process.argv.slice(2);
const bodies = JSON.parse(fs.readFileSync(bodiesFile, 'utf8')).map((b) => JSON.stringify(b));
let next = 0;
const options = {
  url,
  method: 'POST',
  connections: Number(connections),
  duration: Number(seconds),
  headers: { authorization: 'Bearer ' + key, 'content-type': 'application/json' },
  requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
};
if (Number(rate) > 0) options.overallRate = Number(rate);
// autocannon's own percentiles at a fixed rate are corrected for coordinated omission with an expected interval of
// ceil(1 / per-connection rate) = 1 ms (seconds taken as ms): a response of n ms is recorded n times. The raw
// percentiles below count each response once (time from its write to its answer).
const raw = [];
const instance = autocannon(options, (error, result) => {
  if (error) { console.error(error); process.exit(1); }
  const l = result.latency;
  raw.sort((a, b) => a - b);
  const at = (q) => raw.length === 0 ? 0 : raw[Math.min(raw.length - 1, Math.ceil(q * raw.length) - 1)];
  console.log(JSON.stringify({
    requests: result.requests.total, rps: result.requests.average, p50: l.p50, p90: l.p90, p99: l.p99, max: l.max,
    non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts,
    raw: { count: raw.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: raw.length === 0 ? 0 : raw[raw.length - 1] },
  }));
});
instance.on('response', (client, statusCode, bytes, responseTime) => raw.push(responseTime));
