import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Tenant, TenantUser } from '@roster/dto';
import { uniqueViolation } from '../database/postgres-errors';
import { TransactionRunner } from '../database/unit-of-work';
import { AppError, ErrorCode } from '../errors/app-error';
import { Attribution } from '../events/attribution';
import { EventsRecorder } from '../events/events.recorder';
import { UsersRepository } from '../users/users.repository';
import { TenantsRepository } from './tenants.repository';
import { toTenant } from './to-tenant';

const tenantMissing = () => new AppError(ErrorCode.NotFound, 'The tenant does not exist.');
const userMissing = () => new AppError(ErrorCode.NotFound, 'The user does not exist.');

@Injectable()
export class TenantsService {
  constructor(
    private readonly tenants: TenantsRepository,
    private readonly transactions: TransactionRunner,
    private readonly users: UsersRepository,
    private readonly events: EventsRecorder,
  ) {}

  async create(request: Tenant, by: Attribution): Promise<Tenant> {
    const tenant = {
      id: request.tenantId || `ten_${randomBytes(10).toString('hex')}`,
      lookupIdentifier: request.tenantLookupIdentifier ?? null,
      name: request.data?.name ?? null,
      domains: [...new Set((request.domains ?? []).map((entry) => entry.domain))],
      connectionId: request.connection?.connectionId ?? null,
    };
    try {
      await this.transactions.run(async (unit) => {
        await this.tenants.insert(unit, tenant);
        await this.events.record(unit, { type: 'tenant.created', ...by, tenantId: tenant.id, data: { tenantId: tenant.id, name: tenant.name } });
      });
    } catch (error) {
      const violation = uniqueViolation(error);
      if (!violation) throw error;
      throw new AppError(ErrorCode.Conflict, violation.constraint === 'UQ_tenants_lookup_identifier' ? 'A tenant with this tenantLookupIdentifier already exists.' : 'A tenant with this tenantId already exists.');
    }
    return this.get(tenant.id);
  }

  async list(): Promise<Tenant[]> {
    return (await this.tenants.list()).map(toTenant);
  }

  async get(tenantId: string): Promise<Tenant> {
    const tenant = await this.tenants.find(tenantId);
    if (!tenant) throw tenantMissing();
    return toTenant(tenant);
  }

  /** Its users stay; they are only unlinked. */
  async delete(tenantId: string, by: Attribution): Promise<void> {
    await this.transactions.run(async (unit) => {
      if (!(await this.tenants.delete(unit, tenantId))) throw tenantMissing();
      await this.events.record(unit, { type: 'tenant.deleted', ...by, tenantId, data: { tenantId } });
    });
  }

  /** Links the user to the tenant, moving them out of any other (a user is in at most one tenant). */
  async linkUser(tenantId: string, request: TenantUser, by: Attribution): Promise<void> {
    const user = (await this.users.findByAnyId(request.userId))?.user;
    await this.transactions.run(async (unit) => {
      // Locked so a concurrent tenant or user deletion waits for this link (and then removes it) or wins (404).
      if (!(await this.tenants.lockTenant(unit, tenantId))) throw tenantMissing();
      if (!user || !(await this.tenants.lockLiveUser(unit, user.id))) throw userMissing();
      const previousTenantId = await this.tenants.linkUser(unit, tenantId, user.id);
      await this.events.record(unit, { type: 'tenant.user_linked', ...by, userId: user.userId, tenantId, data: { userId: user.userId, tenantId, previousTenantId } });
    });
  }
}
