import { ClientPrincipal } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { assertMayManage } from './client-management.policy';

const caller = (permissions: string[]): ClientPrincipal => ({ kind: 'client', clientId: 'sc_caller', keyId: 'k', permissions, expiresAt: 0 });
const refusal = (run: () => void) => {
  try {
    run();
  } catch (error) {
    return error as AppError;
  }
  return undefined;
};

describe('assertMayManage', () => {
  it('lets a caller manage a client whose every permission it holds', () => {
    expect(refusal(() => assertMayManage(caller(['clients:write', 'users:read']), ['users:read']))).toBeUndefined();
    expect(refusal(() => assertMayManage(caller(['*']), ['*'], ['users:delete']))).toBeUndefined();
  });

  it('refuses with 403 naming the first permission the caller lacks, now or after the change', () => {
    expect(refusal(() => assertMayManage(caller(['clients:write']), ['*']))).toMatchObject({ status: 403, title: expect.stringContaining('*') });
    expect(refusal(() => assertMayManage(caller(['clients:write', 'users:read']), ['users:read'], ['users:read', 'users:delete']))).toMatchObject({ status: 403, title: expect.stringContaining('users:delete') });
  });
});
