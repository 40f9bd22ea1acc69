#!/usr/bin/env node
// Loads N users (default 1,000,000) into the users table of DATABASE_URL, 10,000 per INSERT (unnest of arrays),
// printing progress. Names are drawn from small lists, so some terms are common; `quackenbush` is rare (1 in 100,000).
// Usage: DATABASE_URL=postgres://... node bench/seed-users.js [N]   (the database must be migrated: start the service once)
const { Client } = require('pg');

const FIRST = ['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Mario', 'Maria', 'Joan', 'John', 'Barbara', 'Dennis', 'Ken', 'Edsger', 'Donald', 'Frances', 'Hedy', 'Radia', 'Tim', 'Vint', 'Katherine', 'Annie', 'Guido', 'Bjarne', 'James', 'Sophie', 'Yukihiro', 'Anders', 'Rasmus', 'Brendan', 'Larry'];
const LAST = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Rossi', 'Garcia', 'Clarke', 'Backus', 'Liskov', 'Ritchie', 'Thompson', 'Dijkstra', 'Knuth', 'Allen', 'Lamarr', 'Perlman', 'Lee', 'Cerf', 'Johnson', 'Easley', 'Rossum', 'Stroustrup', 'Gosling', 'Wilson', 'Matsumoto', 'Hejlsberg', 'Lerdorf', 'Eich', 'Wall'];
const PROVIDERS = ['google-oauth2', 'github', 'auth0', 'oauth2', 'samlp|acme'];
const BATCH = 10_000;

async function seedUsers(url, total = 1_000_000, log = console.log) {
  const client = new Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  const base = Date.now() - total * 10; // one user every 10 ms, oldest first
  try {
    for (let offset = 0; offset < total; offset += BATCH) {
      const columns = [[], [], [], [], []];
      for (let i = offset; i < Math.min(offset + BATCH, total); i++) {
        const first = FIRST[i % FIRST.length];
        const last = i % 100_000 === 77 ? 'Quackenbush' : LAST[Math.floor(i / FIRST.length) % LAST.length];
        columns[0].push(`${PROVIDERS[i % PROVIDERS.length]}|${(i * 7919).toString(36)}${i}`);
        columns[1].push(`${first} ${last}`);
        columns[2].push(i % 3 === 0 ? null : `${first}.${last}${i}@example.com`.toLowerCase());
        columns[3].push(i % 2 === 0 ? `${first.toLowerCase()}${i}` : null);
        columns[4].push(new Date(base + i * 10).toISOString());
      }
      await client.query(`INSERT INTO users (user_id, name, email, username, created_at) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])`, columns);
      const done = Math.min(offset + BATCH, total);
      if (done % 100_000 === 0 || done === total) log(`seeded ${done.toLocaleString('en')} users (${Math.round(done / ((Date.now() - started) / 1000)).toLocaleString('en')}/s)`);
    }
  } finally {
    await client.end();
  }
}

module.exports = { seedUsers };

if (require.main === module) {
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL');
  seedUsers(process.env.DATABASE_URL, Number(process.argv[2] ?? 1_000_000)).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
