import { hash } from 'node:crypto';

/**
 * The credential in an Authorization header: `Bearer <jwt>`, or a bare `<jwt>` as the Pieces client sends it.
 * undefined means no credential was sent; anything else (even an empty or garbled value) is a credential.
 */
export function credentialFrom(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(',') : header).trim();
  const match = /^bearer\s+(.*)$/i.exec(value);
  return match ? match[1].trim() : value;
}

/** SHA-256, base64url. One-shot `hash` (no Hash object per call): it runs on every authenticated request. */
export function tokenHash(token: string): string {
  return hash('sha256', token, 'base64url');
}
