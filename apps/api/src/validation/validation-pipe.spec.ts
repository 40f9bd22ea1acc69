import { ListUsersQuery, OAuthToken, Tenant, UserProfile } from '@roster/dto';
import { ValidationError } from 'class-validator';
import { BodyValidationPipe, describeValidationErrors, nestedDeeperThan } from './validation-pipe';

const error = (property: string, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError =>
  Object.assign(new ValidationError(), { property, constraints, children, value: 'sent' });

describe('describeValidationErrors', () => {
  it('names a top-level field', () => {
    expect(describeValidationErrors([error('limit', { max: 'limit must not be greater than 100' })])).toBe('limit must not be greater than 100');
  });

  it('names the full path of a nested field', () => {
    const nested = error('aesthetics', undefined, [error('theme', undefined, [error('dark', { isBoolean: 'dark must be a boolean value' })])]);
    expect(describeValidationErrors([nested])).toBe('aesthetics.theme.dark must be a boolean value');
  });

  it('prefixes messages that do not start with the field name', () => {
    expect(describeValidationErrors([error('name', { custom: 'too long' })])).toBe('name: too long');
  });
});

describe('which rule a title names', () => {
  const pipe = new BodyValidationPipe();
  const titleFor = (metatype: new () => object, value: unknown, type: 'body' | 'query' = 'body') =>
    Promise.resolve(pipe.transform(value, { type, metatype })).then(
      () => 'valid',
      (error: Error) => error.message,
    );

  it('names the type before the format', async () => {
    expect(await titleFor(UserProfile, { name: 5 })).toBe('name must be a string');
    expect(await titleFor(UserProfile, { username: ['x'] })).toBe('username must be a string');
  });

  it('names the type before the range, at any depth', async () => {
    expect(await titleFor(UserProfile, { aesthetics: { font: { size: 'big' } } })).toBe('aesthetics.font.size must be an integer number');
    expect(await titleFor(UserProfile, { aesthetics: 'dark' })).toBe('aesthetics must be an object');
  });

  it('says a missing required field is required', async () => {
    expect(await titleFor(OAuthToken, {})).toBe('access_token is required');
    expect(await titleFor(OAuthToken, { access_token: 5 })).toBe('access_token must be a string');
  });

  it('names the format before the length', async () => {
    expect(await titleFor(UserProfile, { name: '\u0001'.repeat(200) })).toBe('name must not contain control characters');
    expect(await titleFor(UserProfile, { name: 'x'.repeat(200) })).toMatch(/^name must be shorter than or equal to 128 characters/);
  });

  it('names a type failure of one field before a length failure of an earlier one', async () => {
    expect(await titleFor(UserProfile, { username: 'x'.repeat(100), name: 5 })).toBe('name must be a string');
  });

  it('names an unknown key of a strict body first', async () => {
    expect(await titleFor(Tenant, { tenantId: 5, extra: 1 })).toBe('extra is not a known field');
  });

  it('names the type of a query parameter before its range', async () => {
    expect(await titleFor(ListUsersQuery, { limit: 'many' }, 'query')).toBe('limit must be an integer between 1 and 100');
  });
});

describe('body depth', () => {
  const nested = (depth: number) => JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));

  it('measures objects and arrays without recursing', () => {
    expect(nestedDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: [{ b: {} }] }, 3)).toBe(true);
    expect(nestedDeeperThan(nested(100_000), 32)).toBe(true);
    expect(nestedDeeperThan('text', 0)).toBe(false);
  });

  it('refuses a body nested too deep with a 400 instead of overflowing the stack', () => {
    expect(() => new BodyValidationPipe().transform(nested(10_000), { type: 'body', metatype: Object })).toThrow(/nested more than 32 levels/);
  });
});

describe('parameters of custom decorators', () => {
  it('are passed on as they are, synchronously, whatever their declared type', () => {
    const principal = { kind: 'user', userId: 'u1', permissions: [] };
    expect(new BodyValidationPipe().transform(principal, { type: 'custom', metatype: UserProfile })).toBe(principal);
  });

  it('while a body of the same value and type is still validated', async () => {
    await expect(Promise.resolve(new BodyValidationPipe().transform({ name: 5 }, { type: 'body', metatype: UserProfile }))).rejects.toThrow(/name must be a string/);
  });
});
