import { StatementRunner } from '../database/statement-runner';
import { openServiceDatabase, ServiceDatabase } from '../testing/service-database';
import { testConfig } from '../testing/test-config';
import { ListPosition } from './list-cursor';
import { SHORT_FILTER_STRETCH, SHORT_FILTER_WINDOW, UsersRepository } from './users.repository';

/**
 * UsersRepository.listPage on more rows than a short filter's window: whichever way a page is served (the
 * window, a stretch of it, the gram index, or all three), walking the pages gives every match once, in order.
 */
describe('UsersRepository.listPage (on a real database)', () => {
  const USERS = 30_000;
  let db: ServiceDatabase;
  let users: UsersRepository;
  const ran: string[] = [];
  beforeAll(async () => {
    db = await openServiceDatabase();
    const statements = new StatementRunner(db.dataSource, testConfig());
    const rows = statements.rows.bind(statements);
    statements.rows = (statement, ...rest) => (ran.push(statement.name), rows(statement, ...rest));
    users = new UsersRepository(statements);
    // Terms by where they stand: `xq` in every 10th row, `zq` in every 120th, `yq` in every 250th; `wq` in the
    // first 60 rows, then in every 1000th, and every 100th of the last 5000; `vq` in no row of the first window,
    // then in every 50th.
    await db.query(`
      INSERT INTO users (user_id, name, created_at)
      SELECT 'list|' || i,
             concat_ws(' ', CASE WHEN i % 10 = 0 THEN 'xq' END, CASE WHEN i % 120 = 0 THEN 'zq' END, CASE WHEN i % 250 = 0 THEN 'yq' END,
                       CASE WHEN i <= 60 OR i % 1000 = 0 OR (i > 25000 AND i % 100 = 0) THEN 'wq' END, CASE WHEN i > $2 AND i % 50 = 0 THEN 'vq' END),
             timestamptz '2026-01-01' + i * interval '1 second'
        FROM generate_series(1, $1) AS i`, [USERS, SHORT_FILTER_WINDOW + 5]);
    await db.query(`UPDATE users SET deleting_at = now() WHERE user_id IN ('list|240', 'list|20000')`);
    await db.query('ANALYZE users');
  });
  afterAll(() => db.close());

  async function walk(filter: string, limit = 100): Promise<{ ids: string[]; plans: string[] }> {
    const ids: string[] = [];
    const plans: string[] = [];
    let after: ListPosition | undefined;
    do {
      ran.length = 0;
      const page = await users.listPage({ filter, limit, after });
      ids.push(...page.users.map(({ user }) => user.userId));
      plans.push(ran.map((name) => name.replace('userList.', '')).join(' > '));
      after = page.next;
    } while (after);
    return { ids, plans };
  }

  const expected = async (filter: string) =>
    (await db.query<{ user_id: string }>(`SELECT user_id FROM users WHERE deleting_at IS NULL AND position($1 IN lower(coalesce(name, '') || ' ' || user_id)) > 0 ORDER BY created_at, id`, [filter])).map((row) => row.user_id);

  it.each([
    ['xq', 'the window fills every page', 'shortWindow'],
    ['zq', 'the window finds most of the first page, a stretch of it the rest', 'shortWindow > shortWindowAfter'],
    ['yq', 'the window finds too few for a stretch: the gram index', 'shortWindow > shortIndexAfter'],
    ['wq', 'the stretch falls short too: then the gram index', 'shortWindow > shortWindowAfter > shortIndexAfter'],
    ['vq', 'the window finds none: the gram index', 'shortWindow > shortIndex'],
  ])('%s: %s, and the pages hold every match once, in list order', async (filter, _, firstPage) => {
    const { ids, plans } = await walk(filter);
    expect(ids).toEqual(await expected(filter));
    expect(ids.length).toBeGreaterThan(100);
    expect(plans[0]).toBe(firstPage);
  });

  it('serves a small page and a long filter the same way, and leaves out users being deleted', async () => {
    expect((await walk('zq', 7)).ids).toEqual(await expected('zq'));
    expect((await walk('list|2000')).ids).toEqual(await expected('list|2000'));
    expect((await walk('xq')).ids).not.toContain('list|240');
    expect(SHORT_FILTER_STRETCH).toBeGreaterThan(SHORT_FILTER_WINDOW);
  });

  it('walks a tenant’s matches the same way: its share of the window, then the gram index', async () => {
    const tenant = await db.factory.tenant();
    await db.query(`INSERT INTO tenant_users (user_id, tenant_id, user_created_at) SELECT id, $1, created_at FROM users WHERE user_id LIKE 'list|%' AND substr(user_id, 6)::int % 7 = 0`, [tenant.tenant_id]);
    const inTenant = async (filter: string) => (await expected(filter)).filter((userId) => Number(userId.slice(5)) % 7 === 0);
    for (const filter of ['xq', 'zq']) {
      const ids: string[] = [];
      let after: ListPosition | undefined;
      do {
        const page = await users.listPage({ filter, tenantId: tenant.tenant_id, limit: 100, after });
        ids.push(...page.users.map(({ user }) => user.userId));
        after = page.next;
      } while (after);
      expect(ids).toEqual(await inTenant(filter));
    }
  });

  it('pages a tenant’s users in list order from its own index, without the users being deleted', async () => {
    const tenant = await db.factory.tenant();
    // Linked newest first, so the link order differs from the list order (some moved from the tenant above);
    // list|240 and list|20000 are being deleted.
    await db.query(`INSERT INTO tenant_users (user_id, tenant_id, user_created_at)
      SELECT id, $1, created_at FROM users WHERE user_id LIKE 'list|%' AND substr(user_id, 6)::int % 5 = 0 ORDER BY created_at DESC
      ON CONFLICT (user_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id`, [tenant.tenant_id]);
    const want = Array.from({ length: USERS / 5 }, (_, i) => `list|${(i + 1) * 5}`).filter((userId) => userId !== 'list|240' && userId !== 'list|20000');
    const ids: string[] = [];
    let after: ListPosition | undefined;
    do {
      const page = await users.listPage({ tenantId: tenant.tenant_id, limit: 500, after });
      ids.push(...page.users.map(({ user }) => user.userId));
      after = page.next;
    } while (after);
    expect(ids).toEqual(want);
  });

  it('returns each user with their identities', async () => {
    const { user } = await db.factory.signedUpUser({ name: 'Ada qj', subject: 'github|qj' });
    const page = await users.listPage({ filter: 'qj', limit: 10 });
    expect(page.users.map((found) => [found.user.id, found.identities.map((identity) => identity.subject)])).toEqual([[user.id, ['github|qj']]]);
    expect(page.users[0].user.createdAt).toBeInstanceOf(Date);
  });
});
