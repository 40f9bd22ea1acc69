import { createHash } from 'node:crypto';

/** What the Authress contract (and its Python SDK, which rejects a whole page otherwise) allows in a userId. */
export const AUTHRESS_USER_ID = /^[a-zA-Z0-9+._|/~:@\s-]+$/;
export const USER_ID_MAX_LENGTH = 128;

/** Characters a subject may keep verbatim: the Authress set, with plain spaces as its only whitespace. */
const KEPT = /^[A-Za-z0-9+._|/~:@ -]+$/;
const NOT_KEPT = /[^A-Za-z0-9+._|/~:@ -]/gu;
const HASH_LENGTH = 16;

/**
 * True when PostgreSQL could read `value` as a uuid: 32 hex digits in any case, whatever dashes, braces or
 * spaces surround or split them. Such a userId could be mistaken for another user's id in a path.
 */
export function uuidShaped(value: string): boolean {
  return /^[0-9a-f]{32}$/i.test(value.replace(/[-{}\s]/g, ''));
}

/** A subject that already fits and cannot be mistaken for a uuid is its own userId. */
export function fitsAsUserId(value: string): boolean {
  return value.length <= USER_ID_MAX_LENGTH && KEPT.test(value) && !uuidShaped(value);
}

/**
 * The userId for a subject (raw `sub`, or `<issuer host>|<sub>`): the subject itself when it fits, otherwise
 * its allowed characters (others become `_`, cut to fit) plus `~` and a hash of the whole raw subject, so
 * two subjects that sanitize alike still differ. The `~` keeps the result from ever reading as a uuid.
 */
export function userIdFor(subject: string): string {
  if (fitsAsUserId(subject)) return subject;
  const hash = createHash('sha256').update(subject, 'utf8').digest('hex').slice(0, HASH_LENGTH);
  const kept = [...subject.replace(NOT_KEPT, '_')].slice(0, USER_ID_MAX_LENGTH - HASH_LENGTH - 1).join('');
  return `${kept}~${hash}`;
}
