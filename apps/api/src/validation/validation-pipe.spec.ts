import { ValidationError } from 'class-validator';
import { BodyValidationPipe, describeValidationErrors, nestedDeeperThan } from './validation-pipe';

const error = (property: string, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError =>
  Object.assign(new ValidationError(), { property, constraints, children });

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
