import { credentialFrom } from './bearer';

describe('credentialFrom', () => {
  it('is undefined only when no header was sent', () => {
    expect(credentialFrom(undefined)).toBeUndefined();
    expect(credentialFrom('')).toBe('');
  });

  it('accepts Bearer in any case, and a bare token', () => {
    expect(credentialFrom('Bearer a.b.c')).toBe('a.b.c');
    expect(credentialFrom('bearer   a.b.c ')).toBe('a.b.c');
    expect(credentialFrom('a.b.c')).toBe('a.b.c');
  });

  it('keeps other schemes as a (failing) credential', () => {
    expect(credentialFrom('Basic dXNlcjpwYXNz')).toBe('Basic dXNlcjpwYXNz');
  });
});
