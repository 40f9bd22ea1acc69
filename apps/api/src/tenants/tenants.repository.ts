import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { defineStatement, Params, sql } from '../database/sql';
import { StatementRunner } from '../database/statement-runner';
import { UnitOfWork } from '../database/unit-of-work';
import { TenantEntity } from './tenant.entity';

export type NewTenant = Omit<TenantEntity, 'createdAt'>;

// KEY SHARE / SHARE: a concurrent tenant or user deletion waits for the link (and then removes it), or wins.
const lockTenant = defineStatement('tenants.lockTenant', (p: Params<{ tenantId: string }>) => sql`
  SELECT 1 FROM tenants WHERE tenant_id = ${p.tenantId} FOR KEY SHARE`);
const lockLiveUser = defineStatement('tenants.lockLiveUser', (p: Params<{ userId: string }>) => sql`
  SELECT 1 FROM users WHERE id = ${p.userId} AND deleting_at IS NULL FOR SHARE`);
// The previous tenant is read in the same statement; the user row is already locked (lockLiveUser), so no link can change between.
const linkUser = defineStatement('tenants.linkUser', (p: Params<{ userId: string; tenantId: string }>) => sql`
  WITH previous AS (SELECT tenant_id FROM tenant_users WHERE user_id = ${p.userId})
  INSERT INTO tenant_users (user_id, tenant_id, user_created_at) SELECT id, ${p.tenantId}, created_at FROM users WHERE id = ${p.userId}
  ON CONFLICT (user_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, linked_at = now()
  RETURNING (SELECT tenant_id FROM previous) AS "previous"`);

/** Tenants and which user is in which (at most one each). */
@Injectable()
export class TenantsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statements: StatementRunner,
  ) {}

  /** Fails with a unique violation on a taken id or lookup identifier. */
  async insert(unit: UnitOfWork, tenant: NewTenant): Promise<void> {
    await unit.manager.getRepository(TenantEntity).insert(tenant);
  }

  list(): Promise<TenantEntity[]> {
    return this.dataSource.getRepository(TenantEntity).find({ order: { createdAt: 'ASC', id: 'ASC' }, take: 1000 });
  }

  find(tenantId: string): Promise<TenantEntity | null> {
    return this.dataSource.getRepository(TenantEntity).findOneBy({ id: tenantId });
  }

  /** False when there was no such tenant. Its users stay, unlinked. */
  async delete(unit: UnitOfWork, tenantId: string): Promise<boolean> {
    const { affected } = await unit.manager.getRepository(TenantEntity).delete({ id: tenantId });
    return Boolean(affected);
  }

  /** Holds the tenant against deletion until the unit of work ends; false when it does not exist. */
  async lockTenant(unit: UnitOfWork, tenantId: string): Promise<boolean> {
    return (await this.statements.rows(lockTenant, { tenantId }, unit)).length > 0;
  }

  /** Holds the user against deletion until the unit of work ends; false when missing or being deleted. */
  async lockLiveUser(unit: UnitOfWork, userId: string): Promise<boolean> {
    return (await this.statements.rows(lockLiveUser, { userId }, unit)).length > 0;
  }

  /** Links the user to the tenant, moving them out of any other; returns the tenant they were in, if any. */
  async linkUser(unit: UnitOfWork, tenantId: string, userId: string): Promise<string | null> {
    const row = await this.statements.one<{ userId: string; tenantId: string }, { previous: string | null }>(linkUser, { userId, tenantId }, unit);
    return row?.previous ?? null;
  }
}
