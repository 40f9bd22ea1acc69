import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { canonicalSpelling, isCanonicalJwt, requireCanonicalJwt } from './compact-jwt';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** `token` with its signature re-spelled by `respell`: jose decodes every result to the same bytes. */
const withSignature = (token: string, respell: (signature: string) => string) => {
  const [header, payload, signature] = token.split('.');
  return `${header}.${payload}.${respell(signature)}`;
};
const flipUnusedBits = (segment: string) => {
  const last = ALPHABET.indexOf(segment.at(-1)!);
  return segment.slice(0, -1) + ALPHABET[last ^ 1];
};

describe('canonical JWT spelling', () => {
  let token: string;
  beforeAll(async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    // Re-sign until the signature holds a `-` or `_` to rewrite as `+` or `/`.
    do token = await new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'RS256' }).setIssuedAt().sign(privateKey);
    while (!/[-_]/.test(token.split('.')[2]));
  });

  const spellings = () => ({
    'padding appended': `${token}=`,
    "the last character's unused bits flipped": withSignature(token, flipUnusedBits),
    '-_ written as +/': withSignature(token, (signature) => signature.replace(/-/g, '+').replace(/_/g, '/')),
    '!!! inserted': withSignature(token, (signature) => `${signature.slice(0, 10)}!!!${signature.slice(10)}`),
  });

  it('accepts the canonical spelling as it is', () => {
    expect(isCanonicalJwt(token)).toBe(true);
    expect(requireCanonicalJwt(token)).toBe(token);
    expect(canonicalSpelling(token)).toBe(token);
  });

  it.each(['padding appended', "the last character's unused bits flipped", '-_ written as +/', '!!! inserted'] as const)('refuses a re-spelling (%s), which decodes to the same token', (name) => {
    const spelling = spellings()[name];
    expect(spelling).not.toBe(token);
    expect(canonicalSpelling(spelling)).toBe(token);
    expect(isCanonicalJwt(spelling)).toBe(false);
    expect(() => requireCanonicalJwt(spelling)).toThrow(expect.objectContaining({ code: 'Unauthorized', title: expect.stringContaining('not a well-formed JWT') }));
  });

  it.each(['', 'a.b', 'a.b.c.d', 'a..c', 'eyJ.eyJ.', 'not a token'])('refuses what is not three base64url segments: %j', (value) => {
    expect(isCanonicalJwt(value)).toBe(false);
  });
});
