// Webhook endpoints for bench/webhooks.js, in their own process so receiving never competes with the load
// generator. One JSON command per stdin line, one JSON answer per stdout line:
//   {"open": {"ports": {"a": 4001, …}, "secrets": {"a": "whsec_…", …}, "down": {"c": 30000}}} → {"ok": true}; a down
//   endpoint refuses connections (nothing listens on its port) for that many ms
//   {"report": true} → per endpoint: distinct events, duplicates, bad signatures, lags (ms after occurredAt), up time
const { createServer } = require('node:http');
const { createInterface } = require('node:readline');
const { Webhook } = require('standardwebhooks');

const endpoints = new Map();

function endpoint(name, secret) {
  const state = { name, verifier: new Webhook(secret), seen: new Map(), duplicates: 0, badSignatures: 0, upAt: Date.now(), lags: [] };
  state.server = createServer({ keepAlive: true }, (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const now = Date.now();
      const body = Buffer.concat(chunks).toString('utf8');
      let event;
      try {
        event = state.verifier.verify(body, req.headers);
      } catch {
        state.badSignatures++;
        res.writeHead(400).end();
        return;
      }
      if (state.seen.has(event.eventId)) state.duplicates++;
      else state.seen.set(event.eventId, { receivedAt: now, occurredAt: Date.parse(event.occurredAt) });
      res.writeHead(204).end();
    });
  });
  state.server.on('error', (error) => {
    process.stderr.write(`receiver ${name}: ${error.message}\n`);
    process.exit(1);
  });
  endpoints.set(name, state);
  return state;
}

const listen = (server, port = 0) => new Promise((done) => server.listen(port, '127.0.0.1', () => done(server.address().port)));

async function open({ ports, secrets, down }) {
  for (const [name, port] of Object.entries(ports)) {
    const state = endpoint(name, secrets[name]);
    state.upAt = Date.now() + (down[name] ?? 0);
    if (down[name]) setTimeout(() => listen(state.server, port), down[name]);
    else await listen(state.server, port);
  }
  return { ok: true };
}

function report() {
  const out = {};
  for (const [name, state] of endpoints) {
    const deliveries = [...state.seen.entries()].map(([eventId, times]) => ({ eventId, ...times }));
    out[name] = { distinct: deliveries.length, duplicates: state.duplicates, badSignatures: state.badSignatures, upAt: state.upAt, deliveries };
  }
  return out;
}

createInterface({ input: process.stdin }).on('line', async (line) => {
  const command = JSON.parse(line);
  const answer = command.open ? await open(command.open) : command.report ? report() : { error: 'unknown command' };
  process.stdout.write(JSON.stringify(answer) + '\n');
});
