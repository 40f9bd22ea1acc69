#!/usr/bin/env node
// Cost of verifying a credential per request: GET /health/live (no other work) with a service-client
// bearer token, the verified-token cache on and off. Usage: DATABASE_URL=... node bench/token-verification.js
const { createPrivateKey, generateKeyPairSync } = require('node:crypto');
const { SignJWT } = require('jose');
const { scratchDatabase, startService, autocannon } = require('./lib/service');

async function main() {
  const { privateKey } = generateKeyPairSync('ed25519');
  const accessKey = `sc_bench.k1.acc.${privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`;
  const rows = [];
  for (const cache of ['true', 'false']) {
    const database = await scratchDatabase();
    const service = await startService({ DATABASE_URL: database.url, ROSTER_SECRET_KEY: 'b'.repeat(43), ROSTER_ACCOUNT_ID: 'acc', ROSTER_BOOTSTRAP_ACCESS_KEY: accessKey, ROSTER_TOKEN_CACHE: cache });
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ aud: 'acc.accounts.authress.io', iss: `${service.url}/v1/clients/sc_bench`, sub: 'sc_bench', client_id: 'sc_bench', iat: now, exp: now + 3600 })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k1' })
      .sign(createPrivateKey({ key: Buffer.from(accessKey.split('.')[3], 'base64'), format: 'der', type: 'pkcs8' }));
    autocannon(`${service.url}/health/live`, { duration: 2, headers: { authorization: `Bearer ${token}` } }); // warm-up
    const anonymous = autocannon(`${service.url}/health/live`, { duration: 8 });
    const verified = autocannon(`${service.url}/health/live`, { duration: 8, headers: { authorization: `Bearer ${token}` } });
    rows.push({ cache, anonymousRps: anonymous.rps, verifiedRps: verified.rps, p50: verified.p50, p99: verified.p99, non2xx: verified.non2xx });
    await service.stop();
    await database.drop();
  }
  console.log('| token cache | no credential req/s | with credential req/s | p50 ms | p99 ms | non-2xx |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.cache === 'true' ? 'on' : 'off'} | ${r.anonymousRps.toFixed(0)} | ${r.verifiedRps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} |`);
  for (const r of rows) {
    const perRequestMs = 1000 / r.verifiedRps - 1000 / r.anonymousRps;
    console.log(`cache ${r.cache === 'true' ? 'on ' : 'off'}: verification adds ~${(perRequestMs * 1000).toFixed(0)} µs of service time per request (50 connections, 2 cores)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
