export const PERMISSIONS = ['users:read', 'users:write', 'users:delete', 'tenants:read', 'tenants:write', 'clients:write', 'events:read', 'webhooks:read', 'webhooks:write', '*'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Permissions a token claim may never confer on an end user. */
const NEVER_FROM_CLAIMS: Permission[] = ['*', 'clients:write'];

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

export function holds(granted: readonly string[], wanted: Permission): boolean {
  return granted.includes('*') || granted.includes(wanted);
}

/** Permissions from a configured claim: an array or a space-separated string; unknown and forbidden ones dropped. */
export function permissionsFromClaim(value: unknown): Permission[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(' ') : [];
  return [...new Set(items.filter(isPermission).filter((permission) => !NEVER_FROM_CLAIMS.includes(permission)))];
}
