import { Tenant } from '@roster/dto';
import { TenantEntity } from './tenant.entity';

/** The only place the Authress `Tenant` is shaped. Absent fields are left out, never null. */
export function toTenant(entity: TenantEntity): Tenant {
  return {
    tenantId: entity.id,
    ...(entity.lookupIdentifier ? { tenantLookupIdentifier: entity.lookupIdentifier } : {}),
    ...(entity.name ? { data: { name: entity.name } } : {}),
    ...(entity.domains.length ? { domains: entity.domains.map((domain) => ({ domain })) } : {}),
    ...(entity.connectionId ? { connection: { connectionId: entity.connectionId } } : {}),
    createdTime: entity.createdAt.toISOString(),
  };
}
