import { createHash, randomBytes } from 'node:crypto';

/** A sign-in link lives ten minutes and works once. */
export const SIGN_IN_CODE_TTL_SECONDS = 600;

/** Only a code's hash is stored: a database read does not yield a working link. */
export const hashOfSignInCode = (code: string) => createHash('sha256').update(code).digest('base64url');

export function newSignInCode(): { code: string; hash: string } {
  const code = randomBytes(32).toString('base64url');
  return { code, hash: hashOfSignInCode(code) };
}

export const signInLink = (publicUrl: string, code: string) => `${publicUrl}/console/#code=${code}`;
