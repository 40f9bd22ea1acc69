import { deriveKey, open, seal } from './secret-box';

describe('secret box', () => {
  const key = deriveKey('a'.repeat(32), 'test');

  it('round-trips and never repeats a ciphertext', () => {
    const a = seal(Buffer.from('hello'), key);
    expect(open(a, key).toString()).toBe('hello');
    expect(seal(Buffer.from('hello'), key)).not.toBe(a);
  });

  it('refuses a value sealed under another key or tampered with', () => {
    const sealed = seal(Buffer.from('hello'), key);
    expect(() => open(sealed, deriveKey('b'.repeat(32), 'test'))).toThrow();
    expect(() => open(sealed, deriveKey('a'.repeat(32), 'other purpose'))).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('jello').toString('base64url');
    expect(() => open(parts.join('.'), key)).toThrow();
  });
});
