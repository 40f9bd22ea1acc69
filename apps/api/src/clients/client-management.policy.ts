import { holds, Permission } from '../auth/permissions';
import { Principal } from '../auth/principal';
import { AppError, ErrorCode } from '../errors/app-error';

/**
 * The one rule for managing service clients: whoever creates a client, changes it, deletes it or creates or
 * revokes its keys must hold every permission that client holds now and will hold after the change.
 * Without it, `clients:write` alone could mint a key for an all-permission client.
 */
export function assertMayManage(caller: Principal, ...permissionSets: ReadonlyArray<readonly string[]>): void {
  for (const permissions of permissionSets) {
    const missing = permissions.find((permission) => !holds(caller.permissions, permission as Permission));
    if (missing) throw new AppError(ErrorCode.Forbidden, `The caller does not hold ${missing}, which the client holds or would hold; it may not manage that client.`);
  }
}
