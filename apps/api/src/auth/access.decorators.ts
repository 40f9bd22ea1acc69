import { SetMetadata } from '@nestjs/common';
import { Permission } from './permissions';

export const ACCESS = 'roster:access';

/** Who may call a route. Every route declares one; a test fails for any that does not. */
export type Access = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'permission'; permission: Permission };

/** Served without a credential too. A credential that is sent must still verify (401 otherwise). */
export const Public = () => SetMetadata(ACCESS, { kind: 'public' } satisfies Access);

/** Any verified caller; finer checks (self or a permission) happen in the service. */
export const Authenticated = () => SetMetadata(ACCESS, { kind: 'authenticated' } satisfies Access);

/** A verified caller holding the permission. */
export const RequirePermission = (permission: Permission) => SetMetadata(ACCESS, { kind: 'permission', permission } satisfies Access);
