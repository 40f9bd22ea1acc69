import { createHash } from 'node:crypto';

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

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
