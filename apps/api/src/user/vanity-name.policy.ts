import { AppError, ErrorCode } from '../errors/app-error';

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const RESERVED = new Set(['admin', 'administrator', 'api', 'app', 'auth', 'cdn', 'dev', 'docs', 'help', 'login', 'mail', 'me', 'pieces', 'root', 'roster', 'signin', 'signup', 'staging', 'status', 'support', 'system', 'test', 'user', 'users', 'www']);

/** A vanity name is a lowercase DNS label that is not reserved. Returns it normalised to lowercase. */
export function checkVanityName(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0) throw new AppError(ErrorCode.ValidationError, 'vanityname is required.');
  const name = raw.toLowerCase();
  if (!DNS_LABEL.test(name)) throw new AppError(ErrorCode.ValidationError, 'vanityname must be 1-63 of a-z, 0-9 and -, not starting or ending with -.');
  if (RESERVED.has(name)) throw new AppError(ErrorCode.Conflict, 'vanityname is reserved.');
  return name;
}
