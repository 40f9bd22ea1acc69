import { holds, permissionsFromClaim } from './permissions';

describe('permissions', () => {
  it('"*" holds everything', () => {
    expect(holds(['*'], 'clients:write')).toBe(true);
    expect(holds(['users:read'], 'users:write')).toBe(false);
  });

  it('reads arrays and space-separated strings, dropping unknown values', () => {
    expect(permissionsFromClaim(['users:read', 'bogus'])).toEqual(['users:read']);
    expect(permissionsFromClaim('users:read tenants:read users:read')).toEqual(['users:read', 'tenants:read']);
    expect(permissionsFromClaim(42)).toEqual([]);
  });

  it('never grants "*" or clients:write from a claim', () => {
    expect(permissionsFromClaim(['*', 'clients:write', 'users:delete'])).toEqual(['users:delete']);
  });
});
