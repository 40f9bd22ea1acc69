import { setTimeout as sleep } from 'node:timers/promises';
import { ACCOUNT_ID, newAccessKey } from './support/access-keys';
import { callAs } from './support/admin-client';
import { createTestDatabase, TestDatabase } from './support/database';
import { eventually } from './support/eventually';
import { ProfileLoad } from './support/profile-load';
import { RunningService, startService, testSecretKey } from './support/service';
import { describeLocal } from './support/service-under-test';
import { signIn } from './support/sign-in';
import { openStream, StreamClient } from './support/stream-client';
import { API_AUDIENCE, TestIssuer } from './support/test-issuer';

const WRITERS = 6;
const VICTIMS = 8;
type Frame = { name?: string } | null;

describeLocal('two replicas on one database, under load', () => {
  let idp: TestIssuer;
  let database: TestDatabase;
  let replicas: RunningService[];
  const adminKey = newAccessKey('sc_root');

  beforeAll(async () => {
    idp = await TestIssuer.start();
    database = await createTestDatabase();
    const env = { DATABASE_URL: database.url, ROSTER_SECRET_KEY: testSecretKey(), OIDC_ISSUERS: idp.issuer, OIDC_AUDIENCE: API_AUDIENCE, ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey, LOG_LEVEL: 'info' };
    replicas = await Promise.all([startService(env), startService(env)]);
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await database.drop();
    await idp.stop();
  });

  const deletionRuns = (id: string) => replicas.flatMap((replica) => replica.logs()).filter((line) => line.msg === 'user deletion started' && line.userId === id);

  it('streams deliver every writer’s changes from the other replica in order; racing deletes through both replicas run one job each', async () => {
    const writers = await Promise.all(Array.from({ length: WRITERS }, (_, i) => signIn(replicas[i % 2].url, idp, `writer-${i}`)));
    const victims = await Promise.all(Array.from({ length: VICTIMS }, (_, i) => signIn(replicas[i % 2].url, idp, `victim-${i}`)));
    // Writer i writes through replica i % 2 and is watched on the other one; each victim is watched too.
    const watching: StreamClient[] = await Promise.all(writers.map(({ token }, i) => openStream(replicas[(i + 1) % 2].url, { token })));
    const doomed: StreamClient[] = await Promise.all(victims.map(({ token }, i) => openStream(replicas[(i + 1) % 2].url, { token })));
    await Promise.all([...watching, ...doomed].map((stream) => stream.waitFrames(1)));

    const load = new ProfileLoad(replicas.map((replica) => replica.url), writers.map(({ token }) => token));
    try {
      await load.allWritersSucceedSince(Date.now(), 10_000);
      await sleep(1500);
      // Every victim deleted through both replicas at once: exactly one DELETE wins.
      const statuses = await Promise.all(victims.flatMap(({ id }) => replicas.map((replica) => callAs(adminKey, replica.url)('DELETE', `/v1/users/${id}`).then((res) => res.status))));
      for (let i = 0; i < VICTIMS; i++) expect(statuses.slice(2 * i, 2 * i + 2).sort()).toEqual([202, 404]);
      await sleep(1500);
      await load.allWritersSucceedSince(Date.now(), 10_000);
    } finally {
      await load.stop();
    }
    expect(load.attempts.filter((attempt) => attempt.status !== 200)).toEqual([]);
    process.stdout.write(`  ${load.attempts.length} requests through both replicas during ${VICTIMS * 2} racing deletes\n`);

    for (const [i, stream] of doomed.entries()) {
      expect(await stream.closed).toMatchObject({ code: 1008 });
      expect(stream.frames.at(-1)).toBeNull();
      await eventually(async () => expect(await database.query('SELECT 1 FROM users WHERE id = $1', [victims[i].id])).toEqual([]), 20_000);
      expect(deletionRuns(victims[i].id)).toHaveLength(1);
    }
    const jobs = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT singleton_key FROM pgboss.job WHERE name = 'user-deletion' UNION ALL SELECT singleton_key FROM pgboss.archive WHERE name = 'user-deletion') AS j WHERE singleton_key = ANY($1) GROUP BY singleton_key`,
      [victims.map(({ id }) => id)],
    );
    expect(jobs.map(({ n }) => n)).toEqual(victims.map(() => 1));

    // Each writer's last acknowledged name arrives on the other replica, after older ones only.
    const stored = await database.query<{ user_id: string; name: string; version: number }>(`SELECT user_id, name, version FROM users WHERE user_id LIKE 'writer-%'`);
    for (const [i, stream] of watching.entries()) {
      const row = stored.find((user) => user.user_id === `writer-${i}`)!;
      expect(load.lostWrites(i, row)).toEqual([]);
      await eventually(async () => expect((stream.frames.at(-1) as Frame)?.name).toBe(row.name), 10_000);
      const seqs = stream.frames.map((frame) => Number(/^w\d+-(\d+)$/.exec((frame as Frame)?.name ?? '')?.[1] ?? 0));
      expect(seqs.every((seq, at) => at === 0 || seq > seqs[at - 1])).toBe(true);
      stream.socket.close();
    }
    process.stdout.write(`  ${watching.reduce((sum, stream) => sum + stream.frames.length, 0)} frames delivered across replicas, in order\n`);
  });
});
