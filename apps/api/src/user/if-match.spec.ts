import { matchesVersion, parseIfMatch } from './if-match';

describe('parseIfMatch', () => {
  it('reads no header and * as any version', () => {
    expect(parseIfMatch(undefined)).toEqual({ kind: 'any' });
    expect(parseIfMatch(' * ')).toEqual({ kind: 'any' });
  });

  it('reads our ETags, strong, weak or bare, as their version', () => {
    expect(parseIfMatch('"7"')).toEqual({ kind: 'version', version: 7 });
    expect(parseIfMatch('W/"7"')).toEqual({ kind: 'version', version: 7 });
    expect(parseIfMatch('7')).toEqual({ kind: 'version', version: 7 });
  });

  it('reads anything else, and versions beyond an int4, as matching nothing', () => {
    expect(parseIfMatch('"abc"')).toEqual({ kind: 'never' });
    expect(parseIfMatch('"7", "8"')).toEqual({ kind: 'never' });
    expect(parseIfMatch('"2147483648"')).toEqual({ kind: 'never' });
  });

  it('matches versions accordingly', () => {
    expect(matchesVersion({ kind: 'any' }, 3)).toBe(true);
    expect(matchesVersion({ kind: 'version', version: 3 }, 3)).toBe(true);
    expect(matchesVersion({ kind: 'version', version: 2 }, 3)).toBe(false);
    expect(matchesVersion({ kind: 'never' }, 3)).toBe(false);
  });
});
