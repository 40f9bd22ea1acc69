import type { CreateClientRequest } from '@roster/client-browser';
import type { ConsoleSession } from '../session';

export type Permission = NonNullable<CreateClientRequest['permissions']>[number];

export const ALL_PERMISSIONS: Permission[] = ['users:read', 'users:write', 'users:delete', 'tenants:read', 'tenants:write', 'clients:write', 'events:read', 'webhooks:read', 'webhooks:write', '*'];

/** A caller may grant only what it holds: a `*` session everything, any other its own list. */
export const grantable = (session: ConsoleSession | null) =>
  !session ? [] : session.permissions.includes('*') ? ALL_PERMISSIONS : ALL_PERMISSIONS.filter((permission) => session.permissions.includes(permission));

export const asPermissions = (values: string[]) => ALL_PERMISSIONS.filter((permission) => values.includes(permission));
