// The ceiling as one Node process sees it: `pg` point-selects of one user by userId, `connections` in
// flight on a pool of `pool`, for `duration` seconds. Usage: node bench/lib/pg-loop.js <url> <connections> <duration> <pool>
// Prints {"rps"} (a run reads a random sample of user_ids first).
const { Pool } = require('pg');

async function main() {
  const [url, connections, duration, poolMax] = process.argv.slice(2);
  const pool = new Pool({ connectionString: url, max: Number(poolMax) });
  const ids = (await pool.query('SELECT user_id FROM users ORDER BY random() LIMIT 2000')).rows.map((row) => row.user_id);
  let done = 0;
  let until = Date.now() + 1000; // warm-up
  const worker = async () => {
    while (Date.now() < until) {
      await pool.query('SELECT user_id, name, email, picture FROM users WHERE user_id = $1 AND deleting_at IS NULL', [ids[(Math.random() * ids.length) | 0]]);
      done++;
    }
  };
  await Promise.all(Array.from({ length: Number(connections) }, worker));
  done = 0;
  const started = Date.now();
  until = started + Number(duration) * 1000;
  await Promise.all(Array.from({ length: Number(connections) }, worker));
  process.stdout.write(JSON.stringify({ rps: done / ((Date.now() - started) / 1000) }) + '\n');
  await pool.end();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
