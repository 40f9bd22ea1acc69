import { Pool, PoolClient } from 'pg';
import { createTestDatabase, eventually, TestDatabase } from '../testing';
import { DropOnTimeoutClient } from './unanswered-query';

describe('DropOnTimeoutClient', () => {
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    pool = new Pool({ connectionString: database.url, max: 2, Client: DropOnTimeoutClient });
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('a connection killed while checked out between queries fails its holder, not the process; the pool replaces it', async () => {
    const held: PoolClient = await pool.connect();
    const [{ pid }] = (await held.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
    const ended = new Promise((resolve) => held.once('end', resolve));
    // pg emits 'error' on the client here; with no listener that is an uncaught exception and jest fails the test.
    await database.query('SELECT pg_terminate_backend($1)', [pid]);
    await ended;
    await expect(held.query('SELECT 1')).rejects.toThrow(/not queryable|terminat/);
    held.release();
    await eventually(async () => expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]));
  });
});
