// Attributes a V8 CPU profile's samples to the causes of issue 18's breakdown: each sample goes to the innermost
// frame of its stack that belongs to a cause (so a setHeader called by the security headers counts for them,
// and a router step called from the request log's `next` counts for the router). Samples under no cause's frame
// are the HTTP work Express does alike (parsing, the socket, timers). Usage: node bench/lib/causes.js <file> <requests>
const { readFileSync } = require('node:fs');

// First match wins when a frame fits several. `(garbage collector)` and kernel socket writes are leaves.
const CAUSES = [
  ['garbage collection', (name) => name === '(garbage collector)'],
  ['socket writes (the kernel, loopback delivery)', (name) => name === 'writev' || name === 'writeBuffer' || name === 'writeUtf8String' || name === 'writeLatin1String'],
  ['request log (id, line, pino, its write)', (name, url) => /\/logging\/|\/pino\/|\/sonic-boom\/|redact-url/.test(url) || name === 'writeString'],
  ['metrics', (name, url) => /\/metrics\/|\/prom-client\//.test(url)],
  ['security headers', (name, url) => /security-headers/.test(url)],
  ['CORS', (name, url) => /security\/cors|node_modules\/cors\//.test(url)],
  ['console files (prefix test)', (name, url) => /console-static/.test(url)],
  ['middleware chain', (name, url) => /middleware-chain/.test(url)],
  ['JSON body parsing', (name, url) => /json-body|\/body-parser\/|\/raw-body\/|\/iconv-lite\/|\/type-is\/|\/on-finished\/|\/content-type\/|\/media-typer\//.test(url)],
  ['validation', (name, url) => /\/class-validator\/|\/class-transformer\/|validation-pipe|\/validator\//.test(url)],
  ['token check (cache hit) and guard', (name, url) => /auth\.guard|token-verifier|verified-token-cache|\/auth\/bearer|current-principal/.test(url) || name === 'oneShotDigest'],
  ['Express router and app', (name, url) => /node_modules\/(router|express|path-to-regexp|parseurl|finalhandler)\//.test(url)],
  ['Nest pipeline', (name, url) => /node_modules\/@nestjs\//.test(url)],
  ['JSON reply', (name, url) => /json-reply/.test(url) || (name === 'send' && /bench\/lib\/bare-api/.test(url))],
  ['database access (pg, pool, statement runner)', (name, url) => /node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-date|postgres-array|typeorm)\/|\/database\//.test(url)],
  ['handlers, services, mappers', (name, url) => /\/dist\/(apps|libs)\/|\/bench\/builds\/[^/]+\/(apps|libs)\/|bench\/lib\/bare-api/.test(url)],
];
const SHARED = 'HTTP work both do (parser, socket, timers, V8)';

/** µs of CPU per request by cause. */
function causesOf(profile, requests) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const causeOfNode = new Map();
  const causeOf = (id) => {
    if (causeOfNode.has(id)) return causeOfNode.get(id);
    const { functionName, url } = byId.get(id).callFrame;
    const own = CAUSES.find(([, test]) => test(functionName, url))?.[0];
    const up = parent.get(id);
    const cause = own ?? (up === undefined ? SHARED : causeOf(up));
    causeOfNode.set(id, cause);
    return cause;
  };
  const totals = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    if (byId.get(id).callFrame.functionName === '(idle)') continue;
    const cause = causeOf(id);
    totals.set(cause, (totals.get(cause) ?? 0) + (profile.timeDeltas[i] ?? 0) / requests);
  }
  return totals;
}

const CAUSE_NAMES = [...CAUSES.map(([name]) => name), SHARED];

module.exports = { causesOf, CAUSE_NAMES };

if (require.main === module) {
  const totals = causesOf(JSON.parse(readFileSync(process.argv[2], 'utf8')), Number(process.argv[3]));
  for (const name of CAUSE_NAMES) console.log(`${name}: ${(totals.get(name) ?? 0).toFixed(1)} µs`);
}
