// Load generator for bench/baseline.js, in its own process: autocannon cycling through a list of requests
// (different users, tokens, bodies), each connection in its own random order so concurrent updates rarely
// meet on one row. Usage: node bench/lib/load.js <spec.json>, where the spec is
// {url, connections, duration, requests: [{method, path, headers, body}]}; prints one JSON line of results.
const { readFileSync } = require('node:fs');
const autocannon = require('autocannon');

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));

function shuffled(items) {
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

autocannon(
  {
    url: spec.url,
    connections: spec.connections,
    duration: spec.duration,
    requests: spec.requests,
    setupClient: (client) => client.setRequests(shuffled(spec.requests)),
  },
  (error, result) => {
    if (error) throw error;
    process.stdout.write(
      JSON.stringify({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts }) + '\n',
    );
  },
);
