import { unauthorized } from './unauthorized';

const SEGMENT = /^[A-Za-z0-9_-]+$/;

/**
 * The one spelling of a JWT that jose would decode the same way. Node's base64url decoder ignores `=`, skips
 * characters outside the alphabet, accepts `+` and `/`, and ignores the unused low bits of the last character,
 * so one signature has endless spellings; each decodes the same, so re-encoding yields the canonical one.
 */
export function canonicalSpelling(token: string): string {
  const segments = token.split('.');
  if (segments.length !== 3) return token;
  return segments.map((segment) => Buffer.from(segment, 'base64url').toString('base64url')).join('.');
}

/** True when all three segments are canonical base64url (alphabet only, no padding, unused bits zero). */
export function isCanonicalJwt(token: string): boolean {
  const segments = token.split('.');
  return segments.length === 3 && segments.every((segment) => SEGMENT.test(segment) && Buffer.from(segment, 'base64url').toString('base64url') === segment);
}

/** Where a JWT enters: anything but its canonical spelling is 401 before any other work. */
export function requireCanonicalJwt(token: string): string {
  if (!isCanonicalJwt(token)) throw unauthorized('malformed');
  return token;
}
