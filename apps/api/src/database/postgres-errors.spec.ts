import { databaseUnavailable, invalidInput, uniqueViolation } from './postgres-errors';

describe('postgres errors', () => {
  it('recognises a unique violation from pg or wrapped by TypeORM, with its constraint', () => {
    expect(uniqueViolation({ code: '23505', constraint: 'users_vanityname_lower_key' })).toEqual({ constraint: 'users_vanityname_lower_key' });
    expect(uniqueViolation({ driverError: { code: '23505', constraint: 'PK_x' } })).toEqual({ constraint: 'PK_x' });
    expect(uniqueViolation({ code: '23503' })).toBeUndefined();
    expect(uniqueViolation(new Error('boom'))).toBeUndefined();
  });

  it('tells a database that cannot answer now from a fault in the statement', () => {
    expect(databaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(databaseUnavailable({ code: '57P01', message: 'terminating connection due to administrator command' })).toBe(true);
    expect(databaseUnavailable({ driverError: { code: '57014', message: 'canceling statement due to statement timeout' } })).toBe(true);
    expect(databaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(databaseUnavailable(new Error('Query read timeout'))).toBe(true);
    expect(databaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(databaseUnavailable({ code: '23505' })).toBe(false);
    expect(databaseUnavailable(new Error('boom'))).toBe(false);
    expect(databaseUnavailable(undefined)).toBe(false);
  });

  it('recognises values PostgreSQL cannot store (a NUL character, a malformed uuid), from pg or wrapped by TypeORM', () => {
    expect(invalidInput({ code: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' })).toBe(true);
    expect(invalidInput({ driverError: { code: '22P02' } })).toBe(true);
    expect(invalidInput({ code: '23505' })).toBe(false);
    expect(invalidInput(new Error('boom'))).toBe(false);
  });
});
