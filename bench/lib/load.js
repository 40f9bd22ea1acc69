// Load generator for bench/baseline.js, in its own process: autocannon sending, per request, one picked at
// random from a list (different users, tokens, bodies). Usage: node bench/lib/load.js <spec.json>, where the
// spec is {url, connections, duration, requests: [{method, path, headers, body}]}; prints one JSON line.
// Not autocannon's own `requests` list: every connection builds a buffer for every entry as it starts, and
// with 50 connections x 2,000 entries that burst blocked this process long enough to add seconds to p99.
const { readFileSync } = require('node:fs');
const autocannon = require('autocannon');

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));

function randomRequest(request) {
  const chosen = spec.requests[Math.floor(Math.random() * spec.requests.length)];
  return { ...request, method: chosen.method, path: chosen.path, headers: { ...request.headers, ...chosen.headers }, body: chosen.body };
}
const requests = spec.requests.length === 1 ? spec.requests : [{ setupRequest: randomRequest }];

autocannon(
  {
    url: spec.url,
    connections: spec.connections,
    duration: spec.duration,
    requests,
  },
  (error, result) => {
    if (error) throw error;
    process.stdout.write(
      JSON.stringify({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts }) + '\n',
    );
  },
);
