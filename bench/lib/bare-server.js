// Starts bench/lib/bare-api.js (the bare or, with BARE_FRAMEWORK=express, the Express baseline) as a child
// process and resolves once it prints its port. `nodeOptions` (e.g. --inspect=...) go to its NODE_OPTIONS.
const { resolve } = require('node:path');
const { createInterface } = require('node:readline');
const { spawnNode } = require('./service');

function startBare(env, nodeOptions) {
  const childEnv = { PATH: process.env.PATH, ...env, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) };
  const child = spawnNode(resolve(__dirname, 'bare-api.js'), [], { env: childEnv, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done) => createInterface({ input: child.stdout }).once('line', (line) => done({ url: `http://127.0.0.1:${JSON.parse(line).port}`, pid: child.pid, stop: () => child.kill() })));
}

/** The environment bare-api.js needs to serve a bench fixture's database with the same checks as Roster. */
const bareEnvOf = (fixture, tokenCache) => ({ DATABASE_URL: fixture.database.url, ISSUER: fixture.url, AUDIENCE: 'roster', ACCOUNT_ID: fixture.account, TOKEN_CACHE: tokenCache });

module.exports = { startBare, bareEnvOf };
