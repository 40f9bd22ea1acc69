import { ValidationError } from 'class-validator';
import { describeValidationErrors } from './validation-pipe';

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
