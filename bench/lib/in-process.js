// One build of Roster booted in this process, its Express app fed requests directly (no socket, no HTTP
// parser, no load generator beside it): the JavaScript CPU each request costs, from process.cpuUsage, which
// the machine's other load changes far less than req/s. Used by bench/cpu.js, one child process per build.
// Usage: node bench/lib/in-process.js <main.js of a build> <spec.json>; spec {env, scenarios: [{key, requests}], count, concurrency}.
const { readFileSync } = require('node:fs');
const { IncomingMessage, ServerResponse } = require('node:http');
const { dirname, resolve } = require('node:path');
const { Duplex } = require('node:stream');

const [main, specFile] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(specFile, 'utf8'));
const dist = (path) => require(resolve(dirname(main), path));

/** A socket that swallows what is written to it. */
const sink = () => Object.assign(new Duplex({ write: (_chunk, _encoding, done) => done(), read() {} }), { remoteAddress: '127.0.0.1', encrypted: false });

function send(app, { method, path, headers = {}, body }) {
  return new Promise((done) => {
    const socket = sink();
    const req = new IncomingMessage(socket);
    const payload = body === undefined ? undefined : Buffer.from(body);
    // complete: as the HTTP parser marks a request whose body has arrived (else reading it to the end counts as an abort).
    Object.assign(req, { method, url: path, httpVersionMajor: 1, httpVersionMinor: 1, httpVersion: '1.1', complete: true });
    req.headers = { host: '127.0.0.1', ...headers, ...(payload ? { 'content-length': String(payload.length) } : {}) };
    if (payload) req.push(payload);
    req.push(null);
    const res = new ServerResponse(req);
    res.assignSocket(socket);
    res.once('finish', () => done(res.statusCode));
    app(req, res);
  });
}

async function run(app, requests, count, concurrency) {
  let sent = 0;
  const statuses = new Map();
  const worker = async () => {
    while (sent < count) {
      const status = await send(app, requests[sent++ % requests.length]);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

async function boot() {
  const { parseEnvironment } = dist('config/environment');
  const { AppConfig } = dist('config/app-config');
  const { connectDataSource } = dist('database/open-database');
  const { createApp } = dist('create-app');
  const env = parseEnvironment({ ...spec.env, ROSTER_MIGRATE_ON_START: 'false' }, 'service');
  const config = new AppConfig(env, env.DATABASE_URL, env.ROSTER_SECRET_KEY, false);
  const dataSource = await connectDataSource(config.database.url, false, config.database);
  const app = await createApp(config, dataSource);
  await app.init();
  return app;
}

async function measure() {
  const app = await boot();
  const express = app.getHttpAdapter().getInstance();
  const results = {};
  for (const { key, requests } of spec.scenarios) {
    await run(express, requests, Math.min(spec.count, 3000), spec.concurrency);
    const before = process.cpuUsage();
    const statuses = await run(express, requests, spec.count, spec.concurrency);
    const used = process.cpuUsage(before);
    results[key] = { us: (used.user + used.system) / spec.count, statuses: Object.fromEntries(statuses) };
  }
  // stdout is the service's log (the request lines are part of the cost); the result goes to stderr.
  process.stderr.write(`RESULT ${JSON.stringify(results)}\n`);
}

measure().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
