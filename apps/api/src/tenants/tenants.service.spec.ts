import { StatementRunner } from '../database/statement-runner';
import { TransactionRunner } from '../database/unit-of-work';
import { AppError, ErrorCode } from '../errors/app-error';
import { openServiceDatabase, ServiceDatabase } from '../testing/service-database';
import { testConfig } from '../testing/test-config';
import { UsersRepository } from '../users/users.repository';
import { TenantsRepository } from './tenants.repository';
import { TenantsService } from './tenants.service';
import { eventsRecorderOn, TEST_ATTRIBUTION } from '../testing/events';
import { recordedEvents } from '../testing/events';

const failure = (code: ErrorCode, title?: string | RegExp) => expect.objectContaining({ constructor: AppError, code, ...(title ? { title: expect.stringMatching(title) } : {}) });

describe('TenantsService (on a real database)', () => {
  let db: ServiceDatabase;
  let tenants: TenantsService;
  beforeAll(async () => {
    db = await openServiceDatabase();
    const statements = new StatementRunner(db.dataSource, testConfig());
    tenants = new TenantsService(new TenantsRepository(db.dataSource, statements), new TransactionRunner(db.dataSource), new UsersRepository(statements, db.dataSource), eventsRecorderOn(statements));
  });
  afterAll(() => db.close());
  beforeEach(() => db.truncate());

  const linkOf = async (user: { id: string }) => (await db.query<{ tenant_id: string }>(`SELECT tenant_id FROM tenant_users WHERE user_id = $1`, [user.id]))[0]?.tenant_id;

  it('creates a tenant in the Authress shape, generating a tenantId when absent, and reads it back', async () => {
    const created = await tenants.create({ tenantLookupIdentifier: 'acme', data: { name: 'Acme' }, domains: [{ domain: 'acme.example' }, { domain: 'acme.example' }] }, TEST_ATTRIBUTION);
    expect(created).toEqual({ tenantId: expect.stringMatching(/^ten_[0-9a-f]{20}$/), tenantLookupIdentifier: 'acme', data: { name: 'Acme' }, domains: [{ domain: 'acme.example' }], createdTime: expect.any(String) });
    expect(await tenants.get(created.tenantId!)).toEqual(created);
  });

  it('refuses a taken tenantId or tenantLookupIdentifier with a conflict that names which', async () => {
    await db.factory.tenant({ tenantId: 'taken', lookupIdentifier: 'taken-lookup' });
    await expect(tenants.create({ tenantId: 'taken' }, TEST_ATTRIBUTION)).rejects.toEqual(failure(ErrorCode.Conflict, /tenantId/));
    await expect(tenants.create({ tenantId: 'other', tenantLookupIdentifier: 'taken-lookup' }, TEST_ATTRIBUTION)).rejects.toEqual(failure(ErrorCode.Conflict, /tenantLookupIdentifier/));
  });

  it('lists tenants oldest first', async () => {
    await db.factory.tenant({ tenantId: 'newer', createdAt: new Date('2026-01-02T00:00:00Z') });
    await db.factory.tenant({ tenantId: 'older', createdAt: new Date('2026-01-01T00:00:00Z') });
    expect((await tenants.list()).map((tenant) => tenant.tenantId)).toEqual(['older', 'newer']);
  });

  it('deletes a tenant and unlinks its users, who stay; a missing tenant is not found', async () => {
    const ada = await db.factory.user({ name: 'Ada' });
    const tenant = await db.factory.tenant({ users: [ada] });
    await tenants.delete(tenant.tenant_id, TEST_ATTRIBUTION);
    await expect(tenants.get(tenant.tenant_id)).rejects.toEqual(failure(ErrorCode.NotFound));
    expect(await linkOf(ada)).toBeUndefined();
    expect(await db.query(`SELECT 1 FROM users WHERE id = $1`, [ada.id])).toHaveLength(1);
    await expect(tenants.delete(tenant.tenant_id, TEST_ATTRIBUTION)).rejects.toEqual(failure(ErrorCode.NotFound));
  });

  it('links a user by id or userId, moving them out of their previous tenant', async () => {
    const ada = await db.factory.user({ userId: 'oauth2|ada' });
    const first = await db.factory.tenant({ users: [ada] });
    const second = await db.factory.tenant();
    await tenants.linkUser(second.tenant_id, { userId: 'oauth2|ada' }, TEST_ATTRIBUTION);
    expect(await linkOf(ada)).toBe(second.tenant_id);
    await tenants.linkUser(first.tenant_id, { userId: ada.id }, TEST_ATTRIBUTION);
    expect(await linkOf(ada)).toBe(first.tenant_id);
  });

  it('does not link to a missing tenant, nor a missing user or one being deleted', async () => {
    const tenant = await db.factory.tenant();
    const leaving = await db.factory.user({ deletingAt: new Date() });
    const ada = await db.factory.user();
    await expect(tenants.linkUser('missing', { userId: ada.id }, TEST_ATTRIBUTION)).rejects.toEqual(failure(ErrorCode.NotFound, /tenant/));
    await expect(tenants.linkUser(tenant.tenant_id, { userId: 'nobody' }, TEST_ATTRIBUTION)).rejects.toEqual(failure(ErrorCode.NotFound, /user/));
    await expect(tenants.linkUser(tenant.tenant_id, { userId: leaving.id }, TEST_ATTRIBUTION)).rejects.toEqual(failure(ErrorCode.NotFound, /user/));
    expect(await linkOf(ada)).toBeUndefined();
  });

  it('records tenant.created, tenant.user_linked (with the tenant left) and tenant.deleted', async () => {
    const ada = await db.factory.user({ userId: 'oauth2|ada' });
    await tenants.create({ tenantId: 'one' }, TEST_ATTRIBUTION);
    await tenants.create({ tenantId: 'two', data: { name: 'Two' } }, TEST_ATTRIBUTION);
    await tenants.linkUser('one', { userId: ada.id }, TEST_ATTRIBUTION);
    await tenants.linkUser('two', { userId: 'oauth2|ada' }, TEST_ATTRIBUTION);
    await tenants.delete('one', TEST_ATTRIBUTION);
    await expect(tenants.delete('one', TEST_ATTRIBUTION)).rejects.toEqual(failure(ErrorCode.NotFound));
    const actor = 'client:sc_test';
    expect(await recordedEvents(db.query)).toEqual([
      { type: 'tenant.created', actor, userId: null, tenantId: 'one', data: { tenantId: 'one', name: null } },
      { type: 'tenant.created', actor, userId: null, tenantId: 'two', data: { tenantId: 'two', name: 'Two' } },
      { type: 'tenant.user_linked', actor, userId: 'oauth2|ada', tenantId: 'one', data: { userId: 'oauth2|ada', tenantId: 'one', previousTenantId: null } },
      { type: 'tenant.user_linked', actor, userId: 'oauth2|ada', tenantId: 'two', data: { userId: 'oauth2|ada', tenantId: 'two', previousTenantId: 'one' } },
      { type: 'tenant.deleted', actor, userId: null, tenantId: 'one', data: { tenantId: 'one' } },
    ]);
  });
});
