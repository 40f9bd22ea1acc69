// Load generator for bench/stream.js, in its own process. Reads one JSON job per line on stdin:
// {open: {url, tokens: [..], perToken}} opens connections; {measure: true} reports latencies of frames
// whose payload carries `"name":"t:<ms>"`; answers one JSON line per job on stdout.
const WebSocket = require('ws');
const { createInterface } = require('node:readline');

const sockets = [];
let latencies = [];

function open(url, headers) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, perMessageDeflate: false });
    socket.on('message', (data) => {
      const match = /"name":"t:(\d+(?:\.\d+)?)"/.exec(String(data));
      if (match) latencies.push(performance.timeOrigin + performance.now() - Number(match[1]));
    });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
  });
}

async function handle(job) {
  if (job.open) {
    const { url, tokens, perToken } = job.open;
    for (const token of tokens) {
      for (let i = 0; i < perToken; i += 100) {
        const batch = Math.min(100, perToken - i);
        sockets.push(...(await Promise.all(Array.from({ length: batch }, () => open(url, token ? { authorization: `Bearer ${token}` } : {})))));
      }
    }
    return { open: sockets.length };
  }
  if (job.measure) {
    const result = latencies.slice().sort((a, b) => a - b);
    latencies = [];
    const at = (q) => result[Math.min(result.length - 1, Math.floor(q * result.length))];
    return { frames: result.length, p50: at(0.5), p99: at(0.99) };
  }
  if (job.close) {
    sockets.splice(0).forEach((socket) => socket.terminate());
    return { closed: true };
  }
  return { error: 'unknown job' };
}

createInterface({ input: process.stdin }).on('line', (line) => {
  handle(JSON.parse(line)).then(
    (result) => process.stdout.write(JSON.stringify(result) + '\n'),
    (error) => process.stdout.write(JSON.stringify({ error: String(error) }) + '\n'),
  );
});
