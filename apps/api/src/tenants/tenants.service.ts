import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Tenant, TenantUser } from '@roster/dto';
import { DataSource } from 'typeorm';
import { uniqueViolation } from '../database/postgres-errors';
import { AppError, ErrorCode } from '../errors/app-error';
import { UsersRepository } from '../users/users.repository';
import { TenantEntity } from './tenant.entity';
import { toTenant } from './to-tenant';

const tenantMissing = () => new AppError(ErrorCode.NotFound, 'The tenant does not exist.');
const userMissing = () => new AppError(ErrorCode.NotFound, 'The user does not exist.');

@Injectable()
export class TenantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
  ) {}

  async create(request: Tenant): Promise<Tenant> {
    const tenant = {
      id: request.tenantId || `ten_${randomBytes(10).toString('hex')}`,
      lookupIdentifier: request.tenantLookupIdentifier ?? null,
      name: request.data?.name ?? null,
      domains: [...new Set((request.domains ?? []).map((entry) => entry.domain))],
      connectionId: request.connection?.connectionId ?? null,
    };
    try {
      await this.dataSource.getRepository(TenantEntity).insert(tenant);
    } catch (error) {
      const violation = uniqueViolation(error);
      if (!violation) throw error;
      throw new AppError(ErrorCode.Conflict, violation.constraint === 'UQ_tenants_lookup_identifier' ? 'A tenant with this tenantLookupIdentifier already exists.' : 'A tenant with this tenantId already exists.');
    }
    return this.get(tenant.id);
  }

  async list(): Promise<Tenant[]> {
    return (await this.dataSource.getRepository(TenantEntity).find({ order: { createdAt: 'ASC', id: 'ASC' }, take: 1000 })).map(toTenant);
  }

  async get(tenantId: string): Promise<Tenant> {
    const tenant = await this.dataSource.getRepository(TenantEntity).findOneBy({ id: tenantId });
    if (!tenant) throw tenantMissing();
    return toTenant(tenant);
  }

  /** Its users stay; they are only unlinked. */
  async delete(tenantId: string): Promise<void> {
    const { affected } = await this.dataSource.getRepository(TenantEntity).delete({ id: tenantId });
    if (!affected) throw tenantMissing();
  }

  /** Links the user to the tenant, moving them out of any other (a user is in at most one tenant). */
  async linkUser(tenantId: string, request: TenantUser): Promise<void> {
    const user = (await this.users.findByAnyId(request.userId))?.user;
    await this.dataSource.transaction(async (manager) => {
      // Locked so a concurrent tenant or user deletion waits for this link (and then removes it) or wins (404).
      const [tenant] = await manager.query(`SELECT 1 FROM tenants WHERE tenant_id = $1 FOR KEY SHARE`, [tenantId]);
      if (!tenant) throw tenantMissing();
      const [live] = user ? await manager.query(`SELECT 1 FROM users WHERE id = $1 AND deleting_at IS NULL FOR SHARE`, [user.id]) : [];
      if (!live) throw userMissing();
      await manager.query(`INSERT INTO tenant_users (user_id, tenant_id) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, linked_at = now()`, [user!.id, tenantId]);
    });
  }
}
