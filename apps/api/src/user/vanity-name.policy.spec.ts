import { checkVanityName } from './vanity-name.policy';

describe('checkVanityName', () => {
  it.each(['a', 'ada', 'ada-lovelace', 'x1', 'a'.repeat(63)])('accepts %s', (name) => expect(checkVanityName(name)).toBe(name));

  it('normalises to lowercase', () => expect(checkVanityName('Ada')).toBe('ada'));

  it.each(['', '-ada', 'ada-', 'a_b', 'a.b', 'a b', 'ü', 'a'.repeat(64), 42])('refuses %j with 400', (name) => {
    expect(() => checkVanityName(name)).toThrow(expect.objectContaining({ status: 400 }));
  });

  it.each(['admin', 'API', 'www'])('refuses the reserved name %s with 409', (name) => {
    expect(() => checkVanityName(name)).toThrow(expect.objectContaining({ status: 409 }));
  });
});
